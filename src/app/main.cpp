// Built twice: `llm-gateway`, the desktop app, and `llm-gateway-headless`
// (LLMGW_HEADLESS_ONLY), the gateway alone without the GUI libraries, which the first hands
// headless starts to.
#include "AppRoot.h"
#include "CommandLine.h"
#include "LogCommands.h"
#include "LogOutput.h"

#include <QCoreApplication>
#include <cstdio>
#include <memory>

#ifndef LLMGW_HEADLESS_ONLY
#include "DesktopApp.h"
#include "HeadlessExecutable.h"

#include <QApplication>
#endif

#ifndef LLMGW_HEADLESS_ONLY
namespace {
bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}
} // namespace
#endif

int main(int argc, char *argv[])
{
    // Threads other than the main one (the gateway's above all) run Qt's own Unix event
    // dispatcher instead of glib's: it wakes a busy loop once per pass instead of once per
    // posted event (about six eventfd writes fewer per request; docs/benchmarks.md). The main
    // thread keeps glib, which the keychain (libsecret) and desktop integration rely on.
    if (!qEnvironmentVariableIsSet("QT_NO_THREADED_GLIB"))
        qputenv("QT_NO_THREADED_GLIB", "1");
    QCoreApplication::setApplicationName(QStringLiteral("llm-gateway"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LLM_GATEWAY_VERSION));
    LogOutput::install();

    if (LogCommands::isLogCommand(argc, argv)) { // `logs`, `usage`: read the log and exit
        QCoreApplication app(argc, argv);
        return LogCommands::run(app.arguments());
    }

    // The headless gateway must not need a display, so the kind of application object is
    // chosen before any exists.
#ifdef LLMGW_HEADLESS_ONLY
    const bool headless = true;
    std::unique_ptr<QCoreApplication> app = std::make_unique<QCoreApplication>(argc, argv);
    const DesktopFactory desktop = nullptr;
#else
    bool headless = CommandLine::wantsHeadless(argc, argv);
    if (!headless && !hasDisplay()) {
        std::fputs("llm-gateway: no display found: running headless (the gateway only).\n", stderr);
        headless = true;
    }
    if (headless)
        HeadlessExecutable::replaceProcess(argv); // returns only if that one cannot run
    std::unique_ptr<QCoreApplication> app = headless
                                                ? std::make_unique<QCoreApplication>(argc, argv)
                                                : std::make_unique<QApplication>(argc, argv);
    const DesktopFactory desktop = &DesktopApp::create;
#endif

    CommandLine commandLine;
    int exitCode = 0;
    if (!commandLine.parse(app->arguments(), &exitCode))
        return exitCode;
    StartupOptions options = commandLine.options();
    options.headless = headless;

    AppRoot root(options, desktop);
    if (!root.start())
        return 1;
    return app->exec();
}
