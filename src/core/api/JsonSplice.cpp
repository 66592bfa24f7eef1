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

/// The member `"key": value` whose key's opening quote is at `pos`: its key and where its
/// value lies. False when malformed, or when the key holds an escape ("mod\u0065l" is
/// "model": left to the parser).
bool readMember(const char *data, qsizetype size, qsizetype pos, JsonSplice::Member *member)
{
    if (pos >= size || data[pos] != '"')
        return false;
    const qsizetype keyEnd = skipString(data, size, pos);
    if (keyEnd < 0)
        return false;
    member->key = QByteArrayView(data + pos + 1, keyEnd - pos - 2);
    if (member->key.contains('\\'))
        return false;
    pos = skipSpace(data, size, keyEnd);
    if (pos >= size || data[pos] != ':')
        return false;
    member->valueBegin = skipSpace(data, size, pos + 1);
    member->valueEnd = skipValue(data, size, member->valueBegin);
    return member->valueEnd >= 0;
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
        Member member;
        if (!readMember(data, size, pos, &member))
            return std::nullopt;
        for (const Member &m : out) {
            if (m.key == member.key)
                return std::nullopt; // which one counts is the parser's business
        }
        out.append(member);
        pos = skipSpace(data, size, member.valueEnd);
        if (pos < size && data[pos] == ',') {
            pos = skipSpace(data, size, pos + 1);
            continue;
        }
        if (pos < size && data[pos] == '}' && skipSpace(data, size, pos + 1) == size)
            return out;
        return std::nullopt;
    }
}

std::optional<JsonSplice::Member> JsonSplice::leadingMember(const QByteArray &json,
                                                            QByteArrayView key)
{
    const char *data = json.constData();
    const qsizetype size = json.size();
    qsizetype pos = skipSpace(data, size, 0);
    if (pos >= size || data[pos] != '{')
        return std::nullopt;
    pos = skipSpace(data, size, pos + 1);
    for (;;) {
        Member member;
        if (!readMember(data, size, pos, &member))
            return std::nullopt; // malformed, or an escaped key that might spell `key`
        if (member.key == key)
            return member;
        pos = skipSpace(data, size, member.valueEnd);
        if (pos >= size || data[pos] != ',')
            return std::nullopt;
        pos = skipSpace(data, size, pos + 1);
    }
}

std::optional<QByteArrayView> JsonSplice::leadingString(const QByteArray &json, QByteArrayView key)
{
    const auto member = leadingMember(json, key);
    if (!member)
        return std::nullopt;
    const QByteArrayView value(json.constData() + member->valueBegin,
                               member->valueEnd - member->valueBegin);
    if (value.size() < 2 || value.front() != '"' || value.contains('\\'))
        return std::nullopt;
    return value.sliced(1, value.size() - 2);
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
