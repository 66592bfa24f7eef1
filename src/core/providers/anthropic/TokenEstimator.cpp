#include "TokenEstimator.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {
constexpr qint64 kImageTokens = 1600;  // Anthropic's cost of a ~1.15 megapixel image
constexpr qint64 kMessageOverhead = 4; // role and block framing
constexpr qint64 kToolOverhead = 10;

qint64 estimateValue(const QJsonValue &value)
{
    if (value.isString())
        return TokenEstimator::estimateText(value.toString());
    if (value.isArray()) {
        qint64 total = 0;
        for (const QJsonValue &v : value.toArray())
            total += estimateValue(v);
        return total;
    }
    if (!value.isObject())
        return 0;
    const QJsonObject block = value.toObject();
    const QString type = block.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("image") || type == QLatin1String("document"))
        return kImageTokens;
    if (type == QLatin1String("text"))
        return TokenEstimator::estimateText(block.value(QStringLiteral("text")).toString());
    if (type == QLatin1String("thinking"))
        return TokenEstimator::estimateText(block.value(QStringLiteral("thinking")).toString());
    if (type == QLatin1String("tool_use"))
        return TokenEstimator::estimateText(block.value(QStringLiteral("name")).toString()) +
               TokenEstimator::estimateText(
                   QString::fromUtf8(QJsonDocument(block.value(QStringLiteral("input")).toObject())
                                         .toJson(QJsonDocument::Compact)));
    if (type == QLatin1String("tool_result"))
        return kMessageOverhead + estimateValue(block.value(QStringLiteral("content")));
    return 0;
}
} // namespace

namespace TokenEstimator {

qint64 estimateText(const QString &text)
{
    qint64 narrow = 0;
    qint64 wide = 0;
    for (const QChar c : text) {
        if (c.unicode() < 0x2E80) // below the CJK blocks: letters share tokens
            ++narrow;
        else
            ++wide;
    }
    return (narrow + 3) / 4 + wide;
}

qint64 estimateAnthropicRequest(const QJsonObject &request)
{
    qint64 total = estimateValue(request.value(QStringLiteral("system")));
    for (const QJsonValue &message : request.value(QStringLiteral("messages")).toArray())
        total +=
            kMessageOverhead + estimateValue(message.toObject().value(QStringLiteral("content")));
    for (const QJsonValue &tool : request.value(QStringLiteral("tools")).toArray())
        total +=
            kToolOverhead + estimateText(QString::fromUtf8(
                                QJsonDocument(tool.toObject()).toJson(QJsonDocument::Compact)));
    return qMax<qint64>(1, total);
}

QByteArray countTokensBody(const QJsonObject &request)
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("input_tokens"), estimateAnthropicRequest(request)}})
        .toJson(QJsonDocument::Compact);
}

} // namespace TokenEstimator
