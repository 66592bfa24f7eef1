#pragma once

#include <QCoreApplication>

#include "GatewayConfig.h"

#include <QStringList>

/// The outcome of reading a configuration file: the merged configuration and every problem
/// found, each naming the file and the line or field to fix.
struct ConfigLoadResult
{
    GatewayConfig config;
    QStringList errors; ///< non-empty: `config` holds the defaults, the file was not applied
    bool fileExists = false;
};

/// Reads the JSON configuration file (format version 1) on top of the defaults.
/// Providers merge by id into the presets, routes replace a default with the same prefix.
class ConfigFile
{
    Q_DECLARE_TR_FUNCTIONS(ConfigFile)

public:
    static constexpr int kFormatVersion = 1;

    /// The standard location: AppConfigLocation/config.json.
    static QString defaultPath();

    static ConfigLoadResult load(const QString &path, const GatewayConfig &defaults);
    static ConfigLoadResult parse(const QByteArray &json, const QString &fileName,
                                  const GatewayConfig &defaults);
};
