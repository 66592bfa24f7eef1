#include "JsonOutline.h"

#include "JsonStringScan.h"

#include <QByteArrayView>
#include <QList>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace {

constexpr int kMaxDepth = 512; // as JsonReader: deeper input is left to Qt's parser

/// One pass over the text: checks it, and copies it to the outline with the left-out parts
/// removed. Copying is lazy: runs of kept bytes are appended only when a cut ends them.
class OutlineScanner
{
public:
    OutlineScanner(const char *begin, const char *end) : m_p(begin), m_end(end), m_copied(begin) {}

    std::optional<QByteArray> run()
    {
        skipSpace();
        if (m_p >= m_end || *m_p != '{' || !object(1))
            return std::nullopt;
        skipSpace();
        if (m_p != m_end || !m_leftOut)
            return std::nullopt; // text after the object, or nothing left out
        m_out.append(m_copied, m_end - m_copied);
        return m_out;
    }

private:
    /// At '{'; `depth` is the object's level.
    bool object(int depth)
    {
        if (depth > kMaxDepth)
            return false;
        const bool emptied = beginContainer(depth);
        skipSpace();
        if (m_p < m_end && *m_p == '}')
            return endContainer(emptied);
        for (;;) {
            if (m_p >= m_end || *m_p != '"')
                return false;
            const char *keyBegin = m_p + 1;
            if (!string(depth, true))
                return false;
            if (depth == 1 && !newTopLevelKey(QByteArrayView(keyBegin, m_p - 1 - keyBegin)))
                return false;
            skipSpace();
            if (m_p >= m_end || *m_p != ':')
                return false;
            ++m_p;
            if (!value(depth))
                return false;
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                skipSpace();
                continue;
            }
            if (m_p < m_end && *m_p == '}')
                return endContainer(emptied);
            return false;
        }
    }

    /// At '['; `depth` is the array's level.
    bool array(int depth)
    {
        if (depth > kMaxDepth)
            return false;
        const bool emptied = beginContainer(depth);
        skipSpace();
        if (m_p < m_end && *m_p == ']')
            return endContainer(emptied);
        for (;;) {
            if (!value(depth))
                return false;
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            if (m_p < m_end && *m_p == ']')
                return endContainer(emptied);
            return false;
        }
    }

    /// Past the opening bracket. Whether this container is the outermost one left out: its
    /// contents are then checked but not copied.
    bool beginContainer(int depth)
    {
        ++m_p;
        if (m_emptying || depth <= JsonOutline::kKeptDepth)
            return false;
        cut(m_p);
        m_emptying = true;
        return true;
    }

    /// At the closing bracket.
    bool endContainer(bool emptied)
    {
        if (emptied) {
            m_copied = m_p; // the bracket itself is kept
            m_emptying = false;
        }
        ++m_p;
        return true;
    }

    /// A value in a container of level `depth`.
    bool value(int depth)
    {
        skipSpace();
        if (m_p >= m_end)
            return false;
        switch (*m_p) {
        case '{':
            return object(depth + 1);
        case '[':
            return array(depth + 1);
        case '"':
            return string(depth, false);
        case 't':
            return literal("true", 4);
        case 'f':
            return literal("false", 5);
        case 'n':
            return literal("null", 4);
        default:
            return number();
        }
    }

    /// At the opening quote of a key or a string value in a container of level `depth`.
    bool string(int depth, bool isKey)
    {
        const char *run = m_p + 1;
        const char *plainEnd = JsonStringScan::findSpecial(run, m_end);
        const char *closing = plainEnd;
        while (closing < m_end && *closing == '\\') {
            const char *after = JsonStringScan::escapeEnd(closing + 1, m_end);
            if (!after)
                return false;
            closing = JsonStringScan::findSpecial(after, m_end);
        }
        if (closing >= m_end || *closing != '"')
            return false; // a raw control character, or no end
        if (!isKey && !m_emptying && depth >= 2 && closing - run > JsonOutline::kKeptStringBytes) {
            cut(run);
            const char *kept = std::min(plainEnd, run + JsonOutline::kKeptStringBytes);
            while (kept > run && (static_cast<unsigned char>(*kept) & 0xC0) == 0x80)
                --kept; // not inside a UTF-8 sequence
            if (kept > run)
                m_out.append(run, kept - run);
            else
                m_out.append("\xE2\x80\xA6"); // …: a string is never cut to nothing
            m_copied = closing;
        }
        m_p = closing + 1;
        return true;
    }

    bool literal(const char *word, int length)
    {
        if (m_end - m_p < length || std::memcmp(m_p, word, size_t(length)) != 0)
            return false;
        m_p += length;
        return true;
    }

    bool number()
    {
        const JsonStringScan::Number n = JsonStringScan::numberAt(m_p, m_end);
        if (!n.end)
            return false;
        // A number out of a double's range is left to Qt's parser by JsonReader.
        if (n.mayBeOutOfRange) {
            double d = 0;
            const auto [stop, error] = std::from_chars(m_p, n.end, d);
            if (error != std::errc() || stop != n.end || !std::isfinite(d))
                return false;
        }
        m_p = n.end;
        return true;
    }

    /// False when `key` holds an escape (it might spell another key) or came before.
    bool newTopLevelKey(QByteArrayView key)
    {
        if (key.contains('\\') || m_topLevelKeys.contains(key))
            return false;
        m_topLevelKeys.append(key);
        return true;
    }

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    /// Copies the kept bytes up to `at`; what follows is left out until m_copied moves on.
    void cut(const char *at)
    {
        if (!m_leftOut)
            m_out.reserve(qsizetype(m_end - m_copied) / 8);
        m_leftOut = true;
        m_out.append(m_copied, at - m_copied);
        m_copied = at;
    }

    const char *m_p;
    const char *m_end;
    const char *m_copied;    ///< bytes before it are in m_out or left out
    bool m_emptying = false; ///< inside a container that is left out
    bool m_leftOut = false;  ///< something was cut or emptied
    QByteArray m_out;
    QList<QByteArrayView> m_topLevelKeys; // a request has a dozen: a list is quickest
};

} // namespace

namespace JsonOutline {

std::optional<QByteArray> text(const QByteArray &json)
{
    return OutlineScanner(json.constData(), json.constData() + json.size()).run();
}

} // namespace JsonOutline
