#include "MemorySecretStore.h"

#include <QMetaObject>

MemorySecretStore::MemorySecretStore(QObject *parent) : SecretSource(parent) {}

QString MemorySecretStore::displayName() const
{
    return tr("memory");
}

void MemorySecretStore::answer(QObject *context, Callback done, SecretResult result)
{
    ++m_operations;
    if (!m_unavailableReason.isEmpty()) {
        result = SecretResult{SecretResult::Status::Unavailable, QString(), m_unavailableReason};
        setAvailability(Availability::Unavailable, m_unavailableReason);
    } else if (result.status != SecretResult::Status::NotFound) {
        setAvailability(Availability::Available);
    }
    QPointer<QObject> guard(context);
    auto deliver = [guard, done = std::move(done), result = std::move(result)] {
        if (guard)
            done(result);
    };
    if (m_held) {
        m_heldAnswers.append(std::move(deliver));
        return;
    }
    QMetaObject::invokeMethod(this, std::move(deliver), Qt::QueuedConnection);
}

void MemorySecretStore::read(const QString &account, QObject *context, Callback done)
{
    SecretResult result;
    if (m_unavailableReason.isEmpty() && m_secrets.contains(account))
        result.value = m_secrets.value(account);
    else
        result = SecretResult{SecretResult::Status::NotFound, QString(), tr("not stored")};
    answer(context, std::move(done), result);
}

void MemorySecretStore::write(const QString &account, const QString &secret, QObject *context,
                              Callback done)
{
    if (m_unavailableReason.isEmpty())
        m_secrets.insert(account, secret);
    answer(context, std::move(done), SecretResult{});
}

void MemorySecretStore::remove(const QString &account, QObject *context, Callback done)
{
    SecretResult result;
    if (m_unavailableReason.isEmpty() && !m_secrets.remove(account))
        result = SecretResult{SecretResult::Status::NotFound, QString(), tr("not stored")};
    answer(context, std::move(done), result);
}

void MemorySecretStore::probe(QObject *context, Callback done)
{
    answer(context, std::move(done), SecretResult{});
}

void MemorySecretStore::setHeld(bool held)
{
    m_held = held;
    if (!held)
        release();
}

void MemorySecretStore::release()
{
    const auto answers = std::exchange(m_heldAnswers, {});
    for (const auto &deliver : answers)
        QMetaObject::invokeMethod(this, deliver, Qt::QueuedConnection);
}
