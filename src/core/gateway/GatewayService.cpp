#include "GatewayService.h"

#include "AccessPolicy.h"
#include "CallTracker.h"
#include "ChatEndpoint.h"
#include "HealthEndpoint.h"
#include "ModelCatalog.h"
#include "ModelsEndpoint.h"
#include "RequestJournal.h"
#include "RequestRouter.h"
#include "SecretRedactor.h"
#include "http/HttpServer.h"
#include "providers/ReasoningSigner.h"
#include "providers/UpstreamClientPool.h"

#include <QDateTime>

namespace {

HttpLimits httpLimits(const GatewayLimits &limits)
{
    HttpLimits h;
    h.maxBodyBytes = limits.maxBodyBytes;
    h.maxHeadBytes = limits.maxHeaderBytes;
    h.idleTimeoutMs = limits.clientIdleTimeoutMs;
    h.headTimeoutMs = limits.headTimeoutMs;
    h.minBodyBytesPerSecond = limits.minBodyBytesPerSecond;
    h.maxBufferedBodyBytes = limits.maxBufferedBodyBytes;
    return h;
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
      m_catalog(new ModelCatalog(*m_pool, this)), m_journal(new RequestJournal(this)),
      m_calls(new CallTracker(*m_pool, *m_journal, this)),
      m_router(std::make_unique<RequestRouter>(m_context, m_endpoints)),
      m_http(new HttpServer(*m_router, this))
{
    m_context.pool = m_pool;
    m_context.catalog = m_catalog;
    m_context.calls = m_calls;
    m_context.journal = m_journal;
    m_context.config = std::make_shared<const GatewayConfig>();
    m_router->configChanged();
    connect(m_journal, &RequestJournal::recordsFinished, this, &GatewayService::recordsFinished);
    setReasoningKey(ReasoningSigner::generateKey());
    registerEndpoints();
}

void GatewayService::setReasoningKey(const QByteArray &key)
{
    m_context.signer = std::make_shared<const ReasoningSigner>(key);
}

GatewayService::~GatewayService()
{
    shutdown();
    // The connections call into the router: they go first.
    delete m_http;
    m_http = nullptr;
}

void GatewayService::registerEndpoints()
{
    // Every endpoint, in one place. The paths also answer under /api.
    using Pausing = EndpointTable::Pausing;
    m_endpoints.add(QStringLiteral("/health"), {"GET"}, ApiFormat::OpenAi, QString(),
                    std::make_shared<HealthEndpoint>(m_context), Pausing::ServedWhilePaused);
    m_endpoints.add(QStringLiteral("/v1/models"), {"GET"}, ApiFormat::OpenAi, QString(),
                    std::make_shared<ModelsEndpoint>(m_context, this));
    m_endpoints.add(QStringLiteral("/v1/chat/completions"), {"POST"}, ApiFormat::OpenAi,
                    QStringLiteral("openai"),
                    std::make_shared<ChatEndpoint>(m_context, ClientApi::ChatCompletions));
    m_endpoints.add(QStringLiteral("/v1/messages"), {"POST"}, ApiFormat::Anthropic,
                    QStringLiteral("anthropic"),
                    std::make_shared<ChatEndpoint>(m_context, ClientApi::Messages));
    m_endpoints.add(QStringLiteral("/v1/messages/count_tokens"), {"POST"}, ApiFormat::Anthropic,
                    QStringLiteral("anthropic"),
                    std::make_shared<ChatEndpoint>(m_context, ClientApi::CountTokens));
    m_endpoints.add(QStringLiteral("/v1/responses"), {"POST"}, ApiFormat::Responses,
                    QStringLiteral("responses"),
                    std::make_shared<ChatEndpoint>(m_context, ClientApi::Responses));
    m_endpoints.add(QStringLiteral("/v1/embeddings"), {"POST"}, ApiFormat::OpenAi,
                    QStringLiteral("openai"),
                    std::make_shared<ChatEndpoint>(m_context, ClientApi::Embeddings));
}

void GatewayService::setRequestLogSink(std::shared_ptr<RequestLogSink> sink)
{
    m_journal->setSink(std::move(sink));
}

int GatewayService::activeCallCount() const
{
    return m_calls->activeCount();
}

void GatewayService::configure(std::shared_ptr<const GatewayConfig> config)
{
    m_context.config = std::move(config);
    m_context.routes = m_context.config->routeTable();
    m_pool->applyConfig(*m_context.config);
    m_http->setLimits(httpLimits(m_context.config->limits));
    m_router->configChanged();
    QList<QByteArray> secrets;
    for (const QString &key : std::as_const(m_context.keys))
        secrets.append(key.toUtf8());
    secrets.append(m_context.config->access.token.toUtf8());
    m_journal->setSettings(m_context.config->requestLog, secrets);
    // Every key, not only a call's own: an upstream may echo any of them. Calls in flight
    // keep the redactor they started with.
    m_context.redactor = std::make_shared<const SecretRedactor>(secrets);
}

void GatewayService::start(std::shared_ptr<const GatewayConfig> config, ProviderKeys keys)
{
    m_context.keys = std::move(keys);
    configure(std::move(config));
    m_context.startedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_startAttempted = true;
    const QString error = listenOnConfiguredAddress();
    if (!error.isEmpty())
        Q_EMIT listenFailed(error);
}

QString GatewayService::listenOnConfiguredAddress()
{
    const GatewayConfig &config = *m_context.config;
    const QString refusal = AccessPolicy::listenRefusal(config);
    if (!refusal.isEmpty())
        return refusal;
    const QHostAddress address = listenAddress(config.host);
    if (address.isNull()) {
        return tr("Cannot listen on \"%1\": not an IP address. Use "
                  "127.0.0.1 (the default) or another local address.")
            .arg(config.host);
    }
    // On success the previous listener stops accepting; connections it accepted finish their
    // requests.
    if (!m_http->listen(address, config.port)) {
        if (m_http->listenError() == QAbstractSocket::AddressInUseError) {
            return tr("Port %1 on %2 is already in use (is another llm-gateway "
                      "running?). Choose another port with --port N or \"port\" in "
                      "the configuration file.")
                .arg(config.port)
                .arg(config.host);
        }
        return tr("Cannot listen on %1:%2: %3")
            .arg(config.host)
            .arg(config.port)
            .arg(m_http->listenErrorString());
    }
    m_listening = true;
    m_listenHost = config.host;
    m_listenPort = config.port;
    m_context.listenAddress = m_http->serverAddress();
    m_context.listenPort = m_http->serverPort();
    Q_EMIT listening(config.host, m_http->serverPort());
    return QString();
}

void GatewayService::applyConfig(std::shared_ptr<const GatewayConfig> config)
{
    const bool addressChanged =
        m_listening && (config->host != m_listenHost || config->port != m_listenPort);
    std::shared_ptr<const GatewayConfig> previous = m_context.config;
    configure(std::move(config));
    if (!m_listening && m_startAttempted) {
        // The start failed (port taken...): the new configuration may fix it.
        const QString error = listenOnConfiguredAddress();
        if (!error.isEmpty())
            Q_EMIT listenFailed(error);
    } else if (addressChanged) {
        const QString error = listenOnConfiguredAddress();
        if (!error.isEmpty()) {
            // Keep serving where clients already are; only the address stays as it was.
            auto kept = std::make_shared<GatewayConfig>(*m_context.config);
            kept->host = previous->host;
            kept->port = previous->port;
            configure(kept);
            Q_EMIT relistenFailed(error);
        }
    }
    m_catalog->invalidate();
}

void GatewayService::applyKeys(ProviderKeys keys)
{
    m_context.keys = std::move(keys);
    configure(m_context.config);
    m_catalog->invalidate();
}

void GatewayService::setPaused(bool paused)
{
    m_context.paused = paused;
}

void GatewayService::shutdown()
{
    if (m_http)
        m_http->close();
    m_calls->abortAll(QStringLiteral("The gateway is shutting down."));
    m_journal->flush(); // the last records' log lines, without waiting for the gather timer
}
