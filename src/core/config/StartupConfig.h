#pragma once

#include "GatewayConfig.h"
#include "gateway/GatewayService.h"

#include <QStringList>

/// What the command line chose; empty fields leave the other sources in charge.
struct StartupOptions
{
    QString configPath; ///< --config; empty: the standard location
    QString envFile;    ///< --env-file; empty: ./.env in headless mode when present
    QString host;       ///< --host
    int port = -1;      ///< --port
    bool headless = false;
    bool showToken = false;  ///< --show-token: print the access token on stdout and exit
    bool resetToken = false; ///< --reset-token: store a new access token, print it and exit
};

/// The configuration the gateway starts with, assembled in the seed's order of precedence:
/// defaults < config file < environment (.env < process) < command line.
struct StartupConfig
{
    GatewayConfig config;
    ProviderKeys keys;   ///< keys found in the environment, by provider id
    QString accessToken; ///< LLM_GATEWAY_TOKEN, if set
    QString configPath;  ///< the file that was (or would be) read
    QStringList errors;  ///< problems that made a source be ignored; shown to the user
    QStringList notes;   ///< what was read from where, for the log

    static StartupConfig assemble(const StartupOptions &options);
};
