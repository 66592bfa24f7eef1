#include "JsonSplice.h"

#include "JsonWriter.h"

#include <cstring>

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

qsizetype skipSpace(const char *data, qsizetype size, qsizetype pos)
{
    while (pos < size && isSpace(data[pos]))
        ++pos;
    return pos;
}

/// From the opening quote at `pos` to one past the closing quote; -1 if unterminated.
/// memchr finds each quote (the bulk of a chat body is string contents); a quote preceded by
/// an odd number of backslashes is escaped.
qsizetype skipString(const char *data, qsizetype size, qsizetype pos)
{
    qsizetype at = pos + 1;
    for (;;) {
        const void *found = std::memchr(data + at, '"', size_t(size - at));
        if (!found)
            return -1;
        const qsizetype quote = static_cast<const char *>(found) - data;
        qsizetype backslashes = 0;
        while (quote - 1 - backslashes > pos && data[quote - 1 - backslashes] == '\\')
            ++backslashes;
        if (backslashes % 2 == 0)
            return quote + 1;
        at = quote + 1;
    }
}

/// From the first byte of a value at `pos` to one past its last byte; -1 if malformed.
qsizetype skipValue(const char *data, qsizetype size, qsizetype pos)
{
    if (pos >= size)
        return -1;
    const char first = data[pos];
    if (first == '"')
        return skipString(data, size, pos);
    if (first == '{' || first == '[') {
        int depth = 0;
        while (pos < size) {
            const char c = data[pos];
            if (c == '"') {
                pos = skipString(data, size, pos);
                if (pos < 0)
                    return -1;
                continue;
            }
            if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0)
                    return pos + 1;
            }
            ++pos;
        }
        return -1;
    }
    // A number, true, false or null.
    while (pos < size && !isSpace(data[pos]) && data[pos] != ',' && data[pos] != '}' &&
           data[pos] != ']')
        ++pos;
    return pos;
}

} // namespace

std::optional<QList<JsonSplice::Member>> JsonSplice::members(const QByteArray &json)
{
    const char *data = json.constData();
    const qsizetype size = json.size();
    qsizetype pos = skipSpace(data, size, 0);
    if (pos >= size || data[pos] != '{')
        return std::nullopt;
    pos = skipSpace(data, size, pos + 1);
    QList<Member> out;
    if (pos < size && data[pos] == '}')
        return skipSpace(data, size, pos + 1) == size ? std::optional(out) : std::nullopt;
    for (;;) {
        if (pos >= size || data[pos] != '"')
            return std::nullopt;
        const qsizetype keyEnd = skipString(data, size, pos);
        if (keyEnd < 0)
            return std::nullopt;
        const QByteArrayView key(data + pos + 1, keyEnd - pos - 2);
        if (key.contains('\\'))
            return std::nullopt; // "mod\u0065l" is "model": left to the parser
        for (const Member &m : out) {
            if (m.key == key)
                return std::nullopt; // which one counts is the parser's business
        }
        pos = skipSpace(data, size, keyEnd);
        if (pos >= size || data[pos] != ':')
            return std::nullopt;
        pos = skipSpace(data, size, pos + 1);
        const qsizetype valueEnd = skipValue(data, size, pos);
        if (valueEnd < 0)
            return std::nullopt;
        out.append({key, pos, valueEnd});
        pos = skipSpace(data, size, valueEnd);
        if (pos < size && data[pos] == ',') {
            pos = skipSpace(data, size, pos + 1);
            continue;
        }
        if (pos < size && data[pos] == '}' && skipSpace(data, size, pos + 1) == size)
            return out;
        return std::nullopt;
    }
}

std::optional<QByteArrayView> JsonSplice::leadingString(const QByteArray &json, QByteArrayView key)
{
    const char *data = json.constData();
    const qsizetype size = json.size();
    qsizetype pos = skipSpace(data, size, 0);
    if (pos >= size || data[pos] != '{')
        return std::nullopt;
    pos = skipSpace(data, size, pos + 1);
    while (pos < size && data[pos] == '"') {
        const qsizetype keyEnd = skipString(data, size, pos);
        if (keyEnd < 0)
            return std::nullopt;
        const QByteArrayView name(data + pos + 1, keyEnd - pos - 2);
        if (name.contains('\\'))
            return std::nullopt; // it might spell `key`
        pos = skipSpace(data, size, keyEnd);
        if (pos >= size || data[pos] != ':')
            return std::nullopt;
        pos = skipSpace(data, size, pos + 1);
        const qsizetype valueEnd = skipValue(data, size, pos);
        if (valueEnd < 0)
            return std::nullopt;
        if (name == key) {
            const QByteArrayView value(data + pos, valueEnd - pos);
            if (value.size() < 2 || value.front() != '"' || value.contains('\\'))
                return std::nullopt;
            return value.sliced(1, value.size() - 2);
        }
        pos = skipSpace(data, size, valueEnd);
        if (pos >= size || data[pos] != ',')
            return std::nullopt;
        pos = skipSpace(data, size, pos + 1);
    }
    return std::nullopt;
}

QByteArray JsonSplice::quoted(const QString &text)
{
    return JsonWriter::quoted(text);
}

QByteArray JsonSplice::apply(const QByteArray &json, const QList<Edit> &edits)
{
    qsizetype grown = 0;
    for (const Edit &e : edits)
        grown += e.replacement.size() - (e.end - e.begin);
    QByteArray out;
    out.reserve(json.size() + grown);
    qsizetype copied = 0;
    for (const Edit &e : edits) {
        out.append(json.constData() + copied, e.begin - copied);
        out += e.replacement;
        copied = e.end;
    }
    out.append(json.constData() + copied, json.size() - copied);
    return out;
}

JsonSplice::Edit JsonSplice::appendMember(const QByteArray &json, const QList<Member> &members,
                                          QByteArrayView key, const QByteArray &value)
{
    Edit edit;
    // Right after the last value (or the opening brace): the closing brace follows.
    if (members.isEmpty()) {
        edit.begin = json.indexOf('{') + 1;
    } else {
        edit.begin = members.last().valueEnd;
        edit.replacement += ',';
    }
    edit.end = edit.begin;
    edit.replacement += '"';
    edit.replacement += key.toByteArray();
    edit.replacement += "\":";
    edit.replacement += value;
    return edit;
}
