#include "SecretRedactor.h"

#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>

namespace {
constexpr qsizetype kMinSecretBytes = 8;

/// How a JSON encoder may write `secret` inside a string ("/" may become "\/", and
/// non-ASCII or control characters may be escaped as \uXXXX).
QByteArray jsonEscaped(const QByteArray &secret)
{
    QByteArray out;
    for (const char c : secret) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\')
            out += '\\', out += c;
        else if (c == '/')
            out += "\\/";
        else if (u < 0x20)
            out += "\\u00" + QByteArray::number(u, 16).rightJustified(2, '0');
        else
            out += c;
    }
    return out;
}
} // namespace

SecretRedactor::SecretRedactor(const QList<QByteArray> &secrets)
{
    for (const QByteArray &secret : secrets) {
        if (secret.size() < kMinSecretBytes)
            continue;
        for (const QByteArray &form : {secret, jsonEscaped(secret), secret.toPercentEncoding()}) {
            if (!m_needles.contains(form))
                m_needles.append(form);
        }
    }
    // Longer spellings first, so a shorter one never splits a longer one's match.
    std::sort(m_needles.begin(), m_needles.end(),
              [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
    for (const QByteArray &needle : std::as_const(m_needles))
        m_textNeedles.append(QString::fromUtf8(needle));
}

QByteArray SecretRedactor::redact(QByteArray text) const
{
    for (const QByteArray &needle : m_needles) {
        if (text.contains(needle))
            text.replace(needle, kReplacement);
    }
    return text;
}

QString SecretRedactor::redact(QString text) const
{
    for (const QString &needle : m_textNeedles) {
        if (text.contains(needle))
            text.replace(needle, QLatin1String(kReplacement));
    }
    return text;
}
