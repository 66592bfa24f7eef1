#pragma once

#include "GatewayConfig.h"

#include <QByteArray>
#include <QString>

/// The outcome of saving the configuration.
struct ConfigSaveResult
{
    bool ok = false;
    QString error;      ///< names the file and what went wrong, when !ok
    QString backupPath; ///< where an unreadable or broken previous file was kept, if any
};

/// Writes the configuration as versioned JSON (ConfigFile::kFormatVersion), atomically: the
/// file on disk is either the old one or the complete new one, never half of each. Keys and
/// the access token are never written. A previous file that does not load is copied to a
/// backup first and never lost.
class ConfigWriter
{
public:
    /// The JSON document ConfigFile::parse() reads back to an equal configuration.
    static QByteArray toJson(const GatewayConfig &config);

    static ConfigSaveResult save(const QString &path, const GatewayConfig &config);
};
