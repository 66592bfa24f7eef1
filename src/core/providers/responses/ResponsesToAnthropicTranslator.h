#pragma once

#include "ResponsesToChatTranslator.h"
#include "providers/anthropic/OpenAiToAnthropicTranslator.h"
#include "sse/SseParser.h"

/// Responses API client to an Anthropic upstream, composed of the two translations that
/// exist already: Responses <-> Chat Completions (ResponsesToChatTranslator) and Chat
/// Completions <-> Messages (OpenAiToAnthropicTranslator). Requests go through both; answers,
/// stream events and errors come back through both. What the Chat form cannot say is carried
/// around it: Anthropic's signed thinking blocks ride in the reasoning items'
/// encrypted_content, and text.format json_schema becomes Anthropic's output_config.format.
class ResponsesToAnthropicTranslator : public ChatTranslator
{
public:
    ResponsesToAnthropicTranslator();

    void setIdSeed(const QString &seed) { m_responses.setIdSeed(seed); }
    void setCreatedTimestamp(qint64 secondsSinceEpoch);

    UpstreamPath upstreamPath(const QString &upstreamModel, bool stream) const override
    {
        return m_anthropic.upstreamPath(upstreamModel, stream);
    }
    bool translateRequest(const QJsonObject &clientRequest, const QString &upstreamModel,
                          QByteArray *upstreamBody, GatewayError *error) override;
    bool translateResponse(const QByteArray &upstreamBody, QByteArray *clientBody,
                           GatewayError *error) override;
    QByteArray translateEvent(const SseEvent &event) override;
    bool isStreamComplete() const override { return m_responses.isStreamComplete(); }
    QByteArray finishStream() override { return m_responses.finishStream(); }
    GatewayError translateError(int status, const QByteArray &body,
                                const QByteArray &retryAfter) const override;
    QByteArray streamError(const GatewayError &error, ApiFormat clientFormat) override;
    /// From the Chat form of Anthropic's usage (it details cached tokens); Anthropic's own
    /// counts until that arrives (a stream cut short).
    TokenUsage usage() const override
    {
        return m_responses.usage().isKnown() ? m_responses.usage() : m_anthropic.usage();
    }

private:
    QByteArray fromChatStream(const QByteArray &chatSse);

    ResponsesToChatTranslator m_responses;
    OpenAiToAnthropicTranslator m_anthropic;
    SseParser m_chatParser;
    bool m_chatStreamEnded = false;
};
