#pragma once

#include <QJsonObject>

/// Token counts of one reply, as the stream's usage chunk reports them (-1: not reported).
struct ChatUsage
{
    qint64 promptTokens = -1;
    qint64 completionTokens = -1;
    qint64 reasoningTokens = -1; ///< part of completionTokens, when the provider says
    qint64 cachedTokens = -1;    ///< part of promptTokens served from the provider's cache

    bool isValid() const { return promptTokens >= 0 || completionTokens >= 0; }

    /// Reads an OpenAI `usage` object (with DeepSeek's cache-hit field as a fallback).
    static ChatUsage fromOpenAiJson(const QJsonObject &usage);
    /// Compact form for storage; fromStorageJson(toStorageJson()) gives the same value.
    QJsonObject toStorageJson() const;
    static ChatUsage fromStorageJson(const QJsonObject &json);

    bool operator==(const ChatUsage &other) const
    {
        return promptTokens == other.promptTokens && completionTokens == other.completionTokens &&
               reasoningTokens == other.reasoningTokens && cachedTokens == other.cachedTokens;
    }
};
