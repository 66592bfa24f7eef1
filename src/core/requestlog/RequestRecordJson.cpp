#include "RequestRecordJson.h"

#include "RequestRecord.h"

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

} // namespace RequestRecordJson
