#pragma once

class RequestExchange;

/// One endpoint of the gateway's HTTP interface (SPEC §4). Reached only by requests that
/// passed access control and name one of its methods; answers through the exchange, now or
/// later.
class Endpoint
{
public:
    virtual ~Endpoint() = default;

    virtual void handle(RequestExchange &&exchange) = 0;
};
