#include "ProviderAdapter.h"

#include "ProviderRegistry.h"
#include "UpstreamClientPool.h"
#include "http/IncomingRequest.h"

#include <QNetworkInterface>

namespace {
const QByteArray kUserAgent = QByteArrayLiteral("llm-gateway/" LLM_GATEWAY_VERSION);

void applyExtraHeaders(QNetworkRequest &request, const ProviderSettings &provider)
{
    for (const auto &h : provider.extraHeaders)
        request.setRawHeader(h.first, h.second);
    // Whom to trust over TLS besides the system store: the pool reads the file.
    if (!provider.caFile.isEmpty())
        request.setAttribute(UpstreamClientPool::kCaFileAttribute, provider.caFile);
}

} // namespace

const ProviderAdapter *ProviderAdapter::forType(ProviderType type)
{
    const ProviderTypeEntry *entry = ProviderRegistry::entry(type);
    return entry ? entry->adapter : nullptr;
}

bool ProviderAdapter::pointsAtGateway(const QUrl &base, const QHostAddress &listenAddress,
                                      quint16 listenPort)
{
    const int defaultPort = base.scheme() == QLatin1String("https") ? 443 : 80;
    if (base.port(defaultPort) != listenPort)
        return false;
    const QString host = base.host().toLower();
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")))
        return true;
    const QHostAddress address(host);
    if (address.isNull())
        return false;
    if (address.isLoopback() || address.isEqual(listenAddress, QHostAddress::ConvertV4MappedToIPv4))
        return true;
    const bool listensEverywhere = listenAddress == QHostAddress(QHostAddress::AnyIPv4) ||
                                   listenAddress == QHostAddress(QHostAddress::AnyIPv6) ||
                                   listenAddress == QHostAddress(QHostAddress::Any);
    if (address == QHostAddress(QHostAddress::AnyIPv4) ||
        address == QHostAddress(QHostAddress::AnyIPv6))
        return true; // connecting to 0.0.0.0 reaches this machine
    if (!listensEverywhere)
        return false;
    for (const QHostAddress &local : QNetworkInterface::allAddresses()) {
        if (address.isEqual(local, QHostAddress::ConvertV4MappedToIPv4))
            return true;
    }
    return false;
}

QUrl ProviderAdapter::joinUrl(const QUrl &base, const QByteArray &path)
{
    QUrl url = base;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + QString::fromLatin1(path));
    return url;
}

QUrl ProviderAdapter::joinUrl(const QUrl &base, const UpstreamPath &path)
{
    QUrl url = joinUrl(base, path.path);
    if (!path.query.isEmpty())
        url.setQuery(QString::fromLatin1(path.query), QUrl::StrictMode);
    return url;
}

QNetworkRequest ProviderAdapter::commonRequest(const QUrl &url, bool jsonBody)
{
    // Set up once and copied: a copy shares the attributes and headers, where setting them on
    // every request cost 4,000 instructions of a small request. Content-Type is one of Qt's
    // parsed headers, kept in a table of its own (2 KB): set here, every request shares it.
    static const auto prepared = [](bool withJsonBody) {
        QNetworkRequest request;
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
        request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                             QNetworkRequest::AlwaysNetwork);
        request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
        request.setTransferTimeout(0); // GatewayCall owns the timeouts
        request.setRawHeader("User-Agent", kUserAgent);
        if (withJsonBody)
            request.setRawHeader("Content-Type", "application/json");
        return request;
    };
    static const QNetworkRequest withBody = prepared(true);
    static const QNetworkRequest withoutBody = prepared(false);
    QNetworkRequest request = jsonBody ? withBody : withoutBody;
    request.setUrl(url);
    return request;
}

QNetworkRequest OpenAiProviderAdapter::chatRequest(const ProviderSettings &provider,
                                                   const QString &apiKey, const UpstreamPath &path,
                                                   bool stream, const IncomingRequest &) const
{
    QNetworkRequest request = commonRequest(joinUrl(provider.baseUrl, path), true);
    request.setRawHeader("Accept", stream ? "text/event-stream" : "application/json");
    if (stream) // compressed event streams would arrive in lumps
        request.setRawHeader("Accept-Encoding", "identity");
    if (!apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + apiKey.toUtf8());
    applyExtraHeaders(request, provider);
    return request;
}

QNetworkRequest OpenAiProviderAdapter::modelListRequest(const ProviderSettings &provider,
                                                        const QString &apiKey) const
{
    QNetworkRequest request = commonRequest(joinUrl(provider.baseUrl, "/models"), false);
    request.setRawHeader("Accept", "application/json");
    if (!apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + apiKey.toUtf8());
    applyExtraHeaders(request, provider);
    return request;
}

QNetworkRequest AnthropicProviderAdapter::chatRequest(const ProviderSettings &provider,
                                                      const QString &apiKey,
                                                      const UpstreamPath &path, bool stream,
                                                      const IncomingRequest &client) const
{
    QNetworkRequest request = commonRequest(joinUrl(provider.baseUrl, path), true);
    request.setRawHeader("Accept", stream ? "text/event-stream" : "application/json");
    if (stream)
        request.setRawHeader("Accept-Encoding", "identity");
    if (!apiKey.isEmpty())
        request.setRawHeader("x-api-key", apiKey.toUtf8());
    // The protocol headers are the client's to choose; its credentials are not.
    const QByteArray version = client.header("anthropic-version");
    request.setRawHeader("anthropic-version", version.isEmpty() ? kDefaultVersion : version);
    const QByteArray beta = client.header("anthropic-beta");
    if (!beta.isEmpty())
        request.setRawHeader("anthropic-beta", beta);
    applyExtraHeaders(request, provider);
    return request;
}

QNetworkRequest AnthropicProviderAdapter::modelListRequest(const ProviderSettings &provider,
                                                           const QString &apiKey) const
{
    QUrl url = joinUrl(provider.baseUrl, "/v1/models");
    url.setQuery(QStringLiteral("limit=1000"));
    QNetworkRequest request = commonRequest(url, false);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("anthropic-version", kDefaultVersion);
    if (!apiKey.isEmpty())
        request.setRawHeader("x-api-key", apiKey.toUtf8());
    applyExtraHeaders(request, provider);
    return request;
}
