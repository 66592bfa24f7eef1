#pragma once

#include "providers/ChatTranslator.h"

/// Responses API client to a provider that serves the Responses API itself (OpenAI):
/// requests pass with the model name replaced, answers and events pass byte for byte. The
/// gateway only reads the terminal event for usage and completion, and leaves out the
/// reasoning items that carry its own thinking blocks from another provider (OpenAI would
/// refuse their encrypted_content).
class ResponsesPassthroughTranslator : public ChatTranslator
{
public:
    UpstreamPath upstreamPath(const QString &, bool) const override
    {
        return {QByteArrayLiteral("/responses"), {}};
    }
    bool translateRequest(const QJsonObject &clientRequest, const QString &upstreamModel,
                          QByteArray *upstreamBody, GatewayError *error) override;
    bool translateResponse(const QByteArray &upstreamBody, QByteArray *clientBody,
                           GatewayError *error) override;
    QByteArray translateEvent(const SseEvent &event) override;
    bool isStreamComplete() const override { return m_complete; }
    QByteArray finishStream() override { return {}; }
    GatewayError translateError(int status, const QByteArray &body,
                                const QByteArray &retryAfter) const override;
    QByteArray streamError(const GatewayError &error, ApiFormat clientFormat) override;
    TokenUsage usage() const override { return m_usage; }

private:
    QString m_responseId;
    QString m_model;
    int m_nextSequence = 0;
    bool m_complete = false;
    TokenUsage m_usage;
};
