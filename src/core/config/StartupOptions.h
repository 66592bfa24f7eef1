#pragma once

#include <QString>

/// What the command line chose; empty fields leave the other sources in charge.
struct StartupOptions
{
    QString configPath; ///< --config; empty: the standard location
    QString envFile;    ///< --env-file; empty: ./.env in headless mode when present
    QString host;       ///< --host
    int port = -1;      ///< --port
    bool headless = false;
    bool minimized = false;  ///< --minimized: start in the tray, dashboard closed (at login)
    bool showToken = false;  ///< --show-token: print the access token on stdout and exit
    bool resetToken = false; ///< --reset-token: store a new access token, print it and exit
};
