#pragma once

#include <QByteArray>
#include <QDBusObjectPath>
#include <QMap>
#include <QMetaType>
#include <QString>

class QDBusArgument;

/// The Secret struct of the freedesktop Secret Service API, D-Bus signature (oayays): the
/// session it is encoded for, the algorithm's parameters (empty for "plain"), the value and
/// its content type.
struct SecretServiceSecret
{
    QDBusObjectPath session;
    QByteArray parameters;
    QByteArray value;
    QString contentType;
};
Q_DECLARE_METATYPE(SecretServiceSecret)

/// Item attributes, D-Bus signature a{ss}.
using SecretServiceAttributes = QMap<QString, QString>;

QDBusArgument &operator<<(QDBusArgument &argument, const SecretServiceSecret &secret);
const QDBusArgument &operator>>(const QDBusArgument &argument, SecretServiceSecret &secret);

/// The names of the Secret Service API and what QtKeychain's libsecret backend stores.
namespace SecretServiceApi {
inline const QString kService = QStringLiteral("org.freedesktop.secrets");
inline const QString kServicePath = QStringLiteral("/org/freedesktop/secrets");
inline const QString kDefaultCollection =
    QStringLiteral("/org/freedesktop/secrets/aliases/default");
inline const QString kServiceInterface = QStringLiteral("org.freedesktop.Secret.Service");
inline const QString kCollectionInterface = QStringLiteral("org.freedesktop.Secret.Collection");
inline const QString kItemInterface = QStringLiteral("org.freedesktop.Secret.Item");
inline const QString kSessionInterface = QStringLiteral("org.freedesktop.Secret.Session");
inline const QString kPromptInterface = QStringLiteral("org.freedesktop.Secret.Prompt");
/// "No prompt needed" in a reply.
inline const QString kNoObject = QStringLiteral("/");

/// Registers the types above with QtDBus (once; any thread).
void registerTypes();
} // namespace SecretServiceApi
