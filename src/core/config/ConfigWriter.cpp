#include "ConfigWriter.h"

#include "ConfigFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace {

/// Headers that carry credentials belong in the keychain, never in the file.
bool isCredentialHeader(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return lower == "authorization" || lower == "proxy-authorization" || lower == "x-api-key" ||
           lower == "api-key" || lower == "cookie";
}

QJsonObject providerJson(const ProviderSettings &p)
{
    QJsonObject o{{QStringLiteral("id"), p.id},
                  {QStringLiteral("name"), p.displayName},
                  {QStringLiteral("type"), providerTypeName(p.type)},
                  {QStringLiteral("baseUrl"), p.baseUrl.toString()},
                  {QStringLiteral("enabled"), p.enabled}};
    QJsonObject headers;
    for (const auto &h : p.extraHeaders) {
        if (!isCredentialHeader(h.first))
            headers.insert(QString::fromLatin1(h.first), QString::fromUtf8(h.second));
    }
    if (!headers.isEmpty())
        o.insert(QStringLiteral("headers"), headers);
    if (!p.caFile.isEmpty())
        o.insert(QStringLiteral("caFile"), p.caFile);
    if (p.type == ProviderType::OpenAi)
        o.insert(QStringLiteral("responsesApi"), p.speaksResponsesApi);
    if (!p.modelOutputLimits.isEmpty()) {
        QJsonObject caps;
        for (auto it = p.modelOutputLimits.begin(); it != p.modelOutputLimits.end(); ++it)
            caps.insert(it.key(), double(it.value()));
        o.insert(QStringLiteral("maxOutputTokens"), caps);
    }
    if (!p.modelPrices.isEmpty()) {
        QJsonObject prices;
        for (auto it = p.modelPrices.begin(); it != p.modelPrices.end(); ++it) {
            QJsonObject price{{QStringLiteral("input"), it.value().inputPerMillion},
                              {QStringLiteral("output"), it.value().outputPerMillion}};
            if (it.value().cachedInputPerMillion >= 0)
                price.insert(QStringLiteral("cachedInput"), it.value().cachedInputPerMillion);
            prices.insert(it.key(), price);
        }
        o.insert(QStringLiteral("prices"), prices);
    }
    return o;
}

QJsonObject limitsJson(const GatewayLimits &l)
{
    return QJsonObject{
        {QStringLiteral("maxBodyBytes"), double(l.maxBodyBytes)},
        {QStringLiteral("maxHeaderBytes"), l.maxHeaderBytes},
        {QStringLiteral("clientIdleTimeoutMs"), l.clientIdleTimeoutMs},
        {QStringLiteral("upstreamConnectTimeoutMs"), l.upstreamConnectTimeoutMs},
        {QStringLiteral("upstreamIdleTimeoutMs"), l.upstreamIdleTimeoutMs},
        {QStringLiteral("maxConcurrentRequests"), l.maxConcurrentRequests},
        {QStringLiteral("modelListCacheSeconds"), l.modelListCacheSeconds},
        {QStringLiteral("modelListTimeoutMs"), l.modelListTimeoutMs},
        {QStringLiteral("headTimeoutMs"), l.headTimeoutMs},
        {QStringLiteral("minBodyBytesPerSecond"), l.minBodyBytesPerSecond},
        {QStringLiteral("maxBufferedBodyBytes"), double(l.maxBufferedBodyBytes)},
        {QStringLiteral("maxUpstreamBodyBytes"), double(l.maxUpstreamBodyBytes)},
        {QStringLiteral("maxSseLineBytes"), l.maxSseLineBytes},
        {QStringLiteral("maxSseEventBytes"), l.maxSseEventBytes},
        {QStringLiteral("maxCallDurationMs"), l.maxCallDurationMs},
    };
}

QJsonObject requestLogJson(const RequestLogSettings &l)
{
    return QJsonObject{
        {QStringLiteral("enabled"), l.enabled},
        {QStringLiteral("healthChecks"), l.healthChecks},
        {QStringLiteral("recordBodies"), l.recordBodies},
        {QStringLiteral("maxBodyBytes"), l.maxBodyBytes},
        {QStringLiteral("retentionDays"), l.retentionDays},
        {QStringLiteral("maxRecords"), double(l.maxRecords)},
    };
}

/// A backup name that does not exist yet, so no earlier backup is ever replaced.
QString freeBackupPath(const QString &path)
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString candidate = QStringLiteral("%1.broken-%2").arg(path, stamp);
    for (int n = 2; QFileInfo::exists(candidate); ++n)
        candidate = QStringLiteral("%1.broken-%2-%3").arg(path, stamp).arg(n);
    return candidate;
}

} // namespace

QByteArray ConfigWriter::toJson(const GatewayConfig &config)
{
    QJsonArray providers;
    for (const ProviderSettings &p : config.providers)
        providers.append(providerJson(p));
    // The loader merges the file into the built-in providers: one removed here is written as
    // disabled, or it would come back on the next start.
    for (const ProviderSettings &builtIn : GatewayConfig::defaults().providers) {
        if (!config.provider(builtIn.id)) {
            ProviderSettings off = builtIn;
            off.enabled = false;
            providers.append(providerJson(off));
        }
    }
    QJsonArray routes;
    for (const PrefixRule &r : config.routes)
        routes.append(QJsonObject{{QStringLiteral("prefix"), r.prefix},
                                  {QStringLiteral("provider"), r.providerId},
                                  {QStringLiteral("stripPrefix"), r.stripPrefix}});
    QJsonArray aliases;
    for (const ModelAlias &a : config.aliases)
        aliases.append(QJsonObject{{QStringLiteral("name"), a.name},
                                   {QStringLiteral("provider"), a.providerId},
                                   {QStringLiteral("model"), a.model}});
    // access.token is deliberately absent: it lives in the keychain or the environment.
    const QJsonObject root{
        {QStringLiteral("version"), ConfigFile::kFormatVersion},
        {QStringLiteral("host"), config.host},
        {QStringLiteral("port"), config.port},
        {QStringLiteral("access"),
         QJsonObject{{QStringLiteral("requireToken"), config.access.requireToken}}},
        {QStringLiteral("allowedOrigins"), QJsonArray::fromStringList(config.allowedOrigins)},
        {QStringLiteral("providers"), providers},
        {QStringLiteral("useDefaultRoutes"), false},
        {QStringLiteral("routes"), routes},
        {QStringLiteral("aliases"), aliases},
        {QStringLiteral("limits"), limitsJson(config.limits)},
        {QStringLiteral("builtinHttpClient"), config.builtinHttpClient},
        {QStringLiteral("requestLog"), requestLogJson(config.requestLog)},
        {QStringLiteral("language"), config.language},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

ConfigSaveResult ConfigWriter::save(const QString &path, const GatewayConfig &config)
{
    ConfigSaveResult result;
    if (QFileInfo::exists(path)) {
        const ConfigLoadResult previous = ConfigFile::load(path, GatewayConfig::defaults());
        if (!previous.errors.isEmpty()) {
            // The user's file did not load: keep it, byte for byte, before writing ours.
            const QString backup = freeBackupPath(path);
            if (!QFile::copy(path, backup)) {
                result.error = QStringLiteral("%1 was not saved: the existing file does not load "
                                              "and could not be kept as %2.")
                                   .arg(path, backup);
                return result;
            }
            result.backupPath = backup;
        }
    }
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir)) {
        result.error =
            QStringLiteral("%1 was not saved: cannot create the folder %2.").arg(path, dir);
        return result;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        result.error = QStringLiteral("%1 was not saved: %2").arg(path, file.errorString());
        return result;
    }
    const QByteArray json = toJson(config);
    if (file.write(json) != json.size() || !file.commit()) {
        result.error = QStringLiteral("%1 was not saved (the previous file is unchanged): %2")
                           .arg(path, file.errorString());
        return result;
    }
    result.ok = true;
    return result;
}
