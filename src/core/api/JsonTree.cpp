#include "JsonTree.h"

#include "JsonNumber.h"
#include "JsonStringScan.h"
#include "JsonWriter.h"
#include "TokenCount.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace {

constexpr int kMaxDepth = 512; // as Qt's parser and JsonReader

void appendUtf8(QByteArray &out, unsigned cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

} // namespace

/// One pass over the text, appending each value's node in document order: a container's
/// members follow it, each linked to the next.
class JsonTreeParser
{
public:
    /// `checked`: every byte is checked as JsonReader would (escapes, numbers' grammar and
    /// range), and the top-level keys must be unique and without escapes.
    JsonTreeParser(JsonTree &tree, bool checked)
        : m_nodes(tree.m_nodes), m_base(tree.m_text.constData()), m_p(m_base),
          m_end(m_base + tree.m_text.size()), m_checked(checked)
    {}

    bool run()
    {
        skipSpace();
        if (m_p >= m_end || *m_p != '{' || !value(0))
            return false;
        skipSpace();
        return m_p == m_end;
    }

private:
    quint32 offset(const char *p) const { return quint32(p - m_base); }

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    /// From just after an opening quote: one past the closing quote, or null. A checked
    /// text's string values are also counted into `count` (for the token estimate: the scan
    /// stops at every escape and multi-byte character anyway, to check them).
    const char *stringEnd(const char *p, bool *escaped, TokenCount *count = nullptr) const
    {
        for (;;) {
            // A checked text's UTF-8 is checked here, in its strings: outside them a byte from
            // 0x80 up breaks the structure anyway.
            const char *stop = m_checked ? JsonStringScan::findSpecialOrMultibyte(p, m_end)
                                         : JsonStringScan::findSpecial(p, m_end);
            if (count)
                count->narrow += stop - p;
            p = stop;
            if (p >= m_end)
                return nullptr;
            if (*p == '"')
                return p + 1;
            if (static_cast<unsigned char>(*p) >= 0x80) {
                const char *next = JsonStringScan::utf8CharacterEnd(p, m_end);
                if (!next)
                    return nullptr;
                if (count)
                    count->addMultibyte(p, next - p);
                p = next;
                continue;
            }
            if (*p != '\\' || m_end - p < 2)
                return nullptr; // a raw control character, or a backslash at the end
            *escaped = true;
            if (!m_checked) {
                p += 2;
                continue;
            }
            const char *next = JsonStringScan::escapeEnd(p + 1, m_end);
            if (!next)
                return nullptr;
            if (count && p[1] == 'u') {
                for (; p + 6 <= next; p += 6) { // one \uXXXX, or a surrogate pair's two
                    unsigned unit = 0;
                    JsonStringScan::hex4At(p + 2, m_end, &unit);
                    count->addUnit(unit);
                }
            } else if (count) {
                ++count->narrow;
            }
            p = next;
        }
    }

    /// At a number's first byte: one past its end, or null.
    const char *numberEnd(const char *p) const
    {
        if (!m_checked) {
            const char *start = p;
            while (p < m_end && ((*p >= '0' && *p <= '9') || *p == '-' || *p == '+' || *p == '.' ||
                                 *p == 'e' || *p == 'E'))
                ++p;
            return p == start ? nullptr : p;
        }
        const JsonStringScan::Number n = JsonStringScan::numberAt(p, m_end);
        if (n.end && n.mayBeOutOfRange) {
            double d = 0;
            const auto [stop, error] = std::from_chars(p, n.end, d);
            if (error != std::errc() || stop != n.end || !std::isfinite(d))
                return nullptr; // out of a double's range: Qt's parser decides
        }
        return n.end;
    }

    /// False when a checked text's top-level `key` holds an escape (it might spell another
    /// key) or came before: JsonSplice finds a top-level member by its first match.
    bool newTopLevelKey(QByteArrayView key, bool escaped)
    {
        if (escaped || m_topLevelKeys.contains(key))
            return false;
        m_topLevelKeys.append(key);
        return true;
    }

    bool value(int depth)
    {
        const auto index = quint32(m_nodes.size());
        m_nodes.emplace_back();
        m_nodes[index].begin = offset(m_p);
        JsonTree::Kind kind;
        switch (*m_p) {
        case '{':
            kind = JsonTree::Kind::Object;
            if (!container(depth + 1, '}'))
                return false;
            break;
        case '[':
            kind = JsonTree::Kind::Array;
            if (!container(depth + 1, ']'))
                return false;
            break;
        case '"': {
            bool escaped = false;
            TokenCount count;
            const char *end = stringEnd(m_p + 1, &escaped, m_checked ? &count : nullptr);
            if (!end)
                return false;
            kind = JsonTree::Kind::String;
            m_nodes[index].escaped = escaped;
            m_nodes[index].tokens = quint32(count.tokens());
            m_p = end;
            break;
        }
        case 't':
            kind = JsonTree::Kind::True;
            if (!literal("true"))
                return false;
            break;
        case 'f':
            kind = JsonTree::Kind::False;
            if (!literal("false"))
                return false;
            break;
        case 'n':
            kind = JsonTree::Kind::Null;
            if (!literal("null"))
                return false;
            break;
        default: {
            const char *end = numberEnd(m_p);
            if (!end)
                return false;
            m_p = end;
            kind = JsonTree::Kind::Number;
        }
        }
        m_nodes[index].kind = kind;
        m_nodes[index].end = offset(m_p);
        return true;
    }

    bool literal(const char *word)
    {
        const size_t n = std::strlen(word);
        if (size_t(m_end - m_p) < n || std::memcmp(m_p, word, n) != 0)
            return false;
        m_p += n;
        return true;
    }

    /// An object ('}') or array (']') from its opening bracket at m_p.
    bool container(int depth, char closing)
    {
        if (depth > kMaxDepth)
            return false;
        const bool isObject = closing == '}';
        ++m_p;
        skipSpace();
        if (m_p < m_end && *m_p == closing) {
            ++m_p;
            return true;
        }
        quint32 previous = 0;
        for (;;) {
            const char *keyStart = nullptr;
            const char *keyEnd = nullptr;
            bool keyEscaped = false;
            if (isObject) {
                if (m_p >= m_end || *m_p != '"')
                    return false;
                keyStart = m_p + 1;
                const char *afterKey = stringEnd(keyStart, &keyEscaped);
                if (!afterKey)
                    return false;
                keyEnd = afterKey - 1;
                if (m_checked && depth == 1 &&
                    !newTopLevelKey(QByteArrayView(keyStart, keyEnd), keyEscaped))
                    return false;
                m_p = afterKey;
                skipSpace();
                if (m_p >= m_end || *m_p != ':')
                    return false;
                ++m_p;
                skipSpace();
            }
            if (m_p >= m_end)
                return false;
            const auto child = quint32(m_nodes.size());
            if (!value(depth))
                return false;
            if (isObject) {
                m_nodes[child].keyBegin = offset(keyStart);
                m_nodes[child].keyEnd = offset(keyEnd);
                m_nodes[child].keyEscaped = keyEscaped;
            }
            if (previous != 0)
                m_nodes[previous].next = child;
            previous = child;
            skipSpace();
            if (m_p >= m_end)
                return false;
            if (*m_p == closing) {
                ++m_p;
                return true;
            }
            if (*m_p != ',')
                return false;
            ++m_p;
            skipSpace();
        }
    }

    std::vector<JsonTree::Node> &m_nodes;
    const char *m_base;
    const char *m_p;
    const char *m_end;
    const bool m_checked;
    QList<QByteArrayView> m_topLevelKeys; // a request has a dozen: a list is quickest
};

std::optional<JsonTree> JsonTree::read(const QByteArray &json, bool checked)
{
    if (quint64(json.size()) >= std::numeric_limits<quint32>::max())
        return std::nullopt;
    JsonTree tree;
    tree.m_text = json;
    // About one value per 25 bytes in an agent's request: one allocation for most.
    tree.m_nodes.reserve(size_t(json.size() / 24) + 16);
    JsonTreeParser parser(tree, checked);
    if (!parser.run())
        return std::nullopt;
    tree.m_tokensCounted = checked;
    return tree;
}

std::optional<JsonTree> JsonTree::parse(const QByteArray &json)
{
    return read(json, false);
}

std::optional<JsonTree> JsonTree::parseChecked(const QByteArray &json)
{
    return read(json, true);
}

std::optional<JsonTree> JsonTree::parseQtWriting(const QByteArray &json)
{
    const QJsonDocument qt = QJsonDocument::fromJson(json);
    if (!qt.isObject())
        return std::nullopt;
    return parse(JsonWriter::compact(qt.object(), json.size() + 64));
}

std::optional<JsonTree> JsonTree::parseAsQtReads(const QByteArray &json)
{
    if (auto tree = parse(json))
        return tree;
    return parseQtWriting(json);
}

std::optional<JsonTree> JsonTree::parseCheckedAsQtReads(const QByteArray &json)
{
    if (auto tree = parseChecked(json))
        return tree;
    return parseQtWriting(json);
}

QJsonObject JsonTree::scalarMembers() const
{
    QJsonObject scalars;
    for (const Value member : root()) {
        QJsonValue value;
        switch (member.kind()) {
        case Kind::Null:
            value = QJsonValue(QJsonValue::Null);
            break;
        case Kind::False:
        case Kind::True:
            value = member.isTrue();
            break;
        case Kind::String:
            value = member.toString();
            break;
        case Kind::Number: {
            const QByteArrayView written = member.bytes();
            const bool integer =
                !written.contains('.') && !written.contains('e') && !written.contains('E');
            value = JsonNumber::asQtReads(written.data(), written.data() + written.size(), integer)
                        .value_or(QJsonValue());
            break;
        }
        case Kind::Absent:
        case Kind::Array:
        case Kind::Object:
            continue;
        }
        scalars.insert(member.keyText(), value);
    }
    return scalars;
}

QString JsonTree::unescaped(QByteArrayView written)
{
    const char *p = written.data();
    const char *end = p + written.size();
    QByteArray utf8;
    utf8.reserve(written.size());
    QString loneSurrogates; ///< the text up to the last lone surrogate, when there is one
    while (p < end) {
        const char *slash = static_cast<const char *>(std::memchr(p, '\\', size_t(end - p)));
        if (!slash) {
            utf8.append(p, end - p);
            break;
        }
        utf8.append(p, slash - p);
        p = slash + 1;
        if (p >= end)
            break;
        const char c = *p++;
        switch (c) {
        case 'b':
            utf8 += '\b';
            break;
        case 'f':
            utf8 += '\f';
            break;
        case 'n':
            utf8 += '\n';
            break;
        case 'r':
            utf8 += '\r';
            break;
        case 't':
            utf8 += '\t';
            break;
        case 'u': {
            unsigned cp = 0;
            if (!JsonStringScan::hex4At(p, end, &cp)) {
                utf8 += '\xEF';
                utf8 += '\xBF';
                utf8 += '\xBD';
                break;
            }
            p += 4;
            unsigned low = 0;
            if (cp >= 0xD800 && cp <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u' &&
                JsonStringScan::hex4At(p + 2, end, &low) && low >= 0xDC00 && low <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                p += 6;
            } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                // A lone surrogate, which UTF-8 cannot hold: kept as the one UTF-16 unit it
                // is, as Qt's parser keeps it (rare; the text so far is decoded first).
                loneSurrogates += QString::fromUtf8(utf8);
                loneSurrogates += QChar(char16_t(cp));
                utf8.clear();
                break;
            }
            appendUtf8(utf8, cp);
            break;
        }
        default: // '"', '\\', '/'
            utf8 += c;
        }
    }
    if (!loneSurrogates.isEmpty())
        return loneSurrogates + QString::fromUtf8(utf8);
    return QString::fromUtf8(utf8);
}

QByteArrayView JsonTree::Value::bytes() const
{
    if (!m_tree)
        return {};
    const Node &n = node();
    return QByteArrayView(m_tree->m_text.constData() + n.begin, n.end - n.begin);
}

QByteArrayView JsonTree::Value::stringBytes() const
{
    if (!isString())
        return {};
    const Node &n = node();
    return QByteArrayView(m_tree->m_text.constData() + n.begin + 1, n.end - n.begin - 2);
}

QString JsonTree::Value::toString() const
{
    if (!isString())
        return QString();
    return node().escaped ? unescaped(stringBytes()) : QString::fromUtf8(stringBytes());
}

bool JsonTree::Value::equals(QByteArrayView ascii) const
{
    if (!isString())
        return false;
    if (!node().escaped)
        return stringBytes() == ascii;
    return toString() == QLatin1StringView(ascii.data(), ascii.size());
}

std::optional<qint64> JsonTree::Value::toWhole() const
{
    if (!isNumber())
        return std::nullopt;
    const QByteArrayView written = bytes();
    bool ok = false;
    if (!written.contains('.') && !written.contains('e') && !written.contains('E')) {
        const qint64 whole = written.toLongLong(&ok);
        if (ok)
            return whole;
    }
    const double d = QByteArray::fromRawData(written.data(), written.size()).toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return JsonNumber::whole(QJsonValue(d));
}

JsonTree::Value JsonTree::Value::member(QByteArrayView key) const
{
    Value found;
    if (!isObject())
        return found;
    for (Value child = firstChild(); !child.isAbsent(); child = child.nextSibling()) {
        if (child.keyEquals(key))
            found = child;
    }
    return found;
}

JsonTree::Value JsonTree::Value::firstChild() const
{
    if (!isObject() && !isArray())
        return {};
    // Members follow their container; the node after an empty one lies past its end.
    const quint32 next = m_index + 1;
    if (next >= m_tree->m_nodes.size() || m_tree->m_nodes[next].begin >= node().end)
        return {};
    return Value(m_tree, next);
}

JsonTree::Value JsonTree::Value::nextSibling() const
{
    if (!m_tree || node().next == 0)
        return {};
    return Value(m_tree, node().next);
}

QByteArrayView JsonTree::Value::key() const
{
    if (!m_tree)
        return {};
    const Node &n = node();
    return QByteArrayView(m_tree->m_text.constData() + n.keyBegin, n.keyEnd - n.keyBegin);
}

bool JsonTree::Value::keyEquals(QByteArrayView ascii) const
{
    if (!m_tree)
        return false;
    if (!node().keyEscaped)
        return key() == ascii;
    return unescaped(key()) == QLatin1StringView(ascii.data(), ascii.size());
}

QString JsonTree::Value::keyText() const
{
    if (!m_tree)
        return QString();
    return node().keyEscaped ? unescaped(key()) : QString::fromUtf8(key());
}
