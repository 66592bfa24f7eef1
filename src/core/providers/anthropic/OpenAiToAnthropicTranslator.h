#pragma once

#include "providers/ChatTranslator.h"

#include <QHash>
#include <QJsonArray>

/// OpenAI client to Anthropic upstream: Chat Completions requests become Messages requests,
/// and Anthropic's answers, streams and errors come back in OpenAI's shapes.
///
/// Thinking travels on the OpenAI side as `reasoning_content` (the text) plus
/// `thinking_blocks` (the exact Anthropic thinking/redacted_thinking blocks with their
/// `signature`); a client that sends `thinking_blocks` back on the assistant message of a
/// later turn gets them replayed unchanged. In streams the text arrives as `reasoning_content`
/// deltas and the complete signed block as a `thinking_blocks` delta when the block ends.
class OpenAiToAnthropicTranslator : public ChatTranslator
{
public:
    /// Anthropic requires max_tokens; used when the client gave neither max_tokens nor
    /// max_completion_tokens. Every current Claude model can produce this many.
    static constexpr qint64 kDefaultMaxTokens = 8192;

    /// Fixes the `created` timestamp of answers (golden tests); by default the current time.
    void setCreatedTimestamp(qint64 secondsSinceEpoch) { m_created = secondsSinceEpoch; }

    UpstreamPath upstreamPath(const QString &, bool) const override
    {
        return {QByteArrayLiteral("/v1/messages"), {}};
    }
    bool translateRequest(const QJsonObject &clientRequest, const QString &upstreamModel,
                          QByteArray *upstreamBody, GatewayError *error) override;
    bool translateResponse(const QByteArray &upstreamBody, QByteArray *clientBody,
                           GatewayError *error) override;
    QByteArray translateEvent(const SseEvent &event) override;
    bool isStreamComplete() const override { return m_messageStopped || m_errored; }
    QByteArray finishStream() override;
    GatewayError translateError(int status, const QByteArray &body,
                                const QByteArray &retryAfter) const override;
    TokenUsage usage() const override { return m_usage; }

private:
    qint64 created();
    QByteArray chunk(const QJsonObject &delta, const QJsonValue &finishReason = QJsonValue::Null);

    qint64 m_created = -1;
    bool m_clientWantsUsage = false;
    TokenUsage m_usage;

    // Stream state.
    QString m_id;
    QString m_model;
    QJsonObject m_anthropicUsage;
    QHash<int, QString> m_blockTypes; ///< Anthropic block index -> block type
    QHash<int, int> m_toolIndexes;    ///< Anthropic block index -> OpenAI tool_calls index
    QHash<int, QString> m_thinkingText;
    QHash<int, QString> m_signatures;
    int m_toolCount = 0;
    bool m_messageStopped = false;
    bool m_errored = false;
};
