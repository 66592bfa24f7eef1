#pragma once

#include "UpstreamPath.h"
#include "config/ProviderSettings.h"

#include <QHostAddress>
#include <QNetworkRequest>
#include <QUrl>

struct IncomingRequest;

/// How the gateway addresses one provider type: URLs and authentication headers.
/// Stateless; one shared instance per type, named by its ProviderRegistry entry.
class ProviderAdapter
{
public:
    virtual ~ProviderAdapter() = default;

    /// The registry's adapter for `type`; null for a type the registry does not know
    /// (never a silent default to OpenAI).
    static const ProviderAdapter *forType(ProviderType type);

    /// The request for `path` (e.g. {"/chat/completions"}) with the provider's auth and extra
    /// headers. `client` supplies only the protocol headers a type allows through (never
    /// the client's credentials, cookies or hop-by-hop headers).
    virtual QNetworkRequest chatRequest(const ProviderSettings &provider, const QString &apiKey,
                                        const UpstreamPath &path, bool stream,
                                        const IncomingRequest &client) const = 0;

    virtual QNetworkRequest modelListRequest(const ProviderSettings &provider,
                                             const QString &apiKey) const = 0;

    /// True when `base` addresses the gateway itself (a loopback name or `listenAddress`, or
    /// any local interface when listening on all of them, at `listenPort`): sending a request
    /// there would loop. Host names other than "localhost" are not resolved.
    static bool pointsAtGateway(const QUrl &base, const QHostAddress &listenAddress,
                                quint16 listenPort);
    /// `base` + `path`, with exactly one slash between them.
    static QUrl joinUrl(const QUrl &base, const QByteArray &path);
    /// `base` + `path.path`, with `path.query` as the query (the base's own query is kept
    /// when `path` has none).
    static QUrl joinUrl(const QUrl &base, const UpstreamPath &path);
    /// A request for `url` with the settings every upstream request shares: no cookies, no
    /// redirects, timeouts are ours, our User-Agent; with `jsonBody`, Content-Type JSON.
    static QNetworkRequest commonRequest(const QUrl &url, bool jsonBody);
};

/// OpenAI Chat Completions and every OpenAI-compatible server.
class OpenAiProviderAdapter : public ProviderAdapter
{
public:
    QNetworkRequest chatRequest(const ProviderSettings &provider, const QString &apiKey,
                                const UpstreamPath &path, bool stream,
                                const IncomingRequest &client) const override;
    QNetworkRequest modelListRequest(const ProviderSettings &provider,
                                     const QString &apiKey) const override;
};

/// Anthropic's Messages API: `x-api-key` and `anthropic-version` headers.
class AnthropicProviderAdapter : public ProviderAdapter
{
public:
    static constexpr char kDefaultVersion[] = "2023-06-01";

    QNetworkRequest chatRequest(const ProviderSettings &provider, const QString &apiKey,
                                const UpstreamPath &path, bool stream,
                                const IncomingRequest &client) const override;
    QNetworkRequest modelListRequest(const ProviderSettings &provider,
                                     const QString &apiKey) const override;
};
