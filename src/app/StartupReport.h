#pragma once

#include <QObject>
#include <QString>

class AccessTokenStore;
class GatewayController;
class GatewayRunner;
class ProviderKeyStore;
class SecretSource;
class SettingsStore;

/// Tells the log (stderr) what the gateway runs on and why: where the settings, each
/// provider's key and the token come from, what is wrong with a source, when it serves, and
/// every request it answers. Never a key or the token.
class StartupReport : public QObject
{
    Q_OBJECT

public:
    StartupReport(SettingsStore &settings, ProviderKeyStore &keys, AccessTokenStore &token,
                  SecretSource &keychain, GatewayController &gateway, GatewayRunner &runner,
                  QObject *parent = nullptr);

    /// Logs the sources read at start; the rest follows as it happens.
    void reportSources();

private:
    void reportSecrets();
    void reportToken();

    SettingsStore &m_settings;
    ProviderKeyStore &m_keys;
    AccessTokenStore &m_token;
    SecretSource &m_keychain;
    GatewayController &m_gateway;
    bool m_secretsReported = false;
    QString m_lastKeychainWarning;
    QString m_lastFileError;
};
