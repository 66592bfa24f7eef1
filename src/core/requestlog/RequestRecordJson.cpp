#include "RequestRecordJson.h"

#include "RequestRecord.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace {
QJsonValue countOrNull(qint64 value)
{
    return value >= 0 ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}
} // namespace

namespace RequestRecordJson {

const QStringList &fieldNames()
{
    static const QStringList names = {
        QStringLiteral("id"),
        QStringLiteral("started_at"),
        QStringLiteral("client"),
        QStringLiteral("method"),
        QStringLiteral("path"),
        QStringLiteral("format"),
        QStringLiteral("model"),
        QStringLiteral("provider"),
        QStringLiteral("upstream_model"),
        QStringLiteral("stream"),
        QStringLiteral("status"),
        QStringLiteral("error"),
        QStringLiteral("latency_ms"),
        QStringLiteral("ttft_ms"),
        QStringLiteral("prompt_tokens"),
        QStringLiteral("completion_tokens"),
        QStringLiteral("cached_tokens"),
        QStringLiteral("reasoning_tokens"),
        QStringLiteral("request_bytes"),
        QStringLiteral("response_bytes"),
    };
    return names;
}

QJsonObject toJson(const RequestRecord &r, bool withBodies)
{
    QJsonObject o{
        {QStringLiteral("id"), textOrNull(QString::fromLatin1(r.id))},
        {QStringLiteral("started_at"), r.startedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("client"), textOrNull(r.userAgent)},
        {QStringLiteral("method"), r.method},
        {QStringLiteral("path"), r.path},
        {QStringLiteral("format"), textOrNull(r.format)},
        {QStringLiteral("model"), textOrNull(r.requestedModel)},
        {QStringLiteral("provider"), textOrNull(r.providerId)},
        {QStringLiteral("upstream_model"), textOrNull(r.upstreamModel)},
        {QStringLiteral("stream"), r.stream},
        {QStringLiteral("status"), r.status},
        {QStringLiteral("error"), textOrNull(r.errorMessage)},
        {QStringLiteral("latency_ms"), r.latencyMs},
        {QStringLiteral("ttft_ms"), countOrNull(r.firstTokenMs)},
        {QStringLiteral("prompt_tokens"), countOrNull(r.usage.promptTokens)},
        {QStringLiteral("completion_tokens"), countOrNull(r.usage.completionTokens)},
        {QStringLiteral("cached_tokens"), countOrNull(r.usage.cachedTokens)},
        {QStringLiteral("reasoning_tokens"), countOrNull(r.usage.reasoningTokens)},
        {QStringLiteral("request_bytes"), r.requestBytes},
        {QStringLiteral("response_bytes"), r.responseBytes},
    };
    if (withBodies) {
        if (!r.requestBody.isEmpty())
            o.insert(QStringLiteral("request_body"), QString::fromUtf8(r.requestBody));
        if (!r.responseBody.isEmpty())
            o.insert(QStringLiteral("response_body"), QString::fromUtf8(r.responseBody));
    }
    return o;
}

QByteArray toJsonArray(const QList<QJsonObject> &records)
{
    const auto encode = [](const QJsonValue &value) {
        // A value alone is not a document: wrap it in an array and take the brackets off.
        const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return wrapped.mid(1, wrapped.size() - 2);
    };
    QByteArray out = "[";
    for (qsizetype i = 0; i < records.size(); ++i) {
        const QJsonObject &o = records.at(i);
        out += i == 0 ? "\n  {" : ",\n  {";
        bool first = true;
        const auto member = [&](const QString &key) {
            out += first ? "" : ", ";
            first = false;
            out += encode(key) + ": " + encode(o.value(key));
        };
        for (const QString &key : fieldNames()) {
            if (o.contains(key))
                member(key);
        }
        for (auto it = o.begin(); it != o.end(); ++it) { // bodies and anything else, last
            if (!fieldNames().contains(it.key()))
                member(it.key());
        }
        out += "}";
    }
    out += records.isEmpty() ? "]\n" : "\n]\n";
    return out;
}

} // namespace RequestRecordJson
