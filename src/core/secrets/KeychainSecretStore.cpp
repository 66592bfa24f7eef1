#include "KeychainSecretStore.h"

#include "KeychainMessages.h"

#include <qt6keychain/keychain.h>

#include <QMetaObject>
#include <QRandomGenerator>
#include <QTimer>

namespace {

void deliverLater(QObject *context, SecretSource::Callback done, SecretResult result)
{
    if (!context)
        return;
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
    : SecretSource(parent), m_service(service), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &KeychainSecretStore::onTimeout);
}

KeychainSecretStore::~KeychainSecretStore()
{
    // A job still running is let finish on its own (it deletes itself then): destroying it
    // mid-flight leaves the backend's asynchronous call with freed arguments (seen as a
    // delete that removed other entries of the service).
    if (m_currentJob) {
        m_currentJob->disconnect(this);
        m_currentJob->setParent(nullptr);
    }
}

QString KeychainSecretStore::displayName() const
{
    return KeychainMessages::displayName();
}

QString KeychainSecretStore::describeError(int keychainError, const QString &detail)
{
    using KeychainMessages::Problem;
    Problem problem = Problem::Other;
    if (detail.contains(QLatin1String("org.freedesktop.secrets")) ||
        detail.contains(QLatin1String("ServiceUnknown"))) {
        problem = Problem::NoService;
    } else if (detail.contains(QLatin1String("D-Bus"), Qt::CaseInsensitive) ||
               detail.contains(QLatin1String("DBus"), Qt::CaseInsensitive) ||
               detail.contains(QLatin1String("connect"), Qt::CaseInsensitive)) {
        problem = Problem::NoBus;
    } else if (detail.contains(QLatin1String("does not exist at path")) ||
               detail.contains(QLatin1String("locked"), Qt::CaseInsensitive)) {
        problem = Problem::Locked;
    } else if (keychainError == QKeychain::AccessDeniedByUser ||
               keychainError == QKeychain::AccessDenied) {
        problem = Problem::Denied;
    } else if (keychainError == QKeychain::NoBackendAvailable ||
               keychainError == QKeychain::NotImplemented) {
        problem = Problem::NoBackend;
    }
    return KeychainMessages::unavailable(problem, detail);
}

void KeychainSecretStore::read(const QString &account, QObject *context, Callback done)
{
    if (availability() == Availability::Unavailable) {
        deliverLater(context, std::move(done), unavailable(unavailableReason()));
        return;
    }
    enqueue({Operation::Read, account, QString(), context, std::move(done)});
}

void KeychainSecretStore::write(const QString &account, const QString &secret, QObject *context,
                                Callback done)
{
    // A write is also how availability is found out again, so it is tried even while the
    // keychain was unavailable.
    enqueue({Operation::Write, account, secret, context, std::move(done)});
}

void KeychainSecretStore::remove(const QString &account, QObject *context, Callback done)
{
    if (availability() == Availability::Unavailable) {
        deliverLater(context, std::move(done), unavailable(unavailableReason()));
        return;
    }
    enqueue({Operation::Remove, account, QString(), context, std::move(done)});
}

void KeychainSecretStore::probe(QObject *context, Callback done)
{
    const QString marker = QString::number(QRandomGenerator::system()->generate64(), 36);
    const QString probeAccount = QLatin1String(kProbeAccount);
    QPointer<QObject> guard(context);
    write(probeAccount, marker, this,
          [this, guard, probeAccount, done = std::move(done)](const SecretResult &written) {
              if (written.status != SecretResult::Status::Ok) {
                  if (guard)
                      done(written);
                  return;
              }
              // The write worked, so the keychain works; the delete only tidies up.
              enqueue({Operation::Remove, probeAccount, QString(), this,
                       [guard, done](const SecretResult &) {
                           if (guard)
                               done(SecretResult{});
                       }});
          });
}

void KeychainSecretStore::enqueue(PendingJob job)
{
    m_queue.enqueue(std::move(job));
    if (!m_running) {
        m_running = true;
        // Never started from inside another job's finished handler: QtKeychain's backends
        // are not reentrant there.
        QTimer::singleShot(0, this, &KeychainSecretStore::startNext);
    }
}

void KeychainSecretStore::startNext()
{
    if (m_queue.isEmpty()) {
        m_running = false;
        return;
    }
    m_current = m_queue.dequeue();
    if (!m_current.context) { // its asker is gone: nobody wants the answer
        QTimer::singleShot(0, this, &KeychainSecretStore::startNext);
        return;
    }
    QKeychain::Job *job = nullptr;
    switch (m_current.operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(m_service, this);
        break;
    case Operation::Write: {
        auto *writeJob = new QKeychain::WritePasswordJob(m_service, this);
        writeJob->setTextData(m_current.secret);
        job = writeJob;
        break;
    }
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(m_service, this);
        break;
    }
    job->setKey(m_current.account);
    m_currentJob = job;
    connect(job, &QKeychain::Job::finished, this, &KeychainSecretStore::onJobFinished);
    m_timer->start(m_timeoutMs);
    job->start();
}

void KeychainSecretStore::onJobFinished(QKeychain::Job *job)
{
    if (job != m_currentJob)
        return; // answered after its timeout: already reported as unavailable
    SecretResult result;
    const QKeychain::Error error = job->error();
    if (error == QKeychain::NoError) {
        if (m_current.operation == Operation::Read)
            result.value = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
        // A delete that succeeds proves nothing on a locked keyring: only reads and writes
        // that work say the keychain is there.
        if (m_current.operation != Operation::Remove)
            setAvailability(Availability::Available);
    } else if (error == QKeychain::EntryNotFound) {
        result.status = SecretResult::Status::NotFound;
        result.message = KeychainMessages::notFound();
    } else {
        result = unavailable(describeError(error, job->errorString()));
        setAvailability(Availability::Unavailable, result.message);
    }
    finishCurrent(result);
}

void KeychainSecretStore::onTimeout()
{
    if (!m_currentJob)
        return;
    // The job may still answer one day; it deletes itself then (auto-delete), unheard.
    m_currentJob->disconnect(this);
    m_currentJob->setParent(nullptr);
    const SecretResult result = unavailable(KeychainMessages::timedOut(m_timeoutMs));
    setAvailability(Availability::Unavailable, result.message);
    finishCurrent(result);
}

void KeychainSecretStore::finishCurrent(const SecretResult &result)
{
    m_timer->stop();
    m_currentJob = nullptr;
    PendingJob finished = std::exchange(m_current, PendingJob{});
    if (finished.context)
        finished.done(result);
    QTimer::singleShot(0, this, &KeychainSecretStore::startNext);
}
