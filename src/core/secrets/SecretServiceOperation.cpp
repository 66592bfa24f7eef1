#include "SecretServiceOperation.h"

#include "KeychainMessages.h"
#include "SecretServiceTypes.h"

#include <QDBusArgument>
#include <QDBusError>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusPendingCallWatcher>
#include <QDBusVariant>

using namespace SecretServiceApi;

namespace {

// What QtKeychain's libsecret backend writes (observed with secret-tool and busctl on items
// QtKeychain 0.13 stored): its schema name, and "type" telling text from base64 data.
const QString kSchemaAttribute = QStringLiteral("xdg:schema");
const QString kSchemaName = QStringLiteral("org.qt.keychain");
const QString kTypePlaintext = QStringLiteral("plaintext");
const QString kTypeBase64 = QStringLiteral("base64");
// libsecret's content type for passwords; it reads back only text/plain (or untyped UTF-8).
const QString kContentType = QStringLiteral("text/plain");
// The label and alias libsecret gives the default collection it creates when there is none.
const QString kDefaultCollectionLabel = QStringLiteral("Default keyring");
const QString kDefaultAlias = QStringLiteral("default");

QList<QDBusObjectPath> objectPaths(const QVariant &value)
{
    return qdbus_cast<QList<QDBusObjectPath>>(value);
}

QDBusObjectPath objectPath(const QVariant &value)
{
    return qdbus_cast<QDBusObjectPath>(value);
}

bool isNoObject(const QDBusObjectPath &path)
{
    return path.path().isEmpty() || path.path() == kNoObject;
}

SecretResult unavailableResult(KeychainMessages::Problem problem, const QString &detail = QString())
{
    SecretResult result;
    result.status = SecretResult::Status::Unavailable;
    result.message = KeychainMessages::unavailable(problem, detail);
    return result;
}

} // namespace

SecretServiceOperation::SecretServiceOperation(Kind kind, const QDBusConnection &bus,
                                               const QString &service, const QString &account,
                                               const QString &secret,
                                               const QDBusObjectPath &session, QObject *parent)
    : QObject(parent), m_kind(kind), m_bus(bus), m_service(service), m_account(account),
      m_secret(secret), m_session(session)
{
    SecretServiceApi::registerTypes();
}

SecretServiceOperation::~SecretServiceOperation()
{
    if (m_promptPath.isEmpty())
        return;
    // Abandoned while the user is asked: take the dialog away rather than leave it open for
    // an answer nobody will hear.
    m_bus.disconnect(kService, m_promptPath, kPromptInterface, QStringLiteral("Completed"), this,
                     SLOT(onPromptCompleted(bool, QDBusVariant)));
    m_bus.send(QDBusMessage::createMethodCall(kService, m_promptPath, kPromptInterface,
                                              QStringLiteral("Dismiss")));
}

void SecretServiceOperation::start()
{
    if (!m_bus.isConnected()) {
        finish(unavailableResult(KeychainMessages::Problem::NoBus, m_bus.lastError().message()));
        return;
    }
    switch (m_kind) {
    case Kind::Read:
        search(kTypePlaintext);
        break;
    case Kind::Write:
        withSession([this] { createItem(kDefaultCollection, true, true); });
        break;
    case Kind::Remove:
        removeMatches();
        break;
    }
}

void SecretServiceOperation::call(const QString &path, const QString &interface,
                                  const QString &method, const QVariantList &arguments,
                                  ReplyHandler onReply, ErrorHandler onError)
{
    QDBusMessage message = QDBusMessage::createMethodCall(kService, path, interface, method);
    message.setArguments(arguments);
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(message), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, onReply = std::move(onReply),
             onError = std::move(onError)](QDBusPendingCallWatcher *finished) {
                finished->deleteLater();
                const QDBusMessage reply = finished->reply();
                if (reply.type() != QDBusMessage::ReplyMessage) {
                    const QDBusError error(reply);
                    if (onError)
                        onError(error);
                    else
                        fail(error);
                    return;
                }
                onReply(reply);
            });
}

void SecretServiceOperation::withSession(std::function<void()> next)
{
    if (!m_session.path().isEmpty()) {
        next();
        return;
    }
    // "plain": the secret crosses the local bus as it is, which libsecret falls back to as
    // well; the bus is private to the user's session.
    call(kServicePath, kServiceInterface, QStringLiteral("OpenSession"),
         {QStringLiteral("plain"), QVariant::fromValue(QDBusVariant(QString()))},
         [this, next = std::move(next)](const QDBusMessage &reply) {
             m_session = objectPath(reply.arguments().value(1));
             if (isNoObject(m_session)) {
                 finish(unavailableResult(KeychainMessages::Problem::Other,
                                          QStringLiteral("OpenSession returned no session")));
                 return;
             }
             Q_EMIT sessionOpened(m_session);
             next();
         });
}

void SecretServiceOperation::prompt(const QString &path, KeychainMessages::Problem onDismissed,
                                    std::function<void(const QVariant &result)> onCompleted)
{
    // Listen before asking: Completed may follow the Prompt call's reply at once.
    m_promptPath = path;
    m_promptDismissed = onDismissed;
    m_promptDone = std::move(onCompleted);
    m_bus.connect(kService, path, kPromptInterface, QStringLiteral("Completed"), this,
                  SLOT(onPromptCompleted(bool, QDBusVariant)));
    Q_EMIT promptShown();
    // No window to be transient for: the headless gateway has none, and the dashboard's is
    // not an X11 id the service could use on Wayland.
    call(path, kPromptInterface, QStringLiteral("Prompt"), {QString()},
         [](const QDBusMessage &) {});
}

void SecretServiceOperation::onPromptCompleted(bool dismissed, const QDBusVariant &result)
{
    if (m_promptPath.isEmpty())
        return;
    m_bus.disconnect(kService, m_promptPath, kPromptInterface, QStringLiteral("Completed"), this,
                     SLOT(onPromptCompleted(bool, QDBusVariant)));
    m_promptPath.clear();
    const auto done = std::exchange(m_promptDone, {});
    if (dismissed) {
        finish(unavailableResult(m_promptDismissed));
        return;
    }
    done(result.variant());
}

void SecretServiceOperation::unlock(const QList<QDBusObjectPath> &objects, PathsHandler next)
{
    call(kServicePath, kServiceInterface, QStringLiteral("Unlock"), {QVariant::fromValue(objects)},
         [this, next](const QDBusMessage &reply) {
             const QDBusObjectPath promptPath = objectPath(reply.arguments().value(1));
             if (isNoObject(promptPath)) {
                 next(objectPaths(reply.arguments().value(0)));
                 return;
             }
             prompt(promptPath.path(), KeychainMessages::Problem::Denied,
                    [next](const QVariant &result) { next(objectPaths(result)); });
         });
}

void SecretServiceOperation::search(const QString &type)
{
    // As QtKeychain reads: user and server, first as text, then as base64 data; the schema
    // name is not matched (it looks up with SECRET_SCHEMA_DONT_MATCH_NAME).
    const SecretServiceAttributes attributes{
        {QStringLiteral("user"), m_account},
        {QStringLiteral("server"), m_service},
        {QStringLiteral("type"), type},
    };
    const bool base64 = type == kTypeBase64;
    call(kServicePath, kServiceInterface, QStringLiteral("SearchItems"),
         {QVariant::fromValue(attributes)}, [this, base64](const QDBusMessage &reply) {
             const QList<QDBusObjectPath> unlocked = objectPaths(reply.arguments().value(0));
             const QList<QDBusObjectPath> locked = objectPaths(reply.arguments().value(1));
             if (!unlocked.isEmpty()) {
                 readItem(unlocked.first(), base64);
             } else if (!locked.isEmpty()) {
                 // The keyring holds it but is locked: the service asks the user to unlock.
                 unlock({locked.first()}, [this, base64](const QList<QDBusObjectPath> &opened) {
                     if (opened.isEmpty())
                         finish(unavailableResult(KeychainMessages::Problem::Locked));
                     else
                         readItem(opened.first(), base64);
                 });
             } else if (!base64) {
                 search(kTypeBase64);
             } else {
                 SecretResult notFound;
                 notFound.status = SecretResult::Status::NotFound;
                 notFound.message = KeychainMessages::notFound();
                 finish(notFound);
             }
         });
}

void SecretServiceOperation::readItem(const QDBusObjectPath &item, bool base64)
{
    withSession([this, item, base64] {
        call(item.path(), kItemInterface, QStringLiteral("GetSecret"),
             {QVariant::fromValue(m_session)}, [this, base64](const QDBusMessage &reply) {
                 const auto secret = qdbus_cast<SecretServiceSecret>(reply.arguments().value(0));
                 SecretResult result;
                 result.value = QString::fromUtf8(base64 ? QByteArray::fromBase64(secret.value)
                                                         : secret.value);
                 finish(result);
             });
    });
}

void SecretServiceOperation::createItem(const QString &collection, bool mayCreateCollection,
                                        bool mayUnlock)
{
    const SecretServiceAttributes attributes{
        {QStringLiteral("user"), m_account},
        {QStringLiteral("server"), m_service},
        {QStringLiteral("type"), kTypePlaintext},
        {kSchemaAttribute, kSchemaName},
    };
    const QVariantMap properties{
        {kItemInterface + QStringLiteral(".Label"), m_service},
        {kItemInterface + QStringLiteral(".Attributes"), QVariant::fromValue(attributes)},
    };
    const SecretServiceSecret secret{m_session, QByteArray(), m_secret.toUtf8(), kContentType};
    // replace = true: an item with the same attributes in the collection gets the new value,
    // as libsecret's store does.
    call(
        collection, kCollectionInterface, QStringLiteral("CreateItem"),
        {properties, QVariant::fromValue(secret), true},
        [this](const QDBusMessage &reply) {
            const QDBusObjectPath promptPath = objectPath(reply.arguments().value(1));
            if (isNoObject(promptPath))
                finish(SecretResult{});
            else
                prompt(promptPath.path(), KeychainMessages::Problem::Denied,
                       [this](const QVariant &) { finish(SecretResult{}); });
        },
        [this, collection, mayCreateCollection, mayUnlock](const QDBusError &error) {
            const QString name = error.name();
            if (mayCreateCollection && (name == QLatin1String("org.freedesktop.Secret.Error."
                                                              "NoSuchObject") ||
                                        name == QLatin1String("org.freedesktop.DBus.Error."
                                                              "UnknownObject") ||
                                        name == QLatin1String("org.freedesktop.DBus.Error."
                                                              "UnknownMethod"))) {
                // No default collection yet (a fresh account): create it, as libsecret does.
                createDefaultCollection([this, mayUnlock](const QString &created) {
                    createItem(created, false, mayUnlock);
                });
            } else if (mayUnlock &&
                       name == QLatin1String("org.freedesktop.Secret.Error.IsLocked")) {
                unlock({QDBusObjectPath(collection)},
                       [this, collection, mayCreateCollection](const QList<QDBusObjectPath> &) {
                           createItem(collection, mayCreateCollection, false);
                       });
            } else {
                fail(error);
            }
        });
}

void SecretServiceOperation::createDefaultCollection(
    std::function<void(const QString &collection)> next)
{
    const QVariantMap properties{
        {kCollectionInterface + QStringLiteral(".Label"), kDefaultCollectionLabel}};
    call(kServicePath, kServiceInterface, QStringLiteral("CreateCollection"),
         {properties, kDefaultAlias}, [this, next](const QDBusMessage &reply) {
             const QDBusObjectPath collection = objectPath(reply.arguments().value(0));
             if (!isNoObject(collection)) {
                 next(collection.path());
                 return;
             }
             // Dismissed also when no prompt can be shown (no display): gnome-keyring then
             // has no keyring to keep anything in, which the Locked sentence says.
             prompt(objectPath(reply.arguments().value(1)).path(),
                    KeychainMessages::Problem::Locked, [this, next](const QVariant &result) {
                        const QDBusObjectPath created = objectPath(result);
                        if (isNoObject(created))
                            finish(unavailableResult(KeychainMessages::Problem::Locked));
                        else
                            next(created.path());
                    });
         });
}

void SecretServiceOperation::removeMatches()
{
    // As QtKeychain deletes: every item with this user and server, text or base64. Locked
    // ones are unlocked first (the user is asked), so a removed key is really gone.
    const SecretServiceAttributes attributes{
        {QStringLiteral("user"), m_account},
        {QStringLiteral("server"), m_service},
    };
    call(kServicePath, kServiceInterface, QStringLiteral("SearchItems"),
         {QVariant::fromValue(attributes)}, [this](const QDBusMessage &reply) {
             m_toDelete = objectPaths(reply.arguments().value(0));
             const QList<QDBusObjectPath> locked = objectPaths(reply.arguments().value(1));
             if (locked.isEmpty()) {
                 deleteNext();
                 return;
             }
             unlock(locked, [this](const QList<QDBusObjectPath> &opened) {
                 m_toDelete += opened;
                 deleteNext();
             });
         });
}

void SecretServiceOperation::deleteNext()
{
    if (m_toDelete.isEmpty()) {
        finish(SecretResult{});
        return;
    }
    const QDBusObjectPath item = m_toDelete.takeFirst();
    call(item.path(), kItemInterface, QStringLiteral("Delete"), {},
         [this](const QDBusMessage &reply) {
             const QDBusObjectPath promptPath = objectPath(reply.arguments().value(0));
             if (isNoObject(promptPath))
                 deleteNext();
             else
                 prompt(promptPath.path(), KeychainMessages::Problem::Denied,
                        [this](const QVariant &) { deleteNext(); });
         });
}

void SecretServiceOperation::fail(const QDBusError &error)
{
    using KeychainMessages::Problem;
    const QString name = error.name();
    Problem problem = Problem::Other;
    if (name == QLatin1String("org.freedesktop.DBus.Error.ServiceUnknown") ||
        name == QLatin1String("org.freedesktop.DBus.Error.NameHasNoOwner")) {
        problem = Problem::NoService;
    } else if (name == QLatin1String("org.freedesktop.DBus.Error.Disconnected") ||
               name == QLatin1String("org.freedesktop.DBus.Error.NoServer")) {
        problem = Problem::NoBus;
    } else if (name == QLatin1String("org.freedesktop.Secret.Error.IsLocked") ||
               name == QLatin1String("org.freedesktop.Secret.Error.NoSuchObject") ||
               error.message().contains(QLatin1String("does not exist at path"))) {
        // gnome-keyring answers UnknownMethod "Object does not exist at path" for an alias
        // whose collection is gone.
        problem = Problem::Locked;
    } else if (name == QLatin1String("org.freedesktop.DBus.Error.AccessDenied")) {
        problem = Problem::Denied;
    }
    // The detail names the D-Bus error; it never holds a secret (none is in an error reply).
    QString detail = error.message();
    if (!name.isEmpty())
        detail = detail.isEmpty() ? name : name + QStringLiteral(": ") + detail;
    finish(unavailableResult(problem, detail));
}

void SecretServiceOperation::finish(const SecretResult &result)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(result);
}
