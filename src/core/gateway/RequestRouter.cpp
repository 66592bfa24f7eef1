#include "RequestRouter.h"

#include "Endpoint.h"
#include "EndpointTable.h"
#include "GatewayContext.h"
#include "RequestExchange.h"
#include "RequestJournal.h"
#include "http/HttpResponseWriter.h"
#include "http/MonotonicClock.h"

namespace {

constexpr int kClientClosedStatus = 499;

ApiFormat formatOf(const EndpointTable::Entry *entry, const QString &path)
{
    if (entry)
        return entry->errorFormat;
    return path.startsWith(QLatin1String("/v1/messages")) ? ApiFormat::Anthropic
                                                          : ApiFormat::OpenAi;
}

GatewayError refusalError(const HttpRefusal &refusal)
{
    GatewayErrorCode code = GatewayErrorCode::InvalidRequest;
    switch (refusal.status) {
    case 408:
        code = GatewayErrorCode::RequestTimeout;
        break;
    case 411:
        code = GatewayErrorCode::LengthRequired;
        break;
    case 413:
        code = GatewayErrorCode::PayloadTooLarge;
        break;
    case 417:
        code = GatewayErrorCode::ExpectationFailed;
        break;
    case 431:
        code = GatewayErrorCode::HeadersTooLarge;
        break;
    case 503:
        code = GatewayErrorCode::ServerBusy;
        break;
    case 505:
        code = GatewayErrorCode::VersionNotSupported;
        break;
    default:
        break;
    }
    GatewayError error = GatewayError::make(code, refusal.message);
    error.retryAfter = refusal.retryAfter;
    return error;
}

/// Writes an answer given before the request reached an endpoint, and finishes its record.
void answer(RequestJournal &journal, HttpResponseWriter &writer, RequestRecord record, bool logged,
            qint64 startedMs, const ErrorReply &reply, const QString &error)
{
    const bool connected = writer.isConnected();
    writer.writeResponse(reply.status, reply.headers, reply.body);
    if (!logged)
        return;
    record.status = connected ? reply.status : kClientClosedStatus;
    record.errorMessage = error;
    record.latencyMs = monotonicMs() - startedMs;
    record.responseBytes = writer.bytesWritten();
    record.responseBody = writer.capturedBody();
    journal.finish(std::move(record));
}

/// A request whose head was admitted: its body goes to the endpoint.
class AdmittedRequest : public HttpRequestReceiver
{
public:
    AdmittedRequest(std::shared_ptr<Endpoint> endpoint, ApiFormat format, RequestRecord record,
                    qint64 startedMs, RequestJournal *journal, bool logged)
        : m_endpoint(std::move(endpoint)), m_format(format), m_record(std::move(record)),
          m_startedMs(startedMs), m_journal(journal), m_logged(logged)
    {}

    void bodyReceived(IncomingRequest &&request, HttpResponseWriter &&writer) override
    {
        m_record.requestBytes = request.body.size();
        if (m_journal)
            m_record.requestBody = m_journal->bodyForRecord(request.body);
        m_endpoint->handle(RequestExchange(std::move(request), std::move(writer),
                                           std::move(m_record), m_format, m_startedMs, m_journal,
                                           m_logged));
    }

    void bodyRefused(const HttpRefusal &refusal, HttpResponseWriter &&writer) override
    {
        RequestExchange(IncomingRequest(), std::move(writer), std::move(m_record), m_format,
                        m_startedMs, m_journal, m_logged)
            .replyError(refusalError(refusal));
    }

    void abandoned() override
    {
        if (!m_logged || !m_journal)
            return;
        m_record.status = kClientClosedStatus;
        m_record.errorMessage = QStringLiteral("the client left before its request body was "
                                               "complete");
        m_record.latencyMs = monotonicMs() - m_startedMs;
        m_journal->finish(std::move(m_record));
    }

private:
    std::shared_ptr<Endpoint> m_endpoint;
    ApiFormat m_format;
    RequestRecord m_record;
    qint64 m_startedMs;
    QPointer<RequestJournal> m_journal;
    bool m_logged;
};

} // namespace

RequestRouter::RequestRouter(GatewayContext &context, const EndpointTable &endpoints)
    : m_context(context), m_endpoints(endpoints)
{}

void RequestRouter::configChanged()
{
    // Built once per configuration: it normalises the allowed origins.
    m_access.emplace(*m_context.config);
}

std::unique_ptr<HttpRequestReceiver> RequestRouter::headReceived(const IncomingRequest &head,
                                                                 HttpResponseWriter &writer)
{
    const qint64 startedMs = monotonicMs();
    RequestJournal &journal = *m_context.journal;
    const QString path = EndpointTable::normalisedPath(head.path);
    const EndpointTable::Entry *entry = m_endpoints.find(path);
    const ApiFormat format = formatOf(entry, path);
    RequestRecord record = journal.begin(head, entry ? entry->logFormat : QString());
    writer.setRequestId(record.id);
    writer.captureBody(journal.bodyCaptureBytes());
    // Health checks arrive every few seconds from supervisors: recorded only when asked for.
    const bool logged = path != QLatin1String("/health") || journal.settings().healthChecks;
    if (logged)
        journal.announce(record);
    const auto refuse = [&](const GatewayError &error, const HeaderList &extraHeaders = {}) {
        ErrorReply reply = ErrorRenderer::reply(error, format);
        reply.headers += extraHeaders;
        answer(journal, writer, std::move(record), logged, startedMs, reply, error.message);
        return nullptr;
    };

    // Access first (SPEC §5): Host, Origin and token are checked before the body is read, an
    // endpoint chosen or an upstream contacted.
    const AccessPolicy::Decision access =
        m_access->check(head, path, head.localAddress, head.localPort);
    switch (access.verdict) {
    case AccessPolicy::Verdict::Forbidden:
        return refuse(GatewayError::make(GatewayErrorCode::Forbidden, access.message),
                      access.corsHeaders);
    case AccessPolicy::Verdict::Unauthorized: {
        HeaderList headers{{QByteArrayLiteral("WWW-Authenticate"),
                            QByteArrayLiteral("Bearer realm=\"llm-gateway\"")}};
        headers += access.corsHeaders;
        return refuse(GatewayError::make(GatewayErrorCode::Unauthorized, access.message), headers);
    }
    case AccessPolicy::Verdict::Starting: {
        // Not a 401: the token is still being read from the keychain. SDKs retry a 503.
        GatewayError starting = GatewayError::make(GatewayErrorCode::ServerBusy, access.message);
        starting.retryAfter = QByteArrayLiteral("1");
        return refuse(starting, access.corsHeaders);
    }
    case AccessPolicy::Verdict::Preflight: {
        ErrorReply reply;
        reply.status = entry ? 204 : 404;
        reply.headers = access.corsHeaders;
        if (entry)
            reply.headers.append({QByteArrayLiteral("Allow"), entry->allowHeader() + ", OPTIONS"});
        answer(journal, writer, std::move(record), logged, startedMs, reply, QString());
        return nullptr;
    }
    case AccessPolicy::Verdict::Allow:
        break;
    }
    for (const auto &h : access.corsHeaders)
        writer.addCommonHeader(h.first, h.second);

    if (!entry) {
        return refuse(GatewayError::make(
            GatewayErrorCode::NotFound,
            QStringLiteral("Unknown path '%1'. The gateway serves %2 (also under /api).")
                .arg(head.path, m_endpoints.paths().join(QStringLiteral(", ")))));
    }
    if (!entry->accepts(head.method)) {
        const QByteArray allow = entry->allowHeader();
        return refuse(GatewayError::make(GatewayErrorCode::MethodNotAllowed,
                                         QStringLiteral("%1 does not accept %2; use %3.")
                                             .arg(path, QString::fromLatin1(head.method),
                                                  QString::fromLatin1(allow))),
                      {{QByteArrayLiteral("Allow"), allow}});
    }
    if (m_context.paused && !entry->servedWhilePaused) {
        GatewayError paused = GatewayError::make(
            GatewayErrorCode::ServerBusy,
            QStringLiteral("The gateway is paused. Resume it from the LLM Gateway tray menu or "
                           "dashboard."));
        paused.retryAfter = QByteArrayLiteral("30");
        return refuse(paused);
    }
    return std::make_unique<AdmittedRequest>(entry->handler, format, std::move(record), startedMs,
                                             &journal, logged);
}

void RequestRouter::headRefused(const HttpRefusal &refusal, const IncomingRequest &partial,
                                HttpResponseWriter &&writer)
{
    const qint64 startedMs = monotonicMs();
    RequestJournal &journal = *m_context.journal;
    const QString path = EndpointTable::normalisedPath(partial.path);
    const EndpointTable::Entry *entry = partial.path.isEmpty() ? nullptr : m_endpoints.find(path);
    RequestRecord record = journal.begin(partial, entry ? entry->logFormat : QString());
    writer.setRequestId(record.id);
    journal.announce(record);
    const GatewayError error = refusalError(refusal);
    answer(journal, writer, std::move(record), true, startedMs,
           ErrorRenderer::reply(error, formatOf(entry, path)), error.message);
}
