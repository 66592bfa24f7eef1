#pragma once

#include "ChatTranslator.h"

/// OpenAI embeddings client to an OpenAI-compatible upstream (`POST /embeddings`): the body
/// goes up with only the model name replaced and comes back byte for byte. Embeddings never
/// stream.
class EmbeddingsPassthroughTranslator : public ChatTranslator
{
public:
    UpstreamPath upstreamPath(const QString &, bool) const override
    {
        return {QByteArrayLiteral("/embeddings"), {}};
    }
    bool translateRequest(const QJsonObject &clientRequest, const QString &upstreamModel,
                          QByteArray *upstreamBody, GatewayError *error) override;
    bool translateResponse(const QByteArray &upstreamBody, QByteArray *clientBody,
                           GatewayError *error) override;
    QByteArray translateEvent(const SseEvent &) override { return {}; }
    bool isStreamComplete() const override { return false; }
    QByteArray finishStream() override { return {}; }
    GatewayError translateError(int status, const QByteArray &body,
                                const QByteArray &retryAfter) const override;
    TokenUsage usage() const override { return m_usage; }

private:
    TokenUsage m_usage;
};
