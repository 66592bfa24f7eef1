#include "AppRoot.h"

#include "SingleInstance.h"
#include "StartupReport.h"
#include "TokenCommand.h"
#include "UnixSignalWatcher.h"
#include "config/SettingsStore.h"
#include "gateway/GatewayController.h"
#include "gateway/GatewayRunner.h"
#include "providers/ReasoningKeyFile.h"
#include "requestlog/RequestLogStore.h"
#include "secrets/AccessTokenStore.h"
#include "secrets/ProviderKeyStore.h"
#include "secrets/SystemKeychain.h"

#include <QCoreApplication>
#include <QTimer>

AppRoot::AppRoot(StartupOptions options, DesktopFactory desktop, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_desktopFactory(desktop),
      m_settings(new SettingsStore(this)), m_keychain(SystemKeychain::create(this)),
      m_gateway(new GatewayController(this)), m_signals(new UnixSignalWatcher(this)),
      m_requestLog(std::make_shared<RequestLogStore>(RequestLogStore::defaultPath()))
{
    m_gateway->setRequestLogSink(m_requestLog);
    connect(m_signals, &UnixSignalWatcher::terminationRequested, this, [this](int signalNumber) {
        qInfo("Signal %d received: stopping the gateway", signalNumber);
        quit(0);
    });
}

AppRoot::~AppRoot()
{
    m_desktop.reset(); // stops the chat's streaming reply before the gateway goes
    m_gateway->stop();
    m_requestLog->stop(); // after the gateway: its last records are written too
}

bool AppRoot::start()
{
    SingleInstance *instance = nullptr;
    const bool tokenCommand = m_options.showToken || m_options.resetToken;
    if (!m_options.headless && !tokenCommand) {
        instance = new SingleInstance(this);
        if (!instance->claim()) {
            qInfo("LLM Gateway is already running: asked it to show itself.");
            QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(0); });
            return true;
        }
    }
    m_settings->load(m_options);
    m_keys = new ProviderKeyStore(*m_keychain, m_settings->environment(), this);
    m_token = new AccessTokenStore(*m_keychain, m_settings->environmentToken(), this);

    if (tokenCommand) {
        m_tokenCommand = new TokenCommand(
            *m_token, m_options.resetToken ? TokenCommand::Mode::Reset : TokenCommand::Mode::Show,
            this);
        connect(m_tokenCommand, &TokenCommand::finished, this, [](int exitCode) {
            QTimer::singleShot(0, qApp, [exitCode] { QCoreApplication::exit(exitCode); });
        });
        m_tokenCommand->run();
        return true;
    }

    m_runner = new GatewayRunner(*m_gateway, *m_settings, *m_keys, *m_token, this);
    m_report =
        new StartupReport(*m_settings, *m_keys, *m_token, *m_keychain, *m_gateway, *m_runner, this);
    m_report->reportSources();
    // Headless there is nobody to pick another port: exit with the reason on stderr.
    // The tray shows the error instead and stays.
    connect(m_gateway, &GatewayController::failed, this, [this] {
        if (m_options.headless)
            quit(1);
    });

    if (!m_options.headless && m_desktopFactory) {
        m_desktop = m_desktopFactory(DesktopServices{*m_settings, *m_keychain, *m_keys, *m_token,
                                                     *m_gateway, *m_runner, *m_requestLog});
        connect(m_desktop.get(), &DesktopFace::quitRequested, this, [this] { quit(0); });
        connect(instance, &SingleInstance::activationRequested, m_desktop.get(),
                &DesktopFace::activate);
        m_desktop->start(m_options.minimized);
    }
    // Read here, before the gateway thread runs: that thread never waits on the disk.
    QString keyError;
    const QByteArray reasoningKey =
        ReasoningKeyFile::loadOrCreate(ReasoningKeyFile::defaultPath(), &keyError);
    if (reasoningKey.isEmpty())
        qWarning("%s Reasoning signed for Claude Code clients stays valid only until the "
                 "gateway stops.",
                 qPrintable(keyError));
    m_gateway->setReasoningKey(reasoningKey);
    m_requestLog->start(m_settings->effective().requestLog);
    connect(m_settings, &SettingsStore::changed, this,
            [this] { m_requestLog->applySettings(m_settings->effective().requestLog); });
    // The gateway listens at once; keys and the token from the keychain join when they arrive.
    m_runner->start();
    return true;
}

void AppRoot::quit(int exitCode)
{
    m_gateway->stop();
    QTimer::singleShot(0, qApp, [exitCode] { QCoreApplication::exit(exitCode); });
}
