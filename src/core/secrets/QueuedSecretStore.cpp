#include "QueuedSecretStore.h"

#include "KeychainMessages.h"

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

QueuedSecretStore::QueuedSecretStore(QObject *parent)
    : SecretSource(parent), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &QueuedSecretStore::onTimeout);
}

// The operations still queued go unanswered, as their askers were promised nothing more than
// "never if the context is gone"; the one under way the subclass has let go of already.
QueuedSecretStore::~QueuedSecretStore() = default;

void QueuedSecretStore::read(const QString &account, QObject *context, Callback done)
{
    if (availability() == Availability::Unavailable) {
        deliverLater(context, std::move(done), unavailable(unavailableReason()));
        return;
    }
    enqueue({{Operation::Read, account, QString()}, context, std::move(done)});
}

void QueuedSecretStore::write(const QString &account, const QString &secret, QObject *context,
                              Callback done)
{
    // A write is also how availability is found out again, so it is tried even while the
    // store was unavailable.
    enqueue({{Operation::Write, account, secret}, context, std::move(done)});
}

void QueuedSecretStore::remove(const QString &account, QObject *context, Callback done)
{
    if (availability() == Availability::Unavailable) {
        deliverLater(context, std::move(done), unavailable(unavailableReason()));
        return;
    }
    enqueue({{Operation::Remove, account, QString()}, context, std::move(done)});
}

void QueuedSecretStore::probe(QObject *context, Callback done)
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
              // The write worked, so the store works; the delete only tidies up.
              enqueue({{Operation::Remove, probeAccount, QString()},
                       this,
                       [guard, done](const SecretResult &) {
                           if (guard)
                               done(SecretResult{});
                       }});
          });
}

void QueuedSecretStore::enqueue(Pending pending)
{
    m_queue.enqueue(std::move(pending));
    if (!m_running) {
        m_running = true;
        // Never started from inside the caller's stack (answers always come later), nor from
        // inside another operation's finished handler (QtKeychain's backends are not
        // reentrant there).
        QTimer::singleShot(0, this, &QueuedSecretStore::startNext);
    }
}

void QueuedSecretStore::startNext()
{
    if (m_queue.isEmpty()) {
        m_running = false;
        return;
    }
    m_current = m_queue.dequeue();
    if (!m_current.context) { // its asker is gone: nobody wants the answer
        QTimer::singleShot(0, this, &QueuedSecretStore::startNext);
        return;
    }
    m_inFlight = true;
    m_timer->start(m_timeoutMs);
    startOperation(m_current.request);
}

void QueuedSecretStore::restartTimeout(int ms)
{
    if (m_inFlight)
        m_timer->start(ms);
}

void QueuedSecretStore::onTimeout()
{
    if (!m_inFlight)
        return;
    // The interval, not m_timeoutMs: a prompt may have given the operation longer.
    finishOperation(unavailable(KeychainMessages::timedOut(m_timer->interval())));
}

void QueuedSecretStore::finishOperation(const SecretResult &result)
{
    if (!m_inFlight)
        return; // a second or late answer: the asker has had one
    m_inFlight = false;
    if (result.status == SecretResult::Status::Unavailable) {
        setAvailability(Availability::Unavailable, result.message);
    } else if (result.status == SecretResult::Status::Ok &&
               m_current.request.operation != Operation::Remove) {
        // A delete that succeeds proves nothing on a locked keyring: only reads and writes
        // that work say the store is there.
        setAvailability(Availability::Available);
    }
    m_timer->stop();
    endOperation(result);
    Pending finished = std::exchange(m_current, Pending{});
    if (finished.context)
        finished.done(result);
    QTimer::singleShot(0, this, &QueuedSecretStore::startNext);
}
