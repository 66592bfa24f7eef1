#pragma once

#include "GatewayError.h"

#include <QJsonObject>
#include <optional>

/// Checks an OpenAI Responses API request (`POST /v1/responses`) before anything goes
/// upstream, naming the offending field (e.g. `input[2].call_id`) and what to send instead.
namespace ResponsesRequestValidator {

/// The request's shape: model, input (a string or items), instructions, stream, store,
/// tools, tool_choice, max_output_tokens, sampling numbers, reasoning, text and include.
std::optional<GatewayError> validate(const QJsonObject &request);

/// What only OpenAI itself can serve, refused when the request is translated for
/// `providerId`: stored state (`store: true`, `previous_response_id`, `conversation`,
/// `item_reference` items), stored prompts and background responses. The gateway keeps no
/// responses, so the client must send the whole conversation each turn.
std::optional<GatewayError> validateForTranslation(const QJsonObject &request,
                                                   const QString &providerId);

} // namespace ResponsesRequestValidator
