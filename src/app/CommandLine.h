#pragma once

#include "config/StartupOptions.h"

#include <QStringList>

/// The command line of SPEC §1, parsed with QCommandLineParser.
class CommandLine
{
public:
    /// True when the arguments ask for no GUI (--headless, --help, --version), decided
    /// before any QApplication exists.
    static bool wantsHeadless(int argc, char **argv);

    /// Parses the arguments of the running application. On --help/--version or an error it
    /// prints and returns false with `exitCode` set.
    bool parse(const QStringList &arguments, int *exitCode);

    const StartupOptions &options() const { return m_options; }

private:
    StartupOptions m_options;
};
