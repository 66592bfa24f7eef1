#include "SecretRedactor.h"

#include <algorithm>
#include <cstring>

namespace {
QByteArray jsonEscaped(const QString &secret, bool escapeSlash, bool asciiOnly, bool upperHex)
{
    QByteArray out;
    const char *hex = upperHex ? "0123456789ABCDEF" : "0123456789abcdef";
    const auto unicodeEscape = [&](char16_t unit) {
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4)
            out += hex[(unit >> shift) & 0xF];
    };
    for (const QChar c : secret) {
        const char16_t unit = c.unicode();
        switch (unit) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '/':
            out += escapeSlash ? "\\/" : "/";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (unit < 0x20 || (asciiOnly && unit > 0x7E))
                unicodeEscape(unit);
            else
                out += QString(c).toUtf8();
            break;
        }
    }
    return out;
}

QByteArray percentEncoded(const QByteArray &utf8, bool upperHex, bool plusForSpace)
{
    QByteArray out;
    const char *hex = upperHex ? "0123456789ABCDEF" : "0123456789abcdef";
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
                                (u >= '0' && u <= '9') || u == '-' || u == '.' || u == '_' ||
                                u == '~';
        if (unreserved) {
            out += c;
        } else if (u == ' ' && plusForSpace) {
            out += '+';
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 0xF];
        }
    }
    return out;
}
} // namespace

QList<QByteArray> SecretRedactor::spellings(const QString &secret)
{
    const QByteArray raw = secret.toUtf8();
    QList<QByteArray> all{raw};
    for (const bool slash : {false, true}) {
        for (const bool ascii : {false, true}) {
            for (const bool upper : {false, true})
                all.append(jsonEscaped(secret, slash, ascii, upper));
        }
    }
    for (const bool upper : {false, true}) {
        for (const bool plus : {false, true})
            all.append(percentEncoded(raw, upper, plus));
    }
    QList<QByteArray> unique;
    for (const QByteArray &spelling : std::as_const(all)) {
        if (!unique.contains(spelling))
            unique.append(spelling);
    }
    return unique;
}

SecretRedactor::SecretRedactor(const QList<QByteArray> &secrets)
{
    for (const QByteArray &secret : secrets) {
        if (secret.size() < kMinSecretLength)
            continue;
        for (const QByteArray &spelling : spellings(QString::fromUtf8(secret))) {
            if (spelling.size() >= kMinSecretLength && !m_patterns.contains(spelling))
                m_patterns.append(spelling);
        }
    }
    // Longest first: a secret that contains another is replaced whole.
    std::sort(m_patterns.begin(), m_patterns.end(),
              [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
    for (int index = 0; index < m_patterns.size(); ++index) {
        for (int offset = 0; offset < kStride; ++offset) {
            const char *window = m_patterns[index].constData() + offset;
            const quint32 h = windowHash(window);
            m_filter[h / 64] |= quint64(1) << (h % 64);
            Candidate candidate{0, offset, index};
            std::memcpy(&candidate.window, window, sizeof candidate.window);
            m_candidates.push_back(candidate);
        }
    }
    // By window, then by start (largest offset first) and length (longest pattern first).
    std::sort(m_candidates.begin(), m_candidates.end(), [](const Candidate &a, const Candidate &b) {
        if (a.window != b.window)
            return a.window < b.window;
        if (a.offset != b.offset)
            return a.offset > b.offset;
        return a.pattern < b.pattern;
    });
}

quint32 SecretRedactor::windowHash(const char *p)
{
    quint32 window;
    std::memcpy(&window, p, sizeof window);
    return (window * 2654435761u) >> 16; // Fibonacci hashing down to 16 bits
}

qsizetype SecretRedactor::find(const QByteArray &bytes, qsizetype from, qsizetype *length) const
{
    const char *data = bytes.constData();
    const qsizetype size = bytes.size();
    // Any occurrence starting at s covers windows s..s+kStride-1, one of which is sampled.
    for (qsizetype i = from; i + kWindow <= size; i += kStride) {
        const quint32 h = windowHash(data + i);
        if (!(m_filter[h / 64] & (quint64(1) << (h % 64))))
            continue;
        quint32 window;
        std::memcpy(&window, data + i, sizeof window);
        auto it = std::lower_bound(
            m_candidates.cbegin(), m_candidates.cend(), window,
            [](const Candidate &candidate, quint32 value) { return candidate.window < value; });
        // Candidates come earliest start first, longest pattern first: the first that
        // matches is the occurrence to replace (an earlier one would have met an earlier
        // sample).
        for (; it != m_candidates.cend() && it->window == window; ++it) {
            const qsizetype start = i - it->offset;
            const QByteArray &pattern = m_patterns[it->pattern];
            if (start >= from && start + pattern.size() <= size &&
                std::memcmp(data + start, pattern.constData(), size_t(pattern.size())) == 0) {
                *length = pattern.size();
                return start;
            }
        }
    }
    return -1;
}

QByteArray SecretRedactor::redact(const QByteArray &bytes) const
{
    if (m_patterns.isEmpty() || bytes.size() < kMinSecretLength)
        return bytes;
    qsizetype length = 0;
    qsizetype at = find(bytes, 0, &length);
    if (at < 0)
        return bytes; // the common case: shared, not copied
    QByteArray out;
    out.reserve(bytes.size());
    qsizetype done = 0;
    while (at >= 0) {
        out.append(bytes.constData() + done, at - done);
        out.append(kReplacement);
        done = at + length;
        at = find(bytes, done, &length);
    }
    out.append(bytes.constData() + done, bytes.size() - done);
    return out;
}

QString SecretRedactor::redactString(const QString &text) const
{
    if (m_patterns.isEmpty())
        return text;
    const QByteArray utf8 = text.toUtf8();
    const QByteArray redacted = redact(utf8);
    return redacted.constData() == utf8.constData() ? text : QString::fromUtf8(redacted);
}

bool SecretRedactor::containsSecret(const QByteArray &bytes) const
{
    qsizetype length = 0;
    return !m_patterns.isEmpty() && find(bytes, 0, &length) >= 0;
}
