#pragma once

#include <QString>

/// The process's open-file limit (RLIMIT_NOFILE).
namespace OpenFileLimit {

struct Result
{
    qint64 before = -1; ///< the soft limit found at start (-1: unknown on this platform)
    qint64 after = -1;  ///< the soft limit now
    qint64 hard = -1;   ///< the hard limit
    QString error;      ///< why it could not be raised, when it could not
};

/// Raises the soft limit to the hard limit, as Go and nginx do: a desktop session's default
/// of 1024 would cap the gateway at a few hundred concurrent streams (each one holds two
/// sockets). Idempotent.
Result raiseToHardLimit();

} // namespace OpenFileLimit
