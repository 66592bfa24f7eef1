#include "RequestExchange.h"

#include "RequestJournal.h"
#include "http/MonotonicClock.h"

namespace {
constexpr int kClientClosedStatus = 499;
} // namespace

RequestExchange::RequestExchange(IncomingRequest request, HttpResponseWriter writer,
                                 RequestRecord record, ApiFormat format, qint64 startedMs,
                                 RequestJournal *journal, bool logged)
    : m_request(std::move(request)), m_writer(std::move(writer)), m_record(std::move(record)),
      m_format(format), m_startedMs(startedMs), m_journal(journal), m_logged(logged)
{}

RequestExchange::RequestExchange(RequestExchange &&other) noexcept
    : m_request(std::move(other.m_request)), m_writer(std::move(other.m_writer)),
      m_record(std::move(other.m_record)), m_format(other.m_format), m_startedMs(other.m_startedMs),
      m_journal(other.m_journal), m_logged(other.m_logged),
      m_done(std::exchange(other.m_done, true))
{}

RequestExchange::~RequestExchange()
{
    if (m_done)
        return;
    if (!m_writer.isConnected()) {
        finishRecord(kClientClosedStatus, QStringLiteral("the client closed the connection"));
        return;
    }
    // Reaching this is a gateway bug: answer rather than leave the client waiting.
    replyError(GatewayError::make(GatewayErrorCode::Internal,
                                  QStringLiteral("The gateway dropped this request unanswered.")));
}

void RequestExchange::reply(int status, const HeaderList &headers, const QByteArray &body)
{
    if (m_done)
        return;
    if (!m_writer.isConnected()) {
        finishRecord(kClientClosedStatus, QStringLiteral("the client closed the connection"));
        return;
    }
    m_writer.writeResponse(status, headers, body);
    finishRecord(status, QString());
}

void RequestExchange::replyJson(int status, const QByteArray &json, const HeaderList &extraHeaders)
{
    HeaderList headers{{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    headers += extraHeaders;
    reply(status, headers, json);
}

void RequestExchange::replyError(const GatewayError &error)
{
    if (m_done)
        return;
    const ErrorReply rendered = ErrorRenderer::reply(error, m_format);
    if (!m_writer.isConnected()) {
        finishRecord(kClientClosedStatus, QStringLiteral("the client closed the connection"));
        return;
    }
    m_writer.writeResponse(rendered.status, rendered.headers, rendered.body);
    finishRecord(rendered.status, error.message);
}

HttpResponseWriter RequestExchange::takeWriter()
{
    m_done = true;
    return std::move(m_writer);
}

RequestRecord RequestExchange::takeRecord()
{
    m_done = true;
    return std::move(m_record);
}

void RequestExchange::finishRecord(int status, const QString &error)
{
    m_done = true;
    if (!m_logged || !m_journal)
        return;
    m_record.status = status;
    m_record.errorMessage = error;
    m_record.latencyMs = monotonicMs() - m_startedMs;
    m_record.responseBytes = m_writer.bytesWritten();
    m_record.responseBody = m_writer.capturedBody();
    m_journal->finish(std::move(m_record));
}
