#include "AppRoot.h"

#include "SingleInstance.h"
#include "UnixSignalWatcher.h"
#include "gateway/GatewayController.h"
#include "TrayShell.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

AppRoot::AppRoot(StartupOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_gateway(new GatewayController(this)),
      m_signals(new UnixSignalWatcher(this))
{
    connect(m_signals, &UnixSignalWatcher::terminationRequested, this, [this](int signalNumber) {
        qInfo("Signal %d received: stopping the gateway", signalNumber);
        quit(0);
    });
    connect(m_gateway, &GatewayController::serving, this, &AppRoot::onServing);
    connect(m_gateway, &GatewayController::failed, this, &AppRoot::onFailed);
}

AppRoot::~AppRoot()
{
    m_tray.reset();
    m_gateway->stop();
}

bool AppRoot::start()
{
    SingleInstance *instance = nullptr;
    if (!m_options.headless) {
        instance = new SingleInstance(this);
        if (!instance->claim()) {
            qInfo("LLM Gateway is already running: asked it to show itself.");
            QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(0); });
            return true;
        }
    }
    m_startup = StartupConfig::assemble(m_options);
    for (const QString &note : std::as_const(m_startup.notes))
        qInfo("%s", qPrintable(note));
    for (const QString &error : std::as_const(m_startup.errors))
        qWarning("%s", qPrintable(error));
    for (const ProviderSettings &provider : std::as_const(m_startup.config.providers)) {
        if (!provider.enabled)
            continue;
        qInfo("provider %s (%s) at %s, %s", qPrintable(provider.id),
              qPrintable(providerTypeName(provider.type)),
              qPrintable(provider.baseUrl.toString()),
              m_startup.keys.contains(provider.id)
                  ? "key from the environment"
                  : qPrintable(QStringLiteral("no key (set %1)")
                                   .arg(provider.keyEnvironmentVariable())));
    }
    if (!m_options.headless) {
        // The GUI speaks the user's language where a translation exists (en, zh_CN).
        auto *translator = new QTranslator(this);
        if (translator->load(QLocale(), QStringLiteral("llm-gateway"), QStringLiteral("_"),
                             QStringLiteral(":/i18n")))
            QCoreApplication::installTranslator(translator);
        m_tray = std::make_unique<TrayShell>(*m_gateway);
        connect(m_tray.get(), &TrayShell::quitRequested, this, [this] { quit(0); });
        m_tray->show();
        connect(instance, &SingleInstance::activationRequested, m_tray.get(),
                &TrayShell::activate);
    }
    m_gateway->start(m_startup.config, m_startup.keys);
    return true;
}

void AppRoot::onServing()
{
    qInfo("LLM Gateway %s serving on %s (OpenAI base URL %s/v1)", LLM_GATEWAY_VERSION,
          qPrintable(m_gateway->baseUrl().toString()), qPrintable(m_gateway->baseUrl().toString()));
}

void AppRoot::onFailed(const QString &message)
{
    qCritical("%s", qPrintable(message));
    // Headless there is nobody to pick another port: exit with the reason on stderr.
    // The tray shows the error instead and stays.
    if (m_options.headless)
        quit(1);
}

void AppRoot::quit(int exitCode)
{
    m_gateway->stop();
    QTimer::singleShot(0, qApp, [exitCode] { QCoreApplication::exit(exitCode); });
}
