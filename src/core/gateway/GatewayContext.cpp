#include "GatewayContext.h"

#include "providers/ProviderAdapter.h"

bool GatewayContext::loopsBack(const ProviderSettings &provider) const
{
    return listenPort != 0 &&
           ProviderAdapter::pointsAtGateway(provider.baseUrl, listenAddress, listenPort);
}
