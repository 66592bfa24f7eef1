#include "UsageConverter.h"

namespace {
qint64 number(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toInteger();
}
} // namespace

namespace UsageConverter {

QJsonObject toOpenAi(const QJsonObject &anthropicUsage)
{
    const qint64 input = number(anthropicUsage, "input_tokens");
    const qint64 cacheRead = number(anthropicUsage, "cache_read_input_tokens");
    const qint64 cacheWrite = number(anthropicUsage, "cache_creation_input_tokens");
    const qint64 output = number(anthropicUsage, "output_tokens");
    const qint64 prompt = input + cacheRead + cacheWrite;
    QJsonObject usage{{QStringLiteral("prompt_tokens"), prompt},
                      {QStringLiteral("completion_tokens"), output},
                      {QStringLiteral("total_tokens"), prompt + output}};
    usage.insert(QStringLiteral("prompt_tokens_details"),
                 QJsonObject{{QStringLiteral("cached_tokens"), cacheRead},
                             {QStringLiteral("cache_write_tokens"), cacheWrite}});
    return usage;
}

QJsonObject toAnthropic(const QJsonObject &openAiUsage)
{
    const qint64 prompt = number(openAiUsage, "prompt_tokens");
    const QJsonObject details =
        openAiUsage.value(QStringLiteral("prompt_tokens_details")).toObject();
    qint64 cacheRead = number(details, "cached_tokens");
    if (cacheRead == 0) // DeepSeek reports its cache hits beside the OpenAI fields
        cacheRead = number(openAiUsage, "prompt_cache_hit_tokens");
    const qint64 cacheWrite = number(details, "cache_write_tokens");
    return QJsonObject{
        {QStringLiteral("input_tokens"), qMax<qint64>(0, prompt - cacheRead - cacheWrite)},
        {QStringLiteral("cache_creation_input_tokens"), cacheWrite},
        {QStringLiteral("cache_read_input_tokens"), cacheRead},
        {QStringLiteral("output_tokens"), number(openAiUsage, "completion_tokens")}};
}

TokenUsage fromAnthropic(const QJsonObject &anthropicUsage)
{
    TokenUsage usage;
    if (anthropicUsage.contains(QStringLiteral("input_tokens")))
        usage.promptTokens = number(anthropicUsage, "input_tokens") +
                             number(anthropicUsage, "cache_read_input_tokens") +
                             number(anthropicUsage, "cache_creation_input_tokens");
    if (anthropicUsage.contains(QStringLiteral("output_tokens")))
        usage.completionTokens = number(anthropicUsage, "output_tokens");
    // Anthropic counts thinking inside output_tokens and does not say how much of it.
    if (anthropicUsage.contains(QStringLiteral("cache_read_input_tokens")))
        usage.cachedTokens = number(anthropicUsage, "cache_read_input_tokens");
    return usage;
}

QJsonObject merged(QJsonObject earlier, const QJsonObject &later)
{
    for (auto it = later.begin(); it != later.end(); ++it) {
        if (!it.value().isNull())
            earlier.insert(it.key(), it.value());
    }
    return earlier;
}

} // namespace UsageConverter
