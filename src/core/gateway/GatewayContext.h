#pragma once

#include "config/GatewayConfig.h"
#include "routing/RouteTable.h"

#include <QHash>
#include <QHostAddress>

#include <memory>

class CallTracker;
class ModelCatalog;
class ReasoningSigner;
class RequestJournal;
class SecretRedactor;
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
    /// Signs reasoning for Anthropic-format clients (ReasoningSigner); shared by every call.
    std::shared_ptr<const ReasoningSigner> signer;
    /// Every provider key and the access token, removed from all a client receives (SPEC §4);
    /// rebuilt with each configuration or keys snapshot.
    std::shared_ptr<const SecretRedactor> redactor;
    /// Where the gateway listens: a provider whose base URL points here would loop.
    QHostAddress listenAddress;
    quint16 listenPort = 0;

    /// True when the provider's base URL is this gateway: a request there would come back.
    bool loopsBack(const ProviderSettings &provider) const;
};
