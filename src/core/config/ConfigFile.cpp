#include "ConfigFile.h"

#include "ProviderPresets.h"
#include "gateway/AccessPolicy.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

namespace {

/// Collects "file: field: problem" messages while walking the JSON tree.
class FieldReader
{
public:
    FieldReader(QString fileName, QStringList *errors)
        : m_fileName(std::move(fileName)), m_errors(errors)
    {}

    void fail(const QString &field, const QString &problem)
    {
        m_errors->append(ConfigFile::tr("%1: field '%2' %3").arg(m_fileName, field, problem));
    }

    bool readString(const QJsonObject &o, const QString &key, const QString &path, QString *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return false;
        if (!v.isString()) {
            fail(path, ConfigFile::tr("must be a string"));
            return false;
        }
        *out = v.toString();
        return true;
    }

    bool readBool(const QJsonObject &o, const QString &key, const QString &path, bool *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return false;
        if (!v.isBool()) {
            fail(path, ConfigFile::tr("must be true or false"));
            return false;
        }
        *out = v.toBool();
        return true;
    }

    template <typename Int>
    bool readInt(const QJsonObject &o, const QString &key, const QString &path, qint64 min,
                 qint64 max, Int *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return false;
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != double(qint64(d)) || d < double(min) || d > double(max)) {
            fail(path, ConfigFile::tr("must be a whole number from %1 to %2").arg(min).arg(max));
            return false;
        }
        *out = Int(qint64(d));
        return true;
    }

    bool readNumber(const QJsonObject &o, const QString &key, const QString &path, double min,
                    double *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return false;
        if (!v.isDouble() || v.toDouble() < min) {
            fail(path, ConfigFile::tr("must be a number of at least %1").arg(min));
            return false;
        }
        *out = v.toDouble();
        return true;
    }

private:
    QString m_fileName;
    QStringList *m_errors;
};

QString lineAndColumn(const QByteArray &json, int offset)
{
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < json.size(); ++i) {
        if (json.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return ConfigFile::tr("line %1, column %2").arg(line).arg(column);
}

/// The optional per-provider fields: CA file, Responses API, output caps and prices.
void readProviderExtras(const QJsonObject &o, const QString &path, FieldReader &reader,
                        ProviderSettings &provider)
{
    reader.readString(o, QStringLiteral("caFile"), path + QStringLiteral(".caFile"),
                      &provider.caFile);
    reader.readBool(o, QStringLiteral("responsesApi"), path + QStringLiteral(".responsesApi"),
                    &provider.speaksResponsesApi);
    const QJsonValue caps = o.value(QStringLiteral("maxOutputTokens"));
    if (!caps.isUndefined()) {
        if (!caps.isObject()) {
            reader.fail(path + QStringLiteral(".maxOutputTokens"),
                        ConfigFile::tr("must be an object of model names to token counts, e.g. "
                                       "{\"deepseek-chat\": 8192}"));
        } else {
            const QJsonObject map = caps.toObject();
            for (auto it = map.begin(); it != map.end(); ++it) {
                qint64 cap = 0;
                if (reader.readInt(map, it.key(),
                                   path + QStringLiteral(".maxOutputTokens.") + it.key(), 1,
                                   100000000, &cap))
                    provider.modelOutputLimits.insert(it.key(), cap);
            }
        }
    }
    const QJsonValue prices = o.value(QStringLiteral("prices"));
    if (!prices.isUndefined()) {
        if (!prices.isObject()) {
            reader.fail(path + QStringLiteral(".prices"),
                        ConfigFile::tr("must be an object of model names to prices, e.g. "
                                       "{\"deepseek-chat\": {\"input\": 0.27, \"output\": 1.1}}"));
        } else {
            const QJsonObject map = prices.toObject();
            for (auto it = map.begin(); it != map.end(); ++it) {
                const QString field = path + QStringLiteral(".prices.") + it.key();
                if (!it.value().isObject()) {
                    reader.fail(field, ConfigFile::tr("must be an object with \"input\" and "
                                                      "\"output\" prices per million tokens"));
                    continue;
                }
                const QJsonObject p = it.value().toObject();
                ModelPrice price;
                reader.readNumber(p, QStringLiteral("input"), field + QStringLiteral(".input"), 0,
                                  &price.inputPerMillion);
                reader.readNumber(p, QStringLiteral("output"), field + QStringLiteral(".output"), 0,
                                  &price.outputPerMillion);
                reader.readNumber(p, QStringLiteral("cachedInput"),
                                  field + QStringLiteral(".cachedInput"), 0,
                                  &price.cachedInputPerMillion);
                provider.modelPrices.insert(it.key(), price);
            }
        }
    }
}

void readProviders(const QJsonValue &value, FieldReader &reader, GatewayConfig &config)
{
    if (value.isUndefined())
        return;
    if (!value.isArray()) {
        reader.fail(QStringLiteral("providers"), ConfigFile::tr("must be an array of objects"));
        return;
    }
    const QJsonArray array = value.toArray();
    for (int i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("providers[%1]").arg(i);
        if (!array.at(i).isObject()) {
            reader.fail(path, ConfigFile::tr("must be an object"));
            continue;
        }
        const QJsonObject o = array.at(i).toObject();
        QString id;
        if (!reader.readString(o, QStringLiteral("id"), path + QStringLiteral(".id"), &id) ||
            id.isEmpty() || id.contains(QLatin1Char('/'))) {
            reader.fail(path + QStringLiteral(".id"),
                        ConfigFile::tr("is required: a short name without '/', e.g. \"ollama\""));
            continue;
        }
        ProviderSettings *existing = nullptr;
        for (ProviderSettings &p : config.providers) {
            if (p.id == id)
                existing = &p;
        }
        ProviderSettings provider = existing ? *existing : ProviderPresets::byId(id);
        if (!existing)
            provider.enabled = true; // listing a provider in the file turns it on
        reader.readString(o, QStringLiteral("name"), path + QStringLiteral(".name"),
                          &provider.displayName);
        QString typeName;
        if (reader.readString(o, QStringLiteral("type"), path + QStringLiteral(".type"),
                              &typeName) &&
            !parseProviderType(typeName, &provider.type)) {
            reader.fail(
                path + QStringLiteral(".type"),
                ConfigFile::tr("must be \"openai\" or \"anthropic\", not \"%1\"").arg(typeName));
        }
        QString base;
        if (reader.readString(o, QStringLiteral("baseUrl"), path + QStringLiteral(".baseUrl"),
                              &base)) {
            const QUrl url(base, QUrl::StrictMode);
            if (!url.isValid() ||
                (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
                url.host().isEmpty()) {
                reader.fail(
                    path + QStringLiteral(".baseUrl"),
                    ConfigFile::tr("must be an http:// or https:// URL, not \"%1\"").arg(base));
            } else {
                provider.baseUrl = url;
            }
        }
        if (provider.baseUrl.isEmpty())
            reader.fail(path + QStringLiteral(".baseUrl"),
                        ConfigFile::tr("is required for provider '%1'").arg(id));
        reader.readBool(o, QStringLiteral("enabled"), path + QStringLiteral(".enabled"),
                        &provider.enabled);
        const QJsonValue headers = o.value(QStringLiteral("headers"));
        if (!headers.isUndefined()) {
            if (!headers.isObject()) {
                reader.fail(path + QStringLiteral(".headers"),
                            ConfigFile::tr("must be an object of header names to strings"));
            } else {
                provider.extraHeaders.clear();
                const QJsonObject h = headers.toObject();
                for (auto it = h.begin(); it != h.end(); ++it) {
                    if (!it.value().isString()) {
                        reader.fail(path + QStringLiteral(".headers.") + it.key(),
                                    ConfigFile::tr("must be a string"));
                        continue;
                    }
                    provider.extraHeaders.append(
                        {it.key().toLatin1(), it.value().toString().toUtf8()});
                }
            }
        }
        readProviderExtras(o, path, reader, provider);
        if (existing)
            *existing = provider;
        else
            config.providers.append(provider);
    }
}

void readRoutes(const QJsonValue &value, FieldReader &reader, GatewayConfig &config)
{
    if (value.isUndefined())
        return;
    if (!value.isArray()) {
        reader.fail(QStringLiteral("routes"), ConfigFile::tr("must be an array of objects"));
        return;
    }
    const QJsonArray array = value.toArray();
    for (int i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("routes[%1]").arg(i);
        const QJsonObject o = array.at(i).toObject();
        PrefixRule rule;
        if (!array.at(i).isObject() ||
            !reader.readString(o, QStringLiteral("prefix"), path + QStringLiteral(".prefix"),
                               &rule.prefix) ||
            rule.prefix.isEmpty() ||
            !reader.readString(o, QStringLiteral("provider"), path + QStringLiteral(".provider"),
                               &rule.providerId)) {
            reader.fail(path, ConfigFile::tr("must be an object with a non-empty \"prefix\" and "
                                             "a \"provider\" id"));
            continue;
        }
        reader.readBool(o, QStringLiteral("stripPrefix"), path + QStringLiteral(".stripPrefix"),
                        &rule.stripPrefix);
        bool replaced = false;
        for (PrefixRule &existing : config.routes) {
            if (existing.prefix == rule.prefix) {
                existing = rule;
                replaced = true;
            }
        }
        if (!replaced)
            config.routes.append(rule);
    }
}

void readAliases(const QJsonValue &value, FieldReader &reader, GatewayConfig &config)
{
    if (value.isUndefined())
        return;
    if (!value.isArray()) {
        reader.fail(QStringLiteral("aliases"), ConfigFile::tr("must be an array of objects"));
        return;
    }
    const QJsonArray array = value.toArray();
    for (int i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("aliases[%1]").arg(i);
        const QJsonObject o = array.at(i).toObject();
        ModelAlias alias;
        if (!array.at(i).isObject() ||
            !reader.readString(o, QStringLiteral("name"), path + QStringLiteral(".name"),
                               &alias.name) ||
            !reader.readString(o, QStringLiteral("provider"), path + QStringLiteral(".provider"),
                               &alias.providerId) ||
            !reader.readString(o, QStringLiteral("model"), path + QStringLiteral(".model"),
                               &alias.model) ||
            alias.name.isEmpty() || alias.model.isEmpty()) {
            reader.fail(path, ConfigFile::tr("must be an object with \"name\", \"provider\" and "
                                             "\"model\" strings"));
            continue;
        }
        config.aliases.append(alias);
    }
}

void readLimits(const QJsonValue &value, FieldReader &reader, GatewayLimits &limits)
{
    if (value.isUndefined())
        return;
    if (!value.isObject()) {
        reader.fail(QStringLiteral("limits"), ConfigFile::tr("must be an object"));
        return;
    }
    const QJsonObject o = value.toObject();
    const auto field = [](const char *name) {
        return QStringLiteral("limits.") + QLatin1String(name);
    };
    reader.readInt(o, QStringLiteral("maxBodyBytes"), field("maxBodyBytes"), 1024, qint64(1) << 32,
                   &limits.maxBodyBytes);
    reader.readInt(o, QStringLiteral("maxHeaderBytes"), field("maxHeaderBytes"), 1024, 1 << 24,
                   &limits.maxHeaderBytes);
    reader.readInt(o, QStringLiteral("clientIdleTimeoutMs"), field("clientIdleTimeoutMs"), 100,
                   86400000, &limits.clientIdleTimeoutMs);
    reader.readInt(o, QStringLiteral("upstreamConnectTimeoutMs"), field("upstreamConnectTimeoutMs"),
                   100, 86400000, &limits.upstreamConnectTimeoutMs);
    reader.readInt(o, QStringLiteral("upstreamIdleTimeoutMs"), field("upstreamIdleTimeoutMs"), 100,
                   86400000, &limits.upstreamIdleTimeoutMs);
    reader.readInt(o, QStringLiteral("maxConcurrentRequests"), field("maxConcurrentRequests"), 1,
                   1000000, &limits.maxConcurrentRequests);
    reader.readInt(o, QStringLiteral("modelListCacheSeconds"), field("modelListCacheSeconds"), 0,
                   86400, &limits.modelListCacheSeconds);
    reader.readInt(o, QStringLiteral("modelListTimeoutMs"), field("modelListTimeoutMs"), 100,
                   600000, &limits.modelListTimeoutMs);
    reader.readInt(o, QStringLiteral("headTimeoutMs"), field("headTimeoutMs"), 100, 86400000,
                   &limits.headTimeoutMs);
    reader.readInt(o, QStringLiteral("minBodyBytesPerSecond"), field("minBodyBytesPerSecond"), 0,
                   1000000000, &limits.minBodyBytesPerSecond);
    reader.readInt(o, QStringLiteral("maxBufferedBodyBytes"), field("maxBufferedBodyBytes"),
                   1024 * 1024, qint64(1) << 40, &limits.maxBufferedBodyBytes);
    reader.readInt(o, QStringLiteral("maxUpstreamBodyBytes"), field("maxUpstreamBodyBytes"),
                   64 * 1024, qint64(1) << 40, &limits.maxUpstreamBodyBytes);
    reader.readInt(o, QStringLiteral("maxSseLineBytes"), field("maxSseLineBytes"), 1024, 1 << 30,
                   &limits.maxSseLineBytes);
    reader.readInt(o, QStringLiteral("maxSseEventBytes"), field("maxSseEventBytes"), 1024, 1 << 30,
                   &limits.maxSseEventBytes);
    reader.readInt(o, QStringLiteral("maxCallDurationMs"), field("maxCallDurationMs"), 1000,
                   7 * 86400000, &limits.maxCallDurationMs);
}

void readRequestLog(const QJsonValue &value, FieldReader &reader, RequestLogSettings &log)
{
    if (value.isUndefined())
        return;
    if (!value.isObject()) {
        reader.fail(QStringLiteral("requestLog"), ConfigFile::tr("must be an object"));
        return;
    }
    const QJsonObject o = value.toObject();
    const auto field = [](const char *name) {
        return QStringLiteral("requestLog.") + QLatin1String(name);
    };
    reader.readBool(o, QStringLiteral("enabled"), field("enabled"), &log.enabled);
    reader.readBool(o, QStringLiteral("healthChecks"), field("healthChecks"), &log.healthChecks);
    reader.readBool(o, QStringLiteral("recordBodies"), field("recordBodies"), &log.recordBodies);
    reader.readInt(o, QStringLiteral("maxBodyBytes"), field("maxBodyBytes"), 0, 64 * 1024 * 1024,
                   &log.maxBodyBytes);
    reader.readInt(o, QStringLiteral("retentionDays"), field("retentionDays"), 0, 36500,
                   &log.retentionDays);
    reader.readInt(o, QStringLiteral("maxRecords"), field("maxRecords"), 0, 1000000000,
                   &log.maxRecords);
}

} // namespace

QString ConfigFile::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("config.json"));
}

ConfigLoadResult ConfigFile::load(const QString &path, const GatewayConfig &defaults)
{
    QFile file(path);
    if (!file.exists()) {
        ConfigLoadResult result;
        result.config = defaults;
        return result;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        ConfigLoadResult result;
        result.config = defaults;
        result.fileExists = true;
        result.errors.append(
            ConfigFile::tr("%1: cannot be read: %2").arg(path, file.errorString()));
        return result;
    }
    ConfigLoadResult result = parse(file.readAll(), path, defaults);
    result.fileExists = true;
    return result;
}

ConfigLoadResult ConfigFile::parse(const QByteArray &json, const QString &fileName,
                                   const GatewayConfig &defaults)
{
    ConfigLoadResult result;
    result.config = defaults;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.errors.append(
            ConfigFile::tr("%1: %2: not valid JSON: %3")
                .arg(fileName, lineAndColumn(json, parseError.offset), parseError.errorString()));
        return result;
    }
    if (!doc.isObject()) {
        result.errors.append(
            ConfigFile::tr("%1: the top level must be a JSON object").arg(fileName));
        return result;
    }
    const QJsonObject root = doc.object();
    FieldReader reader(fileName, &result.errors);
    GatewayConfig config = defaults;

    int version = kFormatVersion;
    reader.readInt(root, QStringLiteral("version"), QStringLiteral("version"), 1, kFormatVersion,
                   &version);
    if (reader.readString(root, QStringLiteral("host"), QStringLiteral("host"), &config.host)) {
        if (config.host != QLatin1String("localhost") && QHostAddress(config.host).isNull())
            reader.fail(QStringLiteral("host"),
                        ConfigFile::tr("must be an IP address or \"localhost\", not \"%1\"")
                            .arg(config.host));
    }
    reader.readInt(root, QStringLiteral("port"), QStringLiteral("port"), 0, 65535, &config.port);
    readProviders(root.value(QStringLiteral("providers")), reader, config);
    // A file written by the app lists every route; a hand-written one adds to the defaults.
    reader.readBool(root, QStringLiteral("builtinHttpClient"), QStringLiteral("builtinHttpClient"),
                    &config.builtinHttpClient);
    bool useDefaultRoutes = true;
    reader.readBool(root, QStringLiteral("useDefaultRoutes"), QStringLiteral("useDefaultRoutes"),
                    &useDefaultRoutes);
    if (!useDefaultRoutes)
        config.routes.clear();
    readRoutes(root.value(QStringLiteral("routes")), reader, config);
    readAliases(root.value(QStringLiteral("aliases")), reader, config);
    readLimits(root.value(QStringLiteral("limits")), reader, config.limits);
    readRequestLog(root.value(QStringLiteral("requestLog")), reader, config.requestLog);
    if (reader.readString(root, QStringLiteral("language"), QStringLiteral("language"),
                          &config.language) &&
        !config.language.isEmpty() && config.language != QLatin1String("en") &&
        config.language != QLatin1String("zh_CN")) {
        reader.fail(QStringLiteral("language"),
                    ConfigFile::tr("must be \"en\", \"zh_CN\" or \"\" (the system's), not "
                                   "\"%1\"")
                        .arg(config.language));
    }
    const QJsonValue origins = root.value(QStringLiteral("allowedOrigins"));
    if (!origins.isUndefined()) {
        if (!origins.isArray()) {
            reader.fail(
                QStringLiteral("allowedOrigins"),
                ConfigFile::tr("must be an array of origins like \"http://localhost:5173\""));
        } else {
            const QJsonArray list = origins.toArray();
            for (int i = 0; i < list.size(); ++i) {
                const QString origin = list.at(i).toString();
                if (!list.at(i).isString() || AccessPolicy::normaliseOrigin(origin).isEmpty()) {
                    reader.fail(QStringLiteral("allowedOrigins[%1]").arg(i),
                                ConfigFile::tr("must be an origin like \"http://localhost:5173\" "
                                               "(scheme, host and port; no path, no \"*\")"));
                    continue;
                }
                config.allowedOrigins.append(origin);
            }
        }
    }
    const QJsonValue access = root.value(QStringLiteral("access"));
    if (!access.isUndefined()) {
        if (!access.isObject()) {
            reader.fail(QStringLiteral("access"), ConfigFile::tr("must be an object"));
        } else {
            const QJsonObject o = access.toObject();
            reader.readBool(o, QStringLiteral("requireToken"),
                            QStringLiteral("access.requireToken"), &config.access.requireToken);
            // The token lives in the keychain or LLM_GATEWAY_TOKEN, never in this file.
            if (o.contains(QStringLiteral("token")))
                reader.fail(QStringLiteral("access.token"),
                            ConfigFile::tr("is not read from the configuration file: the token is "
                                           "kept in the system keychain or set with "
                                           "LLM_GATEWAY_TOKEN. Remove it from the file."));
        }
    }
    for (const PrefixRule &rule : config.routes) {
        if (!config.provider(rule.providerId))
            reader.fail(QStringLiteral("routes"),
                        ConfigFile::tr("has prefix \"%1\" pointing to unknown provider \"%2\"")
                            .arg(rule.prefix, rule.providerId));
    }
    for (const ModelAlias &alias : config.aliases) {
        if (!config.provider(alias.providerId))
            reader.fail(QStringLiteral("aliases"),
                        ConfigFile::tr("has \"%1\" pointing to unknown provider \"%2\"")
                            .arg(alias.name, alias.providerId));
    }
    if (result.errors.isEmpty())
        result.config = config;
    return result;
}
