#pragma once

#include "config/ProviderSettings.h"

#include <QString>

/// How many tokens a model may write in one answer, as far as the gateway knows, and where
/// that figure comes from. Translated requests above it are lowered (Claude Code always asks
/// 32000; DeepSeek's deepseek-chat refuses more than 8192).
struct OutputTokenCap
{
    qint64 tokens = -1; ///< -1: unknown, nothing is lowered
    QString source;     ///< e.g. "the provider's model list", for the log

    bool isKnown() const { return tokens > 0; }
};

namespace OutputTokenCaps {
/// The cap of `upstreamModel` at `provider`: what the provider's model list states
/// (`listedTokens`, -1 when it does not), else the provider's "maxOutputTokens" setting, else
/// the preset for the seed's providers (openai, anthropic, deepseek).
OutputTokenCap resolve(const ProviderSettings &provider, const QString &upstreamModel,
                       qint64 listedTokens);
/// The preset cap of a model of one of the seed's providers; -1 when there is none. A dated
/// snapshot ("gpt-4o-2024-08-06") takes its family's figure.
qint64 preset(const QString &providerId, const QString &upstreamModel);
} // namespace OutputTokenCaps
