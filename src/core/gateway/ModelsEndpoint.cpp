#include "ModelsEndpoint.h"

#include "GatewayContext.h"
#include "ModelCatalog.h"
#include "RequestExchange.h"
#include "providers/anthropic/ClaudeModelNames.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QByteArray anthropicList(QStringList names)
{
    const QString created = QStringLiteral("2025-01-01T00:00:00Z");
    // Claude Code lists only ids starting with claude/anthropic: the others are shown as
    // anthropic:NAME, which the chat endpoints route as NAME.
    for (QString &name : names)
        name = ClaudeModelNames::discoveryName(name);
    QJsonArray data;
    for (const QString &name : std::as_const(names))
        data.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("model")},
                                {QStringLiteral("id"), name},
                                {QStringLiteral("display_name"), name},
                                {QStringLiteral("created_at"), created}});
    const QJsonObject body{
        {QStringLiteral("data"), data},
        {QStringLiteral("has_more"), false},
        {QStringLiteral("first_id"), names.isEmpty() ? QJsonValue() : names.first()},
        {QStringLiteral("last_id"), names.isEmpty() ? QJsonValue() : names.last()}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray openAiList(const QStringList &names, const QStringList &owners, qint64 created,
                      const QStringList &errors)
{
    QJsonArray data;
    for (qsizetype i = 0; i < names.size(); ++i)
        data.append(QJsonObject{{QStringLiteral("id"), names[i]},
                                {QStringLiteral("object"), QStringLiteral("model")},
                                {QStringLiteral("created"), created},
                                {QStringLiteral("owned_by"), owners[i]}});
    QJsonObject body{{QStringLiteral("object"), QStringLiteral("list")},
                     {QStringLiteral("data"), data}};
    if (!errors.isEmpty()) // not part of OpenAI's shape; clients ignore unknown keys
        body.insert(QStringLiteral("errors"), QJsonArray::fromStringList(errors));
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace

void ModelsEndpoint::handle(RequestExchange &&exchange)
{
    const bool anthropicFormat = exchange.request().hasHeader("anthropic-version");
    std::shared_ptr<const GatewayConfig> config = m_context.config;
    for (const ProviderSettings &p : config->providers) {
        if (p.enabled && m_context.loopsBack(p)) {
            // Asking ourselves for our own model list would recurse: leave that provider out.
            auto filtered = std::make_shared<GatewayConfig>(*config);
            for (ProviderSettings &q : filtered->providers)
                q.enabled = q.enabled && !m_context.loopsBack(q);
            config = filtered;
            break;
        }
    }
    const qint64 created = m_context.startedAtMs / 1000;
    auto pending = std::make_shared<RequestExchange>(std::move(exchange));
    m_context.catalog->fetch(
        *config, m_context.keys, m_receiver,
        [pending, config, anthropicFormat, created](const QList<CatalogModel> &models,
                                                    const QStringList &errors) {
            const RouteTable routes = config->routeTable();
            QStringList names;
            QStringList owners;
            for (const ModelAlias &alias : config->aliases) {
                names.append(alias.name);
                owners.append(alias.providerId);
            }
            for (const CatalogModel &model : models) {
                const QString name = routes.publicModelName(model.providerId, model.upstreamId);
                if (!names.contains(name)) {
                    names.append(name);
                    owners.append(model.providerId);
                }
            }
            pending->replyJson(200, anthropicFormat ? anthropicList(names)
                                                    : openAiList(names, owners, created, errors));
        });
}
