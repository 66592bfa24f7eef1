#pragma once

#include "QueuedSecretStore.h"

#include <QDBusConnection>
#include <QDBusObjectPath>

class SecretServiceOperation;

/// Provider keys and the local access token in the freedesktop Secret Service
/// (org.freedesktop.secrets: gnome-keyring, KeePassXC, KWallet's service), spoken to directly
/// over QtDBus. The items are the ones QtKeychain's libsecret backend reads and writes
/// (service "llm-gateway", accounts `provider/<id>` and `access-token`), so keys stored by
/// earlier builds are found; unlike QtKeychain it maps no libsecret, GIO or GObject and runs
/// no GDBus thread. Same contract as KeychainSecretStore (QueuedSecretStore: one operation at
/// a time in the order asked, each bounded by a timeout), with a longer timeout once the
/// service shows the user a prompt; nothing waits in a nested event loop.
class SecretServiceStore : public QueuedSecretStore
{
    Q_OBJECT

public:
    /// Typing a keyring password takes longer than the service takes to answer.
    static constexpr int kDefaultPromptTimeoutMs = 300000;

    explicit SecretServiceStore(QObject *parent = nullptr);
    SecretServiceStore(const QDBusConnection &bus, const QString &service,
                       QObject *parent = nullptr);
    ~SecretServiceStore() override;

    QString displayName() const override;

    void setPromptTimeout(int ms) { m_promptTimeoutMs = ms; }

protected:
    void startOperation(const Request &request) override;
    void endOperation(const SecretResult &answer) override;

private:
    void abandonOperation();

    QDBusConnection m_bus;
    QString m_service;
    int m_promptTimeoutMs = kDefaultPromptTimeoutMs;
    QDBusObjectPath m_session;
    SecretServiceOperation *m_operation = nullptr;
};
