#pragma once

#include "EndpointTable.h"
#include "GatewayContext.h"
#include "requestlog/RequestRecord.h"

#include <QObject>

#include <memory>

class CallTracker;
class HttpServer;
class ModelCatalog;
class RequestJournal;
class RequestLogSink;
class RequestRouter;
class UpstreamClientPool;

/// The gateway itself: owns the HTTP server, the endpoints and the state they share, and
/// applies new configuration, keys and pause state. Lives in the gateway thread; everything it
/// owns is created and used there. New configuration arrives as an immutable snapshot:
/// requests already running keep theirs.
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
    void setRequestLogSink(std::shared_ptr<RequestLogSink> sink);
    /// Stops listening and ends every call in flight.
    void shutdown();

    int activeCallCount() const;

Q_SIGNALS:
    void listening(const QString &host, quint16 port);
    void listenFailed(const QString &message);
    /// The records of answers given lately (after redaction), for the log output.
    void recordsFinished(const QList<RequestRecord> &records);
    /// A new host or port from applyConfig() could not be used: the old one stays in service.
    void relistenFailed(const QString &message);

private:
    void registerEndpoints();
    /// Puts a new configuration snapshot (or new keys) into effect for new requests.
    void configure(std::shared_ptr<const GatewayConfig> config);
    /// Opens a listener on the configured host and port; the error message when it fails.
    QString listenOnConfiguredAddress();

    GatewayContext m_context;
    EndpointTable m_endpoints;
    UpstreamClientPool *m_pool;
    ModelCatalog *m_catalog;
    RequestJournal *m_journal;
    CallTracker *m_calls;
    std::unique_ptr<RequestRouter> m_router;
    HttpServer *m_http;
    QString m_listenHost;     ///< the host and port asked for by the configuration that
    quint16 m_listenPort = 0; ///< the listener serves (port 0: any free port)
    bool m_listening = false;
    bool m_startAttempted = false;
};
