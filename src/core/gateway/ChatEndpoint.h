#pragma once

#include "Endpoint.h"

struct GatewayContext;

/// POST /v1/chat/completions, /v1/messages and /v1/messages/count_tokens: validates the body,
/// routes the model to a provider and starts the GatewayCall that relays the answer (a token
/// count is estimated here for providers that cannot count).
class ChatEndpoint : public Endpoint
{
public:
    enum class Kind
    {
        ChatCompletions, ///< OpenAI Chat Completions
        Messages,        ///< Anthropic Messages
        CountTokens      ///< Anthropic's token count
    };

    ChatEndpoint(GatewayContext &context, Kind kind) : m_context(context), m_kind(kind) {}

    void handle(RequestExchange &&exchange) override;

private:
    GatewayContext &m_context;
    Kind m_kind;
};
