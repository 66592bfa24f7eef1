#pragma once

#include "config/EnvironmentSettings.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <functional>

class SecretSource;

/// Provider keys by provider id, as the gateway uses them. Never written to a file or log.
using ProviderKeys = QHash<QString, QString>;

/// The provider keys the gateway uses and where each comes from (SPEC §2): an environment
/// variable (`<ID>_API_KEY`, also from --env-file) wins over the system keychain. Reads the
/// keychain asynchronously, writes and deletes keys there, and says when the keys change.
class ProviderKeyStore : public QObject
{
    Q_OBJECT

public:
    enum class Source
    {
        None,
        Environment,
        Keychain
    };
    Q_ENUM(Source)

    /// Empty `error`: the operation worked.
    using ResultCallback = std::function<void(const QString &error)>;

    ProviderKeyStore(SecretSource &store, EnvironmentSettings environment,
                     QObject *parent = nullptr);

    /// Reads from the keychain the keys of these providers that the environment does not set
    /// and that were not read before. When the first round finds nothing, a test write tells
    /// whether the keychain works at all (a locked keyring answers reads with "not found").
    void load(const QStringList &providerIds);
    /// Reads every known provider's key again, after a probe: for when the user has started or
    /// unlocked a keychain.
    void reload();
    /// True while keychain reads are under way.
    bool isLoading() const { return m_pendingReads > 0; }

    ProviderKeys keys() const;
    QString key(const QString &providerId) const;
    Source source(const QString &providerId) const;
    /// The variable that sets (or would set) this provider's key, e.g. DEEPSEEK_API_KEY.
    static QString environmentVariable(const QString &providerId);
    /// A key for display: its first three and last four characters, never the whole key.
    static QString mask(const QString &key);

    /// Stores `key` in the keychain. Refused for a provider whose key comes from the
    /// environment (it would be shadowed): that variable is changed where it is set.
    void setKey(const QString &providerId, const QString &key, QObject *context,
                ResultCallback done);
    /// Deletes the provider's key from the keychain (nothing to do: success).
    void removeKey(const QString &providerId, QObject *context, ResultCallback done);

    SecretSource &secretStore() { return m_store; }

Q_SIGNALS:
    /// The effective keys changed (a key was read, stored or removed).
    void keysChanged();
    void loadingChanged(bool loading);

private:
    void read(const QString &providerId);
    void setKeychainKey(const QString &providerId, const QString &key);

    SecretSource &m_store;
    EnvironmentSettings m_environment;
    QSet<QString> m_known;   ///< every provider id asked for
    QSet<QString> m_read;    ///< ids whose keychain entry was read (or is being read)
    ProviderKeys m_keychain; ///< keys found in the keychain
    int m_pendingReads = 0;
    bool m_probed = false;
    bool m_anyFound = false;
};
