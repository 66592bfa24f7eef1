#pragma once

#include "SecretSource.h"

#include <QDBusConnection>
#include <QDBusObjectPath>
#include <QPointer>
#include <QQueue>

class QTimer;
class SecretServiceOperation;

/// Provider keys and the local access token in the freedesktop Secret Service
/// (org.freedesktop.secrets: gnome-keyring, KeePassXC, KWallet's service), spoken to directly
/// over QtDBus. The items are the ones QtKeychain's libsecret backend reads and writes
/// (service "llm-gateway", accounts `provider/<id>` and `access-token`), so keys stored by
/// earlier builds are found; unlike QtKeychain it maps no libsecret, GIO or GObject and runs
/// no GDBus thread. Same contract as KeychainSecretStore: every operation asynchronous, one at
/// a time in the order asked, each bounded by a timeout (a longer one once the service shows
/// the user a prompt); nothing waits in a nested event loop. Lives in the thread that created
/// it, which needs a running event loop.
class SecretServiceStore : public SecretSource
{
    Q_OBJECT

public:
    static constexpr int kDefaultTimeoutMs = 15000;
    /// Typing a keyring password takes longer than the service takes to answer.
    static constexpr int kDefaultPromptTimeoutMs = 300000;

    explicit SecretServiceStore(QObject *parent = nullptr);
    SecretServiceStore(const QDBusConnection &bus, const QString &service,
                       QObject *parent = nullptr);
    ~SecretServiceStore() override;

    QString displayName() const override;
    /// While the store is known to be Unavailable, reads and removes answer so at once (a
    /// "not found" would be a lie); a write or probe() tries again.
    void read(const QString &account, QObject *context, Callback done) override;
    void write(const QString &account, const QString &secret, QObject *context,
               Callback done) override;
    void remove(const QString &account, QObject *context, Callback done) override;
    /// A test write and delete: a locked or missing collection answers a read with "not
    /// found" and a delete with success, so only a write tells.
    void probe(QObject *context, Callback done) override;

    /// An operation that has not finished after this long counts as "keychain unavailable".
    void setTimeout(int ms) { m_timeoutMs = ms; }
    void setPromptTimeout(int ms) { m_promptTimeoutMs = ms; }

private:
    enum class Operation
    {
        Read,
        Write,
        Remove
    };
    struct PendingJob
    {
        Operation operation;
        QString account;
        QString secret;
        QPointer<QObject> context;
        Callback done;
    };

    void enqueue(PendingJob job);
    void startNext();
    void onOperationFinished(const SecretResult &result);
    void onTimeout();
    void finishCurrent(const SecretResult &result);
    void abandonCurrent();

    QDBusConnection m_bus;
    QString m_service;
    int m_timeoutMs = kDefaultTimeoutMs;
    int m_promptTimeoutMs = kDefaultPromptTimeoutMs;
    QDBusObjectPath m_session;
    QQueue<PendingJob> m_queue;
    bool m_running = false;
    PendingJob m_current;
    SecretServiceOperation *m_operation = nullptr;
    QTimer *m_timer;
};
