#pragma once

#include "api/GatewayError.h"
#include "config/GatewayConfig.h"
#include "http/HttpResponseWriter.h"
#include "http/IncomingRequest.h"
#include "requestlog/RequestRecord.h"
#include "sse/SseParser.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <memory>

class ChatTranslator;
class QNetworkReply;
class QTimer;
class UpstreamClientPool;

/// Everything one chat call needs, resolved by the gateway before the call starts.
struct CallSetup
{
    IncomingRequest request;
    ApiFormat clientFormat = ApiFormat::OpenAi;
    QJsonObject clientBody;
    bool stream = false;
    ModelRoute route;
    ProviderSettings provider;
    QString apiKey;
    GatewayLimits limits;
    std::unique_ptr<ChatTranslator> translator;
    /// The request's log record as the router began it (id, start, client, method, path,
    /// format); the call completes it.
    RequestRecord record;
};

/// One client chat request in flight: owns the client's response writer, the upstream reply
/// and their timers, relays the answer (streamed event by event, never buffered) and deletes
/// itself when done. A client that leaves aborts the upstream request at once.
class GatewayCall : public QObject
{
    Q_OBJECT

public:
    GatewayCall(CallSetup setup, HttpResponseWriter writer, UpstreamClientPool &pool,
                QObject *parent = nullptr);
    ~GatewayCall() override;

    /// Sends the upstream request. The call finishes (and deletes itself) later.
    void start();

    /// Ends the call now: the upstream request is aborted and an open stream ends with an
    /// error event (used at shutdown).
    void abort(const QString &reason);

Q_SIGNALS:
    void finished(const RequestRecord &record);

private:
    void onUpstreamMetaData();
    void onUpstreamReadyRead();
    void onUpstreamFinished();
    void onClientDisconnected();
    void onTimeout();
    void onIdleTimerFired();

    void startClientStream();
    void relayEvents(const QByteArray &bytes);
    void failCall(const GatewayError &error);
    GatewayError networkFailure() const;
    void complete(int status, const QString &errorMessage = {});

    CallSetup m_setup;
    HttpResponseWriter m_writer;
    UpstreamClientPool &m_pool;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_connectTimer;
    QTimer *m_idleTimer;
    SseParser m_parser;
    QByteArray m_upstreamBody;
    int m_upstreamStatus = 0;
    bool m_headersSeen = false;
    bool m_timedOut = false;
    bool m_clientGone = false;
    bool m_shuttingDown = false;
    bool m_done = false;
    QString m_abortReason;
    QElapsedTimer m_clock;
    qint64 m_lastUpstreamActivityMs = 0;
    RequestRecord m_record;
};
