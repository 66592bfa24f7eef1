#pragma once

#include "config/ProviderSettings.h"

#include <QHostAddress>
#include <QNetworkRequest>
#include <QStringList>

struct IncomingRequest;

/// How the gateway addresses one provider type: URLs, authentication headers and the
/// model-list format. Stateless; one shared instance per type.
class ProviderAdapter
{
public:
    virtual ~ProviderAdapter() = default;

    static const ProviderAdapter &forType(ProviderType type);

    /// The request for `path` (e.g. "/chat/completions") with the provider's auth and extra
    /// headers. `client` supplies only the protocol headers a type allows through (never
    /// the client's credentials, cookies or hop-by-hop headers).
    virtual QNetworkRequest chatRequest(const ProviderSettings &provider, const QString &apiKey,
                                        const QByteArray &path, bool stream,
                                        const IncomingRequest &client) const = 0;

    virtual QNetworkRequest modelListRequest(const ProviderSettings &provider,
                                             const QString &apiKey) const = 0;

    /// Model ids from the provider's model-list answer; false with `error` on garbage.
    virtual bool parseModelList(const QByteArray &body, QStringList *ids, QString *error) const = 0;

    /// True when `base` addresses the gateway itself (a loopback name or `listenAddress`, or
    /// any local interface when listening on all of them, at `listenPort`): sending a request
    /// there would loop. Host names other than "localhost" are not resolved.
    static bool pointsAtGateway(const QUrl &base, const QHostAddress &listenAddress,
                                quint16 listenPort);
    /// `base` + `path`, with exactly one slash between them.
    static QUrl joinUrl(const QUrl &base, const QByteArray &path);
    /// Settings every upstream request shares: no cookies, no redirects, timeouts are ours.
    static void applyCommonAttributes(QNetworkRequest &request);
};

/// OpenAI Chat Completions and every OpenAI-compatible server.
class OpenAiProviderAdapter : public ProviderAdapter
{
public:
    QNetworkRequest chatRequest(const ProviderSettings &provider, const QString &apiKey,
                                const QByteArray &path, bool stream,
                                const IncomingRequest &client) const override;
    QNetworkRequest modelListRequest(const ProviderSettings &provider,
                                     const QString &apiKey) const override;
    bool parseModelList(const QByteArray &body, QStringList *ids, QString *error) const override;
};

/// Anthropic's Messages API: `x-api-key` and `anthropic-version` headers.
class AnthropicProviderAdapter : public ProviderAdapter
{
public:
    static constexpr char kDefaultVersion[] = "2023-06-01";

    QNetworkRequest chatRequest(const ProviderSettings &provider, const QString &apiKey,
                                const QByteArray &path, bool stream,
                                const IncomingRequest &client) const override;
    QNetworkRequest modelListRequest(const ProviderSettings &provider,
                                     const QString &apiKey) const override;
    bool parseModelList(const QByteArray &body, QStringList *ids, QString *error) const override;
};
