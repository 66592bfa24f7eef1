#pragma once

#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

/// The built gateway binary run as its own process, as a user runs it headless: a throwaway
/// HOME, a config file written by the test, keys and the access token in the environment,
/// port 0. For measurements from outside: resident memory and open descriptors read from
/// /proc/PID, and the exit code when it stops.
class GatewayProcess : public QObject
{
    Q_OBJECT

public:
    explicit GatewayProcess(QString binary, QObject *parent = nullptr);
    ~GatewayProcess() override;

    /// Writes `config` as the config file, starts the binary with `environment` added (e.g.
    /// provider keys) and waits until it serves; false (see log()) when it did not.
    bool start(const QJsonObject &config, const QProcessEnvironment &environment = {},
               int timeoutMs = 30000);
    /// A shell command run before the binary replaces the shell (`exec`, so pid() is the
    /// gateway's), e.g. "ulimit -Sn 256"; empty for none. Applies to the next start().
    void setShellPrefix(const QString &prefix) { m_shellPrefix = prefix; }
    /// Sends SIGTERM and waits; the exit code, or -1 when it crashed or did not stop.
    int stop(int timeoutMs = 30000);
    bool isRunning() const;

    /// e.g. http://127.0.0.1:40123
    QUrl baseUrl() const { return m_baseUrl; }
    qint64 pid() const;
    /// VmRSS: resident memory now, in bytes (-1 when unknown).
    qint64 rssBytes() const;
    /// VmHWM: the most resident memory since start (or since resetPeak()), in bytes.
    qint64 peakRssBytes() const;
    /// Resets VmHWM to the current RSS (Linux /proc/PID/clear_refs); false when not allowed.
    bool resetPeak() const;
    /// Open file descriptors (sockets included).
    int openDescriptors() const;
    /// Everything the gateway wrote to stderr so far.
    QByteArray log() const { return m_log; }

    /// The access token the process requires (LLM_GATEWAY_TOKEN).
    static QByteArray accessToken();

private:
    qint64 statusField(const QByteArray &field) const;

    QString m_binary;
    QString m_shellPrefix;
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_log;
    QUrl m_baseUrl;
};
