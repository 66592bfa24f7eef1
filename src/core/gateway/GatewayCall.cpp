#include "GatewayCall.h"

#include "SecretRedactor.h"
#include "api/ChatRequestValidator.h"
#include "providers/ChatTranslator.h"
#include "providers/ProviderAdapter.h"
#include "providers/UpstreamClientPool.h"
#include "providers/UpstreamErrorStatus.h"

#include <QNetworkReply>
#include <QTimer>

#include <climits>

namespace {
/// An upstream error answer is read up to this size; beyond it the rest is noise.
constexpr qint64 kMaxUpstreamErrorBytes = 1024 * 1024;
/// What QNetworkAccessManager may hold for a call before the gateway reads it: its HTTP thread
/// stops reading from the network beyond this, so an upstream that sends faster than the
/// gateway drains never piles up in memory.
constexpr qint64 kQtReadBufferBytes = 1024 * 1024;
constexpr int kClientClosedStatus = 499;

/// "16", "1024", "0.5": a limit in MB as a user would write it.
QString megabytes(qint64 bytes)
{
    constexpr qint64 kMegabyte = 1024 * 1024;
    return QString::number(double(bytes) / kMegabyte, 'f', bytes % kMegabyte == 0 ? 0 : 1);
}
} // namespace

GatewayCall::GatewayCall(CallSetup setup, HttpResponseWriter writer, UpstreamClientPool &pool,
                         QObject *parent)
    : QObject(parent), m_setup(std::move(setup)), m_writer(std::move(writer)), m_pool(pool),
      m_watchdog(new QTimer(this)),
      m_parser(m_setup.limits.maxSseLineBytes, m_setup.limits.maxSseEventBytes)
{
    m_clock.start();
    m_record = std::move(m_setup.record);
    m_record.requestedModel = m_setup.clientBody.value(QStringLiteral("model")).toString();
    m_record.providerId = m_setup.provider.id;
    m_record.upstreamModel = m_setup.route.upstreamModel;
    m_record.stream = m_setup.stream;
    m_record.requestBytes = m_setup.request.body.size();

    m_watchdog->setSingleShot(true);
    connect(m_watchdog, &QTimer::timeout, this, &GatewayCall::onWatchdog);
    if (!m_setup.redactor) // made without the gateway's snapshot: at least the call's own key
        m_setup.redactor =
            std::make_shared<const SecretRedactor>(QList<QByteArray>{m_setup.apiKey.toUtf8()});
}

GatewayCall::~GatewayCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    // Deleted now: the call is deleted by CallTracker's timer, never from inside one of the
    // reply's signals, and deleteLater would wake the event loop for an extra pass.
    delete m_retiredReply;
}

void GatewayCall::start()
{
    if (!m_writer.isConnected()) {
        complete(kClientClosedStatus, QStringLiteral("the client left before the call started"));
        return;
    }
    connect(m_writer.socket(), &QAbstractSocket::disconnected, this,
            &GatewayCall::onClientDisconnected);

    QByteArray upstreamBody;
    GatewayError error;
    if (m_setup.clientTree && !m_setup.translator->readsClientTree()) {
        if (auto invalid =
                ChatRequestValidator::parseBody(m_setup.request.body, &m_setup.clientBody)) {
            failCall(*invalid); // cannot happen: the tree was read from the same bytes
            return;
        }
        m_setup.clientTree.reset();
    }
    if (!m_setup.clientBodyEdited) {
        m_setup.translator->setClientBodyBytes(m_setup.request.body);
        m_setup.translator->setClientTree(m_setup.clientTree);
    }
    const bool translated = m_setup.translator->translateRequest(
        m_setup.clientBody, m_setup.route.upstreamModel, &upstreamBody, &error);
    // Only the request is read from the tree and the parsed body: a stream may last minutes,
    // and a long history's nodes take about as much memory as its text.
    m_setup.translator->setClientTree(nullptr);
    m_setup.clientTree.reset();
    m_setup.clientBody = QJsonObject();
    if (!translated) {
        failCall(error);
        return;
    }
    const ProviderAdapter *adapter = ProviderAdapter::forType(m_setup.provider.type);
    if (!adapter) { // the registry made the translator, so it knows the type: a gateway bug
        failCall(GatewayError::make(
            GatewayErrorCode::Internal,
            QStringLiteral("No adapter for provider '%1'.").arg(m_setup.provider.id)));
        return;
    }
    m_upstreamRequest = adapter->chatRequest(
        m_setup.provider, m_setup.apiKey,
        m_setup.translator->upstreamPath(m_setup.route.upstreamModel, m_setup.stream),
        m_setup.stream, m_setup.request);
    m_upstreamRequestBody = upstreamBody;
    sendUpstream(m_pool.post(m_upstreamRequest, m_upstreamRequestBody));
    // The client's request has gone upstream (translated): its head and bytes, and their
    // share of limits.maxBufferedBodyBytes, are given back now rather than when a long
    // stream ends.
    m_setup.request = IncomingRequest();
    armWatchdog();
}

void GatewayCall::sendUpstream(QNetworkReply *reply)
{
    m_reply = reply;
    m_reply->setReadBufferSize(kQtReadBufferBytes);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &GatewayCall::onUpstreamMetaData);
    connect(m_reply, &QIODevice::readyRead, this, &GatewayCall::onUpstreamReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &GatewayCall::onUpstreamFinished);
}

bool GatewayCall::retryAfterInterimAnswer()
{
    // QNetworkAccessManager (Qt 6.4) takes an interim answer other than 100 (102 Processing,
    // 103 Early Hints) for the final one: the reply ends there and Qt drops the real answer
    // that follows on the connection. The gateway's own client skips interim answers, so the
    // request is sent again on it, once. (The first one may have been billed, as it would if
    // the client retried after a 502; the client at least gets its answer.)
    if (m_headersSeen || m_interimRetried || !m_reply)
        return false;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status < 100 || status > 199 || status == 101)
        return false;
    m_interimRetried = true;
    m_record.notes.append(QStringLiteral("sent again on the gateway's own HTTP client: Qt's "
                                         "network stack stopped at an interim %1 answer")
                              .arg(status));
    m_reply->disconnect(this);
    m_reply->deleteLater();
    sendUpstream(m_pool.postOnBuiltinClient(m_upstreamRequest, m_upstreamRequestBody));
    armWatchdog();
    return true;
}

void GatewayCall::abort(const QString &reason)
{
    m_shuttingDown = true;
    m_abortReason = reason;
    if (m_reply)
        m_reply->abort(); // finishes the call through onUpstreamFinished
    else
        failCall(GatewayError::make(GatewayErrorCode::ServerBusy, reason));
}

void GatewayCall::onUpstreamMetaData()
{
    if (m_headersSeen || !m_reply || m_done)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    if (status.toInt() >= 100 && status.toInt() < 200 && status.toInt() != 101)
        return; // an interim answer (QNAM reports some as if final): the real one follows
    m_headersSeen = true;
    m_upstreamStatus = status.toInt();
    // The request cannot be sent again now (retryAfterInterimAnswer): a stream that lasts
    // minutes holds neither it nor its body.
    m_upstreamRequest = QNetworkRequest();
    m_upstreamRequestBody = QByteArray();
    m_lastUpstreamActivityMs = m_clock.elapsed();
    armWatchdog();
    const bool success = m_upstreamStatus >= 200 && m_upstreamStatus < 300;
    if (success && !m_setup.stream) {
        // A body announced over the limit is refused before a byte of it is read.
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        const qint64 cap = m_setup.limits.maxUpstreamBodyBytes;
        if (length.isValid() && length.toLongLong() > cap) {
            failCall(GatewayError::make(
                GatewayErrorCode::UpstreamBadResponse,
                QStringLiteral("Provider '%1' announced an answer of %2 MB, over the gateway's "
                               "limit of %3 MB (limits.maxUpstreamBodyBytes).")
                    .arg(m_setup.provider.id, megabytes(length.toLongLong()), megabytes(cap))));
            return;
        }
        if (length.isValid() && length.toLongLong() > 0)
            m_upstreamBody.reserve(qsizetype(length.toLongLong()));
    }
    if (m_setup.stream && success)
        startClientStream();
}

void GatewayCall::startClientStream()
{
    HeaderList headers{
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/event-stream; charset=utf-8")},
        {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache")},
        {QByteArrayLiteral("X-Accel-Buffering"), QByteArrayLiteral("no")},
        {QByteArrayLiteral("X-LLM-Gateway-Provider"), m_setup.provider.id.toUtf8()},
    };
    // The first event usually comes in the same read as the head: the head then waits for it
    // (onUpstreamReadyRead follows at once) and both reach the client in one write.
    m_writer.beginStream(200, headers, m_reply && m_reply->bytesAvailable() > 0);
}

void GatewayCall::onUpstreamReadyRead()
{
    if (!m_reply || m_done)
        return;
    if (!m_headersSeen)
        onUpstreamMetaData();
    if (m_done || !m_headersSeen)
        return;
    // Restarting a timer on every streamed piece would re-register it with the event loop
    // each time; noting the time is enough, the watchdog re-arms itself when it fires early.
    m_lastUpstreamActivityMs = m_clock.elapsed();
    const QByteArray bytes = m_reply->readAll();
    const bool success = m_upstreamStatus >= 200 && m_upstreamStatus < 300;
    if (success && m_setup.stream) {
        relayEvents(bytes);
        m_writer.flushHeldHead(); // the read held no complete event: the head goes alone
        return;
    }
    if (!success) {
        // Enough of an error message: the call ends with what came, the rest is not read.
        m_upstreamBody += bytes.left(qsizetype(kMaxUpstreamErrorBytes - m_upstreamBody.size()));
        if (m_upstreamBody.size() >= kMaxUpstreamErrorBytes)
            passUpstreamError();
        return;
    }
    const qint64 cap = m_setup.limits.maxUpstreamBodyBytes;
    if (m_upstreamBody.size() + bytes.size() > cap) {
        failCall(GatewayError::make(
            GatewayErrorCode::UpstreamBadResponse,
            QStringLiteral("Provider '%1' sent an answer larger than the gateway's limit of %2 MB "
                           "(limits.maxUpstreamBodyBytes); the gateway stopped reading it.")
                .arg(m_setup.provider.id, megabytes(cap))));
        return;
    }
    m_upstreamBody += bytes;
}

void GatewayCall::relayEvents(const QByteArray &bytes)
{
    const QList<SseEvent> events = m_parser.feed(bytes);
    // One write per upstream read: the client sees each event as soon as it arrived.
    QByteArray out;
    for (const SseEvent &event : events)
        out += m_setup.translator->translateEvent(event);
    if (!out.isEmpty()) {
        if (m_record.firstTokenMs < 0)
            m_record.firstTokenMs = m_clock.elapsed();
        m_writer.writeChunk(clean(out));
    }
    if (m_parser.error() != SseParser::Error::None)
        failCall(sseLimitError());
}

void GatewayCall::onUpstreamFinished()
{
    if (m_done)
        return;
    m_watchdog->stop();
    if (!m_reply)
        return;
    if (!m_clientGone && !m_shuttingDown && m_timeout == Timeout::None && retryAfterInterimAnswer())
        return;
    if (!m_headersSeen)
        onUpstreamMetaData();
    if (m_reply && m_reply->bytesAvailable() > 0)
        onUpstreamReadyRead();
    if (m_done || !m_reply)
        return;

    if (m_clientGone) {
        complete(kClientClosedStatus, QStringLiteral("the client closed the connection"));
        return;
    }
    if (m_shuttingDown) {
        failCall(GatewayError::make(GatewayErrorCode::ServerBusy, m_abortReason));
        return;
    }
    if (m_timeout != Timeout::None) {
        failCall(timeoutError());
        return;
    }

    const QNetworkReply::NetworkError networkError = m_reply->error();
    const bool httpAnswered = m_upstreamStatus > 0;
    const bool success = m_upstreamStatus >= 200 && m_upstreamStatus < 300;

    if (!httpAnswered) {
        const int interim = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (interim >= 100 && interim < 200) {
            // Asked again already (or no other client could): the answer is lost to Qt.
            failCall(GatewayError::make(
                GatewayErrorCode::UpstreamBadResponse,
                QStringLiteral("Provider '%1' answered with an interim HTTP %2 that Qt's network "
                               "stack takes for the final answer; the real answer was lost. Use "
                               "the gateway's own HTTP client (\"builtinHttpClient\": true).")
                    .arg(m_setup.provider.id)
                    .arg(interim)));
            return;
        }
        failCall(networkFailure());
        return;
    }
    if (!success) {
        passUpstreamError();
        return;
    }

    // A 2xx answer that broke off: the body is incomplete whatever was received.
    const bool broken = networkError != QNetworkReply::NoError;
    if (m_setup.stream) {
        // A stream whose last event lacked its blank line: end the event now.
        if (!broken && m_parser.hasPartialEvent())
            relayEvents(QByteArrayLiteral("\n\n"));
        if (m_done)
            return;
        if (!broken && m_setup.translator->isStreamComplete()) {
            m_writer.endStream(clean(m_setup.translator->finishStream()));
            complete(200);
            return;
        }
        failCall(broken ? brokenAnswerError()
                        : GatewayError::make(
                              GatewayErrorCode::UpstreamBadResponse,
                              QStringLiteral("Provider '%1' ended the stream without its final "
                                             "event.")
                                  .arg(m_setup.provider.id)));
        return;
    }
    if (broken) {
        failCall(brokenAnswerError());
        return;
    }
    QByteArray clientBody;
    GatewayError error;
    if (!m_setup.translator->translateResponse(m_upstreamBody, &clientBody, &error)) {
        failCall(error);
        return;
    }
    m_writer.writeJson(
        200, clean(clientBody),
        {{QByteArrayLiteral("X-LLM-Gateway-Provider"), m_setup.provider.id.toUtf8()}});
    complete(200);
}

void GatewayCall::passUpstreamError()
{
    // Retry-After goes on only when it is what the standard allows: seconds or an HTTP date
    // (anything else, a key included, is dropped).
    QByteArray retryAfter = m_reply ? m_reply->rawHeader("Retry-After").trimmed() : QByteArray();
    if (!UpstreamErrorStatus::isValidRetryAfter(retryAfter))
        retryAfter.clear();
    GatewayError error =
        m_setup.translator->translateError(m_upstreamStatus, m_upstreamBody, retryAfter);
    if ((m_upstreamStatus == 401 || m_upstreamStatus == 403) && m_setup.apiKey.isEmpty()) {
        error.message += QStringLiteral(" (The gateway has no API key for provider '%1': "
                                        "set %2 or store a key for it.)")
                             .arg(m_setup.provider.id, m_setup.provider.keyEnvironmentVariable());
    }
    failCall(error);
}

GatewayError GatewayCall::networkFailure() const
{
    const QString url = ProviderAdapter::joinUrl(m_setup.provider.baseUrl,
                                                 m_setup.translator->upstreamPath(
                                                     m_setup.route.upstreamModel, m_setup.stream))
                            .toString();
    const QString reason =
        m_reply ? UpstreamClientPool::failureReason(m_reply) : QStringLiteral("no reply");
    QString message;
    switch (m_reply ? m_reply->error() : QNetworkReply::UnknownNetworkError) {
    case QNetworkReply::SslHandshakeFailedError:
        message = QStringLiteral("The TLS connection to provider '%1' at %2 was refused: %3.")
                      .arg(m_setup.provider.id, url, reason);
        break;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        message = QStringLiteral("Cannot reach provider '%1' at %2 through the proxy: %3. Check "
                                 "the proxy settings (https_proxy, http_proxy, no_proxy).")
                      .arg(m_setup.provider.id, url, reason);
        break;
    case QNetworkReply::ProtocolInvalidOperationError:
        message = QStringLiteral("The request to provider '%1' was not sent: %2.")
                      .arg(m_setup.provider.id, reason);
        break;
    default:
        message =
            QStringLiteral("Cannot reach provider '%1' at %2: %3. Check that it is running "
                           "and that its base URL (%4) is right.")
                .arg(m_setup.provider.id, url, reason, m_setup.provider.baseEnvironmentVariable());
        break;
    }
    return GatewayError::make(GatewayErrorCode::UpstreamUnreachable, message);
}

GatewayError GatewayCall::brokenAnswerError() const
{
    // The provider was reached and began its answer: a fault in the answer, not the network.
    const QString reason = m_reply ? m_reply->errorString() : QStringLiteral("no reply");
    const bool malformed = m_reply && m_reply->error() == QNetworkReply::ProtocolFailure;
    return GatewayError::make(
        GatewayErrorCode::UpstreamBadResponse,
        malformed ? QStringLiteral("Provider '%1' sent a malformed answer: %2")
                        .arg(m_setup.provider.id, reason)
        : m_setup.stream
            ? QStringLiteral("The connection to provider '%1' broke during the stream: %2")
                  .arg(m_setup.provider.id, reason)
            : QStringLiteral("The connection to provider '%1' broke during its answer: %2")
                  .arg(m_setup.provider.id, reason));
}

GatewayError GatewayCall::timeoutError() const
{
    const GatewayLimits &limits = m_setup.limits;
    QString message;
    switch (m_timeout) {
    case Timeout::CallDuration:
        message = QStringLiteral("Provider '%1' was still answering after %2 s, the longest a "
                                 "call may take (limits.maxCallDurationMs); the gateway ended it.")
                      .arg(m_setup.provider.id)
                      .arg(limits.maxCallDurationMs / 1000.0);
        break;
    case Timeout::Idle:
        message = QStringLiteral("Provider '%1' stopped sending for %2 s; the gateway gave up "
                                 "(limits.upstreamIdleTimeoutMs).")
                      .arg(m_setup.provider.id)
                      .arg(limits.upstreamIdleTimeoutMs / 1000.0);
        break;
    case Timeout::Head:
    case Timeout::None:
        message = QStringLiteral("Provider '%1' did not answer within %2 s "
                                 "(limits.upstreamConnectTimeoutMs).")
                      .arg(m_setup.provider.id)
                      .arg(limits.upstreamConnectTimeoutMs / 1000.0);
        break;
    }
    return GatewayError::make(GatewayErrorCode::UpstreamTimeout, message);
}

GatewayError GatewayCall::sseLimitError() const
{
    const bool line = m_parser.error() == SseParser::Error::LineTooLong;
    return GatewayError::make(
        GatewayErrorCode::UpstreamBadResponse,
        line ? QStringLiteral("Provider '%1' sent a stream line longer than the gateway's limit "
                              "of %2 MB (limits.maxSseLineBytes); the gateway stopped reading.")
                   .arg(m_setup.provider.id, megabytes(m_parser.maxLineBytes()))
             : QStringLiteral("Provider '%1' sent a stream event larger than the gateway's "
                              "limit of %2 MB (limits.maxSseEventBytes); the gateway stopped "
                              "reading.")
                   .arg(m_setup.provider.id, megabytes(m_parser.maxEventBytes())));
}

void GatewayCall::onClientDisconnected()
{
    if (m_done)
        return;
    m_clientGone = true;
    if (m_reply)
        m_reply->abort(); // closes the upstream connection; finishes via onUpstreamFinished
    else
        complete(kClientClosedStatus, QStringLiteral("the client closed the connection"));
}

void GatewayCall::armWatchdog()
{
    const GatewayLimits &limits = m_setup.limits;
    const qint64 phaseDue = m_headersSeen ? m_lastUpstreamActivityMs + limits.upstreamIdleTimeoutMs
                                          : qint64(limits.upstreamConnectTimeoutMs);
    const qint64 due = qMin(phaseDue, qint64(limits.maxCallDurationMs));
    m_watchdog->start(int(qBound<qint64>(0, due - m_clock.elapsed(), qint64(INT_MAX))));
}

void GatewayCall::onWatchdog()
{
    if (m_done)
        return;
    const GatewayLimits &limits = m_setup.limits;
    const qint64 now = m_clock.elapsed();
    if (now >= limits.maxCallDurationMs) {
        m_timeout = Timeout::CallDuration;
    } else if (!m_headersSeen) {
        if (now >= limits.upstreamConnectTimeoutMs)
            m_timeout = Timeout::Head;
    } else if (m_reply && m_reply->bytesAvailable() > 0) {
        // Data waits to be read (this thread was busy): the upstream is not idle.
        m_lastUpstreamActivityMs = now;
    } else if (now - m_lastUpstreamActivityMs >= limits.upstreamIdleTimeoutMs) {
        m_timeout = Timeout::Idle;
    }
    if (m_timeout == Timeout::None) {
        armWatchdog();
        return;
    }
    if (m_reply)
        m_reply->abort(); // finishes the call through onUpstreamFinished
    else
        failCall(timeoutError());
}

void GatewayCall::failCall(const GatewayError &error)
{
    if (m_done)
        return;
    if (m_reply && !m_reply->isFinished()) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
    // Every field of the error may hold what an upstream sent (message, type, code, param):
    // the rendered bytes are redacted whole, as everything else the client receives.
    if (m_writer.hasStarted()) {
        // The status line is gone already: the error travels as the stream's last event.
        m_writer.endStream(clean(m_setup.translator
                                     ? m_setup.translator->streamError(error, m_setup.clientFormat)
                                     : ErrorRenderer::streamEvent(error, m_setup.clientFormat)));
    } else {
        ErrorReply reply = ErrorRenderer::reply(error, m_setup.clientFormat);
        for (auto &header : reply.headers)
            header.second = clean(header.second);
        m_writer.writeResponse(reply.status, reply.headers, clean(reply.body));
    }
    complete(error.httpStatus(),
             m_setup.redactor ? m_setup.redactor->redactString(error.message) : error.message);
}

QByteArray GatewayCall::clean(const QByteArray &bytes) const
{
    return m_setup.redactor ? m_setup.redactor->redact(bytes) : bytes;
}

void GatewayCall::complete(int status, const QString &errorMessage)
{
    if (m_done)
        return;
    m_done = true;
    m_watchdog->stop();
    if (m_writer.hasStarted() && !m_writer.isFinished())
        m_writer.endStream();
    m_record.status = m_clientGone ? kClientClosedStatus : status;
    m_record.errorMessage = errorMessage;
    m_record.latencyMs = m_clock.elapsed();
    m_record.usage = m_setup.translator ? m_setup.translator->usage() : TokenUsage{};
    if (m_setup.translator)
        m_record.notes = m_setup.translator->notes() + m_record.notes;
    m_record.responseBytes = m_writer.bytesWritten();
    m_record.responseBody = m_writer.capturedBody();
    if (m_reply) {
        // Deleted with the call (see CallTracker): not at the next event-loop pass, which is
        // when the client's next request is read.
        m_reply->disconnect(this);
        m_retiredReply = m_reply;
        m_reply.clear();
    }
    Q_EMIT finished(m_record);
}
