#pragma once

#include "SecretSource.h"

#include <QHash>
#include <QList>
#include <QPointer>

/// Secrets in memory, for unit tests and as a stand-in where no keychain is wanted: answers
/// asynchronously like the keychain, can play an unavailable keychain, and can hold its
/// answers back (a keychain that is slow to answer) until release().
class MemorySecretStore : public SecretSource
{
    Q_OBJECT

public:
    explicit MemorySecretStore(QObject *parent = nullptr);

    QString displayName() const override;
    void read(const QString &account, QObject *context, Callback done) override;
    void write(const QString &account, const QString &secret, QObject *context,
               Callback done) override;
    void remove(const QString &account, QObject *context, Callback done) override;
    void probe(QObject *context, Callback done) override;

    /// Non-empty: every operation answers Unavailable with this reason.
    void setUnavailable(const QString &reason) { m_unavailableReason = reason; }
    /// Held: answers wait until release() (or until held is turned off).
    void setHeld(bool held);
    void release();

    /// What is stored now (tests look inside).
    QHash<QString, QString> contents() const { return m_secrets; }
    int operationCount() const { return m_operations; }

private:
    void answer(QObject *context, Callback done, SecretResult result);

    QHash<QString, QString> m_secrets;
    QString m_unavailableReason;
    bool m_held = false;
    int m_operations = 0;
    QList<std::function<void()>> m_heldAnswers;
};
