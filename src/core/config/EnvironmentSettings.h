#pragma once

#include <QCoreApplication>

#include "GatewayConfig.h"

#include <QHash>
#include <QString>

/// Environment variables as the seed reads them: the process environment, over a `.env` file.
class EnvironmentSettings
{
    Q_DECLARE_TR_FUNCTIONS(EnvironmentSettings)

public:
    /// The process environment alone.
    static EnvironmentSettings fromProcess();
    /// Exactly these variables, as if they were the process environment (tests, tools).
    static EnvironmentSettings fromValues(const QHash<QString, QString> &values);
    /// The process environment over the lines of a `.env` file (the process wins).
    /// Returns false and sets `error` when the file cannot be read.
    bool loadEnvFile(const QString &path, QString *error);

    /// Parses `.env` text: KEY=value lines, `export` prefixes, quotes, `#` comments.
    static QHash<QString, QString> parseEnvText(const QByteArray &text);

    QString value(const QString &name) const { return m_values.value(name); }
    bool contains(const QString &name) const { return !m_values.value(name).isEmpty(); }

    /// Applies `<ID>_API_BASE` overrides and LLM_GATEWAY_HOST / LLM_GATEWAY_PORT.
    /// Returns the problems found (a bad URL or port), each naming the variable.
    QStringList applyTo(GatewayConfig &config) const;

private:
    QHash<QString, QString> m_values;
    QHash<QString, QString> m_fromProcess;
};
