#pragma once

#include <QList>
#include <QString>

/// One thing that stops the gateway from serving, or serving well, in plain words. The GUI
/// shows each with a button that fixes it (chosen by `kind`).
struct GatewayProblem
{
    enum class Kind
    {
        ListenFailed,        ///< not serving: the port is taken or the address refused
        AddressChangeFailed, ///< a new port or host could not be used; the old one serves
        KeychainUnavailable, ///< keys cannot be stored or read
        TokenMissing,        ///< no access token: every API request gets 401
        ConfigFileBroken,    ///< the file does not load; the last good configuration serves
        SourceProblem,       ///< a bad environment variable or a missing --env-file/--config
        ProviderWithoutKey,  ///< an enabled hosted provider has no key
        TokenOff,            ///< any local program may use the gateway
        RequestLogFailing    ///< requests are served but not recorded (disk full, locked...)
    };

    enum class Severity
    {
        Error,  ///< the gateway does not serve, or refuses every request
        Warning ///< it serves, but something the user should know about is wrong
    };

    Kind kind;
    Severity severity;
    QString title;   ///< one short sentence
    QString detail;  ///< what happened and what the fix does
    QString subject; ///< the provider id, for ProviderWithoutKey
};

using GatewayProblems = QList<GatewayProblem>;
