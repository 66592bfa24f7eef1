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

/// Where provider keys and the local access token are kept: the system keychain in the app,
/// a MemorySecretStore in unit tests. Operations are asynchronous: the callback runs later, in
/// the thread of `context`, and never if `context` is gone. The store also tracks whether it
/// works at all, from the answers it got.
class SecretSource : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const SecretResult &)>;

    enum class Availability
    {
        Unknown,
        Available,
        Unavailable
    };
    Q_ENUM(Availability)

    static constexpr char kAccessTokenAccount[] = "access-token";

    explicit SecretSource(QObject *parent = nullptr) : QObject(parent) {}

    /// A short name for messages, e.g. "system keychain".
    virtual QString displayName() const = 0;
    virtual void read(const QString &account, QObject *context, Callback done) = 0;
    virtual void write(const QString &account, const QString &secret, QObject *context,
                       Callback done) = 0;
    virtual void remove(const QString &account, QObject *context, Callback done) = 0;
    /// Finds out whether the store can really keep a secret (Ok or Unavailable).
    virtual void probe(QObject *context, Callback done) = 0;

    /// What the last probe or operation showed.
    Availability availability() const { return m_availability; }
    /// The sentence for the user while Unavailable.
    QString unavailableReason() const { return m_unavailableReason; }

    /// The account name under which a provider's key is kept.
    static QString providerAccount(const QString &providerId)
    {
        return QStringLiteral("provider/") + providerId;
    }

Q_SIGNALS:
    void availabilityChanged(SecretSource::Availability availability);

protected:
    void setAvailability(Availability availability, const QString &reason = {})
    {
        const QString newReason = availability == Availability::Unavailable ? reason : QString();
        if (m_availability == availability && m_unavailableReason == newReason)
            return;
        m_availability = availability;
        m_unavailableReason = newReason;
        Q_EMIT availabilityChanged(availability);
    }

private:
    Availability m_availability = Availability::Unknown;
    QString m_unavailableReason;
};
