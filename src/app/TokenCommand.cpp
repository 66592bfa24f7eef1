#include "TokenCommand.h"

#include "secrets/AccessTokenStore.h"

#include <cstdio>

TokenCommand::TokenCommand(AccessTokenStore &tokens, Mode mode, QObject *parent)
    : QObject(parent), m_tokens(tokens), m_mode(mode)
{}

void TokenCommand::run()
{
    if (m_mode == Mode::Reset) {
        if (m_tokens.hasEnvironmentToken()) {
            std::fputs("llm-gateway: note: LLM_GATEWAY_TOKEN is set and wins over the keychain "
                       "until it is unset.\n",
                       stderr);
        }
        m_tokens.regenerate(
            this, [this](const QString &token, const QString &error) { print(token, error); });
        return;
    }
    connect(&m_tokens, &AccessTokenStore::stateChanged, this,
            [this](AccessTokenStore::State state) {
                if (state == AccessTokenStore::State::Ready)
                    print(m_tokens.token(), QString());
                else if (state == AccessTokenStore::State::Missing)
                    print(QString(), m_tokens.problem());
            });
    m_tokens.load();
}

void TokenCommand::print(const QString &token, const QString &error)
{
    if (token.isEmpty()) {
        std::fprintf(stderr,
                     "llm-gateway: no access token to show. %s\nSet LLM_GATEWAY_TOKEN to a secret "
                     "of your choice instead; clients send it as 'Authorization: Bearer TOKEN'.\n",
                     qPrintable(error));
        std::fflush(stderr);
        Q_EMIT finished(1);
        return;
    }
    // Printed only because the user asked for it, and only on stdout.
    std::fputs(qPrintable(token + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
    Q_EMIT finished(0);
}
