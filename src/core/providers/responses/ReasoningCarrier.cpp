#include "ReasoningCarrier.h"

#include <QJsonDocument>

namespace {
// Versioned, so a later format can be told apart from this one.
const QString kPrefix = QStringLiteral("llmgw.thinking.v1.");
} // namespace

namespace ReasoningCarrier {

QString encode(const QJsonArray &thinkingBlocks)
{
    if (thinkingBlocks.isEmpty())
        return QString();
    const QByteArray json = QJsonDocument(thinkingBlocks).toJson(QJsonDocument::Compact);
    return kPrefix + QString::fromLatin1(json.toBase64(QByteArray::Base64UrlEncoding |
                                                       QByteArray::OmitTrailingEquals));
}

bool isCarrier(const QString &encryptedContent)
{
    return encryptedContent.startsWith(kPrefix);
}

QJsonArray decode(const QString &encryptedContent)
{
    if (!isCarrier(encryptedContent))
        return QJsonArray();
    const auto decoded = QByteArray::fromBase64Encoding(
        encryptedContent.mid(kPrefix.size()).toLatin1(),
        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return QJsonArray();
    return QJsonDocument::fromJson(*decoded).array();
}

} // namespace ReasoningCarrier
