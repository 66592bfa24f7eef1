#pragma once

#include "GatewayProblem.h"

#include <QObject>

class AccessTokenStore;
class GatewayController;
class GatewayRunner;
class ProviderKeyStore;
class RequestLogStore;
class SecretSource;
class SettingsStore;

/// Collects every problem of the running gateway from the stores and the controller, and
/// the one state the tray shows: serving, serving with a warning, paused, or an error.
class ProblemMonitor : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Starting,
        Serving,
        ServingWithWarning,
        Paused,
        Error
    };
    Q_ENUM(State)

    ProblemMonitor(SettingsStore &settings, ProviderKeyStore &keys, AccessTokenStore &token,
                   SecretSource &keychain, GatewayController &gateway, QObject *parent = nullptr);

    GatewayProblems problems() const { return m_problems; }
    State state() const { return m_state; }
    /// The state in a few words, e.g. "Serving on http://127.0.0.1:7352".
    QString stateText() const;

    /// Also reports the request log's problems (a full disk, a lock...): requests are served
    /// but not recorded.
    void watchRequestLog(RequestLogStore &log);

    /// Computes the problems again (their texts too, e.g. after a language change).
    void refresh() { update(); }

    /// A port near the configured one that is free now (0 if none was found), for the
    /// "use another port" fix.
    static quint16 freePortNear(const QString &host, quint16 port);

Q_SIGNALS:
    void problemsChanged();
    void stateChanged(ProblemMonitor::State state);

private:
    void update();

    SettingsStore &m_settings;
    ProviderKeyStore &m_keys;
    AccessTokenStore &m_token;
    SecretSource &m_keychain;
    GatewayController &m_gateway;
    GatewayProblems m_problems;
    State m_state = State::Starting;
    QString m_addressChangeError;
    RequestLogStore *m_requestLog = nullptr;
};
