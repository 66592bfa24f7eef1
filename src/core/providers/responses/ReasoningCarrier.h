#pragma once

#include <QJsonArray>
#include <QString>

/// The `encrypted_content` of reasoning items the gateway makes on translated routes: it
/// carries the provider's reasoning to the client and back exactly, whatever the client does
/// with summaries (the Vercel AI SDK, with store off, replays only reasoning that has
/// encrypted_content). It holds an Anthropic model's thinking blocks (text and signature, or
/// redacted data), which Anthropic needs back on tool-use turns, or the reasoning text of an
/// OpenAI-compatible provider (DeepSeek's reasoning_content, which DeepSeek needs back).
/// Clients treat it as opaque, as they do OpenAI's own; its prefix tells the two apart, so
/// the gateway never sends its carrier to OpenAI nor OpenAI's to another provider.
namespace ReasoningCarrier {

struct Reasoning
{
    QString text;              ///< a Chat provider's reasoning text
    QJsonArray thinkingBlocks; ///< Anthropic thinking / redacted_thinking blocks

    bool isEmpty() const { return text.isEmpty() && thinkingBlocks.isEmpty(); }
};

/// The encrypted_content value for `reasoning`; empty when there is nothing to carry.
QString encode(const Reasoning &reasoning);

/// True when `encryptedContent` was made by encode().
bool isCarrier(const QString &encryptedContent);

/// What a carrier holds; empty when it is not one or does not parse.
Reasoning decode(const QString &encryptedContent);

} // namespace ReasoningCarrier
