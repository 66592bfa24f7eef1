#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

/// Replaces every spelling of a set of secrets (provider keys, the access token) in text that
/// is kept or shown: as is, JSON-escaped and percent-encoded.
class SecretRedactor
{
public:
    static constexpr char kReplacement[] = "[redacted]";

    /// Secrets shorter than 8 bytes are ignored: they would match ordinary words.
    explicit SecretRedactor(const QList<QByteArray> &secrets = {});

    bool isEmpty() const { return m_needles.isEmpty(); }
    /// The longest spelling of any secret (0 when there are none).
    qsizetype longestSpelling() const { return m_needles.isEmpty() ? 0 : m_needles.first().size(); }
    QByteArray redact(QByteArray text) const;
    QString redact(QString text) const;

private:
    QList<QByteArray> m_needles;
    QStringList m_textNeedles; ///< the same spellings, as text
};
