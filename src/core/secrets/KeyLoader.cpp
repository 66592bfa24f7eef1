#include "KeyLoader.h"

#include "KeychainSecretStore.h"

#include <QTimer>

namespace {
const QString kEnvironment = QStringLiteral("environment");
const QString kKeychain = QStringLiteral("system keychain");
const QString kTokenAccount = QLatin1String(KeychainSecretStore::kAccessTokenAccount);
} // namespace

KeyLoader::KeyLoader(KeychainSecretStore *keychain, QObject *parent)
    : QObject(parent), m_keychain(keychain), m_timer(new QTimer(this))
{
    qRegisterMetaType<LoadedSecrets>();
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        finish(false, QStringLiteral("The system keychain is unavailable: it did not answer "
                                     "within %1 s.")
                          .arg(m_timeoutMs / 1000.0));
    });
}

void KeyLoader::load(const QStringList &providerIds, const ProviderKeys &environmentKeys,
                     const QString &environmentToken)
{
    m_result = LoadedSecrets();
    m_anyFound = false;
    m_unavailableMessage.clear();
    m_done = false;
    for (auto it = environmentKeys.begin(); it != environmentKeys.end(); ++it) {
        if (!it.value().isEmpty()) {
            m_result.keys.insert(it.key(), it.value());
            m_result.keySources.insert(it.key(), kEnvironment);
        }
    }
    if (!environmentToken.isEmpty()) {
        m_result.accessToken = environmentToken;
        m_result.accessTokenSource = kEnvironment;
    }
    if (!m_keychain) {
        finish(false, QStringLiteral("No system keychain is in use."));
        return;
    }

    QStringList accounts;
    for (const QString &id : providerIds) {
        if (!m_result.keys.contains(id))
            accounts.append(SecretSource::providerAccount(id));
    }
    if (environmentToken.isEmpty())
        accounts.append(kTokenAccount);
    m_timer->start(m_timeoutMs);
    m_pending = int(accounts.size());
    if (m_pending == 0) {
        afterReads();
        return;
    }
    for (const QString &account : std::as_const(accounts)) {
        m_keychain->read(account, this,
                         [this, account](const SecretResult &result) { onRead(account, result); });
    }
}

void KeyLoader::onRead(const QString &account, const SecretResult &result)
{
    if (m_done)
        return;
    if (result.status == SecretResult::Status::Ok && !result.value.isEmpty()) {
        m_anyFound = true;
        if (account == kTokenAccount) {
            m_result.accessToken = result.value;
            m_result.accessTokenSource = kKeychain;
        } else {
            const QString id = account.mid(SecretSource::providerAccount(QString()).size());
            m_result.keys.insert(id, result.value);
            m_result.keySources.insert(id, kKeychain);
        }
    } else if (result.status == SecretResult::Status::Unavailable &&
               m_unavailableMessage.isEmpty()) {
        m_unavailableMessage = result.message;
    }
    if (--m_pending == 0)
        afterReads();
}

void KeyLoader::afterReads()
{
    if (m_anyFound) {
        finish(true, QString());
        return;
    }
    if (!m_unavailableMessage.isEmpty()) {
        finish(false, m_unavailableMessage);
        return;
    }
    // Every read said "not found", which a locked or missing keyring says too: only a
    // test write tells the two apart.
    m_keychain->probe(this, [this](const SecretResult &probed) {
        if (m_done)
            return;
        finish(probed.status == SecretResult::Status::Ok, probed.message);
    });
}

void KeyLoader::finish(bool available, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    m_timer->stop();
    m_result.keychainAvailable = available;
    m_result.keychainMessage = available ? QString() : message;
    Q_EMIT finished(m_result);
}
