#pragma once

#include "SecretSource.h"

#include <QObject>

/// Provider keys and the local access token in the system keychain, through QtKeychain
/// (Secret Service or KWallet on Linux, Keychain on macOS, Credential Manager on Windows):
/// service "llm-gateway", accounts `provider/<id>` and `access-token`. Every operation is an
/// asynchronous QtKeychain job; nothing waits in a nested event loop. Lives in the thread
/// that created it (the main thread), which needs a running event loop.
class KeychainSecretStore : public QObject, public SecretSource
{
    Q_OBJECT

public:
    enum class Availability
    {
        Unknown,
        Available,
        Unavailable
    };
    Q_ENUM(Availability)

    static constexpr char kServiceName[] = "llm-gateway";
    static constexpr char kAccessTokenAccount[] = "access-token";
    static constexpr char kProbeAccount[] = "availability-probe";

    explicit KeychainSecretStore(QObject *parent = nullptr,
                                 const QString &service = QLatin1String(kServiceName));

    QString displayName() const override;
    void read(const QString &account, QObject *context, Callback done) override;
    void write(const QString &account, const QString &secret, QObject *context,
               Callback done) override;
    void remove(const QString &account, QObject *context, Callback done) override;

    /// Finds out whether the keychain can really store a secret, with a test write and
    /// delete: on the Secret Service path a missing or locked collection answers a read with
    /// "not found" and a delete with success, so only a write tells. Ok or Unavailable.
    void probe(QObject *context, Callback done);

    /// What the last probe or operation showed. While Unavailable, operations answer
    /// Unavailable at once (a "not found" would be a lie); probe() again to retry.
    Availability availability() const { return m_availability; }
    /// The sentence for the user while Unavailable.
    QString unavailableReason() const { return m_unavailableReason; }

    /// A sentence for the user from a QtKeychain error (QtKeychain reports almost everything
    /// as OtherError, so the detail text decides).
    static QString describeError(int keychainError, const QString &detail);

Q_SIGNALS:
    void availabilityChanged(KeychainSecretStore::Availability availability);

private:
    void setAvailability(Availability availability, const QString &reason = {});
    bool answerIfUnavailable(QObject *context, const Callback &done);

    QString m_service;
    Availability m_availability = Availability::Unknown;
    QString m_unavailableReason;
};
