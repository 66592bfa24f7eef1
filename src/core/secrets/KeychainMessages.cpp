#include "KeychainMessages.h"

#include <QCoreApplication>

// The context stays "KeychainSecretStore", where these sentences began, so translations made
// for it still apply. Spelled out in full each time: that is what lupdate finds.
namespace KeychainMessages {

QString displayName()
{
    return QCoreApplication::translate("KeychainSecretStore", "system keychain");
}

QString unavailable(Problem problem, const QString &detail)
{
    QString reason;
    switch (problem) {
    case Problem::NoService:
        reason = QCoreApplication::translate(
            "KeychainSecretStore",
            "no Secret Service (gnome-keyring, KWallet or KeePassXC) is running in this "
            "session");
        break;
    case Problem::NoBus:
        reason = QCoreApplication::translate("KeychainSecretStore",
                                             "there is no desktop session bus (D-Bus) to reach it");
        break;
    case Problem::Locked:
        reason = QCoreApplication::translate(
            "KeychainSecretStore",
            "the keyring is locked or has no default collection; unlock it (log in to "
            "the desktop, or open your keyring manager)");
        break;
    case Problem::Denied:
        reason = QCoreApplication::translate(
            "KeychainSecretStore", "access was denied (an unlock prompt was refused or cancelled)");
        break;
    case Problem::NoBackend:
        reason = QCoreApplication::translate(
            "KeychainSecretStore", "this system has no keychain service QtKeychain can use");
        break;
    case Problem::Other:
        reason = QCoreApplication::translate("KeychainSecretStore", "it reported an error");
        break;
    }
    QString message = QCoreApplication::translate("KeychainSecretStore",
                                                  "The system keychain is unavailable: %1.")
                          .arg(reason);
    if (!detail.isEmpty())
        message +=
            QLatin1Char(' ') + QCoreApplication::translate("KeychainSecretStore", "(Details: %1)")
                                   .arg(detail.simplified().left(300));
    return message;
}

QString timedOut(int timeoutMs)
{
    return QCoreApplication::translate(
               "KeychainSecretStore",
               "The system keychain is unavailable: it did not answer within %1 s.")
        .arg(timeoutMs / 1000.0);
}

QString notFound()
{
    return QCoreApplication::translate("KeychainSecretStore", "not stored in the system keychain");
}

} // namespace KeychainMessages
