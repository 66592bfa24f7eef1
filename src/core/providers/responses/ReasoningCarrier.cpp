#include "ReasoningCarrier.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {
// Versioned, so a later format can be told apart from this one.
const QString kPrefix = QStringLiteral("llmgw.reasoning.v1.");
} // namespace

namespace ReasoningCarrier {

QString encode(const Reasoning &reasoning)
{
    if (reasoning.isEmpty())
        return QString();
    QJsonObject o;
    if (!reasoning.text.isEmpty())
        o.insert(QStringLiteral("text"), reasoning.text);
    if (!reasoning.thinkingBlocks.isEmpty())
        o.insert(QStringLiteral("thinking_blocks"), reasoning.thinkingBlocks);
    const QByteArray json = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return kPrefix + QString::fromLatin1(json.toBase64(QByteArray::Base64UrlEncoding |
                                                       QByteArray::OmitTrailingEquals));
}

bool isCarrier(const QString &encryptedContent)
{
    return encryptedContent.startsWith(kPrefix);
}

Reasoning decode(const QString &encryptedContent)
{
    if (!isCarrier(encryptedContent))
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(
        encryptedContent.mid(kPrefix.size()).toLatin1(),
        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {};
    const QJsonObject o = QJsonDocument::fromJson(*decoded).object();
    Reasoning reasoning;
    reasoning.text = o.value(QStringLiteral("text")).toString();
    reasoning.thinkingBlocks = o.value(QStringLiteral("thinking_blocks")).toArray();
    return reasoning;
}

} // namespace ReasoningCarrier
