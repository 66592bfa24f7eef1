#include "GatewayCall.h"

#include "providers/ChatTranslator.h"
#include "providers/ProviderAdapter.h"
#include "providers/UpstreamClientPool.h"

#include <QNetworkReply>
#include <QTimer>

namespace {
constexpr qint64 kMaxUpstreamBodyBytes = 256LL * 1024 * 1024;
constexpr qint64 kMaxUpstreamErrorBytes = 1024 * 1024;
constexpr int kClientClosedStatus = 499;
} // namespace

GatewayCall::GatewayCall(CallSetup setup, HttpResponseWriter writer, UpstreamClientPool &pool,
                         QObject *parent)
    : QObject(parent), m_setup(std::move(setup)), m_writer(std::move(writer)), m_pool(pool),
      m_connectTimer(new QTimer(this)), m_idleTimer(new QTimer(this))
{
    m_clock.start();
    m_record = std::move(m_setup.record);
    m_record.requestedModel = m_setup.clientBody.value(QStringLiteral("model")).toString();
    m_record.providerId = m_setup.provider.id;
    m_record.upstreamModel = m_setup.route.upstreamModel;
    m_record.stream = m_setup.stream;
    m_record.requestBytes = m_setup.request.body.size();

    m_connectTimer->setSingleShot(true);
    m_connectTimer->setInterval(m_setup.limits.upstreamConnectTimeoutMs);
    m_idleTimer->setSingleShot(true);
    m_idleTimer->setInterval(m_setup.limits.upstreamIdleTimeoutMs);
    connect(m_connectTimer, &QTimer::timeout, this, &GatewayCall::onTimeout);
    connect(m_idleTimer, &QTimer::timeout, this, &GatewayCall::onIdleTimerFired);
}

GatewayCall::~GatewayCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
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
    if (!m_setup.translator->translateRequest(m_setup.clientBody, m_setup.route.upstreamModel,
                                              &upstreamBody, &error)) {
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
    const QNetworkRequest request = adapter->chatRequest(
        m_setup.provider, m_setup.apiKey,
        m_setup.translator->upstreamPath(m_setup.route.upstreamModel, m_setup.stream),
        m_setup.stream, m_setup.request);
    m_reply = m_pool.post(request, upstreamBody);
    // The client's body has gone upstream (translated): its bytes, and their share of
    // limits.maxBufferedBodyBytes, are given back now rather than when a long stream ends.
    m_setup.request.body = QByteArray();
    m_setup.request.bodyLease.reset();
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &GatewayCall::onUpstreamMetaData);
    connect(m_reply, &QIODevice::readyRead, this, &GatewayCall::onUpstreamReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &GatewayCall::onUpstreamFinished);
    m_connectTimer->start();
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
    if (m_headersSeen || !m_reply)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    m_headersSeen = true;
    m_upstreamStatus = status.toInt();
    m_connectTimer->stop();
    m_lastUpstreamActivityMs = m_clock.elapsed();
    m_idleTimer->start(m_setup.limits.upstreamIdleTimeoutMs);
    if (m_setup.stream && m_upstreamStatus >= 200 && m_upstreamStatus < 300)
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
    m_writer.beginStream(200, headers);
}

void GatewayCall::onUpstreamReadyRead()
{
    if (!m_reply)
        return;
    if (!m_headersSeen)
        onUpstreamMetaData();
    // Restarting the timer on every streamed piece would re-register it with the event loop
    // each time; noting the time is enough, the timer re-arms itself when it fires early.
    m_lastUpstreamActivityMs = m_clock.elapsed();
    const QByteArray bytes = m_reply->readAll();
    const bool success = m_upstreamStatus >= 200 && m_upstreamStatus < 300;
    if (success && m_setup.stream) {
        relayEvents(bytes);
        return;
    }
    const qint64 cap = success ? kMaxUpstreamBodyBytes : kMaxUpstreamErrorBytes;
    if (m_upstreamBody.size() + bytes.size() > cap) {
        if (!success) // enough of an error message; the rest is noise
            return;
        failCall(GatewayError::make(GatewayErrorCode::UpstreamBadResponse,
                                    QStringLiteral("The upstream answer is larger than %1 MB.")
                                        .arg(kMaxUpstreamBodyBytes / (1024 * 1024))));
        return;
    }
    m_upstreamBody += bytes;
}

void GatewayCall::relayEvents(const QByteArray &bytes)
{
    const QList<SseEvent> events = m_parser.feed(bytes);
    if (events.isEmpty())
        return;
    // One write per upstream read: the client sees each event as soon as it arrived.
    QByteArray out;
    for (const SseEvent &event : events)
        out += m_setup.translator->translateEvent(event);
    if (out.isEmpty())
        return;
    if (m_record.firstTokenMs < 0)
        m_record.firstTokenMs = m_clock.elapsed();
    m_writer.writeChunk(out);
}

void GatewayCall::onUpstreamFinished()
{
    if (m_done)
        return;
    m_connectTimer->stop();
    m_idleTimer->stop();
    if (!m_reply)
        return;
    if (!m_headersSeen)
        onUpstreamMetaData();
    if (m_reply->bytesAvailable() > 0)
        onUpstreamReadyRead();
    if (m_done)
        return;

    if (m_clientGone) {
        complete(kClientClosedStatus, QStringLiteral("the client closed the connection"));
        return;
    }
    if (m_shuttingDown) {
        failCall(GatewayError::make(GatewayErrorCode::ServerBusy, m_abortReason));
        return;
    }
    if (m_timedOut) {
        failCall(GatewayError::make(
            GatewayErrorCode::UpstreamTimeout,
            m_headersSeen
                ? QStringLiteral("Provider '%1' stopped sending for %2 s; the gateway gave up "
                                 "(limits.upstreamIdleTimeoutMs).")
                      .arg(m_setup.provider.id)
                      .arg(m_setup.limits.upstreamIdleTimeoutMs / 1000.0)
                : QStringLiteral("Provider '%1' did not answer within %2 s "
                                 "(limits.upstreamConnectTimeoutMs).")
                      .arg(m_setup.provider.id)
                      .arg(m_setup.limits.upstreamConnectTimeoutMs / 1000.0)));
        return;
    }

    const QNetworkReply::NetworkError networkError = m_reply->error();
    const bool httpAnswered = m_upstreamStatus > 0;
    const bool success = m_upstreamStatus >= 200 && m_upstreamStatus < 300;

    if (!httpAnswered) {
        failCall(networkFailure());
        return;
    }
    if (!success) {
        const QByteArray retryAfter = m_reply->rawHeader("Retry-After");
        GatewayError error =
            m_setup.translator->translateError(m_upstreamStatus, m_upstreamBody, retryAfter);
        if ((m_upstreamStatus == 401 || m_upstreamStatus == 403) && m_setup.apiKey.isEmpty()) {
            error.message +=
                QStringLiteral(" (The gateway has no API key for provider '%1': "
                               "set %2 or store a key for it.)")
                    .arg(m_setup.provider.id, m_setup.provider.keyEnvironmentVariable());
        }
        failCall(error);
        return;
    }

    // A 2xx answer that broke off: the body is incomplete whatever was received.
    const bool broken = networkError != QNetworkReply::NoError;
    if (m_setup.stream) {
        // A stream whose last event lacked its blank line: end the event now.
        if (!broken && m_parser.hasPartialEvent())
            relayEvents(QByteArrayLiteral("\n\n"));
        if (!broken && m_setup.translator->isStreamComplete()) {
            m_writer.writeChunk(m_setup.translator->finishStream());
            m_writer.endStream();
            complete(200);
            return;
        }
        failCall(GatewayError::make(
            GatewayErrorCode::UpstreamBadResponse,
            broken ? QStringLiteral("The connection to provider '%1' broke during the stream: %2")
                         .arg(m_setup.provider.id, m_reply->errorString())
                   : QStringLiteral("Provider '%1' ended the stream without its final event.")
                         .arg(m_setup.provider.id)));
        return;
    }
    if (broken) {
        failCall(networkFailure());
        return;
    }
    QByteArray clientBody;
    GatewayError error;
    if (!m_setup.translator->translateResponse(m_upstreamBody, &clientBody, &error)) {
        failCall(error);
        return;
    }
    m_writer.writeJson(
        200, clientBody,
        {{QByteArrayLiteral("X-LLM-Gateway-Provider"), m_setup.provider.id.toUtf8()}});
    complete(200);
}

GatewayError GatewayCall::networkFailure() const
{
    const QString url = ProviderAdapter::joinUrl(m_setup.provider.baseUrl,
                                                 m_setup.translator->upstreamPath(
                                                     m_setup.route.upstreamModel, m_setup.stream))
                            .toString();
    const QString reason = m_reply ? m_reply->errorString() : QStringLiteral("no reply");
    return GatewayError::make(
        GatewayErrorCode::UpstreamUnreachable,
        QStringLiteral("Cannot reach provider '%1' at %2: %3. Check that it is running and that "
                       "its base URL (%4) is right.")
            .arg(m_setup.provider.id, url, reason, m_setup.provider.baseEnvironmentVariable()));
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

void GatewayCall::onIdleTimerFired()
{
    const qint64 quietMs = m_clock.elapsed() - m_lastUpstreamActivityMs;
    const qint64 limitMs = m_setup.limits.upstreamIdleTimeoutMs;
    if (quietMs < limitMs) {
        m_idleTimer->start(int(limitMs - quietMs));
        return;
    }
    onTimeout();
}

void GatewayCall::onTimeout()
{
    m_timedOut = true;
    if (m_reply)
        m_reply->abort();
}

void GatewayCall::failCall(const GatewayError &upstreamError)
{
    if (m_done)
        return;
    // Some providers repeat the key they were sent in their error message: it must reach
    // neither the client nor the log (SPEC §2).
    GatewayError error = upstreamError;
    if (m_setup.apiKey.size() >= 8)
        error.message.replace(m_setup.apiKey, QStringLiteral("[redacted key]"));
    if (m_reply && !m_reply->isFinished()) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
    if (m_writer.hasStarted()) {
        // The status line is gone already: the error travels as the stream's last event.
        m_writer.writeChunk(m_setup.translator
                                ? m_setup.translator->streamError(error, m_setup.clientFormat)
                                : ErrorRenderer::streamEvent(error, m_setup.clientFormat));
        m_writer.endStream();
    } else {
        const ErrorReply reply = ErrorRenderer::reply(error, m_setup.clientFormat);
        m_writer.writeResponse(reply.status, reply.headers, reply.body);
    }
    complete(error.httpStatus(), error.message);
}

void GatewayCall::complete(int status, const QString &errorMessage)
{
    if (m_done)
        return;
    m_done = true;
    m_connectTimer->stop();
    m_idleTimer->stop();
    if (m_writer.hasStarted() && !m_writer.isFinished())
        m_writer.endStream();
    m_record.status = m_clientGone ? kClientClosedStatus : status;
    m_record.errorMessage = errorMessage;
    m_record.latencyMs = m_clock.elapsed();
    m_record.usage = m_setup.translator ? m_setup.translator->usage() : TokenUsage{};
    if (m_setup.translator)
        m_record.notes = m_setup.translator->notes();
    m_record.responseBytes = m_writer.bytesWritten();
    m_record.responseBody = m_writer.capturedBody();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->deleteLater();
        m_reply.clear();
    }
    Q_EMIT finished(m_record);
    deleteLater();
}
