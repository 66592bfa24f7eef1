#pragma once

#include "api/GatewayError.h"
#include "config/GatewayConfig.h"
#include "http/HttpResponseWriter.h"
#include "http/IncomingRequest.h"
#include "requestlog/RequestRecord.h"
#include "sse/SseParser.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>

#include <memory>

class ChatTranslator;
class JsonTree;
class QNetworkReply;
class QTimer;
class SecretRedactor;
class UpstreamClientPool;

/// Everything one chat call needs, resolved by the gateway before the call starts.
struct CallSetup
{
    IncomingRequest request;
    ApiFormat clientFormat = ApiFormat::OpenAi;
    QJsonObject clientBody;
    /// clientBody differs from the parse of request.body (count_tokens drops `stream`).
    bool clientBodyEdited = false;
    /// The checked tree of a large request.body, whose translator reads it
    /// (ChatTranslator::readsClientTree); clientBody then holds only the body's top-level
    /// members that are not arrays or objects. Null for the others.
    std::shared_ptr<const JsonTree> clientTree;
    bool stream = false;
    ModelRoute route;
    ProviderSettings provider;
    QString apiKey;
    GatewayLimits limits;
    std::unique_ptr<ChatTranslator> translator;
    /// The request's log record as the router began it (id, start, client, method, path,
    /// format); the call completes it.
    RequestRecord record;
    /// Every key and the access token, removed from all the client receives (may be null).
    std::shared_ptr<const SecretRedactor> redactor;
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
    /// The call is over (its answer is written); whoever started it deletes it.
    void finished(const RequestRecord &record);

private:
    void onUpstreamMetaData();
    void onUpstreamReadyRead();
    void onUpstreamFinished();
    void onClientDisconnected();
    void onWatchdog();

    /// Which limit of time ended the call, if one did.
    enum class Timeout
    {
        None,
        Head,        ///< no response head within limits.upstreamConnectTimeoutMs
        Idle,        ///< silence in the body for limits.upstreamIdleTimeoutMs
        CallDuration ///< the whole call took longer than limits.maxCallDurationMs
    };

    void sendUpstream(QNetworkReply *reply);
    /// Sends the request again on the gateway's own client when QNAM stopped at an interim
    /// 1xx answer; true when it did.
    bool retryAfterInterimAnswer();
    void startClientStream();
    void relayEvents(const QByteArray &bytes);
    /// The upstream's error answer (status >= 300) to the client, from what was read of it.
    void passUpstreamError();
    void armWatchdog();
    void failCall(const GatewayError &error);
    /// `bytes` without any secret, as everything written to the client must be.
    QByteArray clean(const QByteArray &bytes) const;
    /// The provider could not be reached (no answer began).
    GatewayError networkFailure() const;
    /// The provider's answer began but broke off or was malformed.
    GatewayError brokenAnswerError() const;
    GatewayError timeoutError() const;
    GatewayError sseLimitError() const;
    void complete(int status, const QString &errorMessage = {});

    CallSetup m_setup;
    HttpResponseWriter m_writer;
    UpstreamClientPool &m_pool;
    QPointer<QNetworkReply> m_reply;
    QPointer<QNetworkReply> m_retiredReply; ///< the finished call's reply, deleted with it
    QNetworkRequest m_upstreamRequest;
    QByteArray m_upstreamRequestBody;
    bool m_interimRetried = false;
    /// One timer for every deadline of the call (head, idle, total): it fires at the nearest
    /// and re-arms itself, so a streamed piece costs no timer call.
    QTimer *m_watchdog;
    SseParser m_parser;
    QByteArray m_upstreamBody;
    int m_upstreamStatus = 0;
    bool m_headersSeen = false;
    Timeout m_timeout = Timeout::None;
    bool m_clientGone = false;
    bool m_shuttingDown = false;
    bool m_done = false;
    QString m_abortReason;
    QElapsedTimer m_clock;
    qint64 m_lastUpstreamActivityMs = 0;
    RequestRecord m_record;
};
