#include "GatewayModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

GatewayModelList GatewayModelList::fromJson(const QByteArray &body)
{
    GatewayModelList list;
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    const QJsonArray data = root.value(QStringLiteral("data")).toArray();
    for (const QJsonValue &value : data) {
        const QJsonObject model = value.toObject();
        const QString id = model.value(QStringLiteral("id")).toString();
        if (!id.isEmpty())
            list.models.append(
                GatewayModel{id, model.value(QStringLiteral("owned_by")).toString()});
    }
    for (const QJsonValue &error : root.value(QStringLiteral("errors")).toArray())
        list.providerErrors.append(error.toString());
    return list;
}
