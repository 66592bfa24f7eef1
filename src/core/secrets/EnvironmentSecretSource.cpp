#include "EnvironmentSecretSource.h"

#include <QMetaObject>
#include <QPointer>

namespace {
void deliver(QObject *context, SecretSource::Callback done, SecretResult result)
{
    // Asynchronous like every other source, so callers need not care which one they hold.
    QMetaObject::invokeMethod(
        context, [done = std::move(done), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}
} // namespace

EnvironmentSecretSource::EnvironmentSecretSource(QHash<QString, QString> variables)
    : m_values(std::move(variables))
{}

QString EnvironmentSecretSource::displayName() const
{
    return QStringLiteral("environment");
}

SecretResult EnvironmentSecretSource::lookup(const QString &account) const
{
    SecretResult result;
    const QString value = m_values.value(account);
    if (value.isEmpty()) {
        result.status = SecretResult::Status::NotFound;
        result.message = QStringLiteral("not set in the environment");
    } else {
        result.value = value;
    }
    return result;
}

void EnvironmentSecretSource::read(const QString &account, QObject *context, Callback done)
{
    deliver(context, std::move(done), lookup(account));
}

void EnvironmentSecretSource::write(const QString &, const QString &, QObject *context,
                                    Callback done)
{
    SecretResult result;
    result.status = SecretResult::Status::Unavailable;
    result.message = QStringLiteral("Keys from environment variables cannot be changed here; "
                                    "edit the variable or the .env file instead.");
    deliver(context, std::move(done), result);
}

void EnvironmentSecretSource::remove(const QString &account, QObject *context, Callback done)
{
    write(account, QString(), context, std::move(done));
}
