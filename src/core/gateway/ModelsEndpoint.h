#pragma once

#include "Endpoint.h"

#include <QObject>

struct GatewayContext;

/// GET /v1/models: the models every enabled provider lists, plus the aliases, in OpenAI's list
/// format, or in Anthropic's when the request carries `anthropic-version` (Claude Code's model
/// discovery). Answers when the model catalog has asked the providers.
class ModelsEndpoint : public Endpoint
{
public:
    /// `context` (a QObject living as long as the endpoint) receives the catalog's answers.
    ModelsEndpoint(const GatewayContext &context, QObject *receiver)
        : m_context(context), m_receiver(receiver)
    {}

    void handle(RequestExchange &&exchange) override;

private:
    const GatewayContext &m_context;
    QObject *m_receiver;
};
