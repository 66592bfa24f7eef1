#pragma once

#include "Endpoint.h"

struct GatewayContext;

/// GET /health: `{"status":"ok", ...}` with the version, pause state, requests in flight,
/// uptime and the enabled providers (whether each has a key, never the key).
class HealthEndpoint : public Endpoint
{
public:
    explicit HealthEndpoint(const GatewayContext &context) : m_context(context) {}

    void handle(RequestExchange &&exchange) override;

private:
    const GatewayContext &m_context;
};
