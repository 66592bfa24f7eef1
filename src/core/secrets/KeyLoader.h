#pragma once

#include "SecretSource.h"
#include "gateway/GatewayService.h"

#include <QHash>
#include <QObject>
#include <QStringList>

class KeychainSecretStore;
class QTimer;

/// What the key loader found: the keys the gateway will use and where each came from.
struct LoadedSecrets
{
    ProviderKeys keys;                  ///< by provider id; the environment wins over the keychain
    QHash<QString, QString> keySources; ///< provider id -> "environment" or "system keychain"
    QString accessToken;                ///< empty when neither source has one
    QString accessTokenSource;          ///< "environment", "system keychain" or empty
    bool keychainAvailable = false;
    QString keychainMessage; ///< why the keychain is unavailable, for the user
};
Q_DECLARE_METATYPE(LoadedSecrets)

/// Merges the keys of the environment (and .env) with those in the system keychain, the
/// environment first (SPEC §2). Asynchronous and bounded in time: it never blocks a thread,
/// and a keychain that does not answer counts as unavailable after the timeout.
class KeyLoader : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultTimeoutMs = 15000;

    /// `keychain` may be null: the environment alone.
    explicit KeyLoader(KeychainSecretStore *keychain, QObject *parent = nullptr);

    void setTimeout(int ms) { m_timeoutMs = ms; }

    /// Reads the keychain entries the environment does not override, probes availability
    /// when every read answered "not found", and emits finished() once.
    void load(const QStringList &providerIds, const ProviderKeys &environmentKeys,
              const QString &environmentToken);

Q_SIGNALS:
    void finished(const LoadedSecrets &secrets);

private:
    void onRead(const QString &account, const SecretResult &result);
    void afterReads();
    void finish(bool available, const QString &message);

    KeychainSecretStore *m_keychain;
    QTimer *m_timer;
    int m_timeoutMs = kDefaultTimeoutMs;
    LoadedSecrets m_result;
    int m_pending = 0;
    bool m_anyFound = false;
    QString m_unavailableMessage;
    bool m_done = true;
};
