#include "KeychainSecretStore.h"

#include "KeychainMessages.h"

#include <qt6keychain/keychain.h>

KeychainSecretStore::KeychainSecretStore(QObject *parent, const QString &service)
    : QueuedSecretStore(parent), m_service(service)
{}

KeychainSecretStore::~KeychainSecretStore()
{
    releaseJob();
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

void KeychainSecretStore::startOperation(const Request &request)
{
    QKeychain::Job *job = nullptr;
    switch (request.operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(m_service, this);
        break;
    case Operation::Write: {
        auto *writeJob = new QKeychain::WritePasswordJob(m_service, this);
        writeJob->setTextData(request.secret);
        job = writeJob;
        break;
    }
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(m_service, this);
        break;
    }
    job->setKey(request.account);
    m_currentJob = job;
    connect(job, &QKeychain::Job::finished, this, &KeychainSecretStore::onJobFinished);
    job->start();
}

void KeychainSecretStore::onJobFinished(QKeychain::Job *job)
{
    if (job != m_currentJob)
        return; // answered after its timeout: already reported as unavailable
    // It has finished: it deletes itself once this returns (auto-delete).
    m_currentJob = nullptr;
    SecretResult result;
    const QKeychain::Error error = job->error();
    if (error == QKeychain::NoError) {
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(job))
            result.value = read->textData();
    } else if (error == QKeychain::EntryNotFound) {
        result.status = SecretResult::Status::NotFound;
        result.message = KeychainMessages::notFound();
    } else {
        result.status = SecretResult::Status::Unavailable;
        result.message = describeError(error, job->errorString());
    }
    finishOperation(result);
}

void KeychainSecretStore::endOperation(const SecretResult &)
{
    // Only a job that timed out is still held: one that answered was let go of on finishing.
    releaseJob();
}

void KeychainSecretStore::releaseJob()
{
    if (!m_currentJob)
        return;
    // A job still running is let finish on its own (it deletes itself then, unheard):
    // destroying it mid-flight leaves the backend's asynchronous call with freed arguments
    // (seen as a delete that removed other entries of the service).
    m_currentJob->disconnect(this);
    m_currentJob->setParent(nullptr);
    m_currentJob = nullptr;
}
