#pragma once

#include "CallRecord.h"
#include "api/GatewayError.h"
#include "config/GatewayConfig.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

class GatewayCall;
class GatewayHttpServer;
class GuardedTcpServer;
class HttpResponseWriter;
class ModelCatalog;
class UpstreamClientPool;
struct IncomingRequest;

/// Provider keys by provider id, as read from the secret sources. Never written anywhere.
using ProviderKeys = QHash<QString, QString>;

/// The gateway itself: listens, dispatches each request to its endpoint and runs the calls.
/// Lives in the gateway thread; everything it owns is created and used there. New
/// configuration arrives as an immutable snapshot: requests already running keep theirs.
class GatewayService : public QObject
{
    Q_OBJECT

public:
    explicit GatewayService(QObject *parent = nullptr);
    ~GatewayService() override;

    /// Starts listening on the configured host and port (port 0: any free port).
    /// Emits listening() or listenFailed().
    void start(std::shared_ptr<const GatewayConfig> config, ProviderKeys keys);
    void applyConfig(std::shared_ptr<const GatewayConfig> config);
    void applyKeys(ProviderKeys keys);
    /// Stops listening and ends every call in flight.
    void shutdown();

    int activeCallCount() const { return int(m_calls.size()); }

Q_SIGNALS:
    void listening(const QString &host, quint16 port);
    void listenFailed(const QString &message);
    void callFinished(const CallRecord &record);

private:
    void dispatch(IncomingRequest &&request, HttpResponseWriter &&writer);
    void handleHealth(HttpResponseWriter &writer);
    void handleModels(const IncomingRequest &request, HttpResponseWriter &&writer);
    void handleChat(IncomingRequest &&request, HttpResponseWriter &&writer, ApiFormat format);
    void replyError(HttpResponseWriter &writer, const GatewayError &error, ApiFormat format);

    std::shared_ptr<const GatewayConfig> m_config;
    RouteTable m_routes;
    ProviderKeys m_keys;
    UpstreamClientPool *m_pool;
    ModelCatalog *m_catalog;
    GatewayHttpServer *m_http = nullptr;
    QList<QPointer<GuardedTcpServer>> m_listeners;
    QList<QPointer<GatewayCall>> m_calls;
    qint64 m_startedAtMs = 0;
};
