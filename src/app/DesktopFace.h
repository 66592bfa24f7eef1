#pragma once

#include <QObject>

#include <memory>

class AccessTokenStore;
class GatewayController;
class GatewayRunner;
class ProviderKeyStore;
class SecretSource;
class RequestLogStore;
class SettingsStore;

/// What AppRoot has built that the desktop face works with. Everything outlives the face.
struct DesktopServices
{
    SettingsStore &settings;
    SecretSource &keychain;
    ProviderKeyStore &keys;
    AccessTokenStore &token;
    GatewayController &gateway;
    GatewayRunner &runner;
    RequestLogStore &requestLog;
};

/// The desktop app on top of the gateway: dashboard, tray and chat. AppRoot gets it from a
/// DesktopFactory, so that the app's core links no GUI library: the headless executable
/// (llm-gateway-headless) is built without them and does not map them (docs/benchmarks.md).
class DesktopFace : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    /// Opens the dashboard, or only the tray icon when `minimized` (started at login).
    virtual void start(bool minimized) = 0;
    /// A second start of the app asked this one to show itself.
    virtual void activate() = 0;

Q_SIGNALS:
    /// "Quit" was chosen: the app stops the gateway and exits.
    void quitRequested();
};

using DesktopFactory = std::unique_ptr<DesktopFace> (*)(const DesktopServices &services);
