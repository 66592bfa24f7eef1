#pragma once

#include "http/HttpHeaders.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

/// The wire format a provider speaks.
enum class ProviderType
{
    OpenAi,   ///< OpenAI Chat Completions: OpenAI, DeepSeek, Ollama, LM Studio, vLLM, ...
    Anthropic ///< Anthropic Messages API
};

QString providerTypeName(ProviderType type);
/// Parses "openai" / "anthropic"; returns false for anything else.
bool parseProviderType(const QString &name, ProviderType *type);

/// A model's price in the user's currency per million tokens, for the usage page's estimate.
struct ModelPrice
{
    double inputPerMillion = 0;        ///< uncached prompt tokens
    double outputPerMillion = 0;       ///< completion tokens (reasoning included)
    double cachedInputPerMillion = -1; ///< prompt tokens served from cache; -1: same as input

    bool operator==(const ModelPrice &o) const
    {
        return inputPerMillion == o.inputPerMillion && outputPerMillion == o.outputPerMillion &&
               cachedInputPerMillion == o.cachedInputPerMillion;
    }
};

/// One configured upstream provider. Holds no key: keys come from a SecretSource.
struct ProviderSettings
{
    QString id;
    QString displayName;
    ProviderType type = ProviderType::OpenAi;
    QUrl baseUrl; ///< OpenAI-style bases end in /v1; Anthropic's has no /v1
    bool enabled = true;
    HeaderList extraHeaders;
    /// An extra certificate authority (PEM file) trusted for this provider besides the system
    /// store (a self-hosted server, a company proxy). TLS is always verified.
    QString caFile;
    /// Output-token caps by upstream model name, when the provider's model list does not
    /// state them; a translated request asking more is lowered to the cap.
    QHash<QString, qint64> modelOutputLimits;
    /// True when the provider serves OpenAI's Responses API (/responses): /v1/responses is
    /// then passed through instead of translated. Only meaningful for `openai`-type providers.
    bool speaksResponsesApi = false;
    /// Optional prices by upstream model name (estimated cost on the usage page).
    QHash<QString, ModelPrice> modelPrices;

    /// The environment variable that holds this provider's key, e.g. DEEPSEEK_API_KEY.
    QString keyEnvironmentVariable() const;
    /// The environment variable that overrides the base URL, e.g. DEEPSEEK_API_BASE.
    QString baseEnvironmentVariable() const;
};
