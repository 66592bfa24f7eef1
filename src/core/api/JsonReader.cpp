#include "JsonReader.h"

#include "JsonNumber.h"
#include "JsonStringScan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr int kMaxDepth = 512; // Qt's parser allows 1024; deeper input goes to it

class Reader
{
public:
    Reader(const char *begin, const char *end) : m_p(begin), m_end(end) {}

    bool object(QJsonObject *out, int depth)
    {
        // At '{'.
        if (depth > kMaxDepth)
            return false;
        ++m_p;
        skipSpace();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
            return true;
        }
        for (;;) {
            if (m_p >= m_end || *m_p != '"')
                return false;
            QString key;
            if (!string(&key))
                return false;
            skipSpace();
            if (m_p >= m_end || *m_p != ':')
                return false;
            ++m_p;
            skipSpace();
            QJsonValue v;
            if (!value(&v, depth))
                return false;
            const qsizetype before = out->size();
            out->insert(key, v);
            if (out->size() == before)
                return false; // a key given twice: which one counts is QJsonDocument's business
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                skipSpace();
                continue;
            }
            if (m_p < m_end && *m_p == '}') {
                ++m_p;
                return true;
            }
            return false;
        }
    }

    bool atObject() const { return m_p < m_end && *m_p == '{'; }

    bool atEnd()
    {
        skipSpace();
        return m_p == m_end;
    }

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

private:
    bool array(QJsonArray *out, int depth)
    {
        if (depth > kMaxDepth)
            return false;
        ++m_p;
        skipSpace();
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
            return true;
        }
        for (;;) {
            QJsonValue v;
            if (!value(&v, depth))
                return false;
            out->append(v);
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                skipSpace();
                continue;
            }
            if (m_p < m_end && *m_p == ']') {
                ++m_p;
                return true;
            }
            return false;
        }
    }

    bool value(QJsonValue *out, int depth)
    {
        if (m_p >= m_end)
            return false;
        switch (*m_p) {
        case '{': {
            QJsonObject o;
            if (!object(&o, depth + 1))
                return false;
            *out = o;
            return true;
        }
        case '[': {
            QJsonArray a;
            if (!array(&a, depth + 1))
                return false;
            *out = a;
            return true;
        }
        case '"': {
            QString s;
            if (!string(&s))
                return false;
            *out = s;
            return true;
        }
        case 't':
            return literal("true", QJsonValue(true), out);
        case 'f':
            return literal("false", QJsonValue(false), out);
        case 'n':
            return literal("null", QJsonValue(QJsonValue::Null), out);
        default:
            return number(out);
        }
    }

    bool literal(const char *word, const QJsonValue &v, QJsonValue *out)
    {
        const size_t n = std::strlen(word);
        if (size_t(m_end - m_p) < n || std::memcmp(m_p, word, n) != 0)
            return false;
        m_p += n;
        *out = v;
        return true;
    }

    bool number(QJsonValue *out)
    {
        const JsonStringScan::Number scan = JsonStringScan::numberAt(m_p, m_end);
        if (!scan.end)
            return false;
        const std::optional<QJsonValue> value = JsonNumber::asQtReads(m_p, scan.end, scan.integer);
        if (!value)
            return false; // out of range: left to Qt's parser
        m_p = scan.end;
        *out = *value;
        return true;
    }

    bool hex4(uint *out)
    {
        if (!JsonStringScan::hex4At(m_p, m_end, out))
            return false;
        m_p += 4;
        return true;
    }

    static char *appendUtf8(char *w, uint cp)
    {
        if (cp < 0x80) {
            *w++ = char(cp);
        } else if (cp < 0x800) {
            *w++ = char(0xC0 | (cp >> 6));
            *w++ = char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            *w++ = char(0xE0 | (cp >> 12));
            *w++ = char(0x80 | ((cp >> 6) & 0x3F));
            *w++ = char(0x80 | (cp & 0x3F));
        } else {
            *w++ = char(0xF0 | (cp >> 18));
            *w++ = char(0x80 | ((cp >> 12) & 0x3F));
            *w++ = char(0x80 | ((cp >> 6) & 0x3F));
            *w++ = char(0x80 | (cp & 0x3F));
        }
        return w;
    }

    /// At the opening quote. The text is valid UTF-8 (checked once for the whole body), so
    /// runs without escapes convert in one call.
    bool string(QString *out)
    {
        ++m_p;
        const char *run = m_p;
        m_p = JsonStringScan::findSpecial(m_p, m_end);
        if (m_p >= m_end || static_cast<unsigned char>(*m_p) < 0x20)
            return false;  // unterminated, or a raw control character: not JSON
        if (*m_p == '"') { // the common case: no escape
            *out = QString::fromUtf8(run, m_p - run);
            ++m_p;
            return true;
        }
        // With escapes: unescaped into UTF-8 in a buffer kept between strings (the unescaped
        // text is never longer than the escaped one), converted once at the end.
        const char *closing = run;
        for (const char *p = m_p;;) {
            if (p >= m_end)
                return false;
            if (*p == '\\') {
                p += 2;
                p = JsonStringScan::findSpecial(p < m_end ? p : m_end, m_end);
                continue;
            }
            if (*p != '"')
                return false; // a raw control character
            closing = p;
            break;
        }
        m_scratch.resize(size_t(closing - run));
        char *w = m_scratch.data();
        std::memcpy(w, run, size_t(m_p - run));
        w += m_p - run;
        while (m_p < closing) {
            if (*m_p != '\\') {
                const char *from = m_p;
                m_p = JsonStringScan::findSpecial(m_p, closing);
                std::memcpy(w, from, size_t(m_p - from));
                w += m_p - from;
                continue;
            }
            ++m_p;
            const char e = *m_p++;
            switch (e) {
            case '"':
                *w++ = '"';
                break;
            case '\\':
                *w++ = '\\';
                break;
            case '/':
                *w++ = '/';
                break;
            case 'b':
                *w++ = '\b';
                break;
            case 'f':
                *w++ = '\f';
                break;
            case 'n':
                *w++ = '\n';
                break;
            case 'r':
                *w++ = '\r';
                break;
            case 't':
                *w++ = '\t';
                break;
            case 'u': {
                uint cp = 0;
                if (!hex4(&cp))
                    return false;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    uint low = 0;
                    if (closing - m_p < 6 || m_p[0] != '\\' || m_p[1] != 'u')
                        return false; // a lone surrogate: left to Qt's parser
                    m_p += 2;
                    if (!hex4(&low) || low < 0xDC00 || low > 0xDFFF)
                        return false;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    return false;
                }
                w = appendUtf8(w, cp);
                break;
            }
            default:
                return false;
            }
        }
        *out = QString::fromUtf8(m_scratch.data(), w - m_scratch.data());
        m_p = closing + 1;
        return true;
    }

    std::string m_scratch;
    const char *m_p;
    const char *m_end;
};

} // namespace

std::optional<QJsonObject> JsonReader::readObject(const QByteArray &json)
{
    // Only an object at the top, in valid UTF-8: anything else is for QJsonDocument to
    // describe.
    if (!json.isValidUtf8())
        return std::nullopt;
    const char *end = json.constData() + json.size();
    Reader reader(json.constData(), end);
    reader.skipSpace();
    if (!reader.atObject())
        return std::nullopt;
    QJsonObject object;
    if (!reader.object(&object, 1) || !reader.atEnd())
        return std::nullopt;
    return object;
}
