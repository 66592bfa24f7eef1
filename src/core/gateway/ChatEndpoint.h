#pragma once

#include "Endpoint.h"
#include "providers/ProviderRegistry.h"

struct GatewayContext;

/// POST /v1/chat/completions, /v1/messages, /v1/messages/count_tokens and /v1/responses:
/// validates the body, routes the model to a provider and starts the GatewayCall that relays
/// the answer (a token count is estimated here for providers that cannot count).
class ChatEndpoint : public Endpoint
{
public:
    ChatEndpoint(GatewayContext &context, ClientApi api) : m_context(context), m_api(api) {}

    void handle(RequestExchange &&exchange) override;

private:
    GatewayContext &m_context;
    ClientApi m_api;
};
