#include "GatewayRunner.h"

#include "GatewayController.h"
#include "config/SettingsStore.h"
#include "secrets/AccessTokenStore.h"
#include "secrets/ProviderKeyStore.h"

GatewayRunner::GatewayRunner(GatewayController &controller, SettingsStore &settings,
                             ProviderKeyStore &keys, AccessTokenStore &token, QObject *parent)
    : QObject(parent), m_controller(controller), m_settings(settings), m_keys(keys), m_token(token)
{
    connect(&m_settings, &SettingsStore::changed, this, &GatewayRunner::onSettingsChanged);
    connect(&m_keys, &ProviderKeyStore::keysChanged, this, &GatewayRunner::onSecretsChanged);
    connect(&m_keys, &ProviderKeyStore::loadingChanged, this, &GatewayRunner::onSecretsChanged);
    connect(&m_token, &AccessTokenStore::tokenChanged, this, &GatewayRunner::onSecretsChanged);
    connect(&m_token, &AccessTokenStore::stateChanged, this, &GatewayRunner::onSecretsChanged);
    connect(&m_controller, &GatewayController::serving, this, &GatewayRunner::updateReady);
    connect(&m_controller, &GatewayController::stateChanged, this, &GatewayRunner::updateReady);
    connect(&m_controller, &GatewayController::configApplied, this, [this](quint64 serial) {
        if (m_settledSerial != 0 && serial >= m_settledSerial)
            m_pendingInForce = false;
        updateReady();
    });
}

bool GatewayRunner::isWaitingForSecrets() const
{
    // Only the first answers hold requests back: a key read later (a provider added while
    // running, a retry) must not interrupt a gateway that already serves.
    return !m_secretsSettled &&
           (m_keys.isLoading() || m_token.state() == AccessTokenStore::State::Loading);
}

GatewayConfig GatewayRunner::snapshot() const
{
    GatewayConfig config = m_settings.effective();
    config.access.token = m_token.token();
    config.access.secretsPending = isWaitingForSecrets();
    return config;
}

void GatewayRunner::start()
{
    m_started = true;
    QStringList ids;
    for (const ProviderSettings &provider : m_settings.effective().providers)
        ids.append(provider.id);
    m_keys.load(ids);
    m_token.load();
    const GatewayConfig config = snapshot();
    m_pendingInForce = config.access.secretsPending;
    m_secretsSettled = !config.access.secretsPending;
    m_controller.start(config, m_keys.keys());
}

void GatewayRunner::onSettingsChanged()
{
    if (!m_started)
        return;
    // A provider added while running may have a key in the keychain already.
    QStringList ids;
    for (const ProviderSettings &provider : m_settings.effective().providers)
        ids.append(provider.id);
    m_keys.load(ids);
    push();
}

void GatewayRunner::onSecretsChanged()
{
    if (!m_started)
        return;
    push();
}

void GatewayRunner::push()
{
    // Keys first: both go through the same queue, so by the time a snapshot without
    // secretsPending is in force, the keys read with it are too.
    m_controller.applyKeys(m_keys.keys());
    const GatewayConfig config = snapshot();
    const quint64 serial = m_controller.applyConfig(config);
    if (!config.access.secretsPending && !m_secretsSettled) {
        m_secretsSettled = true;
        m_settledSerial = serial;
    }
}

void GatewayRunner::updateReady()
{
    const bool nowReady =
        !m_pendingInForce && m_controller.state() == GatewayController::State::Serving;
    const QUrl url = m_controller.baseUrl();
    if (nowReady == m_ready && (!nowReady || url == m_readyUrl))
        return;
    m_ready = nowReady;
    m_readyUrl = nowReady ? url : QUrl();
    if (nowReady)
        Q_EMIT ready(url);
}
