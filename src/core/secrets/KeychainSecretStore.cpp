#include "KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

#include <QMetaObject>
#include <QPointer>
#include <QRandomGenerator>

namespace {

void deliverLater(QObject *context, SecretSource::Callback done, SecretResult result)
{
    QMetaObject::invokeMethod(
        context, [done = std::move(done), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}

SecretResult unavailable(const QString &message)
{
    SecretResult result;
    result.status = SecretResult::Status::Unavailable;
    result.message = message;
    return result;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent, const QString &service)
    : QObject(parent), m_service(service)
{}

QString KeychainSecretStore::displayName() const
{
    return QStringLiteral("system keychain");
}

QString KeychainSecretStore::describeError(int keychainError, const QString &detail)
{
    QString reason;
    if (detail.contains(QLatin1String("org.freedesktop.secrets")) ||
        detail.contains(QLatin1String("ServiceUnknown"))) {
        reason = QStringLiteral("no Secret Service (gnome-keyring, KWallet or KeePassXC) is "
                                "running in this session");
    } else if (detail.contains(QLatin1String("D-Bus"), Qt::CaseInsensitive) ||
               detail.contains(QLatin1String("DBus"), Qt::CaseInsensitive) ||
               detail.contains(QLatin1String("connect"), Qt::CaseInsensitive)) {
        reason = QStringLiteral("there is no desktop session bus (D-Bus) to reach it");
    } else if (detail.contains(QLatin1String("does not exist at path")) ||
               detail.contains(QLatin1String("locked"), Qt::CaseInsensitive)) {
        reason = QStringLiteral("the keyring is locked or has no default collection; unlock it "
                                "(log in to the desktop, or open your keyring manager)");
    } else if (keychainError == QKeychain::AccessDeniedByUser ||
               keychainError == QKeychain::AccessDenied) {
        reason = QStringLiteral("access was denied (an unlock prompt was refused or cancelled)");
    } else if (keychainError == QKeychain::NoBackendAvailable ||
               keychainError == QKeychain::NotImplemented) {
        reason = QStringLiteral("this system has no keychain service QtKeychain can use");
    } else {
        reason = QStringLiteral("it reported an error");
    }
    QString message = QStringLiteral("The system keychain is unavailable: %1.").arg(reason);
    if (!detail.isEmpty())
        message += QStringLiteral(" (Details: %1)").arg(detail.simplified().left(300));
    return message;
}

void KeychainSecretStore::setAvailability(Availability availability, const QString &reason)
{
    m_unavailableReason = availability == Availability::Unavailable ? reason : QString();
    if (m_availability == availability)
        return;
    m_availability = availability;
    Q_EMIT availabilityChanged(availability);
}

bool KeychainSecretStore::answerIfUnavailable(QObject *context, const Callback &done)
{
    if (m_availability != Availability::Unavailable)
        return false;
    deliverLater(context, done, unavailable(m_unavailableReason));
    return true;
}

void KeychainSecretStore::read(const QString &account, QObject *context, Callback done)
{
    if (answerIfUnavailable(context, done))
        return;
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(account);
    QPointer<KeychainSecretStore> self(this);
    connect(job, &QKeychain::Job::finished, context,
            [self, done = std::move(done)](QKeychain::Job *finished) {
                auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(finished);
                SecretResult result;
                if (readJob->error() == QKeychain::NoError) {
                    result.value = readJob->textData();
                    if (self)
                        self->setAvailability(Availability::Available);
                } else if (readJob->error() == QKeychain::EntryNotFound) {
                    result.status = SecretResult::Status::NotFound;
                    result.message = QStringLiteral("not stored in the system keychain");
                } else {
                    result = unavailable(describeError(readJob->error(), readJob->errorString()));
                    if (self)
                        self->setAvailability(Availability::Unavailable, result.message);
                }
                done(result);
            });
    job->start();
}

void KeychainSecretStore::write(const QString &account, const QString &secret, QObject *context,
                                Callback done)
{
    // A write is also how availability is found out again, so it is tried even while the
    // keychain was unavailable.
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(account);
    job->setTextData(secret);
    QPointer<KeychainSecretStore> self(this);
    connect(job, &QKeychain::Job::finished, context,
            [self, done = std::move(done)](QKeychain::Job *finished) {
                SecretResult result;
                if (finished->error() == QKeychain::NoError) {
                    if (self)
                        self->setAvailability(Availability::Available);
                } else {
                    result = unavailable(describeError(finished->error(), finished->errorString()));
                    if (self)
                        self->setAvailability(Availability::Unavailable, result.message);
                }
                done(result);
            });
    job->start();
}

void KeychainSecretStore::remove(const QString &account, QObject *context, Callback done)
{
    if (answerIfUnavailable(context, done))
        return;
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(account);
    QPointer<KeychainSecretStore> self(this);
    connect(job, &QKeychain::Job::finished, context,
            [self, done = std::move(done)](QKeychain::Job *finished) {
                SecretResult result;
                if (finished->error() == QKeychain::EntryNotFound) {
                    result.status = SecretResult::Status::NotFound;
                    result.message = QStringLiteral("not stored in the system keychain");
                } else if (finished->error() != QKeychain::NoError) {
                    result = unavailable(describeError(finished->error(), finished->errorString()));
                    if (self)
                        self->setAvailability(Availability::Unavailable, result.message);
                }
                done(result);
            });
    job->start();
}

void KeychainSecretStore::probe(QObject *context, Callback done)
{
    const QString marker = QString::number(QRandomGenerator::system()->generate64(), 36);
    const QString probeAccount = QLatin1String(kProbeAccount);
    QPointer<KeychainSecretStore> self(this);
    write(probeAccount, marker, context,
          [self, context, probeAccount, done = std::move(done)](const SecretResult &written) {
              if (written.status != SecretResult::Status::Ok || !self) {
                  done(written);
                  return;
              }
              // The write worked, so the keychain works; the delete only tidies up.
              self->remove(probeAccount, context,
                           [done](const SecretResult &) { done(SecretResult{}); });
          });
}
