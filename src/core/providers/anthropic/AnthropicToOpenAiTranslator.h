#pragma once

#include "AnthropicStreamBuilder.h"
#include "api/JsonTree.h"
#include "providers/ChatTranslator.h"
#include "providers/ReasoningSigner.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <memory>

/// Anthropic client (Claude Code, the Anthropic SDKs) to an OpenAI-compatible upstream
/// (DeepSeek, OpenAI, Ollama...): Messages requests become Chat Completions requests, and the
/// answers, streams and errors come back in Anthropic's shapes.
///
/// Streams: exactly one message_start; content blocks written by AnthropicStreamBuilder, which
/// keeps every piece whatever the upstream's order; message_delta (with the usage) and
/// message_stop at the end of the upstream stream.
///
/// Reasoning (`reasoning_content`, or `reasoning`) becomes a thinking block signed by the
/// gateway's ReasoningSigner; a thinking block that comes back with that signature becomes
/// `reasoning_content` again (DeepSeek needs it on tool-call turns) when it goes back to the
/// provider that wrote it. Thinking signed by anyone else (Claude's own, another provider's)
/// is not the upstream model's and is left out.
class AnthropicToOpenAiTranslator : public ChatTranslator
{
public:
    /// Reasoning is signed as written by provider `providerId`'s model, and only thinking
    /// signed so (or unsigned) goes back to it. Without a signer, reasoning goes out with an
    /// empty signature and only unsigned thinking comes back as reasoning.
    void setReasoningSigner(std::shared_ptr<const ReasoningSigner> signer,
                            const QString &providerId);
    /// The request field for the output limit: "max_tokens" (the default, which every
    /// OpenAI-compatible server takes) or "max_completion_tokens" (OpenAI itself, whose
    /// reasoning models refuse max_tokens).
    void setOutputTokensField(const QString &field) { m_outputTokensField = field; }

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
    bool appliesOutputTokenCap() const override { return true; }
    /// The request is written from the client's bytes (JsonTree): the outline is enough for
    /// checking it.
    bool readsClientTree() const override { return true; }

private:
    /// message_start, once, with the id and model of `chunk` (the first upstream chunk; Absent
    /// when the stream ends without one).
    QByteArray ensureStarted(const JsonTree::Value &chunk);
    QJsonObject anthropicUsage() const;
    /// The client request's input tokens as estimated (made on first use for whole answers).
    qint64 estimatedInputTokens() const;
    QString signature(const QString &thinking) const;
    /// True when a thinking block that came back holds reasoning of a non-Anthropic model
    /// (signed by this gateway, or unsigned).
    bool isOwnReasoning(const JsonTree::Value &thinkingBlock) const;

    std::shared_ptr<const ReasoningSigner> m_signer;
    QString m_scope; ///< the upstream provider's id
    QString m_outputTokensField = QStringLiteral("max_tokens");
    QString m_upstreamModel;
    mutable qint64 m_estimatedInputTokens = 0; ///< -1: not made yet (from m_estimateSource)
    QByteArray m_estimateSource;               ///< the client's request, as JSON text
    TokenUsage m_usage;

    // Stream state.
    AnthropicStreamBuilder m_stream;
    QString m_finishReason;
    QJsonObject m_openAiUsage;
    bool m_sawDone = false;
    bool m_errored = false;
};
