#pragma once

#include "Endpoint.h"
#include "providers/ProviderRegistry.h"

struct GatewayContext;

/// POST /v1/chat/completions, /v1/messages, /v1/messages/count_tokens, /v1/responses and
/// /v1/embeddings: validates the body, routes the model to a provider and starts the
/// GatewayCall that relays the answer (a token count is estimated here for providers that
/// cannot count). A translated call whose output cap only the provider's model list can tell
/// waits for that list first.
class ChatEndpoint : public Endpoint
{
public:
    ChatEndpoint(GatewayContext &context, ClientApi api) : m_context(context), m_api(api) {}

    void handle(RequestExchange &&exchange) override;

private:
    /// Whether `body` can be checked and routed on its tree (JsonTree::parseChecked), never
    /// built into Qt's containers: a large Chat Completions or Messages body whose model (at a
    /// first look) routes to a translator that reads the client's tree.
    bool treeWillDo(const QByteArray &body) const;

    GatewayContext &m_context;
    ClientApi m_api;
};
