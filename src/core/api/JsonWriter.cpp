#include "JsonWriter.h"

#include "JsonStringScan.h"

#include <QCborValue>
#include <QLocale>

#include <cstring>

namespace {

void appendUnicodeEscape(QByteArray &out, ushort u)
{
    static const char hex[] = "0123456789abcdef";
    const char escaped[] = {
        '\\', 'u', hex[u >> 12], hex[(u >> 8) & 0xF], hex[(u >> 4) & 0xF], hex[u & 0xF]};
    out.append(escaped, sizeof escaped);
}

/// Appends UTF-8 text with the escapes Qt writes (lower-case hex for the control characters
/// without a short form), and nothing else escaped.
void appendEscaped(QByteArray &out, const char *p, const char *end)
{
    while (p < end) {
        const char *run = JsonStringScan::findSpecial(p, end);
        out.append(p, run - p);
        if (run >= end)
            break;
        const char c = *run;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
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
            appendUnicodeEscape(out, ushort(static_cast<unsigned char>(c)));
        }
        p = run + 1;
    }
}

/// True when `s` holds a surrogate without its pair (JSON text may say "\ud800").
bool hasLoneSurrogate(const QString &s)
{
    const QChar *p = s.constData();
    const QChar *end = p + s.size();
    for (; p < end; ++p) {
        if (!p->isSurrogate())
            continue;
        if (p->isHighSurrogate() && p + 1 < end && (p + 1)->isLowSurrogate())
            ++p;
        else
            return true;
    }
    return false;
}

void writeString(QByteArray &out, const QString &s)
{
    out += '"';
    const QByteArray utf8 = s.toUtf8();
    // toUtf8() turns an unpaired surrogate into '?'; Qt's writer keeps it as \uXXXX, so the
    // text still reads back the same. Rare: looked for only when a '?' is there.
    if (!utf8.contains('?') || !hasLoneSurrogate(s)) {
        appendEscaped(out, utf8.constData(), utf8.constData() + utf8.size());
        out += '"';
        return;
    }
    const QChar *p = s.constData();
    const QChar *end = p + s.size();
    while (p < end) {
        const QChar *run = p;
        while (run < end && !(run->isSurrogate() && !(run->isHighSurrogate() && run + 1 < end &&
                                                      (run + 1)->isLowSurrogate()))) {
            run += run->isHighSurrogate() ? 2 : 1; // a pair is skipped whole
        }
        const QByteArray piece = QStringView(p, run).toUtf8();
        appendEscaped(out, piece.constData(), piece.constData() + piece.size());
        if (run >= end)
            break;
        appendUnicodeEscape(out, run->unicode());
        p = run + 1;
    }
    out += '"';
}

void writeArray(QByteArray &out, const QJsonArray &array);
void writeObject(QByteArray &out, const QJsonObject &object);

void writeValue(QByteArray &out, const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        out += "null";
        break;
    case QJsonValue::Bool:
        out += v.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double: {
        // Stored as an integer or as a double, as Qt's writer tells them apart.
        const QCborValue number = QCborValue::fromJsonValue(v);
        if (number.isInteger()) {
            out += QByteArray::number(number.toInteger());
        } else {
            const double d = v.toDouble();
            if (qIsFinite(d))
                out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
            else
                out += "null";
        }
        break;
    }
    case QJsonValue::String:
        writeString(out, v.toString());
        break;
    case QJsonValue::Array:
        writeArray(out, v.toArray());
        break;
    case QJsonValue::Object:
        writeObject(out, v.toObject());
        break;
    case QJsonValue::Undefined:
        break;
    }
}

void writeArray(QByteArray &out, const QJsonArray &array)
{
    out += '[';
    bool first = true;
    for (const QJsonValue &v : array) {
        if (!first)
            out += ',';
        first = false;
        writeValue(out, v);
    }
    out += ']';
}

void writeObject(QByteArray &out, const QJsonObject &object)
{
    out += '{';
    bool first = true;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!first)
            out += ',';
        first = false;
        writeString(out, it.key());
        out += ':';
        writeValue(out, it.value());
    }
    out += '}';
}

} // namespace

QByteArray JsonWriter::compact(const QJsonObject &object, qsizetype sizeHint)
{
    QByteArray out;
    out.reserve(sizeHint);
    writeObject(out, object);
    return out;
}

QByteArray JsonWriter::compact(const QJsonArray &array, qsizetype sizeHint)
{
    QByteArray out;
    out.reserve(sizeHint);
    writeArray(out, array);
    return out;
}

QByteArray JsonWriter::quoted(const QString &text)
{
    QByteArray out;
    out.reserve(text.size() + 2);
    writeString(out, text);
    return out;
}
