#pragma once

#include "GatewayError.h"

#include <QJsonObject>
#include <optional>

class JsonTree;

/// Checks a chat request body before anything goes upstream, so a mistake is reported by the
/// gateway with the field named, instead of surfacing later as an upstream error.
namespace ChatRequestValidator {

/// Parses the raw body; a JSON syntax error or a non-object names what to send instead.
std::optional<GatewayError> parseBody(const QByteArray &body, QJsonObject *object);

/// From this size on a body is read by JsonReader (Qt's parser is faster below), and may be
/// read as an outline.
inline constexpr qsizetype kLargeBodyBytes = 16 * 1024;

/// As parseBody(), but a large body may be read as an outline (JsonReader::Detail::Outline:
/// long nested strings cut), which is all validation and routing need. `*isOutline` says
/// whether it was; the whole object is then parseBody()'s when something needs it.
std::optional<GatewayError> parseBodyOutline(const QByteArray &body, QJsonObject *object,
                                             bool *isOutline);

/// OpenAI Chat Completions: model, messages (roles, content types), stream, stream_options,
/// sampling numbers, max_tokens, stop, tools.
std::optional<GatewayError> validateOpenAi(const QJsonObject &request);
/// The same checks, with the same messages, on the tree of a large request's bytes
/// (JsonTree::parseChecked), which is never built into Qt's containers.
std::optional<GatewayError> validateOpenAi(const JsonTree &request);

/// Anthropic Messages: model, messages (user, assistant and system entries), max_tokens,
/// system, stream.
std::optional<GatewayError> validateAnthropic(const QJsonObject &request);
std::optional<GatewayError> validateAnthropic(const JsonTree &request);

/// OpenAI embeddings: model, input (a string, an array of strings, an array of token ids or an
/// array of such arrays; not empty), encoding_format, dimensions.
std::optional<GatewayError> validateEmbeddings(const QJsonObject &request);

} // namespace ChatRequestValidator
