#pragma once

#include "api/GatewayError.h"
#include "config/GatewayConfig.h"
#include "providers/ProviderRegistry.h"
#include "requestlog/RequestRecord.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

class GatewayCall;
class GatewayHttpServer;
class GuardedTcpServer;
class HttpResponseWriter;
class ModelCatalog;
class RequestLogSink;
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
    /// Paused: every API request is answered 503 (streams in flight finish); /health answers.
    void setPaused(bool paused);
    /// Where request records go (may be null: none). Shared with the log's own thread.
    void setRequestLogSink(std::shared_ptr<RequestLogSink> sink) { m_logSink = std::move(sink); }
    /// Stops listening and ends every call in flight.
    void shutdown();

    int activeCallCount() const { return int(m_calls.size()); }

Q_SIGNALS:
    void listening(const QString &host, quint16 port);
    void listenFailed(const QString &message);
    void callFinished(const RequestRecord &record);
    /// A new host or port from applyConfig() could not be used: the old one stays in service.
    void relistenFailed(const QString &message);

private:
    void dispatch(IncomingRequest &&request, HttpResponseWriter &&writer);
    void handleHealth(HttpResponseWriter &writer);
    void handleModels(const IncomingRequest &request, HttpResponseWriter &&writer);
    void handleChat(IncomingRequest &&request, HttpResponseWriter &&writer, ClientApi api);
    /// Opens a listener on the configured host and port; the error message when it fails.
    QString listenOnConfiguredAddress();
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
    QString m_listenHost;     ///< the host and port asked for by the configuration that
    quint16 m_listenPort = 0; ///< the listeners serve (port 0: any free port)
    bool m_paused = false;
    std::shared_ptr<RequestLogSink> m_logSink;
    bool m_startAttempted = false;
};
