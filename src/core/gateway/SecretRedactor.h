#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <array>
#include <cstdint>
#include <vector>

/// Removes the gateway's secrets (every configured provider key and the local access token)
/// from what goes to a client or the log: an upstream may echo a key anywhere in its answer
/// (error fields, headers, stream events), raw or as JSON or a URL would spell it.
///
/// Built once per configuration and keys snapshot, then shared read-only by every call. The
/// scan is one pass that looks at every fifth byte (all spellings are at least 8 bytes long,
/// so a sampled 4-byte window always falls inside an occurrence), so a clean answer costs a
/// fraction of a nanosecond per byte and is returned as is, without a copy.
class SecretRedactor
{
public:
    /// Secrets shorter than this are not redacted: they would match ordinary text.
    static constexpr qsizetype kMinSecretLength = 8;
    static constexpr char kReplacement[] = "[redacted]";

    /// `secrets` in UTF-8; those shorter than kMinSecretLength bytes are ignored.
    explicit SecretRedactor(const QList<QByteArray> &secrets = {});

    bool isEmpty() const { return m_patterns.isEmpty(); }
    /// The longest spelling of any secret (0 when there are none).
    qsizetype longestSpelling() const
    {
        return m_patterns.isEmpty() ? 0 : m_patterns.first().size();
    }
    /// Every spelling looked for (raw, JSON-escaped, URL-encoded), longest first.
    const QList<QByteArray> &patterns() const { return m_patterns; }

    /// `bytes` with every spelling of every secret replaced by kReplacement.
    QByteArray redact(const QByteArray &bytes) const;
    QString redactString(const QString &text) const;
    bool containsSecret(const QByteArray &bytes) const;

    /// The spellings of one secret a client could receive: raw UTF-8, JSON string escapes
    /// (with and without "\/", \u escapes of non-ASCII in either case) and percent-encoding
    /// (either hex case, "+" for space).
    static QList<QByteArray> spellings(const QString &secret);

private:
    static constexpr int kWindow = 4;
    static constexpr int kStride = int(kMinSecretLength) - kWindow + 1;
    static constexpr int kFilterBits = 1 << 16;

    static quint32 windowHash(const char *p);
    /// The start of the next occurrence at or after `from`, -1 if none; `length` its size.
    qsizetype find(const QByteArray &bytes, qsizetype from, qsizetype *length) const;

    /// A pattern whose 4 bytes at `offset` are `window`: what a sampled window may belong to.
    struct Candidate
    {
        quint32 window;
        int offset;
        int pattern;
    };

    QList<QByteArray> m_patterns;
    std::array<quint64, kFilterBits / 64> m_filter{}; ///< a first, approximate look
    std::vector<Candidate> m_candidates;              ///< sorted by window: the exact one
};
