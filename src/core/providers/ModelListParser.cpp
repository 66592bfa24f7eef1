#include "ModelListParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

/// The first of `fields` (dotted paths into `entry`) that holds a positive whole number.
qint64 firstCount(const QJsonObject &entry, std::initializer_list<const char *> fields)
{
    for (const char *field : fields) {
        QJsonValue value = entry;
        for (const QString &part : QString::fromLatin1(field).split(QLatin1Char('.')))
            value = value.toObject().value(part);
        if (value.isDouble() && value.toDouble() >= 1)
            return value.toInteger();
    }
    return -1;
}

using CapFields = std::initializer_list<const char *>;

bool parseDataArray(const QByteArray &body, QList<ModelInfo> *models, QString *error,
                    CapFields capFields)
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
        model.maxOutputTokens = firstCount(entry.toObject(), capFields);
        if (!model.id.isEmpty())
            models->append(model);
    }
    return true;
}

} // namespace

namespace ModelListParser {

bool openAi(const QByteArray &body, QList<ModelInfo> *models, QString *error)
{
    // OpenAI itself states no caps. OpenRouter: top_provider.max_completion_tokens; Groq and
    // others: max_completion_tokens or max_output_tokens. ("max_tokens" is left alone: some
    // servers mean the context window by it.)
    return parseDataArray(
        body, models, error,
        {"top_provider.max_completion_tokens", "max_completion_tokens", "max_output_tokens"});
}

bool anthropic(const QByteArray &body, QList<ModelInfo> *models, QString *error)
{
    // Anthropic's model objects state max_tokens (output) beside max_input_tokens.
    return parseDataArray(body, models, error, {"max_tokens"});
}

} // namespace ModelListParser
