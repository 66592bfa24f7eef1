#include "ChatUsage.h"

namespace {
qint64 integer(const QJsonObject &object, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    return value.isDouble() ? value.toInteger(-1) : -1;
}
} // namespace

ChatUsage ChatUsage::fromOpenAiJson(const QJsonObject &usage)
{
    ChatUsage result;
    result.promptTokens = integer(usage, "prompt_tokens");
    result.completionTokens = integer(usage, "completion_tokens");
    result.reasoningTokens = integer(
        usage.value(QStringLiteral("completion_tokens_details")).toObject(), "reasoning_tokens");
    result.cachedTokens =
        integer(usage.value(QStringLiteral("prompt_tokens_details")).toObject(), "cached_tokens");
    // DeepSeek reports its context cache as prompt_cache_hit_tokens.
    if (result.cachedTokens < 0)
        result.cachedTokens = integer(usage, "prompt_cache_hit_tokens");
    return result;
}

QJsonObject ChatUsage::toStorageJson() const
{
    QJsonObject json;
    if (promptTokens >= 0)
        json.insert(QStringLiteral("prompt"), promptTokens);
    if (completionTokens >= 0)
        json.insert(QStringLiteral("completion"), completionTokens);
    if (reasoningTokens >= 0)
        json.insert(QStringLiteral("reasoning"), reasoningTokens);
    if (cachedTokens >= 0)
        json.insert(QStringLiteral("cached"), cachedTokens);
    return json;
}

ChatUsage ChatUsage::fromStorageJson(const QJsonObject &json)
{
    ChatUsage result;
    result.promptTokens = integer(json, "prompt");
    result.completionTokens = integer(json, "completion");
    result.reasoningTokens = integer(json, "reasoning");
    result.cachedTokens = integer(json, "cached");
    return result;
}
