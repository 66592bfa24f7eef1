#include "EnvironmentSettings.h"

#include <QFile>
#include <QHostAddress>
#include <QProcessEnvironment>

EnvironmentSettings EnvironmentSettings::fromProcess()
{
    EnvironmentSettings settings;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys())
        settings.m_fromProcess.insert(key, env.value(key));
    settings.m_values = settings.m_fromProcess;
    return settings;
}

EnvironmentSettings EnvironmentSettings::fromValues(const QHash<QString, QString> &values)
{
    EnvironmentSettings settings;
    settings.m_fromProcess = values;
    settings.m_values = values;
    return settings;
}

bool EnvironmentSettings::loadEnvFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = EnvironmentSettings::tr("Cannot read the env file %1: %2")
                     .arg(path, file.errorString());
        return false;
    }
    const QHash<QString, QString> fileValues = parseEnvText(file.readAll());
    for (auto it = fileValues.begin(); it != fileValues.end(); ++it) {
        if (!m_fromProcess.contains(it.key()))
            m_values.insert(it.key(), it.value());
    }
    return true;
}

QHash<QString, QString> EnvironmentSettings::parseEnvText(const QByteArray &text)
{
    QHash<QString, QString> values;
    for (QByteArray line : text.split('\n')) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        if (line.startsWith("export "))
            line = line.mid(7).trimmed();
        const qsizetype eq = line.indexOf('=');
        if (eq <= 0)
            continue;
        const QString key = QString::fromUtf8(line.left(eq).trimmed());
        QByteArray value = line.mid(eq + 1).trimmed();
        const bool quoted = value.size() >= 2 && (value.front() == '"' || value.front() == '\'');
        // KEY="value" # comment: the comment follows the closing quote.
        const qsizetype close = quoted ? value.indexOf(value.front(), 1) : -1;
        if (quoted && value.back() == value.front()) {
            value = value.mid(1, value.size() - 2);
        } else if (close > 0 && value.mid(close + 1).trimmed().startsWith('#')) {
            value = value.mid(1, close - 1);
        } else {
            // An unquoted value ends at an inline comment.
            const qsizetype hash = value.indexOf(" #");
            if (hash >= 0)
                value = value.left(hash).trimmed();
        }
        values.insert(key, QString::fromUtf8(value));
    }
    return values;
}

QStringList EnvironmentSettings::applyTo(GatewayConfig &config) const
{
    QStringList problems;
    for (ProviderSettings &provider : config.providers) {
        const QString variable = provider.baseEnvironmentVariable();
        const QString base = value(variable);
        if (base.isEmpty())
            continue;
        const QUrl url(base, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
            problems.append(
                EnvironmentSettings::tr("%1 must be an http:// or https:// URL, not \"%2\"")
                    .arg(variable, base));
            continue;
        }
        provider.baseUrl = url;
    }
    if (contains(QStringLiteral("LLM_GATEWAY_HOST")))
        config.host = value(QStringLiteral("LLM_GATEWAY_HOST"));
    if (contains(QStringLiteral("LLM_GATEWAY_PORT"))) {
        bool ok = false;
        const uint port = value(QStringLiteral("LLM_GATEWAY_PORT")).toUInt(&ok);
        if (!ok || port > 65535)
            problems.append(
                EnvironmentSettings::tr("LLM_GATEWAY_PORT must be a port number, not \"%1\"")
                    .arg(value(QStringLiteral("LLM_GATEWAY_PORT"))));
        else
            config.port = quint16(port);
    }
    return problems;
}
