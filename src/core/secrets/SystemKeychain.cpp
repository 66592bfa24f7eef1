#include "SystemKeychain.h"

#include "KeychainSecretStore.h"

#ifdef LLMGW_HAVE_SECRET_SERVICE
#include "SecretServiceStore.h"
#include "SecretServiceTypes.h"

#include <QDBusConnection>
#include <QDBusMessage>
#endif

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcKeychain, "llmgw.keychain")

namespace {

#ifdef LLMGW_HAVE_SECRET_SERVICE
// The bus daemon answers at once; this only bounds a daemon that hangs.
constexpr int kBusQueryTimeoutMs = 2000;

/// Asks the bus daemon one question about names; an error or no answer counts as "no".
QVariant askBus(const QDBusConnection &bus, const QString &method, const QVariantList &arguments)
{
    QDBusMessage message = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
        QStringLiteral("org.freedesktop.DBus"), method);
    message.setArguments(arguments);
    const QDBusMessage reply = bus.call(message, QDBus::Block, kBusQueryTimeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return {};
    return reply.arguments().constFirst();
}

/// The names on the bus that are owned now or that the bus can start on demand.
QStringList namesOnBus(const QDBusConnection &bus)
{
    return askBus(bus, QStringLiteral("ListNames"), {}).toStringList() +
           askBus(bus, QStringLiteral("ListActivatableNames"), {}).toStringList();
}
#endif

bool isKdeVersion(const QProcessEnvironment &environment)
{
    const QString version = environment.value(QStringLiteral("KDE_SESSION_VERSION"));
    return version == QLatin1String("4") || version == QLatin1String("5") ||
           version == QLatin1String("6");
}

} // namespace

namespace SystemKeychain {

bool isKdeSession(const QProcessEnvironment &environment)
{
    // QtKeychain's own detection (keychain_unix.cpp, derived from Chromium's): on these
    // sessions it uses KWallet when kwalletd answers, so keys of earlier builds are there.
    const QString current = environment.value(QStringLiteral("XDG_CURRENT_DESKTOP"));
    if (current == QLatin1String("KDE"))
        return isKdeVersion(environment);
    if (current == QLatin1String("GNOME") || current == QLatin1String("Unity") ||
        current == QLatin1String("XFCE"))
        return false;
    const QString session = environment.value(QStringLiteral("DESKTOP_SESSION"));
    if (session == QLatin1String("kde"))
        return isKdeVersion(environment);
    if (session == QLatin1String("kde4"))
        return true;
    if (session == QLatin1String("gnome") || session.contains(QLatin1String("xfce")) ||
        session == QLatin1String("xubuntu"))
        return false;
    if (!environment.value(QStringLiteral("GNOME_DESKTOP_SESSION_ID")).isEmpty())
        return false;
    if (!environment.value(QStringLiteral("KDE_FULL_SESSION")).isEmpty())
        return isKdeVersion(environment);
    return false;
}

Backend choose(const QProcessEnvironment &environment)
{
#ifdef LLMGW_HAVE_SECRET_SERVICE
    if (isKdeSession(environment))
        return Backend::QtKeychain;
    const QDBusConnection bus = QDBusConnection::sessionBus();
    // No bus at all (a server, a container): neither store can reach anything, and this one
    // says so without loading libsecret, GIO and GObject for nothing.
    if (!bus.isConnected())
        return Backend::SecretService;
    const QStringList names = namesOnBus(bus);
    if (names.contains(SecretServiceApi::kService))
        return Backend::SecretService;
    // KWallet without its Secret Service interface: QtKeychain reaches it when libsecret is
    // not installed. With neither there, both stores fail alike, this one at less cost.
    if (names.contains(QLatin1String("org.kde.kwalletd6")) ||
        names.contains(QLatin1String("org.kde.kwalletd5")))
        return Backend::QtKeychain;
    return Backend::SecretService;
#else
    Q_UNUSED(environment);
    return Backend::QtKeychain;
#endif
}

SecretSource *create(QObject *parent)
{
#ifdef LLMGW_HAVE_SECRET_SERVICE
    if (choose() == Backend::SecretService) {
        qCDebug(lcKeychain, "system keychain: the Secret Service over QtDBus");
        return new SecretServiceStore(parent);
    }
#endif
    qCDebug(lcKeychain, "system keychain: QtKeychain");
    return new KeychainSecretStore(parent);
}

} // namespace SystemKeychain
