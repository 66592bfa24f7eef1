#pragma once

#include <QObject>
#include <QString>

#include <functional>

class SecretSource;

/// The gateway's local access token (SPEC §5) and its first-run policy: LLM_GATEWAY_TOKEN wins;
/// otherwise the token is read from the keychain, and created there on the first run. The
/// token is never logged; it is printed only by --show-token/--reset-token.
class AccessTokenStore : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Loading, ///< waiting for the keychain
        Ready,   ///< token() is the token clients must send
        Missing  ///< no token: the keychain failed and the environment has none (problem())
    };
    Q_ENUM(State)

    enum class Source
    {
        None,
        Environment,
        Keychain
    };
    Q_ENUM(Source)

    /// `environmentToken`: LLM_GATEWAY_TOKEN (empty when unset).
    AccessTokenStore(SecretSource &store, QString environmentToken, QObject *parent = nullptr);

    /// Finds the token: the environment's at once, else the keychain's, else (first run, the
    /// keychain answered "not found") a new one stored there. Again after a failure: retries.
    void load();

    QString token() const { return m_token; }
    State state() const { return m_state; }
    Source source() const { return m_source; }
    /// While Missing: why, in words, with what to do.
    QString problem() const { return m_problem; }
    /// True when load() created the token (the first run).
    bool wasCreated() const { return m_created; }
    /// LLM_GATEWAY_TOKEN is set: it is the token, whatever the keychain holds.
    bool hasEnvironmentToken() const { return !m_environmentToken.isEmpty(); }

    /// A new random token stored in the keychain; the old one stops working at once. With
    /// LLM_GATEWAY_TOKEN set the new token is stored but the environment's stays in force.
    void regenerate(QObject *context,
                    std::function<void(const QString &newToken, const QString &error)> done);

Q_SIGNALS:
    void tokenChanged();
    void stateChanged(AccessTokenStore::State state);

private:
    void setToken(const QString &token, Source source);
    void setMissing(const QString &problem);
    void create();

    SecretSource &m_store;
    QString m_environmentToken;
    QString m_token;
    State m_state = State::Loading;
    Source m_source = Source::None;
    QString m_problem;
    bool m_created = false;
    int m_generation = 0; ///< answers from an older load() are ignored
};
