#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
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

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

/// One configured upstream provider. Holds no key: keys come from a SecretSource.
struct ProviderSettings
{
    QString id;
    QString displayName;
    ProviderType type = ProviderType::OpenAi;
    QUrl baseUrl; ///< OpenAI-style bases end in /v1; Anthropic's has no /v1
    bool enabled = true;
    HeaderList extraHeaders;

    /// The environment variable that holds this provider's key, e.g. DEEPSEEK_API_KEY.
    QString keyEnvironmentVariable() const;
    /// The environment variable that overrides the base URL, e.g. DEEPSEEK_API_BASE.
    QString baseEnvironmentVariable() const;
};
