#pragma once

#include "ResponseEnvelope.h"
#include "ResponsesRequestConverter.h"
#include "ResponsesStreamWriter.h"
#include "providers/ChatTranslator.h"

/// Responses API client to a Chat Completions upstream (DeepSeek, Ollama, every
/// OpenAI-compatible server): the request is converted by ResponsesRequestConverter, the
/// answer becomes a `response` object with reasoning, message and function_call items, and
/// the chunk stream becomes the Responses event stream (ResponsesStreamWriter). The
/// provider's reasoning (`reasoning_content`, or `reasoning` on OpenRouter, vLLM and Ollama)
/// becomes reasoning items with a summary, which come back as `reasoning_content`.
class ResponsesToChatTranslator : public ChatTranslator
{
public:
    explicit ResponsesToChatTranslator(ResponsesRequestConverter::ThinkingBlocks thinkingBlocks =
                                           ResponsesRequestConverter::ThinkingBlocks::Drop);

    /// Fixes ids and the creation time (golden tests); by default random ids and now.
    void setIdSeed(const QString &seed) { m_envelope.setIdSeed(seed); }
    void setCreatedTimestamp(qint64 secondsSinceEpoch)
    {
        m_envelope.setCreatedAt(secondsSinceEpoch);
    }

    UpstreamPath upstreamPath(const QString &, bool) const override
    {
        return {QByteArrayLiteral("/chat/completions"), {}};
    }
    bool translateRequest(const QJsonObject &clientRequest, const QString &upstreamModel,
                          QByteArray *upstreamBody, GatewayError *error) override;
    bool translateResponse(const QByteArray &upstreamBody, QByteArray *clientBody,
                           GatewayError *error) override;
    QByteArray translateEvent(const SseEvent &event) override;
    /// Complete once the upstream said why it stopped: a server that closes the stream
    /// cleanly without [DONE] still gave the whole answer.
    bool isStreamComplete() const override
    {
        return m_writer.isFinished() || !m_finishReason.isEmpty();
    }
    /// response.completed when [DONE] never came; Responses streams end without [DONE].
    QByteArray finishStream() override;
    GatewayError translateError(int status, const QByteArray &body,
                                const QByteArray &retryAfter) const override;
    QByteArray streamError(const GatewayError &error, ApiFormat clientFormat) override;
    TokenUsage usage() const override { return m_usage; }

    /// The Chat Completions request translateRequest() built (for composing translators).
    QJsonObject chatRequest() const { return m_chatRequest; }
    /// What the request's conversion left out (tools the provider cannot run).
    QStringList droppedTools() const { return m_converter.droppedTools(); }

    /// A Chat Completions `chat.completion` body as a Responses `response` body.
    bool responseFromChat(const QJsonObject &completion, QByteArray *clientBody,
                          GatewayError *error);
    /// One parsed Chat Completions stream chunk (or `[DONE]`) as Responses events.
    QByteArray eventsFromChatChunk(const QByteArray &data);

private:
    QByteArray onChunk(const QJsonObject &chunk);

    ResponsesRequestConverter m_converter;
    ResponseEnvelope m_envelope;
    ResponsesStreamWriter m_writer{m_envelope};
    QJsonObject m_chatRequest;
    TokenUsage m_usage;
    QJsonValue m_responsesUsage; ///< null until the upstream reports usage
    QString m_finishReason;
};
