#pragma once

#include "config/GatewayConfig.h"
#include "routing/RouteTable.h"

#include <QHash>
#include <QHostAddress>

#include <memory>

class CallTracker;
class ModelCatalog;
class RequestJournal;
class UpstreamClientPool;

/// Provider keys by provider id, as read from the secret sources. Never written anywhere.
using ProviderKeys = QHash<QString, QString>;

/// What the endpoints share, owned by GatewayService in the gateway thread. The configuration
/// is an immutable snapshot replaced as a whole: a request keeps the one it started with.
struct GatewayContext
{
    std::shared_ptr<const GatewayConfig> config;
    RouteTable routes;
    ProviderKeys keys;
    bool paused = false;
    qint64 startedAtMs = 0; ///< wall-clock ms since the epoch
    UpstreamClientPool *pool = nullptr;
    ModelCatalog *catalog = nullptr;
    CallTracker *calls = nullptr;
    RequestJournal *journal = nullptr;
    /// Where the gateway listens: a provider whose base URL points here would loop.
    QHostAddress listenAddress;
    quint16 listenPort = 0;

    /// True when the provider's base URL is this gateway: a request there would come back.
    bool loopsBack(const ProviderSettings &provider) const;
};
