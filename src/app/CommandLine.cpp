#include "CommandLine.h"

#include "config/GatewayConfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <cstdio>
#include <cstring>

bool CommandLine::wantsHeadless(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : {"--headless", "--help", "-h", "--version", "-v", "--help-all",
                                 "--show-token", "--reset-token"}) {
            if (std::strcmp(argv[i], flag) == 0)
                return true;
        }
    }
    return false;
}

bool CommandLine::parse(const QStringList &arguments, int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "LLM Gateway: a local OpenAI- and Anthropic-compatible gateway that routes each "
        "request by model name to your providers."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(
        QStringLiteral("headless"),
        QStringLiteral("Run only the gateway: no windows, logs on stderr, Ctrl+C to stop."));
    const QCommandLineOption host(QStringLiteral("host"),
                                  QStringLiteral("Address to listen on (default 127.0.0.1)."),
                                  QStringLiteral("ADDR"));
    const QCommandLineOption port(
        QStringLiteral("port"),
        QStringLiteral("Port to listen on (default %1).").arg(GatewayConfig::kDefaultPort),
        QStringLiteral("N"));
    const QCommandLineOption config(
        QStringLiteral("config"),
        QStringLiteral("Configuration file (default: the standard config location)."),
        QStringLiteral("FILE"));
    const QCommandLineOption envFile(
        QStringLiteral("env-file"),
        QStringLiteral("Read API keys and base URLs from this .env file (headless mode reads "
                       "./.env when present)."),
        QStringLiteral("FILE"));
    const QCommandLineOption showToken(
        QStringLiteral("show-token"),
        QStringLiteral("Print the local access token on stdout and exit (LLM_GATEWAY_TOKEN when "
                       "set, else the one in the system keychain, created on first use)."));
    const QCommandLineOption resetToken(
        QStringLiteral("reset-token"),
        QStringLiteral("Store a new local access token in the system keychain, print it on "
                       "stdout and exit. Clients using the old token must be updated."));
    const QCommandLineOption minimized(
        QStringLiteral("minimized"),
        QStringLiteral("Start in the system tray without opening the dashboard (the start-at-"
                       "login entry uses this)."));
    parser.addOptions({headless, host, port, config, envFile, showToken, resetToken, minimized});

    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "llm-gateway: %s\nTry 'llm-gateway --help'.\n",
                     qPrintable(parser.errorText()));
        *exitCode = 2;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        *exitCode = 0;
        return false;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("%s %s\n", qPrintable(QCoreApplication::applicationName()),
                    qPrintable(QCoreApplication::applicationVersion()));
        *exitCode = 0;
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "llm-gateway: unexpected argument '%s'.\nTry 'llm-gateway --help'.\n",
                     qPrintable(parser.positionalArguments().first()));
        *exitCode = 2;
        return false;
    }
    m_options.headless = parser.isSet(headless);
    m_options.showToken = parser.isSet(showToken);
    m_options.resetToken = parser.isSet(resetToken);
    m_options.minimized = parser.isSet(minimized);
    m_options.configPath = parser.value(config);
    m_options.envFile = parser.value(envFile);
    if (parser.isSet(host)) {
        m_options.host = parser.value(host);
        if (m_options.host != QLatin1String("localhost") && QHostAddress(m_options.host).isNull()) {
            std::fprintf(stderr,
                         "llm-gateway: --host must be an IP address such as 127.0.0.1, "
                         "not '%s'.\n",
                         qPrintable(m_options.host));
            *exitCode = 2;
            return false;
        }
    }
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535) {
            std::fprintf(stderr,
                         "llm-gateway: --port must be a number from 0 to 65535, not "
                         "'%s'.\n",
                         qPrintable(parser.value(port)));
            *exitCode = 2;
            return false;
        }
        m_options.port = int(value);
    }
    return true;
}
