#pragma once

#include "config/GatewayConfig.h"

#include <QObject>
#include <QUrl>

class AccessTokenStore;
class GatewayController;
class ProviderKeyStore;
class SettingsStore;

/// Runs the gateway on the stores' state. It starts listening at once with what is known
/// (the settings, the environment's keys and token); keys and the token from the keychain
/// join when they arrive, and every later change of settings, keys or token reaches the
/// gateway thread as a new snapshot. Until the keychain has answered, API requests get
/// 503 "starting, retry" rather than a 401 for a token not read yet.
class GatewayRunner : public QObject
{
    Q_OBJECT

public:
    GatewayRunner(GatewayController &controller, SettingsStore &settings, ProviderKeyStore &keys,
                  AccessTokenStore &token, QObject *parent = nullptr);

    /// Starts the gateway and the keychain reads.
    void start();

    /// The configuration the gateway gets: the effective settings, the token, and whether
    /// the keychain is still being read.
    GatewayConfig snapshot() const;
    /// True while the keychain has not answered yet.
    bool isWaitingForSecrets() const;
    /// Serving, with the keychain's answers in force.
    bool isReady() const { return m_ready; }

Q_SIGNALS:
    /// The gateway serves with everything it will get from the keychain: every API request
    /// is answered for real from now on. Again after each change of address.
    void ready(const QUrl &baseUrl);

private:
    void onSettingsChanged();
    void onSecretsChanged();
    void push();
    void updateReady();

    GatewayController &m_controller;
    SettingsStore &m_settings;
    ProviderKeyStore &m_keys;
    AccessTokenStore &m_token;
    bool m_started = false;
    bool m_secretsSettled = false; ///< the keychain's first answers are in
    bool m_pendingInForce = true;  ///< the gateway thread still answers "starting"
    quint64 m_settledSerial = 0;   ///< the first snapshot without secretsPending
    bool m_ready = false;
    QUrl m_readyUrl;
};
