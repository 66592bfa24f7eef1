#pragma once

#include "api/JsonTree.h"

#include <QString>

/// A rough input-token count for providers that cannot count (everything but Anthropic):
/// about four characters of Latin text per token, one per CJK character, a flat cost per
/// image. It only has to be close enough for Claude Code's context bookkeeping.
///
/// A request is counted from its text as written (JsonTree), without decoding it: characters
/// are counted as QString counts them (UTF-16 units), an escape as the character it stands for.
namespace TokenEstimator {
qint64 estimateText(const QString &text);
/// Tokens of an Anthropic Messages request: system, messages, tools.
qint64 estimateAnthropicRequest(const JsonTree &request);
/// The body of a `/v1/messages/count_tokens` answer for the request `json`:
/// `{"input_tokens": N}`.
QByteArray countTokensBody(const QByteArray &json);
} // namespace TokenEstimator
