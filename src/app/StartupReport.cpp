#include "StartupReport.h"

#include "LogOutput.h"
#include "config/SettingsStore.h"
#include "gateway/AccessPolicy.h"
#include "gateway/GatewayController.h"
#include "gateway/GatewayRunner.h"
#include "requestlog/RequestRecordLine.h"
#include "secrets/AccessTokenStore.h"
#include "secrets/ProviderKeyStore.h"
#include "secrets/SecretSource.h"

StartupReport::StartupReport(SettingsStore &settings, ProviderKeyStore &keys,
                             AccessTokenStore &token, SecretSource &keychain,
                             GatewayController &gateway, GatewayRunner &runner, QObject *parent)
    : QObject(parent), m_settings(settings), m_keys(keys), m_token(token), m_keychain(keychain),
      m_gateway(gateway)
{
    connect(&m_keychain, &SecretSource::availabilityChanged, this,
            [this](SecretSource::Availability availability) {
                const QString reason = m_keychain.unavailableReason();
                if (availability != SecretSource::Availability::Unavailable ||
                    reason == m_lastKeychainWarning)
                    return;
                m_lastKeychainWarning = reason;
                qWarning("%s The gateway goes on with the keys from the environment and .env "
                         "only; it never keeps keys in a plain file.",
                         qPrintable(reason));
            });
    connect(&runner, &GatewayRunner::ready, this, [this](const QUrl &baseUrl) {
        reportSecrets();
        qInfo("LLM Gateway %s serving on %s (OpenAI base URL %s/v1)", LLM_GATEWAY_VERSION,
              qPrintable(baseUrl.toString()), qPrintable(baseUrl.toString()));
    });
    connect(&m_settings, &SettingsStore::fileErrorChanged, this, [this](const QString &error) {
        if (!error.isEmpty())
            qWarning("%s\nThe configuration file was not applied: the gateway keeps the last "
                     "configuration that loaded.",
                     qPrintable(error));
        else if (!m_lastFileError.isEmpty())
            qInfo("configuration file %s loads again", qPrintable(m_settings.configPath()));
        m_lastFileError = error;
    });
    connect(&m_settings, &SettingsStore::fileConfigChanged, this,
            [this] { qInfo("configuration now from %s", qPrintable(m_settings.configPath())); });
    connect(&m_gateway, &GatewayController::failed, this,
            [](const QString &message) { qCritical("%s", qPrintable(message)); });
    connect(&m_gateway, &GatewayController::addressChangeFailed, this,
            [](const QString &message) { qWarning("%s", qPrintable(message)); });
    // Logged in the main thread: a write to stderr may block, the gateway thread must not.
    connect(&m_gateway, &GatewayController::callFinished, this, [](const RequestRecord &record) {
        LogOutput::writeInfo(RequestRecordLine::summary(record));
        for (const QString &note : record.notes)
            LogOutput::writeInfo("  note: " + note.toUtf8());
    });
}

void StartupReport::reportSources()
{
    for (const QString &note : m_settings.notes())
        qInfo("%s", qPrintable(note));
    for (const QString &error : m_settings.sourceErrors())
        qWarning("%s", qPrintable(error));
    m_lastFileError = m_settings.fileError();
    if (!m_lastFileError.isEmpty())
        qWarning("%s\nThe configuration file was not applied: starting on the defaults. Fix it: "
                 "it is read again as soon as it is saved.",
                 qPrintable(m_lastFileError));
}

void StartupReport::reportSecrets()
{
    if (m_secretsReported)
        return;
    m_secretsReported = true;
    for (const ProviderSettings &provider : m_settings.effective().providers) {
        if (!provider.enabled)
            continue;
        QString source;
        switch (m_keys.source(provider.id)) {
        case ProviderKeyStore::Source::Environment:
            source = QStringLiteral("key from the environment");
            break;
        case ProviderKeyStore::Source::Keychain:
            source = QStringLiteral("key from the system keychain");
            break;
        case ProviderKeyStore::Source::None:
            source = QStringLiteral("no key (set %1 or store one in the keychain)")
                         .arg(provider.keyEnvironmentVariable());
            break;
        }
        qInfo("provider %s (%s) at %s, %s", qPrintable(provider.id),
              qPrintable(providerTypeName(provider.type)), qPrintable(provider.baseUrl.toString()),
              qPrintable(source));
    }
    reportToken();
}

void StartupReport::reportToken()
{
    if (!AccessPolicy(m_settings.effective()).tokenRequired()) {
        qWarning("The access token is turned off (\"requireToken\": false): any program on this "
                 "computer can use the gateway and its keys.");
        return;
    }
    switch (m_token.state()) {
    case AccessTokenStore::State::Ready:
        if (m_token.wasCreated()) {
            qInfo("A new access token was created and stored in the system keychain. "
                  "'llm-gateway --show-token' prints it for your clients.");
        } else {
            qInfo("access token from the %s (clients send it as 'Authorization: Bearer TOKEN' or "
                  "'x-api-key: TOKEN'; 'llm-gateway --show-token' prints it)",
                  m_token.source() == AccessTokenStore::Source::Environment ? "environment"
                                                                            : "system keychain");
        }
        break;
    case AccessTokenStore::State::Missing:
        qWarning("%s", qPrintable(m_token.problem()));
        break;
    case AccessTokenStore::State::Loading:
        break;
    }
}
