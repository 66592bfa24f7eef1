#pragma once

#include "providers/TokenUsage.h"

#include <QJsonObject>

/// Token counts between the two formats. OpenAI's prompt_tokens include cached tokens;
/// Anthropic's input_tokens exclude both cache reads and cache writes, so
/// prompt_tokens = input_tokens + cache_read_input_tokens + cache_creation_input_tokens.
namespace UsageConverter {
/// Anthropic `usage` -> OpenAI `usage` (prompt/completion/total tokens and the details).
QJsonObject toOpenAi(const QJsonObject &anthropicUsage);
/// OpenAI `usage` (also DeepSeek's prompt_cache_hit_tokens) -> Anthropic `usage`.
QJsonObject toAnthropic(const QJsonObject &openAiUsage);
/// Anthropic `usage` in the request log's (OpenAI) terms.
TokenUsage fromAnthropic(const QJsonObject &anthropicUsage);
/// Merges a later Anthropic usage object (message_delta) into an earlier one (message_start):
/// fields present in `later` win.
QJsonObject merged(QJsonObject earlier, const QJsonObject &later);
} // namespace UsageConverter
