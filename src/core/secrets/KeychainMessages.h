#pragma once

#include <QString>

/// The sentences both keychain stores show the user, so that the app says the same thing
/// whichever store it uses (translation context "KeychainSecretStore", where they began).
namespace KeychainMessages {

/// Why the keychain cannot be used.
enum class Problem
{
    NoService, ///< nothing owns or can start org.freedesktop.secrets
    NoBus,     ///< no session bus to reach it
    Locked,    ///< locked, or no default collection to keep secrets in
    Denied,    ///< an unlock or create prompt was refused or cancelled
    NoBackend, ///< QtKeychain found no backend at all
    Other      ///< anything else: the detail says what
};

/// A short name for messages: "system keychain".
QString displayName();
/// "The system keychain is unavailable: <reason>." plus the detail, if any, shortened.
QString unavailable(Problem problem, const QString &detail = QString());
/// The operation did not finish within `timeoutMs`.
QString timedOut(int timeoutMs);
/// A read found nothing under the account.
QString notFound();

} // namespace KeychainMessages
