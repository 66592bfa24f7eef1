#pragma once

#include <QObject>
#include <QString>

#include <functional>

/// The outcome of one secret-store operation.
struct SecretResult
{
    enum class Status
    {
        Ok,
        NotFound,   ///< no secret under that name
        Unavailable ///< the store cannot be reached or refused; `message` says why
    };

    Status status = Status::Ok;
    QString value;   ///< the secret, for a successful read
    QString message; ///< a sentence for the user when status != Ok; never contains a secret
};

/// Where provider keys and the local access token come from. The gateway core sees keys only
/// through this interface. Operations are asynchronous: the callback runs later, in the
/// thread of `context`, and never if `context` is gone.
class SecretSource
{
public:
    using Callback = std::function<void(const SecretResult &)>;

    virtual ~SecretSource() = default;

    /// A short name for messages, e.g. "environment" or "system keychain".
    virtual QString displayName() const = 0;
    virtual void read(const QString &account, QObject *context, Callback done) = 0;
    virtual void write(const QString &account, const QString &secret, QObject *context,
                       Callback done) = 0;
    virtual void remove(const QString &account, QObject *context, Callback done) = 0;

    /// The account name under which a provider's key is kept.
    static QString providerAccount(const QString &providerId)
    {
        return QStringLiteral("provider/") + providerId;
    }
};
