#include "ModelListParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

bool parseDataArray(const QByteArray &body, QList<ModelInfo> *models, QString *error)
{
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    const QJsonValue data = root.value(QStringLiteral("data"));
    if (!data.isArray()) {
        *error = QStringLiteral("the model list has no \"data\" array");
        return false;
    }
    for (const QJsonValue &entry : data.toArray()) {
        ModelInfo model;
        model.id = entry.toObject().value(QStringLiteral("id")).toString();
        if (!model.id.isEmpty())
            models->append(model);
    }
    return true;
}

} // namespace

namespace ModelListParser {

bool openAi(const QByteArray &body, QList<ModelInfo> *models, QString *error)
{
    return parseDataArray(body, models, error);
}

bool anthropic(const QByteArray &body, QList<ModelInfo> *models, QString *error)
{
    return parseDataArray(body, models, error);
}

} // namespace ModelListParser
