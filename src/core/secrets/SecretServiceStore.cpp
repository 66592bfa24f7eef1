#include "SecretServiceStore.h"

#include "KeychainMessages.h"
#include "SecretServiceOperation.h"
#include "SecretServiceTypes.h"

#include <QDBusMessage>
#include <QDBusServiceWatcher>

SecretServiceStore::SecretServiceStore(QObject *parent)
    : SecretServiceStore(QDBusConnection::sessionBus(), QLatin1String(kServiceName), parent)
{}

SecretServiceStore::SecretServiceStore(const QDBusConnection &bus, const QString &service,
                                       QObject *parent)
    : QueuedSecretStore(parent), m_bus(bus), m_service(service)
{
    // A session belongs to the connection of the service that opened it: when the service
    // goes or is replaced (a restarted gnome-keyring), the next operation opens a new one.
    auto *watcher = new QDBusServiceWatcher(SecretServiceApi::kService, m_bus,
                                            QDBusServiceWatcher::WatchForOwnerChange, this);
    connect(watcher, &QDBusServiceWatcher::serviceOwnerChanged, this,
            [this] { m_session = QDBusObjectPath(); });
}

SecretServiceStore::~SecretServiceStore()
{
    abandonOperation();
    if (!m_session.path().isEmpty())
        m_bus.send(QDBusMessage::createMethodCall(SecretServiceApi::kService, m_session.path(),
                                                  SecretServiceApi::kSessionInterface,
                                                  QStringLiteral("Close")));
}

QString SecretServiceStore::displayName() const
{
    return KeychainMessages::displayName();
}

void SecretServiceStore::startOperation(const Request &request)
{
    SecretServiceOperation::Kind kind = SecretServiceOperation::Kind::Read;
    switch (request.operation) {
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
    m_operation = new SecretServiceOperation(kind, m_bus, m_service, request.account,
                                             request.secret, m_session, this);
    connect(m_operation, &SecretServiceOperation::sessionOpened, this,
            [this](const QDBusObjectPath &session) { m_session = session; });
    connect(m_operation, &SecretServiceOperation::promptShown, this,
            [this] { restartTimeout(m_promptTimeoutMs); });
    connect(m_operation, &SecretServiceOperation::finished, this,
            &SecretServiceStore::finishOperation);
    m_operation->start();
}

void SecretServiceStore::endOperation(const SecretResult &answer)
{
    // The session may be what failed (or the service that does not answer holds it); a fresh
    // one costs one call.
    if (answer.status == SecretResult::Status::Unavailable)
        m_session = QDBusObjectPath();
    abandonOperation();
}

void SecretServiceStore::abandonOperation()
{
    if (!m_operation)
        return;
    // Emitting finished() may be what called us: the operation goes once that returns. Its
    // late replies and signals reach nobody.
    m_operation->disconnect(this);
    m_operation->deleteLater();
    m_operation = nullptr;
}
