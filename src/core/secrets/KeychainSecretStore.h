#pragma once

#include "QueuedSecretStore.h"

namespace QKeychain {
class Job;
}

/// Provider keys and the local access token in the system keychain, through QtKeychain
/// (Secret Service or KWallet on Linux, Keychain on macOS, Credential Manager on Windows):
/// service "llm-gateway", accounts `provider/<id>` and `access-token`. Every operation is an
/// asynchronous QtKeychain job, queued and bounded by QueuedSecretStore; nothing waits in a
/// nested event loop.
class KeychainSecretStore : public QueuedSecretStore
{
    Q_OBJECT

public:
    explicit KeychainSecretStore(QObject *parent = nullptr,
                                 const QString &service = QLatin1String(kServiceName));
    ~KeychainSecretStore() override;

    QString displayName() const override;

    /// A sentence for the user from a QtKeychain error (QtKeychain reports almost everything
    /// as OtherError, so the detail text decides).
    static QString describeError(int keychainError, const QString &detail);

protected:
    void startOperation(const Request &request) override;
    void endOperation(const SecretResult &answer) override;

private:
    void onJobFinished(QKeychain::Job *job);
    void releaseJob();

    QString m_service;
    QKeychain::Job *m_currentJob = nullptr;
};
