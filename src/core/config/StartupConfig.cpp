#include "StartupConfig.h"

#include "ConfigFile.h"
#include "EnvironmentSettings.h"

#include <QFileInfo>

StartupConfig StartupConfig::assemble(const StartupOptions &options)
{
    StartupConfig result;
    result.configPath =
        options.configPath.isEmpty() ? ConfigFile::defaultPath() : options.configPath;
    if (!options.configPath.isEmpty() && !QFileInfo::exists(options.configPath)) {
        result.errors.append(QStringLiteral("The configuration file %1 given with --config does "
                                            "not exist; starting on the defaults.")
                                 .arg(options.configPath));
    }
    const ConfigLoadResult loaded = ConfigFile::load(result.configPath, GatewayConfig::defaults());
    result.config = loaded.config;
    if (!loaded.errors.isEmpty()) {
        result.errors += loaded.errors;
        result.errors.append(QStringLiteral("The configuration file was not applied: starting "
                                            "on the defaults. Fix it and restart."));
    } else if (loaded.fileExists) {
        result.notes.append(QStringLiteral("configuration read from %1").arg(result.configPath));
    }

    EnvironmentSettings environment = EnvironmentSettings::fromProcess();
    QString envFile = options.envFile;
    if (envFile.isEmpty() && options.headless && QFileInfo::exists(QStringLiteral(".env")))
        envFile = QStringLiteral(".env");
    if (!envFile.isEmpty()) {
        QString error;
        if (environment.loadEnvFile(envFile, &error))
            result.notes.append(QStringLiteral("environment read from %1").arg(envFile));
        else
            result.errors.append(error);
    }
    result.errors += environment.applyTo(result.config);

    if (!options.host.isEmpty())
        result.config.host = options.host;
    if (options.port >= 0)
        result.config.port = quint16(options.port);

    for (const ProviderSettings &provider : result.config.providers) {
        const QString key = environment.value(provider.keyEnvironmentVariable());
        if (!key.isEmpty())
            result.keys.insert(provider.id, key);
    }
    result.accessToken = environment.value(QStringLiteral("LLM_GATEWAY_TOKEN"));
    result.config.access.token = result.accessToken; // the keychain's comes later, if unset
    return result;
}
