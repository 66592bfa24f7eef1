#pragma once

#include "SecretSource.h"

#include <QPointer>
#include <QQueue>

class QTimer;

namespace QKeychain {
class Job;
}

/// Provider keys and the local access token in the system keychain, through QtKeychain
/// (Secret Service or KWallet on Linux, Keychain on macOS, Credential Manager on Windows):
/// service "llm-gateway", accounts `provider/<id>` and `access-token`. Every operation is an
/// asynchronous QtKeychain job, run one at a time in the order asked (the Secret Service
/// backends do not like concurrent jobs), each bounded by a timeout; nothing waits in a
/// nested event loop. Lives in the thread that created it, which needs a running event loop.
class KeychainSecretStore : public SecretSource
{
    Q_OBJECT

public:
    static constexpr char kServiceName[] = "llm-gateway";
    static constexpr char kProbeAccount[] = "availability-probe";
    static constexpr int kDefaultTimeoutMs = 15000;

    explicit KeychainSecretStore(QObject *parent = nullptr,
                                 const QString &service = QLatin1String(kServiceName));
    ~KeychainSecretStore() override;

    QString displayName() const override;
    /// While the keychain is known to be Unavailable, reads and removes answer so at once (a
    /// "not found" would be a lie); a write or probe() tries again.
    void read(const QString &account, QObject *context, Callback done) override;
    void write(const QString &account, const QString &secret, QObject *context,
               Callback done) override;
    void remove(const QString &account, QObject *context, Callback done) override;
    /// A test write and delete: on the Secret Service path a missing or locked collection
    /// answers a read with "not found" and a delete with success, so only a write tells.
    void probe(QObject *context, Callback done) override;

    /// A job that has not finished after this long counts as "keychain unavailable".
    void setTimeout(int ms) { m_timeoutMs = ms; }

    /// A sentence for the user from a QtKeychain error (QtKeychain reports almost everything
    /// as OtherError, so the detail text decides).
    static QString describeError(int keychainError, const QString &detail);

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
    void onJobFinished(QKeychain::Job *job);
    void onTimeout();
    void finishCurrent(const SecretResult &result);

    QString m_service;
    int m_timeoutMs = kDefaultTimeoutMs;
    QQueue<PendingJob> m_queue;
    bool m_running = false;
    PendingJob m_current;
    QKeychain::Job *m_currentJob = nullptr;
    QTimer *m_timer;
};
