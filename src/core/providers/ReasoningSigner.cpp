#include "ReasoningSigner.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace {
constexpr int kKeyBytes = 32;
}

ReasoningSigner::ReasoningSigner(QByteArray key) : m_key(std::move(key)) {}

QByteArray ReasoningSigner::generateKey()
{
    QByteArray key(kKeyBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()),
                                          kKeyBytes / int(sizeof(quint32)));
    return key;
}

QString ReasoningSigner::sign(const QString &scope, const QString &text) const
{
    // NUL cannot occur in a provider id, so no scope/text pair reads as another.
    const QByteArray message = scope.toUtf8() + '\0' + text.toUtf8();
    const QByteArray mac =
        QMessageAuthenticationCode::hash(message, m_key, QCryptographicHash::Sha256);
    return QLatin1String(kPrefix) +
           QString::fromLatin1(
               mac.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool ReasoningSigner::verifies(const QString &signature, const QString &scope,
                               const QString &text) const
{
    if (!isGatewaySignature(signature))
        return false;
    // Compared in full whatever differs first: the time taken says nothing about the key.
    const QByteArray expected = sign(scope, text).toLatin1();
    const QByteArray given = signature.toLatin1();
    if (expected.size() != given.size())
        return false;
    char difference = 0;
    for (qsizetype i = 0; i < expected.size(); ++i)
        difference |= char(expected.at(i) ^ given.at(i));
    return difference == 0;
}

bool ReasoningSigner::isGatewaySignature(const QString &signature)
{
    return signature.startsWith(QLatin1String(kPrefix));
}
