#pragma once

#include "EnvironmentSettings.h"
#include "GatewayConfig.h"
#include "StartupOptions.h"

#include <QObject>
#include <QStringList>

class QFileSystemWatcher;
class QTimer;

/// The outcome of SettingsStore::save().
struct SettingsSaveResult
{
    bool ok = false;
    QStringList errors; ///< what to fix, when !ok; nothing was written then
    QString backupPath; ///< where a broken previous file was kept, if any
};

/// The one owner of the gateway's configuration. Keeps its layers apart, in increasing
/// precedence: built-in defaults, the configuration file, the environment (.env, then the
/// process) and the command line. The effective configuration is what the gateway runs on;
/// only the file layer is ever saved, so values from the environment or the command line
/// never end up in the file. The file is watched: a hand edit is applied while the app runs,
/// and a file that does not load is reported while the last good configuration stays.
class SettingsStore : public QObject
{
    Q_OBJECT

public:
    /// Where an effective value comes from.
    enum class Source
    {
        Default,
        File,
        Environment,
        CommandLine
    };
    Q_ENUM(Source)

    struct Origin
    {
        Source source = Source::Default;
        QString name; ///< the variable or option that set it, e.g. "LLM_GATEWAY_PORT", "--port"

        bool isOverride() const
        {
            return source == Source::Environment || source == Source::CommandLine;
        }
    };

    explicit SettingsStore(QObject *parent = nullptr);
    ~SettingsStore() override;

    /// Reads every layer: the file named by --config (or the standard one), the process
    /// environment with --env-file (./.env in headless mode), the command line. Starts
    /// watching the file. Emits changed().
    void load(const StartupOptions &options);
    /// The same with `environment` instead of the process environment (tests, tools).
    void load(const StartupOptions &options, const EnvironmentSettings &environment);

    /// What the gateway runs on (no access token: that is runtime only).
    const GatewayConfig &effective() const { return m_effective; }
    /// Defaults with the file on top: what the GUI edits and save() writes.
    const GatewayConfig &fileConfig() const { return m_file; }
    QString configPath() const { return m_path; }
    const EnvironmentSettings &environment() const { return m_environment; }
    /// LLM_GATEWAY_TOKEN, when set.
    QString environmentToken() const;

    Origin hostOrigin() const;
    Origin portOrigin() const;
    Origin baseUrlOrigin(const QString &providerId) const;

    /// Non-empty while the file on disk does not load: its path and every problem in it.
    /// The last configuration that loaded stays in force meanwhile.
    QString fileError() const { return m_fileError; }
    /// Problems with the other sources (a bad variable, a missing --env-file or --config).
    QStringList sourceErrors() const;
    /// What was read from where, for the log.
    QStringList notes() const { return m_notes; }

    /// Everything that would make `fileConfig` fail to save, each saying what to fix.
    QStringList validate(const GatewayConfig &fileConfig) const;
    /// Validates and writes `fileConfig` atomically as the new file layer (any access token in
    /// it is dropped). On success emits changed() when the effective configuration changed.
    SettingsSaveResult save(const GatewayConfig &fileConfig);
    /// Reads the file again now (the watcher does this by itself after a change).
    void reloadFile();

Q_SIGNALS:
    /// The effective configuration changed.
    void changed();
    /// fileError() changed (a hand edit broke or fixed the file).
    void fileErrorChanged(const QString &error);
    /// The file layer changed through save() or a reload.
    void fileConfigChanged();

private:
    void recompute();
    void watch();
    void setFileError(const QString &error);

    QString m_path;
    bool m_namedConfigMissing = false;
    StartupOptions m_options;
    EnvironmentSettings m_environment;
    QStringList m_environmentErrors;
    QStringList m_notes;
    GatewayConfig m_file;
    GatewayConfig m_effective;
    QByteArray m_effectiveJson; ///< to tell a real change from a no-op
    QByteArray m_lastFileBytes; ///< the bytes last read or written: the watcher's echo is ignored
    QString m_fileError;
    QFileSystemWatcher *m_watcher;
    QTimer *m_reloadTimer;
};
