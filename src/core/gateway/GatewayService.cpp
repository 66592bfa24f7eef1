#include "GatewayService.h"

#include "AccessPolicy.h"
#include "GatewayCall.h"
#include "GatewayHttpServer.h"
#include "GuardedTcpServer.h"
#include "HttpResponseWriter.h"
#include "IncomingRequest.h"
#include "ModelCatalog.h"
#include "api/ChatRequestValidator.h"
#include "providers/ProviderAdapter.h"
#include "providers/ProviderRegistry.h"
#include "providers/UpstreamClientPool.h"
#include "providers/anthropic/ClaudeModelNames.h"
#include "providers/anthropic/TokenEstimator.h"
#include "requestlog/RequestLogSink.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

struct Endpoint
{
    const char *path;
    const char *method;
};

// Every path also answers under /api (the seed served /api/v1/chat/completions).
constexpr Endpoint kEndpoints[] = {
    {"/health", "GET"},
    {"/v1/models", "GET"},
    {"/v1/chat/completions", "POST"},
    {"/v1/messages", "POST"},
    {"/v1/messages/count_tokens", "POST"},
};

QString normalisedPath(QString path)
{
    if (path.startsWith(QLatin1String("/api/")))
        path.remove(0, 4);
    while (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

ApiFormat formatForPath(const QString &path)
{
    return path.startsWith(QLatin1String("/v1/messages")) ? ApiFormat::Anthropic
                                                          : ApiFormat::OpenAi;
}

/// The client API of a chat-like path (already normalised).
ClientApi clientApiForPath(const QString &path)
{
    if (path == QLatin1String("/v1/messages"))
        return ClientApi::Messages;
    if (path == QLatin1String("/v1/messages/count_tokens"))
        return ClientApi::CountTokens;
    return ClientApi::ChatCompletions;
}

ConnectionLimits connectionLimits(const GatewayLimits &limits)
{
    ConnectionLimits c;
    c.maxBodyBytes = limits.maxBodyBytes;
    c.maxHeaderBytes = limits.maxHeaderBytes;
    c.idleTimeoutMs = limits.clientIdleTimeoutMs;
    return c;
}

/// Applies the access decision; true when the request may go on to its endpoint.
/// Runs before the body is looked at and before any upstream request exists.
bool admit(const AccessPolicy::Decision &access, const IncomingRequest &request,
           HttpResponseWriter &writer, ApiFormat format, const QByteArray &allowedMethod)
{
    if (access.verdict == AccessPolicy::Verdict::Forbidden ||
        access.verdict == AccessPolicy::Verdict::Unauthorized) {
        const bool forbidden = access.verdict == AccessPolicy::Verdict::Forbidden;
        ErrorReply reply =
            ErrorRenderer::reply(GatewayError::make(forbidden ? GatewayErrorCode::Forbidden
                                                              : GatewayErrorCode::Unauthorized,
                                                    access.message),
                                 format);
        if (!forbidden)
            reply.headers.append({QByteArrayLiteral("WWW-Authenticate"),
                                  QByteArrayLiteral("Bearer realm=\"llm-gateway\"")});
        reply.headers += access.corsHeaders;
        writer.writeResponse(reply.status, reply.headers,
                             request.method == "HEAD" ? QByteArray() : reply.body);
        return false;
    }
    if (access.verdict == AccessPolicy::Verdict::Starting) {
        GatewayError starting = GatewayError::make(GatewayErrorCode::ServerBusy, access.message);
        starting.retryAfter = QByteArrayLiteral("1");
        ErrorReply reply = ErrorRenderer::reply(starting, format);
        reply.headers += access.corsHeaders;
        writer.writeResponse(reply.status, reply.headers,
                             request.method == "HEAD" ? QByteArray() : reply.body);
        return false;
    }
    if (access.verdict == AccessPolicy::Verdict::Preflight) {
        HeaderList headers = access.corsHeaders;
        if (!allowedMethod.isEmpty())
            headers.append({QByteArrayLiteral("Allow"), allowedMethod + ", OPTIONS"});
        writer.writeResponse(allowedMethod.isEmpty() ? 404 : 204, headers, QByteArray());
        return false;
    }
    for (const auto &h : access.corsHeaders)
        writer.addCommonHeader(h.first, h.second);
    return true;
}

/// True when the provider's base URL is this gateway: a request there would come back here.
bool loopsBack(const ProviderSettings &provider, const QList<QPointer<GuardedTcpServer>> &listeners)
{
    for (const auto &listener : listeners) {
        if (listener && listener->isListening() &&
            ProviderAdapter::pointsAtGateway(provider.baseUrl, listener->serverAddress(),
                                             listener->serverPort()))
            return true;
    }
    return false;
}

QHostAddress listenAddress(const QString &host)
{
    if (host == QLatin1String("localhost"))
        return QHostAddress(QHostAddress::LocalHost);
    return QHostAddress(host);
}

} // namespace

GatewayService::GatewayService(QObject *parent)
    : QObject(parent), m_pool(new UpstreamClientPool(this)),
      m_catalog(new ModelCatalog(*m_pool, this))
{
    qRegisterMetaType<RequestRecord>();
}

GatewayService::~GatewayService()
{
    shutdown();
}

void GatewayService::start(std::shared_ptr<const GatewayConfig> config, ProviderKeys keys)
{
    m_config = std::move(config);
    m_routes = m_config->routeTable();
    m_pool->setBuiltinHttpClientEnabled(m_config->builtinHttpClient);
    m_keys = std::move(keys);
    m_startedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_startAttempted = true;
    const QString error = listenOnConfiguredAddress();
    if (!error.isEmpty())
        Q_EMIT listenFailed(error);
}

QString GatewayService::listenOnConfiguredAddress()
{
    const QString refusal = AccessPolicy::listenRefusal(*m_config);
    if (!refusal.isEmpty())
        return refusal;
    const QHostAddress address = listenAddress(m_config->host);
    if (address.isNull()) {
        return QStringLiteral("Cannot listen on \"%1\": not an IP address. Use "
                              "127.0.0.1 (the default) or another local address.")
            .arg(m_config->host);
    }
    auto *tcp = new GuardedTcpServer(connectionLimits(m_config->limits), this);
    if (!tcp->listen(address, m_config->port)) {
        const bool inUse = tcp->serverError() == QAbstractSocket::AddressInUseError;
        const QString message =
            inUse ? QStringLiteral("Port %1 on %2 is already in use (is another llm-gateway "
                                   "running?). Choose another port with --port N or \"port\" "
                                   "in the configuration file.")
                        .arg(m_config->port)
                        .arg(m_config->host)
                  : QStringLiteral("Cannot listen on %1:%2: %3")
                        .arg(m_config->host)
                        .arg(m_config->port)
                        .arg(tcp->errorString());
        delete tcp;
        return message;
    }
    if (!m_http) {
        m_http = new GatewayHttpServer(
            [this](IncomingRequest &&request, HttpResponseWriter &&writer) {
                dispatch(std::move(request), std::move(writer));
            },
            this);
    }
    m_http->bind(tcp);
    // The previous listeners stop accepting; connections they accepted finish their requests.
    for (const auto &old : std::as_const(m_listeners)) {
        if (old)
            old->close();
    }
    m_listeners = {tcp};
    m_listenHost = m_config->host;
    m_listenPort = m_config->port;
    Q_EMIT listening(m_config->host, tcp->serverPort());
    return QString();
}

void GatewayService::applyConfig(std::shared_ptr<const GatewayConfig> config)
{
    const bool listening = !m_listeners.isEmpty();
    const bool addressChanged =
        listening && (config->host != m_listenHost || config->port != m_listenPort);
    std::shared_ptr<const GatewayConfig> previous = m_config;
    m_config = std::move(config);
    if (!listening && m_startAttempted) {
        // The start failed (port taken...): the new configuration may fix it.
        const QString error = listenOnConfiguredAddress();
        if (!error.isEmpty())
            Q_EMIT listenFailed(error);
    } else if (addressChanged) {
        const QString error = listenOnConfiguredAddress();
        if (!error.isEmpty() && previous) {
            // Keep serving where clients already are; only the address stays as it was.
            auto kept = std::make_shared<GatewayConfig>(*m_config);
            kept->host = previous->host;
            kept->port = previous->port;
            m_config = kept;
            Q_EMIT relistenFailed(error);
        }
    }
    m_routes = m_config->routeTable();
    m_pool->setBuiltinHttpClientEnabled(m_config->builtinHttpClient);
    for (const auto &listener : std::as_const(m_listeners)) {
        if (listener)
            listener->setLimits(connectionLimits(m_config->limits));
    }
    m_catalog->invalidate();
}

void GatewayService::applyKeys(ProviderKeys keys)
{
    m_keys = std::move(keys);
    m_catalog->invalidate();
}

void GatewayService::setPaused(bool paused)
{
    m_paused = paused;
}

void GatewayService::shutdown()
{
    for (const auto &listener : std::as_const(m_listeners)) {
        if (listener)
            listener->close();
    }
    const auto calls = m_calls;
    for (const auto &call : calls) {
        if (call)
            call->abort(QStringLiteral("The gateway is shutting down."));
    }
}

void GatewayService::replyError(HttpResponseWriter &writer, const GatewayError &error,
                                ApiFormat format)
{
    const ErrorReply reply = ErrorRenderer::reply(error, format);
    writer.writeResponse(reply.status, reply.headers, reply.body);
}

void GatewayService::dispatch(IncomingRequest &&request, HttpResponseWriter &&writer)
{
    const QString path = normalisedPath(request.path);
    const ApiFormat format = formatForPath(path);

    QByteArray allowed;
    for (const Endpoint &endpoint : kEndpoints) {
        if (path == QLatin1String(endpoint.path))
            allowed = endpoint.method;
    }
    // Access control first (SPEC §5): Host, Origin and token are checked before the body is
    // parsed, a route resolved or an upstream contacted.
    QTcpSocket *socket = writer.socket();
    if (!socket)
        return;
    if (!admit(AccessPolicy(*m_config).check(request, path, socket->localAddress(),
                                             socket->localPort()),
               request, writer, format, allowed)) {
        return;
    }
    if (allowed.isEmpty()) {
        replyError(writer,
                   GatewayError::make(GatewayErrorCode::NotFound,
                                      QStringLiteral("Unknown path '%1'. The gateway serves "
                                                     "/v1/chat/completions, /v1/messages, "
                                                     "/v1/models and /health (also under /api).")
                                          .arg(request.path)),
                   format);
        return;
    }
    if (request.method != allowed) {
        const GatewayError error = GatewayError::make(
            GatewayErrorCode::MethodNotAllowed,
            QStringLiteral("%1 does not accept %2; use %3.")
                .arg(path, QString::fromLatin1(request.method), QString::fromLatin1(allowed)));
        ErrorReply reply = ErrorRenderer::reply(error, format);
        reply.headers.append({QByteArrayLiteral("Allow"), allowed});
        // A HEAD answer must not carry a body, or the next response on the connection breaks.
        writer.writeResponse(reply.status, reply.headers,
                             request.method == "HEAD" ? QByteArray() : reply.body);
        return;
    }

    if (m_paused && path != QLatin1String("/health")) {
        GatewayError paused = GatewayError::make(
            GatewayErrorCode::ServerBusy,
            QStringLiteral("The gateway is paused. Resume it from the LLM Gateway tray menu or "
                           "dashboard."));
        paused.retryAfter = QByteArrayLiteral("30");
        replyError(writer, paused, format);
        return;
    }
    if (path == QLatin1String("/health"))
        handleHealth(writer);
    else if (path == QLatin1String("/v1/models"))
        handleModels(request, std::move(writer));
    else if (path == QLatin1String("/v1/chat/completions") ||
             path == QLatin1String("/v1/messages") ||
             path == QLatin1String("/v1/messages/count_tokens"))
        handleChat(std::move(request), std::move(writer), clientApiForPath(path));
    else // every entry of kEndpoints has a handler above: reaching this is a gateway bug
        replyError(
            writer,
            GatewayError::make(GatewayErrorCode::Internal,
                               QStringLiteral("The gateway has no handler for %1.").arg(path)),
            format);
}

void GatewayService::handleHealth(HttpResponseWriter &writer)
{
    QJsonArray providers;
    for (const ProviderSettings &p : m_config->providers) {
        if (!p.enabled)
            continue;
        providers.append(QJsonObject{{QStringLiteral("id"), p.id},
                                     {QStringLiteral("type"), providerTypeName(p.type)},
                                     {QStringLiteral("has_key"), m_keys.contains(p.id)}});
    }
    const QJsonObject health{
        {QStringLiteral("status"), QStringLiteral("ok")},
        {QStringLiteral("paused"), m_paused},
        {QStringLiteral("version"), QStringLiteral(LLM_GATEWAY_VERSION)},
        {QStringLiteral("active_requests"), activeCallCount()},
        {QStringLiteral("uptime_s"), (QDateTime::currentMSecsSinceEpoch() - m_startedAtMs) / 1000},
        {QStringLiteral("providers"), providers},
    };
    writer.writeJson(200, QJsonDocument(health).toJson(QJsonDocument::Compact));
}

void GatewayService::handleModels(const IncomingRequest &request, HttpResponseWriter &&writer)
{
    const bool anthropicFormat = request.hasHeader("anthropic-version");
    auto pending = std::make_shared<HttpResponseWriter>(std::move(writer));
    std::shared_ptr<const GatewayConfig> config = m_config;
    for (const ProviderSettings &p : config->providers) {
        if (p.enabled && loopsBack(p, m_listeners)) {
            // Asking ourselves for our own model list would recurse: leave that provider out.
            auto filtered = std::make_shared<GatewayConfig>(*config);
            for (ProviderSettings &q : filtered->providers)
                q.enabled = q.enabled && !loopsBack(q, m_listeners);
            config = filtered;
            break;
        }
    }
    m_catalog->fetch(
        *config, m_keys, this,
        [this, pending, config, anthropicFormat](const QList<CatalogModel> &models,
                                                 const QStringList &errors) {
            const RouteTable routes = config->routeTable();
            QStringList names;
            QStringList owners;
            for (const ModelAlias &alias : config->aliases) {
                names.append(alias.name);
                owners.append(alias.providerId);
            }
            for (const CatalogModel &model : models) {
                const QString name = routes.publicModelName(model.providerId, model.upstreamId);
                if (!names.contains(name)) {
                    names.append(name);
                    owners.append(model.providerId);
                }
            }
            QJsonArray data;
            if (anthropicFormat) {
                const QString created = QStringLiteral("2025-01-01T00:00:00Z");
                // Claude Code lists only ids starting with claude/anthropic: the others are
                // shown as anthropic:NAME, which handleChat routes as NAME.
                for (QString &name : names)
                    name = ClaudeModelNames::discoveryName(name);
                for (qsizetype i = 0; i < names.size(); ++i)
                    data.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("model")},
                                            {QStringLiteral("id"), names[i]},
                                            {QStringLiteral("display_name"), names[i]},
                                            {QStringLiteral("created_at"), created}});
                const QJsonObject body{
                    {QStringLiteral("data"), data},
                    {QStringLiteral("has_more"), false},
                    {QStringLiteral("first_id"), names.isEmpty() ? QJsonValue() : names.first()},
                    {QStringLiteral("last_id"), names.isEmpty() ? QJsonValue() : names.last()}};
                pending->writeJson(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
                return;
            }
            const qint64 created = m_startedAtMs / 1000;
            for (qsizetype i = 0; i < names.size(); ++i)
                data.append(QJsonObject{{QStringLiteral("id"), names[i]},
                                        {QStringLiteral("object"), QStringLiteral("model")},
                                        {QStringLiteral("created"), created},
                                        {QStringLiteral("owned_by"), owners[i]}});
            QJsonObject body{{QStringLiteral("object"), QStringLiteral("list")},
                             {QStringLiteral("data"), data}};
            if (!errors.isEmpty()) // not part of OpenAI's shape; clients ignore unknown keys
                body.insert(QStringLiteral("errors"), QJsonArray::fromStringList(errors));
            pending->writeJson(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
        });
}

void GatewayService::handleChat(IncomingRequest &&request, HttpResponseWriter &&writer,
                                ClientApi api)
{
    const ApiFormat format = clientFormat(api);
    CallSetup setup;
    if (auto error = ChatRequestValidator::parseBody(request.body, &setup.clientBody)) {
        replyError(writer, *error, format);
        return;
    }
    // count_tokens takes a Messages request without max_tokens: validate it as if it had one.
    const bool countTokens = api == ClientApi::CountTokens;
    QJsonObject validated = setup.clientBody;
    if (countTokens && !validated.contains(QStringLiteral("max_tokens")))
        validated.insert(QStringLiteral("max_tokens"), 1);
    const auto invalid = format == ApiFormat::OpenAi
                             ? ChatRequestValidator::validateOpenAi(validated)
                             : ChatRequestValidator::validateAnthropic(validated);
    if (invalid) {
        replyError(writer, *invalid, format);
        return;
    }
    const QString model = setup.clientBody.value(QStringLiteral("model")).toString();
    const RouteResolution resolution = ClaudeModelNames::resolve(m_routes, model);
    if (!resolution.found) {
        replyError(writer,
                   GatewayError::make(GatewayErrorCode::ModelNotFound, resolution.errorMessage,
                                      QStringLiteral("model")),
                   format);
        return;
    }
    const ProviderSettings *provider = m_config->provider(resolution.route.providerId);
    if (!provider) {
        replyError(writer,
                   GatewayError::make(GatewayErrorCode::ModelNotFound,
                                      QStringLiteral("The model '%1' routes to provider '%2', "
                                                     "which is not configured.")
                                          .arg(model, resolution.route.providerId),
                                      QStringLiteral("model")),
                   format);
        return;
    }
    if (loopsBack(*provider, m_listeners)) {
        replyError(writer,
                   GatewayError::make(GatewayErrorCode::UpstreamBadResponse,
                                      QStringLiteral("Provider '%1' is refused: its base URL %2 "
                                                     "points back at this gateway, which would "
                                                     "loop. Give it the provider's own URL.")
                                          .arg(provider->id, provider->baseUrl.toString())),
                   format);
        return;
    }
    if (activeCallCount() >= m_config->limits.maxConcurrentRequests) {
        GatewayError busy =
            GatewayError::make(GatewayErrorCode::ServerBusy,
                               QStringLiteral("The gateway is handling %1 requests, its limit "
                                              "(limits.maxConcurrentRequests). Retry shortly.")
                                   .arg(activeCallCount()));
        busy.retryAfter = QByteArrayLiteral("1");
        replyError(writer, busy, format);
        return;
    }
    const ProviderTypeEntry *type = ProviderRegistry::entry(provider->type);
    if (countTokens && !(type && type->serves(ClientApi::CountTokens))) {
        // Only Anthropic counts tokens; for the others Claude Code gets an estimate.
        writer.writeJson(200, TokenEstimator::countTokensBody(setup.clientBody));
        return;
    }
    if (countTokens)
        setup.clientBody.remove(QStringLiteral("stream"));
    GatewayError unsupported;
    TranslatorContext context;
    context.provider = provider;
    setup.translator = ProviderRegistry::createTranslator(api, context, &unsupported);
    if (!setup.translator) {
        replyError(writer, unsupported, format);
        return;
    }
    setup.clientFormat = format;
    setup.stream = setup.clientBody.value(QStringLiteral("stream")).toBool();
    setup.route = resolution.route;
    setup.provider = *provider;
    setup.apiKey = m_keys.value(provider->id);
    setup.limits = m_config->limits;
    setup.request = std::move(request);

    auto *call = new GatewayCall(std::move(setup), std::move(writer), *m_pool, this);
    m_calls.append(call);
    connect(call, &GatewayCall::finished, this, [this, call](const RequestRecord &record) {
        m_calls.removeAll(call);
        if (m_logSink)
            m_logSink->requestFinished(record);
        Q_EMIT callFinished(record);
    });
    call->start();
}
