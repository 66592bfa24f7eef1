#include "GatewayProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

GatewayProcess::GatewayProcess(QString binary, QObject *parent)
    : QObject(parent), m_binary(std::move(binary))
{}

GatewayProcess::~GatewayProcess()
{
    stop(10000);
}

QByteArray GatewayProcess::accessToken()
{
    return QByteArrayLiteral("gateway-process-token-0123456789abcdef");
}

bool GatewayProcess::start(const QJsonObject &config, const QProcessEnvironment &environment,
                           int timeoutMs)
{
    stop();
    m_log.clear();
    m_baseUrl.clear();
    m_home = std::make_unique<QTemporaryDir>();
    if (!m_home->isValid())
        return false;
    const QString configPath = m_home->filePath(QStringLiteral("config.json"));
    QFile file(configPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(config).toJson()) < 0 ||
        !file.flush())
        return false;
    file.close();

    // Nothing of the machine's own setup leaks in: no provider keys or bases, no token.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.endsWith(QLatin1String("_API_KEY")) || name.endsWith(QLatin1String("_API_BASE")) ||
            name.startsWith(QLatin1String("LLM_GATEWAY")))
            env.remove(name);
    }
    env.insert(QStringLiteral("HOME"), m_home->path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("LLM_GATEWAY_TOKEN"), QString::fromLatin1(accessToken()));
    env.insert(environment);

    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(env);
    m_process->setWorkingDirectory(m_home->path());
    connect(m_process.get(), &QProcess::readyReadStandardError, this,
            [this] { m_log += m_process->readAllStandardError(); });
    const QStringList arguments{QStringLiteral("--headless"), QStringLiteral("--port"),
                                QStringLiteral("0"), QStringLiteral("--config"), configPath};
    if (m_shellPrefix.isEmpty()) {
        m_process->start(m_binary, arguments);
    } else {
        m_process->start(QStringLiteral("/bin/sh"),
                         QStringList{QStringLiteral("-c"),
                                     m_shellPrefix + QStringLiteral(" && exec \"$0\" \"$@\""),
                                     m_binary} +
                             arguments);
    }
    if (!m_process->waitForStarted(timeoutMs))
        return false;
    static const QRegularExpression serving(
        QStringLiteral("serving on (http://127\\.0\\.0\\.1:\\d+)"));
    [[maybe_unused]] const bool settled = QTest::qWaitFor(
        [&] {
            const QRegularExpressionMatch match = serving.match(QString::fromUtf8(m_log));
            if (match.hasMatch())
                m_baseUrl = QUrl(match.captured(1));
            return m_baseUrl.isValid() || m_process->state() == QProcess::NotRunning;
        },
        timeoutMs);
    return m_baseUrl.isValid();
}

int GatewayProcess::stop(int timeoutMs)
{
    if (!m_process)
        return -1;
    int code = -1;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate(); // only the process this object started
        if (!m_process->waitForFinished(timeoutMs)) {
            m_process->kill();
            m_process->waitForFinished(timeoutMs);
            m_process.reset();
            return -1;
        }
    }
    m_log += m_process->readAllStandardError();
    if (m_process->exitStatus() == QProcess::NormalExit)
        code = m_process->exitCode();
    m_process.reset();
    return code;
}

bool GatewayProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

qint64 GatewayProcess::pid() const
{
    return m_process ? m_process->processId() : -1;
}

qint64 GatewayProcess::statusField(const QByteArray &field) const
{
    QFile file(QStringLiteral("/proc/%1/status").arg(pid()));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(field + ':'))
            return line.mid(field.size() + 1).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return -1;
}

qint64 GatewayProcess::rssBytes() const
{
    return statusField("VmRSS");
}

qint64 GatewayProcess::peakRssBytes() const
{
    return statusField("VmHWM");
}

bool GatewayProcess::resetPeak() const
{
    QFile file(QStringLiteral("/proc/%1/clear_refs").arg(pid()));
    return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
}

int GatewayProcess::openDescriptors() const
{
    return int(QDir(QStringLiteral("/proc/%1/fd").arg(pid()))
                   .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)
                   .size());
}
