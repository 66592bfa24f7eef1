#pragma once

#include "providers/ChatTranslator.h"

#include <QJsonObject>

/// Anthropic client to Anthropic upstream: the body goes up with only the model name replaced,
/// the answer comes back byte for byte and streams event by event. Also carries
/// `/v1/messages/count_tokens` (constructed with that path).
class AnthropicPassthroughTranslator : public ChatTranslator
{
public:
    static constexpr char kMessagesPath[] = "/v1/messages";
    static constexpr char kCountTokensPath[] = "/v1/messages/count_tokens";

    explicit AnthropicPassthroughTranslator(QByteArray path = kMessagesPath)
        : m_path(std::move(path))
    {}

    UpstreamPath upstreamPath(const QString &, bool) const override { return {m_path, {}}; }
    /// The client's bytes are sent with the model name changed: an outline does.
    bool readsClientTree() const override { return true; }
    bool translateRequest(const QJsonObject &clientRequest, const QString &upstreamModel,
                          QByteArray *upstreamBody, GatewayError *error) override;
    bool translateResponse(const QByteArray &upstreamBody, QByteArray *clientBody,
                           GatewayError *error) override;
    QByteArray translateEvent(const SseEvent &event) override;
    bool isStreamComplete() const override { return m_complete; }
    QByteArray finishStream() override { return {}; }
    GatewayError translateError(int status, const QByteArray &body,
                                const QByteArray &retryAfter) const override;
    TokenUsage usage() const override { return m_usage; }

private:
    QByteArray m_path;
    QJsonObject m_anthropicUsage;
    TokenUsage m_usage;
    bool m_complete = false;
};
