#pragma once

#include "config/StartupConfig.h"

#include <QObject>
#include <memory>

class GatewayController;
class KeychainSecretStore;
class KeyLoader;
class RequestLogStore;
struct LoadedSecrets;
class TrayShell;
class UnixSignalWatcher;

/// The composition root: builds every service once, hands references to those that need
/// them, and owns them for the life of the process. No singletons.
class AppRoot : public QObject
{
    Q_OBJECT

public:
    explicit AppRoot(StartupOptions options, QObject *parent = nullptr);
    ~AppRoot() override;

    /// Assembles the configuration and starts the gateway (and the tray in GUI mode).
    /// Returns false when startup is impossible; the reason has been reported.
    bool start();

private:
    void onSecretsLoaded(const LoadedSecrets &secrets);
    void startGateway();
    void runTokenCommand();
    void finishTokenCommand(const QString &token, const QString &error);
    void onServing();
    void onFailed(const QString &message);
    void quit(int exitCode);

    StartupOptions m_options;
    StartupConfig m_startup;
    GatewayController *m_gateway;
    KeychainSecretStore *m_keychain;
    KeyLoader *m_keyLoader;
    UnixSignalWatcher *m_signals;
    /// Written by its own thread, fed straight from the gateway thread.
    std::shared_ptr<RequestLogStore> m_requestLog;
    std::unique_ptr<TrayShell> m_tray;
};
