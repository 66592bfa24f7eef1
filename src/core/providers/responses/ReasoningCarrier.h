#pragma once

#include <QJsonArray>
#include <QString>

/// The `encrypted_content` of reasoning items the gateway makes on translated routes. It
/// carries an Anthropic model's thinking blocks (text and signature, or redacted data) to the
/// client and back, so a later turn can replay them as Anthropic requires. The client treats
/// it as opaque, as it does OpenAI's own encrypted reasoning; the prefix tells the two apart,
/// so the gateway never sends its own carrier to OpenAI nor OpenAI's to another provider.
namespace ReasoningCarrier {

/// The encrypted_content value for `thinkingBlocks`; empty for none.
QString encode(const QJsonArray &thinkingBlocks);

/// True when `encryptedContent` was made by encode().
bool isCarrier(const QString &encryptedContent);

/// The thinking blocks inside a carrier; empty when it is not one or does not parse.
QJsonArray decode(const QString &encryptedContent);

} // namespace ReasoningCarrier
