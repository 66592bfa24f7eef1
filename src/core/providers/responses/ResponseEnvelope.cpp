#include "ResponseEnvelope.h"

#include <QDateTime>
#include <QRandomGenerator>

ResponseEnvelope::ResponseEnvelope() : m_createdAt(QDateTime::currentSecsSinceEpoch())
{
    quint32 words[4];
    QRandomGenerator::global()->fillRange(words);
    for (const quint32 w : words)
        m_seed += QStringLiteral("%1").arg(w, 8, 16, QLatin1Char('0'));
}

QString ResponseEnvelope::newItemId(const char *prefix)
{
    return QStringLiteral("%1_%2%3")
        .arg(QLatin1String(prefix), m_seed)
        .arg(++m_itemCount, 2, 10, QLatin1Char('0'));
}

void ResponseEnvelope::setRequest(const QJsonObject &request)
{
    auto value = [&request](const char *key, const QJsonValue &fallback) {
        const QJsonValue v = request.value(QLatin1String(key));
        return v.isUndefined() ? fallback : v;
    };
    const QJsonObject reasoning = request.value(QStringLiteral("reasoning")).toObject();
    QJsonObject text = request.value(QStringLiteral("text")).toObject();
    if (!text.contains(QStringLiteral("format")))
        text.insert(QStringLiteral("format"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}});
    m_echo = QJsonObject{
        {QStringLiteral("instructions"), value("instructions", QJsonValue())},
        {QStringLiteral("max_output_tokens"), value("max_output_tokens", QJsonValue())},
        {QStringLiteral("max_tool_calls"), value("max_tool_calls", QJsonValue())},
        {QStringLiteral("metadata"), value("metadata", QJsonObject())},
        {QStringLiteral("parallel_tool_calls"), value("parallel_tool_calls", true)},
        {QStringLiteral("previous_response_id"), QJsonValue()},
        {QStringLiteral("prompt_cache_key"), value("prompt_cache_key", QJsonValue())},
        {QStringLiteral("reasoning"),
         QJsonObject{
             {QStringLiteral("effort"), reasoning.value(QStringLiteral("effort")).isString()
                                            ? reasoning.value(QStringLiteral("effort"))
                                            : QJsonValue()},
             {QStringLiteral("summary"), reasoning.value(QStringLiteral("summary")).isString()
                                             ? reasoning.value(QStringLiteral("summary"))
                                             : QJsonValue()}}},
        {QStringLiteral("store"), false}, // the gateway keeps no responses
        {QStringLiteral("temperature"), value("temperature", 1.0)},
        {QStringLiteral("text"), text},
        {QStringLiteral("tool_choice"), value("tool_choice", QStringLiteral("auto"))},
        {QStringLiteral("tools"), value("tools", QJsonArray())},
        {QStringLiteral("top_p"), value("top_p", 1.0)},
        {QStringLiteral("truncation"), QStringLiteral("disabled")},
        {QStringLiteral("user"), value("user", QJsonValue())},
    };
    if (m_model.isEmpty())
        m_model = request.value(QStringLiteral("model")).toString();
}

QJsonObject ResponseEnvelope::build(const QString &status, const QJsonArray &output,
                                    const QJsonValue &usage, const QJsonValue &error,
                                    const QJsonValue &incompleteDetails) const
{
    QJsonObject response = m_echo;
    response.insert(QStringLiteral("id"), responseId());
    response.insert(QStringLiteral("object"), QStringLiteral("response"));
    response.insert(QStringLiteral("created_at"), m_createdAt);
    response.insert(QStringLiteral("status"), status);
    response.insert(QStringLiteral("background"), false);
    response.insert(QStringLiteral("error"), error);
    response.insert(QStringLiteral("incomplete_details"), incompleteDetails);
    response.insert(QStringLiteral("model"), m_model);
    response.insert(QStringLiteral("output"), output);
    response.insert(QStringLiteral("usage"), usage);
    return response;
}
