#pragma once

#include "DesktopFace.h"
#include "config/StartupOptions.h"

#include <QObject>
#include <memory>

class AccessTokenStore;
class GatewayController;
class GatewayRunner;
class ProviderKeyStore;
class SecretSource;
class RequestLogStore;
class SettingsStore;
class StartupReport;
class TokenCommand;
class UnixSignalWatcher;

/// The composition root: builds every service once, hands references to those that need
/// them, and owns them for the life of the process. Holds no state of its own: settings,
/// keys and the token live in their stores. No singletons.
class AppRoot : public QObject
{
    Q_OBJECT

public:
    /// `desktop` makes the desktop face when the options are not headless (the headless
    /// executable has none to give).
    explicit AppRoot(StartupOptions options, DesktopFactory desktop = nullptr,
                     QObject *parent = nullptr);
    ~AppRoot() override;

    /// Reads the settings and starts the gateway (and the tray in GUI mode), or runs a token
    /// command. Returns false when startup is impossible; the reason has been reported.
    bool start();

    /// The desktop face (null in headless mode or before start()).
    DesktopFace *desktop() const { return m_desktop.get(); }
    GatewayController &gateway() const { return *m_gateway; }

private:
    void quit(int exitCode);

    StartupOptions m_options;
    DesktopFactory m_desktopFactory;
    SettingsStore *m_settings;
    SecretSource *m_keychain;
    GatewayController *m_gateway;
    UnixSignalWatcher *m_signals;
    /// Written by its own thread, fed straight from the gateway thread.
    std::shared_ptr<RequestLogStore> m_requestLog;
    // Built in start(), once the environment is known.
    ProviderKeyStore *m_keys = nullptr;
    AccessTokenStore *m_token = nullptr;
    GatewayRunner *m_runner = nullptr;
    StartupReport *m_report = nullptr;
    TokenCommand *m_tokenCommand = nullptr;
    std::unique_ptr<DesktopFace> m_desktop;
};
