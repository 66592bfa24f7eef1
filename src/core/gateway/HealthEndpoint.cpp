#include "HealthEndpoint.h"

#include "CallTracker.h"
#include "GatewayContext.h"
#include "RequestExchange.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

void HealthEndpoint::handle(RequestExchange &&exchange)
{
    QJsonArray providers;
    for (const ProviderSettings &p : m_context.config->providers) {
        if (!p.enabled)
            continue;
        providers.append(QJsonObject{{QStringLiteral("id"), p.id},
                                     {QStringLiteral("type"), providerTypeName(p.type)},
                                     {QStringLiteral("has_key"), m_context.keys.contains(p.id)}});
    }
    const QJsonObject health{
        {QStringLiteral("status"), QStringLiteral("ok")},
        {QStringLiteral("paused"), m_context.paused},
        {QStringLiteral("version"), QStringLiteral(LLM_GATEWAY_VERSION)},
        {QStringLiteral("active_requests"), m_context.calls->activeCount()},
        {QStringLiteral("uptime_s"),
         (QDateTime::currentMSecsSinceEpoch() - m_context.startedAtMs) / 1000},
        {QStringLiteral("providers"), providers},
    };
    exchange.replyJson(200, QJsonDocument(health).toJson(QJsonDocument::Compact));
}
