#pragma once

#include "KeychainMessages.h"
#include "SecretSource.h"

#include <QDBusConnection>
#include <QDBusObjectPath>
#include <QList>

#include <functional>

class QDBusError;
class QDBusMessage;
class QDBusVariant;

/// One read, write or remove of one account in the freedesktop Secret Service, as a chain of
/// asynchronous D-Bus calls: SearchItems, Unlock (with its prompt), GetSecret, CreateItem,
/// CreateCollection, Item.Delete. Items are found and stored exactly as QtKeychain's libsecret
/// backend does (attributes user = account, server = service, type = "plaintext", schema
/// "org.qt.keychain"; label = service; content type text/plain), so both share them. Emits
/// finished() once; deleting it abandons the chain and dismisses a prompt still open.
class SecretServiceOperation : public QObject
{
    Q_OBJECT

public:
    enum class Kind
    {
        Read,
        Write,
        Remove
    };

    /// `session` is an open "plain" session, or empty: the operation opens one when it needs
    /// it and reports it with sessionOpened().
    SecretServiceOperation(Kind kind, const QDBusConnection &bus, const QString &service,
                           const QString &account, const QString &secret,
                           const QDBusObjectPath &session, QObject *parent = nullptr);
    ~SecretServiceOperation() override;

    void start();

Q_SIGNALS:
    void sessionOpened(const QDBusObjectPath &session);
    /// The service asked the user something (unlock or create a keyring): answers take longer.
    void promptShown();
    void finished(const SecretResult &result);

private Q_SLOTS:
    void onPromptCompleted(bool dismissed, const QDBusVariant &result);

private:
    using ReplyHandler = std::function<void(const QDBusMessage &reply)>;
    using ErrorHandler = std::function<void(const QDBusError &error)>;
    using PathsHandler = std::function<void(const QList<QDBusObjectPath> &paths)>;

    void call(const QString &path, const QString &interface, const QString &method,
              const QVariantList &arguments, ReplyHandler onReply, ErrorHandler onError = {});
    void withSession(std::function<void()> next);
    /// Shows the service's prompt at `path`; a dismissed prompt finishes with `onDismissed`.
    void prompt(const QString &path, KeychainMessages::Problem onDismissed,
                std::function<void(const QVariant &result)> onCompleted);
    void unlock(const QList<QDBusObjectPath> &objects, PathsHandler next);

    void search(const QString &type);
    void readItem(const QDBusObjectPath &item, bool base64);
    void createItem(const QString &collection, bool mayCreateCollection, bool mayUnlock);
    void createDefaultCollection(std::function<void(const QString &collection)> next);
    void removeMatches();
    void deleteNext();

    void fail(const QDBusError &error);
    void finish(const SecretResult &result);

    Kind m_kind;
    QDBusConnection m_bus;
    QString m_service;
    QString m_account;
    QString m_secret;
    QDBusObjectPath m_session;
    QList<QDBusObjectPath> m_toDelete;
    QString m_promptPath;
    KeychainMessages::Problem m_promptDismissed = KeychainMessages::Problem::Denied;
    std::function<void(const QVariant &result)> m_promptDone;
    bool m_finished = false;
};
