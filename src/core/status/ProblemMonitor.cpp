#include "ProblemMonitor.h"

#include "config/SettingsStore.h"
#include "gateway/AccessPolicy.h"
#include "gateway/GatewayController.h"
#include "requestlog/RequestLogStore.h"
#include "secrets/AccessTokenStore.h"
#include "secrets/ProviderKeyStore.h"
#include "secrets/SecretSource.h"

#include <QHostAddress>
#include <QTcpServer>

namespace {
bool isLocalUrl(const QUrl &url)
{
    const QString host = url.host();
    if (host == QLatin1String("localhost"))
        return true;
    const QHostAddress address(host);
    if (address.isNull())
        return false;
    // A loopback or private-network server (Ollama, LM Studio, a team's vLLM) needs no key.
    // (QHostAddress::isPrivateUse() is Qt 6.6; the RFC 1918 ranges are checked here.)
    static const QList<QPair<QHostAddress, int>> privateRanges = {
        QHostAddress::parseSubnet(QStringLiteral("10.0.0.0/8")),
        QHostAddress::parseSubnet(QStringLiteral("172.16.0.0/12")),
        QHostAddress::parseSubnet(QStringLiteral("192.168.0.0/16"))};
    for (const auto &range : privateRanges) {
        if (address.isInSubnet(range))
            return true;
    }
    return address.isLoopback() || address.isLinkLocal() || address.isUniqueLocalUnicast();
}
} // namespace

ProblemMonitor::ProblemMonitor(SettingsStore &settings, ProviderKeyStore &keys,
                               AccessTokenStore &token, SecretSource &keychain,
                               GatewayController &gateway, QObject *parent)
    : QObject(parent), m_settings(settings), m_keys(keys), m_token(token), m_keychain(keychain),
      m_gateway(gateway)
{
    connect(&m_settings, &SettingsStore::changed, this, &ProblemMonitor::update);
    connect(&m_settings, &SettingsStore::fileErrorChanged, this, &ProblemMonitor::update);
    connect(&m_keys, &ProviderKeyStore::keysChanged, this, &ProblemMonitor::update);
    connect(&m_keys, &ProviderKeyStore::loadingChanged, this, &ProblemMonitor::update);
    connect(&m_token, &AccessTokenStore::stateChanged, this, &ProblemMonitor::update);
    connect(&m_keychain, &SecretSource::availabilityChanged, this, &ProblemMonitor::update);
    connect(&m_gateway, &GatewayController::stateChanged, this, &ProblemMonitor::update);
    connect(&m_gateway, &GatewayController::pausedChanged, this, &ProblemMonitor::update);
    connect(&m_gateway, &GatewayController::serving, this, [this] {
        m_addressChangeError.clear(); // the address in force is the one asked for
        update();
    });
    connect(&m_gateway, &GatewayController::addressChangeFailed, this,
            [this](const QString &message) {
                m_addressChangeError = message;
                update();
            });
    update();
}

quint16 ProblemMonitor::freePortNear(const QString &host, quint16 port)
{
    const QHostAddress address = host == QLatin1String("localhost")
                                     ? QHostAddress(QHostAddress::LocalHost)
                                     : QHostAddress(host);
    for (int candidate = port + 1; candidate < port + 50 && candidate <= 65535; ++candidate) {
        QTcpServer probe;
        if (probe.listen(address.isNull() ? QHostAddress(QHostAddress::LocalHost) : address,
                         quint16(candidate)))
            return quint16(candidate);
    }
    return 0;
}

QString ProblemMonitor::stateText() const
{
    switch (m_state) {
    case State::Starting:
        return tr("Starting…");
    case State::Paused:
        return tr("Paused: API requests get 503 until you resume");
    case State::Error:
        return m_gateway.state() == GatewayController::State::Failed
                   ? tr("Not serving")
                   : tr("Serving, but every request is refused");
    case State::Serving:
    case State::ServingWithWarning:
        return tr("Serving on %1").arg(m_gateway.baseUrl().toString());
    }
    return QString();
}

void ProblemMonitor::watchRequestLog(RequestLogStore &log)
{
    m_requestLog = &log;
    // Emitted from the log's writer thread: update() runs here, in this object's thread.
    connect(&log, &RequestLogStore::statusChanged, this, &ProblemMonitor::update);
    update();
}

void ProblemMonitor::update()
{
    GatewayProblems problems;
    const GatewayConfig &config = m_settings.effective();
    using Kind = GatewayProblem::Kind;
    using Severity = GatewayProblem::Severity;

    if (m_gateway.state() == GatewayController::State::Failed) {
        const SettingsStore::Origin origin = m_settings.portOrigin();
        QString detail = m_gateway.errorMessage();
        if (origin.isOverride())
            detail += QLatin1Char(' ') +
                      tr("The port is set by %1, so it must be changed there.").arg(origin.name);
        problems.append({Kind::ListenFailed, Severity::Error,
                         tr("The gateway is not serving: it cannot listen on %1:%2.")
                             .arg(config.host)
                             .arg(config.port),
                         detail, QString()});
    }
    if (!m_addressChangeError.isEmpty()) {
        problems.append({Kind::AddressChangeFailed, Severity::Warning,
                         tr("The new address could not be used; the gateway stays on %1.")
                             .arg(m_gateway.baseUrl().toString()),
                         m_addressChangeError, QString()});
    }
    if (!m_settings.fileError().isEmpty()) {
        problems.append({Kind::ConfigFileBroken, Severity::Warning,
                         tr("The configuration file does not load: the last good settings stay "
                            "in force."),
                         m_settings.fileError(), QString()});
    }
    for (const QString &error : m_settings.sourceErrors())
        problems.append({Kind::SourceProblem, Severity::Warning, error, QString(), QString()});

    const bool keychainDown = m_keychain.availability() == SecretSource::Availability::Unavailable;
    if (keychainDown) {
        problems.append({Kind::KeychainUnavailable, Severity::Warning,
                         tr("No system keychain: keys cannot be saved."),
                         m_keychain.unavailableReason(), QString()});
    }
    const bool tokenRequired = AccessPolicy(config).tokenRequired();
    if (tokenRequired && m_token.state() == AccessTokenStore::State::Missing) {
        problems.append({Kind::TokenMissing, Severity::Error,
                         tr("No access token: every API request is refused."), m_token.problem(),
                         QString()});
    }
    if (!tokenRequired) {
        problems.append({Kind::TokenOff, Severity::Warning,
                         tr("The access token is off: any program on this computer can use your "
                            "keys through the gateway."),
                         QString(), QString()});
    }
    if (!m_keys.isLoading()) {
        for (const ProviderSettings &provider : config.providers) {
            if (!provider.enabled || !m_keys.key(provider.id).isEmpty() ||
                isLocalUrl(provider.baseUrl))
                continue;
            problems.append(
                {Kind::ProviderWithoutKey, Severity::Warning,
                 tr("%1 has no API key: requests routed to it will fail.")
                     .arg(provider.displayName.isEmpty() ? provider.id : provider.displayName),
                 tr("Enter its key, or turn the provider off if you do not use it."), provider.id});
        }
    }

    if (m_requestLog) {
        const RequestLogStatus log = m_requestLog->status();
        if (log.state == RequestLogStatus::State::Failing) {
            problems.append({Kind::RequestLogFailing, Severity::Warning,
                             tr("Requests are served but not recorded (%n lost so far).", nullptr,
                                int(qMin<qint64>(log.dropped, INT_MAX))),
                             log.problem, log.path});
        }
    }

    State state = State::Starting;
    const bool anyError =
        std::any_of(problems.begin(), problems.end(),
                    [](const GatewayProblem &p) { return p.severity == Severity::Error; });
    if (m_gateway.state() == GatewayController::State::Failed || anyError)
        state = State::Error;
    else if (m_gateway.state() != GatewayController::State::Serving)
        state = State::Starting;
    else if (m_gateway.isPaused())
        state = State::Paused;
    else if (!problems.isEmpty())
        state = State::ServingWithWarning;
    else
        state = State::Serving;

    m_problems = problems;
    Q_EMIT problemsChanged();
    if (state != m_state) {
        m_state = state;
        Q_EMIT stateChanged(state);
    }
}
