#pragma once

#include "SecretSource.h"

#include <QHash>

/// Read-only secrets from environment variables (and `.env`): `provider/<id>` reads
/// `<ID>_API_KEY`, `access-token` reads LLM_GATEWAY_TOKEN.
class EnvironmentSecretSource : public SecretSource
{
public:
    /// `variables` maps account names to the value found in the environment, if any.
    explicit EnvironmentSecretSource(QHash<QString, QString> variables);

    QString displayName() const override;
    void read(const QString &account, QObject *context, Callback done) override;
    void write(const QString &account, const QString &secret, QObject *context,
               Callback done) override;
    void remove(const QString &account, QObject *context, Callback done) override;

    /// Synchronous look-up; environment reads never wait.
    SecretResult lookup(const QString &account) const;

private:
    QHash<QString, QString> m_values;
};
