#include "ProviderKeyStore.h"

#include "SecretSource.h"
#include "config/ProviderSettings.h"

#include <QPointer>

ProviderKeyStore::ProviderKeyStore(SecretSource &store, EnvironmentSettings environment,
                                   QObject *parent)
    : QObject(parent), m_store(store), m_environment(std::move(environment))
{}

QString ProviderKeyStore::environmentVariable(const QString &providerId)
{
    ProviderSettings provider;
    provider.id = providerId;
    return provider.keyEnvironmentVariable();
}

QString ProviderKeyStore::mask(const QString &key)
{
    if (key.isEmpty())
        return QString();
    // Short keys show nothing of themselves: a few characters would be most of the secret.
    if (key.size() < 16)
        return QString(8, QChar(0x2022));
    return key.left(3) + QString(3, QChar(0x2022)) + key.right(4);
}

void ProviderKeyStore::load(const QStringList &providerIds)
{
    const bool wasLoading = isLoading();
    for (const QString &id : providerIds) {
        m_known.insert(id);
        if (m_read.contains(id) || m_environment.contains(environmentVariable(id)))
            continue;
        read(id);
    }
    if (isLoading() != wasLoading)
        Q_EMIT loadingChanged(isLoading());
    if (!isLoading() && !m_probed &&
        m_store.availability() == SecretSource::Availability::Unknown) {
        // Nothing to read (every key is in the environment): still find out for the user
        // whether keys could be stored here.
        m_probed = true;
        m_store.probe(this, [](const SecretResult &) {});
    }
}

void ProviderKeyStore::read(const QString &providerId)
{
    m_read.insert(providerId);
    ++m_pendingReads;
    m_store.read(SecretSource::providerAccount(providerId), this,
                 [this, providerId](const SecretResult &result) {
                     if (result.status == SecretResult::Status::Ok && !result.value.isEmpty()) {
                         m_anyFound = true;
                         setKeychainKey(providerId, result.value);
                     } else if (result.status == SecretResult::Status::NotFound) {
                         setKeychainKey(providerId, QString());
                     } else if (result.status == SecretResult::Status::Unavailable) {
                         // Read again once the keychain is back (reload()).
                         m_read.remove(providerId);
                     }
                     if (--m_pendingReads > 0)
                         return;
                     if (!m_anyFound && !m_probed &&
                         m_store.availability() != SecretSource::Availability::Unavailable) {
                         // Every read said "not found", which a locked or missing keyring says
                         // too: only a test write tells the two apart.
                         m_probed = true;
                         m_store.probe(this, [](const SecretResult &) {});
                     }
                     Q_EMIT loadingChanged(false);
                 });
}

void ProviderKeyStore::reload()
{
    m_store.probe(this, [this](const SecretResult &probed) {
        if (probed.status != SecretResult::Status::Ok)
            return; // availability() now says why
        m_read.clear();
        load(QStringList(m_known.begin(), m_known.end()));
    });
}

void ProviderKeyStore::setKeychainKey(const QString &providerId, const QString &key)
{
    const QString before = this->key(providerId);
    if (key.isEmpty())
        m_keychain.remove(providerId);
    else
        m_keychain.insert(providerId, key);
    if (this->key(providerId) != before)
        Q_EMIT keysChanged();
}

ProviderKeys ProviderKeyStore::keys() const
{
    ProviderKeys keys = m_keychain;
    for (const QString &id : m_known) {
        const QString fromEnvironment = m_environment.value(environmentVariable(id));
        if (!fromEnvironment.isEmpty())
            keys.insert(id, fromEnvironment);
    }
    return keys;
}

QString ProviderKeyStore::key(const QString &providerId) const
{
    const QString fromEnvironment = m_environment.value(environmentVariable(providerId));
    return fromEnvironment.isEmpty() ? m_keychain.value(providerId) : fromEnvironment;
}

ProviderKeyStore::Source ProviderKeyStore::source(const QString &providerId) const
{
    if (m_environment.contains(environmentVariable(providerId)))
        return Source::Environment;
    return m_keychain.contains(providerId) ? Source::Keychain : Source::None;
}

void ProviderKeyStore::setKey(const QString &providerId, const QString &key, QObject *context,
                              ResultCallback done)
{
    QPointer<QObject> guard(context);
    const auto answer = [guard, done](const QString &error) {
        if (guard)
            done(error);
    };
    if (m_environment.contains(environmentVariable(providerId))) {
        answer(tr("The key of '%1' is set by the environment variable %2, which wins over the "
                  "keychain; change it where it is set.")
                   .arg(providerId, environmentVariable(providerId)));
        return;
    }
    const QString trimmed = key.trimmed();
    if (trimmed.isEmpty()) {
        answer(tr("The key is empty."));
        return;
    }
    m_known.insert(providerId);
    m_store.write(SecretSource::providerAccount(providerId), trimmed, this,
                  [this, providerId, trimmed, answer](const SecretResult &written) {
                      if (written.status != SecretResult::Status::Ok) {
                          answer(written.message);
                          return;
                      }
                      m_read.insert(providerId);
                      setKeychainKey(providerId, trimmed);
                      answer(QString());
                  });
}

void ProviderKeyStore::removeKey(const QString &providerId, QObject *context, ResultCallback done)
{
    QPointer<QObject> guard(context);
    m_store.remove(SecretSource::providerAccount(providerId), this,
                   [this, providerId, guard, done](const SecretResult &removed) {
                       QString error;
                       if (removed.status == SecretResult::Status::Unavailable)
                           error = removed.message;
                       else
                           setKeychainKey(providerId, QString());
                       if (guard)
                           done(error);
                   });
}
