#include "SettingsStore.h"

#include "ConfigFile.h"
#include "ConfigWriter.h"
#include "ProviderPresets.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>

namespace {
// Editors save in steps (write a temporary file, rename, touch): read once they are done.
constexpr int kReloadDelayMs = 250;

QByteArray readFile(const QString &path, bool *exists)
{
    QFile file(path);
    *exists = file.exists();
    if (!*exists || !file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}
} // namespace

SettingsStore::SettingsStore(QObject *parent)
    : QObject(parent), m_file(GatewayConfig::defaults()), m_effective(m_file),
      m_watcher(new QFileSystemWatcher(this)), m_reloadTimer(new QTimer(this))
{
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(kReloadDelayMs);
    connect(m_reloadTimer, &QTimer::timeout, this, &SettingsStore::reloadFile);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_reloadTimer,
            qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_reloadTimer,
            qOverload<>(&QTimer::start));
}

SettingsStore::~SettingsStore() = default;

void SettingsStore::load(const StartupOptions &options)
{
    load(options, EnvironmentSettings::fromProcess());
}

void SettingsStore::load(const StartupOptions &options, const EnvironmentSettings &environment)
{
    m_options = options;
    m_path = options.configPath.isEmpty() ? ConfigFile::defaultPath() : options.configPath;
    m_namedConfigMissing = !options.configPath.isEmpty() && !QFileInfo::exists(options.configPath);
    m_notes.clear();

    m_environment = environment;
    m_environmentErrors.clear();
    QString envFile = options.envFile;
    if (envFile.isEmpty() && options.headless && QFileInfo::exists(QStringLiteral(".env")))
        envFile = QStringLiteral(".env");
    if (!envFile.isEmpty()) {
        QString error;
        if (m_environment.loadEnvFile(envFile, &error))
            m_notes.append(tr("environment read from %1").arg(envFile));
        else
            m_environmentErrors.append(error);
    }
    // The variables' own problems (a bad URL or port) are the same every time: found once.
    GatewayConfig probe = GatewayConfig::defaults();
    m_environmentErrors += m_environment.applyTo(probe);

    m_lastFileBytes.clear();
    m_fileError.clear();
    m_file = GatewayConfig::defaults();
    bool exists = false;
    const QByteArray bytes = readFile(m_path, &exists);
    if (exists) {
        const ConfigLoadResult loaded = ConfigFile::parse(bytes, m_path, GatewayConfig::defaults());
        m_lastFileBytes = bytes;
        if (loaded.errors.isEmpty()) {
            m_file = loaded.config;
            m_notes.append(tr("configuration read from %1").arg(m_path));
        } else {
            m_fileError = loaded.errors.join(QLatin1Char('\n'));
        }
    }
    m_effectiveJson.clear();
    recompute();
    watch();
}

QString SettingsStore::environmentToken() const
{
    return m_environment.value(QStringLiteral("LLM_GATEWAY_TOKEN"));
}

QStringList SettingsStore::sourceErrors() const
{
    QStringList errors;
    if (m_namedConfigMissing && !QFileInfo::exists(m_path)) {
        errors.append(tr("The configuration file %1 given with --config does not exist; the "
                         "defaults are in use until settings are saved there.")
                          .arg(m_path));
    }
    return errors + m_environmentErrors;
}

SettingsStore::Origin SettingsStore::hostOrigin() const
{
    if (!m_options.host.isEmpty())
        return {Source::CommandLine, QStringLiteral("--host")};
    if (m_environment.contains(QStringLiteral("LLM_GATEWAY_HOST")))
        return {Source::Environment, QStringLiteral("LLM_GATEWAY_HOST")};
    if (m_file.host != GatewayConfig::defaults().host)
        return {Source::File, m_path};
    return {};
}

SettingsStore::Origin SettingsStore::portOrigin() const
{
    if (m_options.port >= 0)
        return {Source::CommandLine, QStringLiteral("--port")};
    const QString variable = QStringLiteral("LLM_GATEWAY_PORT");
    if (m_environment.contains(variable)) {
        bool ok = false;
        const uint port = m_environment.value(variable).toUInt(&ok);
        if (ok && port <= 65535) // a bad value was reported and is not in force
            return {Source::Environment, variable};
    }
    if (m_file.port != GatewayConfig::kDefaultPort)
        return {Source::File, m_path};
    return {};
}

SettingsStore::Origin SettingsStore::baseUrlOrigin(const QString &providerId) const
{
    const ProviderSettings *effective = m_effective.provider(providerId);
    const ProviderSettings *file = m_file.provider(providerId);
    if (effective && file && effective->baseUrl != file->baseUrl)
        return {Source::Environment, effective->baseEnvironmentVariable()};
    if (file && file->baseUrl != ProviderPresets::byId(providerId).baseUrl)
        return {Source::File, m_path};
    return {};
}

void SettingsStore::recompute()
{
    GatewayConfig effective = m_file;
    effective.access.token.clear();
    // Problems were collected in load(); a value that is wrong is simply not applied.
    m_environment.applyTo(effective);
    if (!m_options.host.isEmpty())
        effective.host = m_options.host;
    if (m_options.port >= 0)
        effective.port = quint16(m_options.port);
    const QByteArray json = ConfigWriter::toJson(effective);
    m_effective = effective;
    if (json == m_effectiveJson)
        return;
    m_effectiveJson = json;
    Q_EMIT changed();
}

QStringList SettingsStore::validate(const GatewayConfig &config) const
{
    QStringList errors;
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
    QSet<QString> ids;
    for (const ProviderSettings &p : config.providers) {
        if (!idPattern.match(p.id).hasMatch()) {
            errors.append(tr("The provider id \"%1\" must start with a letter or digit and "
                             "contain only letters, digits, '.', '_' and '-'.")
                              .arg(p.id));
        } else if (ids.contains(p.id)) {
            errors.append(tr("Two providers have the id \"%1\"; ids must be unique.").arg(p.id));
        }
        ids.insert(p.id);
    }
    QSet<QString> prefixes;
    for (const PrefixRule &rule : config.routes) {
        if (prefixes.contains(rule.prefix))
            errors.append(tr("Two routes have the prefix \"%1\"; only the first would be used.")
                              .arg(rule.prefix));
        prefixes.insert(rule.prefix);
    }
    QSet<QString> aliases;
    for (const ModelAlias &alias : config.aliases) {
        if (aliases.contains(alias.name))
            errors.append(
                tr("Two aliases are named \"%1\"; names must be unique.").arg(alias.name));
        aliases.insert(alias.name);
    }
    // What is written must load again exactly: the reader's checks are the final word.
    const ConfigLoadResult reread =
        ConfigFile::parse(ConfigWriter::toJson(config), m_path, GatewayConfig::defaults());
    errors += reread.errors;
    return errors;
}

SettingsSaveResult SettingsStore::save(const GatewayConfig &fileConfig)
{
    SettingsSaveResult result;
    GatewayConfig config = fileConfig;
    config.access.token.clear();
    result.errors = validate(config);
    if (!result.errors.isEmpty())
        return result;
    const ConfigSaveResult saved = ConfigWriter::save(m_path, config);
    if (!saved.ok) {
        result.errors.append(saved.error);
        return result;
    }
    result.ok = true;
    result.backupPath = saved.backupPath;
    m_lastFileBytes = ConfigWriter::toJson(config);
    // Read back through the loader, so the file layer is exactly what a restart would see.
    m_file = ConfigFile::parse(m_lastFileBytes, m_path, GatewayConfig::defaults()).config;
    setFileError(QString());
    watch();
    Q_EMIT fileConfigChanged();
    recompute();
    return result;
}

void SettingsStore::reloadFile()
{
    bool exists = false;
    const QByteArray bytes = readFile(m_path, &exists);
    watch(); // an editor that replaced the file dropped it from the watcher
    if (exists && bytes == m_lastFileBytes)
        return; // our own save, or a touch without a change
    if (!exists && m_lastFileBytes.isEmpty() && m_fileError.isEmpty())
        return;
    m_lastFileBytes = bytes;
    if (!exists) {
        // As a restart would: no file, the defaults.
        m_file = GatewayConfig::defaults();
        setFileError(QString());
    } else {
        const ConfigLoadResult loaded = ConfigFile::parse(bytes, m_path, GatewayConfig::defaults());
        if (!loaded.errors.isEmpty()) {
            setFileError(loaded.errors.join(QLatin1Char('\n')));
            return; // the last good configuration stays in force
        }
        m_file = loaded.config;
        setFileError(QString());
    }
    Q_EMIT fileConfigChanged();
    recompute();
}

void SettingsStore::setFileError(const QString &error)
{
    if (m_fileError == error)
        return;
    m_fileError = error;
    Q_EMIT fileErrorChanged(error);
}

void SettingsStore::watch()
{
    const QFileInfo info(m_path);
    const QString dir = info.absolutePath();
    if (QFileInfo::exists(dir) && !m_watcher->directories().contains(dir))
        m_watcher->addPath(dir);
    if (info.exists() && !m_watcher->files().contains(info.absoluteFilePath()))
        m_watcher->addPath(info.absoluteFilePath());
}
