#pragma once

#include <QProcessEnvironment>

class QObject;
class SecretSource;

/// Chooses the store behind "the system keychain", in one place. On Linux it is
/// SecretServiceStore when the session bus has the Secret Service (org.freedesktop.secrets
/// owned or activatable) and the session is not KDE, where QtKeychain prefers KWallet and
/// users' keys are there; everywhere else KeychainSecretStore (QtKeychain: KWallet, macOS
/// Keychain, Windows Credential Manager). Both read and write the same Secret Service items.
namespace SystemKeychain {

enum class Backend
{
    SecretService, ///< SecretServiceStore, straight over QtDBus
    QtKeychain     ///< KeychainSecretStore
};

/// What create() would build, from the environment and the session bus. Asks the bus daemon
/// (not the service) twice, at startup on the main thread, each bounded by a short timeout.
Backend choose(const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

/// True where QtKeychain would pick KWallet before the Secret Service (its desktop detection).
bool isKdeSession(const QProcessEnvironment &environment);

/// The store for this system, owned by `parent`.
SecretSource *create(QObject *parent);

} // namespace SystemKeychain
