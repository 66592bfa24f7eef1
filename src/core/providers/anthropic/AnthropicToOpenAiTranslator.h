#pragma once

#include "providers/ChatTranslator.h"

#include <QHash>
#include <QJsonObject>

/// Anthropic client (Claude Code, the Anthropic SDKs) to an OpenAI-compatible upstream
/// (DeepSeek, OpenAI, Ollama...): Messages requests become Chat Completions requests, and the
/// answers, streams and errors come back in Anthropic's shapes.
///
/// Streams: exactly one message_start; a new content block whenever the kind of output
/// changes (thinking, text, each tool call), the previous one closed first; message_delta held
/// until the usage is known (the usage chunk, or the end of the stream); message_stop last.
class AnthropicToOpenAiTranslator : public ChatTranslator
{
public:
    UpstreamPath upstreamPath(const QString &, bool) const override
    {
        return {QByteArrayLiteral("/chat/completions"), {}};
    }
    bool translateRequest(const QJsonObject &clientRequest, const QString &upstreamModel,
                          QByteArray *upstreamBody, GatewayError *error) override;
    bool translateResponse(const QByteArray &upstreamBody, QByteArray *clientBody,
                           GatewayError *error) override;
    QByteArray translateEvent(const SseEvent &event) override;
    bool isStreamComplete() const override;
    QByteArray finishStream() override;
    GatewayError translateError(int status, const QByteArray &body,
                                const QByteArray &retryAfter) const override;
    TokenUsage usage() const override { return m_usage; }

private:
    enum class BlockKind
    {
        None,
        Thinking,
        Text,
        Tool
    };

    QByteArray ensureStarted(const QJsonObject &chunk);
    QByteArray openBlock(BlockKind kind, const QJsonObject &contentBlock);
    QByteArray closeBlock();
    QByteArray messageDelta();
    QJsonObject anthropicUsage() const;

    QString m_upstreamModel;
    qint64 m_estimatedInputTokens = 0;
    TokenUsage m_usage;

    // Stream state.
    bool m_started = false;
    BlockKind m_kind = BlockKind::None;
    int m_blockIndex = -1;        ///< index of the open (or last) Anthropic block
    int m_openTool = -1;          ///< OpenAI tool_calls index of the open tool block
    QHash<int, bool> m_seenTools; ///< OpenAI tool_calls indexes that got a block
    QString m_finishReason;
    QJsonObject m_openAiUsage;
    bool m_deltaSent = false;
    bool m_sawDone = false;
    bool m_errored = false;
};
