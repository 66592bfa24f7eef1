#pragma once

#include "ChatTranslator.h"

/// OpenAI client to OpenAI-compatible upstream: bodies pass through with the model name
/// replaced; streams are forwarded event by event. The gateway always asks upstream for the
/// usage chunk (for the log) and drops it again unless the client asked for it.
/// DeepSeek's `reasoning_content` and unknown fields pass through untouched.
class OpenAiPassthroughTranslator : public ChatTranslator
{
public:
    UpstreamPath upstreamPath(const QString &upstreamModel, bool stream) const override;
    /// The client's bytes are sent with the model name changed: an outline does.
    bool readsClientTree() const override { return true; }
    bool translateRequest(const QJsonObject &clientRequest, const QString &upstreamModel,
                          QByteArray *upstreamBody, GatewayError *error) override;
    bool translateResponse(const QByteArray &upstreamBody, QByteArray *clientBody,
                           GatewayError *error) override;
    QByteArray translateEvent(const SseEvent &event) override;
    bool isStreamComplete() const override { return m_sawDone; }
    QByteArray finishStream() override;
    GatewayError translateError(int status, const QByteArray &body,
                                const QByteArray &retryAfter) const override;
    TokenUsage usage() const override { return m_usage; }

    /// Reads OpenAI's `usage` object: prompt and completion tokens, cached prompt tokens
    /// (prompt_tokens_details.cached_tokens, or DeepSeek's prompt_cache_hit_tokens) and
    /// reasoning tokens (completion_tokens_details.reasoning_tokens).
    static TokenUsage parseUsage(const QJsonObject &usage);
    /// Error of an OpenAI-compatible upstream: `{"error":{message,type,code}}`, or its text.
    static GatewayError openAiStyleError(int status, const QByteArray &body,
                                         const QByteArray &retryAfter);

private:
    bool m_clientWantsUsage = false;
    bool m_sawDone = false;
    bool m_sawFinishReason = false;
    TokenUsage m_usage;
};
