#include "SecretServiceStore.h"

#include "KeychainMessages.h"
#include "KeychainSecretStore.h"
#include "SecretServiceOperation.h"
#include "SecretServiceTypes.h"

#include <QDBusMessage>
#include <QDBusServiceWatcher>
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

SecretServiceStore::SecretServiceStore(QObject *parent)
    : SecretServiceStore(QDBusConnection::sessionBus(),
                         QLatin1String(KeychainSecretStore::kServiceName), parent)
{}

SecretServiceStore::SecretServiceStore(const QDBusConnection &bus, const QString &service,
                                       QObject *parent)
    : SecretSource(parent), m_bus(bus), m_service(service), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &SecretServiceStore::onTimeout);
    // A session belongs to the connection of the service that opened it: when the service
    // goes or is replaced (a restarted gnome-keyring), the next operation opens a new one.
    auto *watcher = new QDBusServiceWatcher(SecretServiceApi::kService, m_bus,
                                            QDBusServiceWatcher::WatchForOwnerChange, this);
    connect(watcher, &QDBusServiceWatcher::serviceOwnerChanged, this,
            [this] { m_session = QDBusObjectPath(); });
}

SecretServiceStore::~SecretServiceStore()
{
    abandonCurrent();
    if (!m_session.path().isEmpty())
        m_bus.send(QDBusMessage::createMethodCall(SecretServiceApi::kService, m_session.path(),
                                                  SecretServiceApi::kSessionInterface,
                                                  QStringLiteral("Close")));
}

QString SecretServiceStore::displayName() const
{
    return KeychainMessages::displayName();
}

void SecretServiceStore::read(const QString &account, QObject *context, Callback done)
{
    if (availability() == Availability::Unavailable) {
        deliverLater(context, std::move(done), unavailable(unavailableReason()));
        return;
    }
    enqueue({Operation::Read, account, QString(), context, std::move(done)});
}

void SecretServiceStore::write(const QString &account, const QString &secret, QObject *context,
                               Callback done)
{
    // A write is also how availability is found out again, so it is tried even while the
    // store was unavailable.
    enqueue({Operation::Write, account, secret, context, std::move(done)});
}

void SecretServiceStore::remove(const QString &account, QObject *context, Callback done)
{
    if (availability() == Availability::Unavailable) {
        deliverLater(context, std::move(done), unavailable(unavailableReason()));
        return;
    }
    enqueue({Operation::Remove, account, QString(), context, std::move(done)});
}

void SecretServiceStore::probe(QObject *context, Callback done)
{
    const QString marker = QString::number(QRandomGenerator::system()->generate64(), 36);
    const QString probeAccount = QLatin1String(KeychainSecretStore::kProbeAccount);
    QPointer<QObject> guard(context);
    write(probeAccount, marker, this,
          [this, guard, probeAccount, done = std::move(done)](const SecretResult &written) {
              if (written.status != SecretResult::Status::Ok) {
                  if (guard)
                      done(written);
                  return;
              }
              // The write worked, so the store works; the delete only tidies up.
              enqueue({Operation::Remove, probeAccount, QString(), this,
                       [guard, done](const SecretResult &) {
                           if (guard)
                               done(SecretResult{});
                       }});
          });
}

void SecretServiceStore::enqueue(PendingJob job)
{
    m_queue.enqueue(std::move(job));
    if (!m_running) {
        m_running = true;
        // Never started from inside the caller's stack: answers always come later.
        QTimer::singleShot(0, this, &SecretServiceStore::startNext);
    }
}

void SecretServiceStore::startNext()
{
    if (m_queue.isEmpty()) {
        m_running = false;
        return;
    }
    m_current = m_queue.dequeue();
    if (!m_current.context) { // its asker is gone: nobody wants the answer
        QTimer::singleShot(0, this, &SecretServiceStore::startNext);
        return;
    }
    SecretServiceOperation::Kind kind = SecretServiceOperation::Kind::Read;
    switch (m_current.operation) {
    case Operation::Read:
        kind = SecretServiceOperation::Kind::Read;
        break;
    case Operation::Write:
        kind = SecretServiceOperation::Kind::Write;
        break;
    case Operation::Remove:
        kind = SecretServiceOperation::Kind::Remove;
        break;
    }
    m_operation = new SecretServiceOperation(kind, m_bus, m_service, m_current.account,
                                             m_current.secret, m_session, this);
    connect(m_operation, &SecretServiceOperation::sessionOpened, this,
            [this](const QDBusObjectPath &session) { m_session = session; });
    connect(m_operation, &SecretServiceOperation::promptShown, this,
            [this] { m_timer->start(m_promptTimeoutMs); });
    connect(m_operation, &SecretServiceOperation::finished, this,
            &SecretServiceStore::onOperationFinished);
    m_timer->start(m_timeoutMs);
    m_operation->start();
}

void SecretServiceStore::onOperationFinished(const SecretResult &result)
{
    if (result.status == SecretResult::Status::Unavailable) {
        // The session may be what failed; a fresh one costs one call.
        m_session = QDBusObjectPath();
        setAvailability(Availability::Unavailable, result.message);
    } else if (result.status == SecretResult::Status::Ok &&
               m_current.operation != Operation::Remove) {
        // A delete that succeeds proves nothing on a locked keyring: only reads and writes
        // that work say the store is there.
        setAvailability(Availability::Available);
    }
    finishCurrent(result);
}

void SecretServiceStore::onTimeout()
{
    if (!m_operation)
        return;
    const SecretResult result = unavailable(KeychainMessages::timedOut(m_timer->interval()));
    m_session = QDBusObjectPath();
    setAvailability(Availability::Unavailable, result.message);
    finishCurrent(result);
}

void SecretServiceStore::abandonCurrent()
{
    if (!m_operation)
        return;
    // Emitting finished() may be what called us: the operation goes once that returns. Its
    // late replies and signals reach nobody.
    m_operation->disconnect(this);
    m_operation->deleteLater();
    m_operation = nullptr;
}

void SecretServiceStore::finishCurrent(const SecretResult &result)
{
    m_timer->stop();
    abandonCurrent();
    PendingJob finished = std::exchange(m_current, PendingJob{});
    if (finished.context)
        finished.done(result);
    QTimer::singleShot(0, this, &SecretServiceStore::startNext);
}
