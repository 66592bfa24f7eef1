#pragma once

#include "AccessPolicy.h"
#include "http/HttpApplication.h"

#include <optional>

class EndpointTable;
struct GatewayContext;

/// The gateway behind the HTTP server: gives each request its id and record, decides access
/// (token, Host, Origin, CORS preflight) and the endpoint from the head alone, before any body
/// byte is read, and answers what it can there (401/403, preflights, 404, 405, 503 while
/// paused). An admitted request's body goes to its endpoint; the server's own refusals
/// (malformed heads, limits, timeouts) are answered in the path's error shape and recorded.
class RequestRouter : public HttpApplication
{
public:
    RequestRouter(GatewayContext &context, const EndpointTable &endpoints);

    /// The configuration snapshot in the context changed.
    void configChanged();

    std::unique_ptr<HttpRequestReceiver> headReceived(const IncomingRequest &head,
                                                      HttpResponseWriter &writer) override;
    void headRefused(const HttpRefusal &refusal, const IncomingRequest &partial,
                     HttpResponseWriter &&writer) override;

private:
    GatewayContext &m_context;
    const EndpointTable &m_endpoints;
    std::optional<AccessPolicy> m_access;
};
