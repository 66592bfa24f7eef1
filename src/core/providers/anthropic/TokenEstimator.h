#pragma once

#include <QJsonObject>
#include <QString>

/// A rough input-token count for providers that cannot count (everything but Anthropic):
/// about four characters of Latin text per token, one per CJK character, a flat cost per
/// image. It only has to be close enough for Claude Code's context bookkeeping.
namespace TokenEstimator {
qint64 estimateText(const QString &text);
/// Tokens of an Anthropic Messages request: system, messages, tools.
qint64 estimateAnthropicRequest(const QJsonObject &request);
/// The body of a `/v1/messages/count_tokens` answer: `{"input_tokens": N}`.
QByteArray countTokensBody(const QJsonObject &request);
} // namespace TokenEstimator
