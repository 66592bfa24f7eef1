#pragma once

#include "api/GatewayError.h"

#include <QJsonObject>

/// Reads an error answer of an Anthropic upstream: `{"type":"error","error":{"type","message"}}`
/// with statuses 400/401/403/404/413, 429 (+retry-after), 500, 529 overloaded.
namespace AnthropicErrorReader {
enum class Audience
{
    AnthropicClient, ///< keeps Anthropic's error type (e.g. overloaded_error) for the client
    OpenAiClient     ///< a 5xx is the upstream's fault: said in the gateway's own terms
};
GatewayError read(int status, const QByteArray &body, const QByteArray &retryAfter,
                  Audience audience);
/// The `error` object of an Anthropic error body or SSE error event (empty if none).
GatewayError fromErrorObject(const QJsonObject &errorObject, int status, Audience audience);
} // namespace AnthropicErrorReader
