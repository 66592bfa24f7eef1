#include "GatewayService.h"

#include "GatewayCall.h"
#include "GatewayHttpServer.h"
#include "GuardedTcpServer.h"
#include "HttpResponseWriter.h"
#include "IncomingRequest.h"
#include "ModelCatalog.h"
#include "api/ChatRequestValidator.h"
#include "providers/ChatTranslatorFactory.h"
#include "providers/UpstreamClientPool.h"

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

ConnectionLimits connectionLimits(const GatewayLimits &limits)
{
    ConnectionLimits c;
    c.maxBodyBytes = limits.maxBodyBytes;
    c.maxHeaderBytes = limits.maxHeaderBytes;
    c.idleTimeoutMs = limits.clientIdleTimeoutMs;
    return c;
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
    qRegisterMetaType<CallRecord>();
}

GatewayService::~GatewayService()
{
    shutdown();
}

void GatewayService::start(std::shared_ptr<const GatewayConfig> config, ProviderKeys keys)
{
    applyConfig(std::move(config));
    m_keys = std::move(keys);
    m_startedAtMs = QDateTime::currentMSecsSinceEpoch();

    const QHostAddress address = listenAddress(m_config->host);
    if (address.isNull()) {
        Q_EMIT listenFailed(QStringLiteral("Cannot listen on \"%1\": not an IP address. Use "
                                           "127.0.0.1 (the default) or another local address.")
                                .arg(m_config->host));
        return;
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
        Q_EMIT listenFailed(message);
        return;
    }
    if (!m_http) {
        m_http = new GatewayHttpServer(
            [this](IncomingRequest &&request, HttpResponseWriter &&writer) {
                dispatch(std::move(request), std::move(writer));
            },
            this);
    }
    m_http->bind(tcp);
    m_listeners.append(tcp);
    Q_EMIT listening(m_config->host, tcp->serverPort());
}

void GatewayService::applyConfig(std::shared_ptr<const GatewayConfig> config)
{
    m_config = std::move(config);
    m_routes = m_config->routeTable();
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

    if (path == QLatin1String("/health"))
        handleHealth(writer);
    else if (path == QLatin1String("/v1/models"))
        handleModels(request, std::move(writer));
    else if (path == QLatin1String("/v1/chat/completions") || path == QLatin1String("/v1/messages"))
        handleChat(std::move(request), std::move(writer), format);
    else
        replyError(writer,
                   GatewayError::make(GatewayErrorCode::NotFound,
                                      QStringLiteral("%1 is not available yet.").arg(path)),
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
    const std::shared_ptr<const GatewayConfig> config = m_config;
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
                                ApiFormat format)
{
    CallSetup setup;
    if (auto error = ChatRequestValidator::parseBody(request.body, &setup.clientBody)) {
        replyError(writer, *error, format);
        return;
    }
    const auto invalid = format == ApiFormat::OpenAi
                             ? ChatRequestValidator::validateOpenAi(setup.clientBody)
                             : ChatRequestValidator::validateAnthropic(setup.clientBody);
    if (invalid) {
        replyError(writer, *invalid, format);
        return;
    }
    const QString model = setup.clientBody.value(QStringLiteral("model")).toString();
    const RouteResolution resolution = m_routes.resolve(model);
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
    if (activeCallCount() >= m_config->limits.maxConcurrentRequests) {
        GatewayError busy = GatewayError::make(
            GatewayErrorCode::ServerBusy,
            QStringLiteral("The gateway is handling %1 requests, its limit "
                           "(limits.maxConcurrentRequests). Retry shortly.")
                .arg(activeCallCount()));
        busy.retryAfter = QByteArrayLiteral("1");
        replyError(writer, busy, format);
        return;
    }
    GatewayError unsupported;
    setup.translator = ChatTranslatorFactory::create(format, provider->type, &unsupported);
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
    connect(call, &GatewayCall::finished, this, [this, call](const CallRecord &record) {
        m_calls.removeAll(call);
        qInfo("%s %s model=%s provider=%s upstream_model=%s%s status=%d %lld ms%s%s",
              qPrintable(record.method), qPrintable(record.path),
              qPrintable(record.requestedModel), qPrintable(record.providerId),
              qPrintable(record.upstreamModel), record.stream ? " stream" : "", record.status,
              record.latencyMs, record.errorMessage.isEmpty() ? "" : " error=",
              qPrintable(record.errorMessage));
        Q_EMIT callFinished(record);
    });
    call->start();
}
