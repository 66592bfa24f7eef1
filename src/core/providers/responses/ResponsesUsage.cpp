#include "ResponsesUsage.h"

namespace {

qint64 count(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? v.toInteger() : -1;
}

qint64 chatCachedTokens(const QJsonObject &usage)
{
    const qint64 details =
        count(usage.value(QStringLiteral("prompt_tokens_details")).toObject(), "cached_tokens");
    return details >= 0 ? details : count(usage, "prompt_cache_hit_tokens"); // DeepSeek
}

qint64 chatReasoningTokens(const QJsonObject &usage)
{
    return count(usage.value(QStringLiteral("completion_tokens_details")).toObject(),
                 "reasoning_tokens");
}

} // namespace

namespace ResponsesUsage {

QJsonObject fromChat(const QJsonObject &chatUsage)
{
    const qint64 input = qMax<qint64>(0, count(chatUsage, "prompt_tokens"));
    const qint64 output = qMax<qint64>(0, count(chatUsage, "completion_tokens"));
    const qint64 total = count(chatUsage, "total_tokens");
    return QJsonObject{{QStringLiteral("input_tokens"), input},
                       {QStringLiteral("input_tokens_details"),
                        QJsonObject{{QStringLiteral("cached_tokens"),
                                     qMax<qint64>(0, chatCachedTokens(chatUsage))}}},
                       {QStringLiteral("output_tokens"), output},
                       {QStringLiteral("output_tokens_details"),
                        QJsonObject{{QStringLiteral("reasoning_tokens"),
                                     qMax<qint64>(0, chatReasoningTokens(chatUsage))}}},
                       {QStringLiteral("total_tokens"), total >= 0 ? total : input + output}};
}

TokenUsage tokenUsageFromChat(const QJsonObject &chatUsage)
{
    TokenUsage usage;
    usage.promptTokens = count(chatUsage, "prompt_tokens");
    usage.completionTokens = count(chatUsage, "completion_tokens");
    usage.cachedTokens = chatCachedTokens(chatUsage);
    usage.reasoningTokens = chatReasoningTokens(chatUsage);
    return usage;
}

TokenUsage tokenUsage(const QJsonObject &responsesUsage)
{
    TokenUsage usage;
    usage.promptTokens = count(responsesUsage, "input_tokens");
    usage.completionTokens = count(responsesUsage, "output_tokens");
    usage.cachedTokens = count(
        responsesUsage.value(QStringLiteral("input_tokens_details")).toObject(), "cached_tokens");
    usage.reasoningTokens =
        count(responsesUsage.value(QStringLiteral("output_tokens_details")).toObject(),
              "reasoning_tokens");
    return usage;
}

} // namespace ResponsesUsage
