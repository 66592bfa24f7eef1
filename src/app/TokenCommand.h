#pragma once

#include <QObject>

class AccessTokenStore;

/// `--show-token` and `--reset-token`: prints the local access token on stdout (creating it on
/// the first run, as the app would) or stores a new one, then reports the exit code.
class TokenCommand : public QObject
{
    Q_OBJECT

public:
    enum class Mode
    {
        Show,
        Reset
    };

    TokenCommand(AccessTokenStore &tokens, Mode mode, QObject *parent = nullptr);

    void run();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void print(const QString &token, const QString &error);

    AccessTokenStore &m_tokens;
    Mode m_mode;
};
