#pragma once

#include <QProcessEnvironment>

class QObject;
class SecretSource;

/// Chooses the store behind "the system keychain", in one place. On Linux it is
/// SecretServiceStore, except where QtKeychain would reach a store the Secret Service does not
/// show: in a KDE session (QtKeychain prefers KWallet there, so users' keys are in it) and
/// where only KWallet's own D-Bus service is on the bus. Elsewhere KeychainSecretStore
/// (QtKeychain: macOS Keychain, Windows Credential Manager). On a bus with the Secret Service
/// both stores read and write the same items.
namespace SystemKeychain {

enum class Backend
{
    SecretService, ///< SecretServiceStore, straight over QtDBus
    QtKeychain     ///< KeychainSecretStore
};

/// What create() would build, from the environment and the session bus. Asks the bus daemon
/// (not the service) for its names twice, at startup on the main thread, each bounded by a
/// short timeout.
Backend choose(const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

/// True where QtKeychain would pick KWallet before the Secret Service (its desktop detection).
bool isKdeSession(const QProcessEnvironment &environment);

/// The store for this system, owned by `parent`.
SecretSource *create(QObject *parent);

} // namespace SystemKeychain
