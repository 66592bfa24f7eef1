#include "AccessTokenStore.h"

#include "SecretSource.h"
#include "gateway/AccessPolicy.h"

#include <QPointer>

namespace {
QString tokenAccount()
{
    return QLatin1String(SecretSource::kAccessTokenAccount);
}
} // namespace

AccessTokenStore::AccessTokenStore(SecretSource &store, QString environmentToken, QObject *parent)
    : QObject(parent), m_store(store), m_environmentToken(std::move(environmentToken))
{}

void AccessTokenStore::load()
{
    if (!m_environmentToken.isEmpty()) {
        setToken(m_environmentToken, Source::Environment);
        return;
    }
    const int generation = ++m_generation;
    if (m_state != State::Loading) {
        m_state = State::Loading;
        Q_EMIT stateChanged(m_state);
    }
    m_store.read(tokenAccount(), this, [this, generation](const SecretResult &found) {
        if (generation != m_generation)
            return;
        if (found.status == SecretResult::Status::Ok && !found.value.isEmpty())
            setToken(found.value, Source::Keychain);
        else if (found.status == SecretResult::Status::NotFound)
            create(); // the first run
        else
            setMissing(found.message);
    });
}

void AccessTokenStore::create()
{
    const QString token = AccessPolicy::generateToken();
    const int generation = m_generation;
    m_store.write(tokenAccount(), token, this,
                  [this, token, generation](const SecretResult &stored) {
                      if (generation != m_generation)
                          return;
                      if (stored.status == SecretResult::Status::Ok) {
                          m_created = true;
                          setToken(token, Source::Keychain);
                      } else {
                          setMissing(stored.message);
                      }
                  });
}

void AccessTokenStore::setToken(const QString &token, Source source)
{
    m_problem.clear();
    const bool tokenDiffers = token != m_token;
    m_token = token;
    m_source = source;
    if (tokenDiffers)
        Q_EMIT tokenChanged();
    if (m_state != State::Ready) {
        m_state = State::Ready;
        Q_EMIT stateChanged(m_state);
    }
}

void AccessTokenStore::setMissing(const QString &problem)
{
    m_problem = tr("No access token: %1 LLM_GATEWAY_TOKEN is not set either, so every API request "
                   "is refused with 401. Start or unlock a keychain and retry, or set "
                   "LLM_GATEWAY_TOKEN to a secret of your choice.")
                    .arg(problem);
    const bool hadToken = !m_token.isEmpty();
    m_token.clear();
    m_source = Source::None;
    if (hadToken)
        Q_EMIT tokenChanged();
    if (m_state != State::Missing) {
        m_state = State::Missing;
        Q_EMIT stateChanged(m_state);
    }
}

void AccessTokenStore::regenerate(
    QObject *context, std::function<void(const QString &newToken, const QString &error)> done)
{
    const QString token = AccessPolicy::generateToken();
    QPointer<QObject> guard(context);
    ++m_generation; // a load() still on its way must not undo this
    m_store.write(tokenAccount(), token, this,
                  [this, token, guard, done = std::move(done)](const SecretResult &stored) {
                      if (stored.status != SecretResult::Status::Ok) {
                          if (guard)
                              done(QString(), stored.message);
                          return;
                      }
                      if (m_environmentToken.isEmpty())
                          setToken(token, Source::Keychain);
                      if (guard)
                          done(token, QString());
                  });
}
