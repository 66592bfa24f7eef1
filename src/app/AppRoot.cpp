#include "AppRoot.h"

#include "SingleInstance.h"
#include "TrayShell.h"
#include "UnixSignalWatcher.h"
#include "gateway/AccessPolicy.h"
#include "gateway/GatewayController.h"
#include "requestlog/RequestLogStore.h"
#include "secrets/KeyLoader.h"
#include "secrets/KeychainSecretStore.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTimer>

#include <QTranslator>
#include <cstdio>

AppRoot::AppRoot(StartupOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_gateway(new GatewayController(this)),
      m_keychain(new KeychainSecretStore(this)), m_keyLoader(new KeyLoader(m_keychain, this)),
      m_signals(new UnixSignalWatcher(this)),
      m_requestLog(std::make_shared<RequestLogStore>(RequestLogStore::defaultPath()))
{
    m_gateway->setRequestLogSink(m_requestLog);
    connect(m_signals, &UnixSignalWatcher::terminationRequested, this, [this](int signalNumber) {
        qInfo("Signal %d received: stopping the gateway", signalNumber);
        quit(0);
    });
    connect(m_gateway, &GatewayController::serving, this, &AppRoot::onServing);
    connect(m_keyLoader, &KeyLoader::finished, this, &AppRoot::onSecretsLoaded);
    connect(m_gateway, &GatewayController::failed, this, &AppRoot::onFailed);
    // Logged here, in the main thread: a write to stderr may block, the gateway thread must not.
    connect(m_gateway, &GatewayController::callFinished, this, [](const RequestRecord &record) {
        qInfo("%s %s model=%s provider=%s upstream_model=%s%s status=%d %lld ms%s%s",
              qPrintable(record.method), qPrintable(record.path), qPrintable(record.requestedModel),
              qPrintable(record.providerId), qPrintable(record.upstreamModel),
              record.stream ? " stream" : "", record.status, record.latencyMs,
              record.errorMessage.isEmpty() ? "" : " error=", qPrintable(record.errorMessage));
    });
}

AppRoot::~AppRoot()
{
    m_tray.reset();
    m_gateway->stop();
    m_requestLog->stop(); // after the gateway: its last records are written too
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
    if (m_options.showToken || m_options.resetToken) {
        runTokenCommand();
        return true;
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
        connect(instance, &SingleInstance::activationRequested, m_tray.get(), &TrayShell::activate);
    }
    // The gateway starts once the keychain has answered (or timed out): the main thread
    // keeps running meanwhile, and no request is ever served without its token.
    QStringList providerIds;
    for (const ProviderSettings &provider : std::as_const(m_startup.config.providers))
        providerIds.append(provider.id);
    m_keyLoader->load(providerIds, m_startup.keys, m_startup.accessToken);
    return true;
}

void AppRoot::onSecretsLoaded(const LoadedSecrets &secrets)
{
    if (!secrets.keychainAvailable) {
        qWarning("%s The gateway goes on with the keys from the environment and .env only; "
                 "it never keeps keys in a plain file.",
                 qPrintable(secrets.keychainMessage));
    }
    m_startup.keys = secrets.keys;
    for (const ProviderSettings &provider : std::as_const(m_startup.config.providers)) {
        if (!provider.enabled)
            continue;
        const QString source = secrets.keySources.value(provider.id);
        qInfo("provider %s (%s) at %s, %s", qPrintable(provider.id),
              qPrintable(providerTypeName(provider.type)), qPrintable(provider.baseUrl.toString()),
              qPrintable(source.isEmpty()
                             ? QStringLiteral("no key (set %1 or store one in the keychain)")
                                   .arg(provider.keyEnvironmentVariable())
                             : QStringLiteral("key from the %1").arg(source)));
    }

    GatewayConfig &config = m_startup.config;
    config.access.token = secrets.accessToken;
    if (!AccessPolicy(config).tokenRequired()) {
        qWarning("The access token is turned off (\"requireToken\": false): any program on this "
                 "computer can use the gateway and its keys.");
        startGateway();
        return;
    }
    if (!config.access.token.isEmpty()) {
        qInfo("access token from the %s (clients send it as 'Authorization: Bearer TOKEN' or "
              "'x-api-key: TOKEN'; 'llm-gateway --show-token' prints it)",
              qPrintable(secrets.accessTokenSource));
        startGateway();
        return;
    }
    if (!secrets.keychainAvailable) {
        qWarning("No access token: the system keychain is unavailable and LLM_GATEWAY_TOKEN is "
                 "not set, so every API request will be refused with 401. Set LLM_GATEWAY_TOKEN "
                 "to a secret of your choice and restart (clients send it as 'Authorization: "
                 "Bearer TOKEN'), or turn the token off for loopback with \"access\": "
                 "{\"requireToken\": false} in %s.",
                 qPrintable(m_startup.configPath));
        startGateway();
        return;
    }
    // First run: a new token, kept in the keychain, never printed unless asked for.
    const QString token = AccessPolicy::generateToken();
    m_keychain->write(QLatin1String(KeychainSecretStore::kAccessTokenAccount), token, this,
                      [this, token](const SecretResult &stored) {
                          if (stored.status == SecretResult::Status::Ok) {
                              m_startup.config.access.token = token;
                              qInfo("A new access token was created and stored in the system "
                                    "keychain. 'llm-gateway --show-token' prints it for your "
                                    "clients.");
                          } else {
                              qWarning("No access token: a new one could not be stored. %s "
                                       "Every API request will be refused with 401 until "
                                       "LLM_GATEWAY_TOKEN is set.",
                                       qPrintable(stored.message));
                          }
                          startGateway();
                      });
}

void AppRoot::startGateway()
{
    m_requestLog->start(m_startup.config.requestLog);
    // GatewayService refuses a non-loopback address without the token and says why.
    m_gateway->start(m_startup.config, m_startup.keys);
}

void AppRoot::runTokenCommand()
{
    if (!m_startup.accessToken.isEmpty() && !m_options.resetToken) {
        finishTokenCommand(m_startup.accessToken, QString());
        return;
    }
    if (!m_startup.accessToken.isEmpty()) {
        std::fputs("llm-gateway: note: LLM_GATEWAY_TOKEN is set and wins over the keychain "
                   "until it is unset.\n",
                   stderr);
    }
    const QString account = QLatin1String(KeychainSecretStore::kAccessTokenAccount);
    const auto store = [this, account] {
        const QString token = AccessPolicy::generateToken();
        m_keychain->write(account, token, this, [this, token](const SecretResult &stored) {
            finishTokenCommand(stored.status == SecretResult::Status::Ok ? token : QString(),
                               stored.message);
        });
    };
    if (m_options.resetToken) {
        store();
        return;
    }
    m_keychain->read(account, this, [this, store](const SecretResult &found) {
        if (found.status == SecretResult::Status::Ok && !found.value.isEmpty())
            finishTokenCommand(found.value, QString());
        else if (found.status == SecretResult::Status::NotFound)
            store(); // the first run has not happened yet: create it now
        else
            finishTokenCommand(QString(), found.message);
    });
}

void AppRoot::finishTokenCommand(const QString &token, const QString &error)
{
    if (token.isEmpty()) {
        std::fprintf(stderr,
                     "llm-gateway: no access token to show. %s\nSet LLM_GATEWAY_TOKEN to a "
                     "secret of your choice instead; clients send it as 'Authorization: Bearer "
                     "TOKEN'.\n",
                     qPrintable(error));
        std::fflush(stderr);
        QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(1); });
        return;
    }
    // Printed only because the user asked for it, and only on stdout.
    std::fputs(qPrintable(token + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
    QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(0); });
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
