#pragma once

#include "providers/TokenUsage.h"

#include <QJsonObject>

/// Token counts in the Responses API's terms: `input_tokens` (cached ones included, detailed
/// in `input_tokens_details.cached_tokens`), `output_tokens` (reasoning included, detailed in
/// `output_tokens_details.reasoning_tokens`) and `total_tokens`.
namespace ResponsesUsage {

/// Chat Completions `usage` (OpenAI's details or DeepSeek's prompt_cache_hit_tokens) to the
/// Responses `usage` object. Always complete: absent counts are 0, as Codex needs numbers.
QJsonObject fromChat(const QJsonObject &chatUsage);

/// Chat Completions `usage` for the request log.
TokenUsage tokenUsageFromChat(const QJsonObject &chatUsage);

/// Responses `usage` for the request log.
TokenUsage tokenUsage(const QJsonObject &responsesUsage);

} // namespace ResponsesUsage
