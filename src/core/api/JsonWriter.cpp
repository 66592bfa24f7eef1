#include "JsonWriter.h"

#include <QCborValue>
#include <QLocale>

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace {

/// The first byte in [p, end) that JSON must escape ('"', '\\' or a control character).
const char *findEscape(const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i control = _mm_set1_epi8(0x1F);
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i hit =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                         _mm_cmpeq_epi8(_mm_min_epu8(v, control), v)); // v <= 0x1F
        const int mask = _mm_movemask_epi8(hit);
        if (mask != 0)
            return p + __builtin_ctz(uint(mask));
        p += 16;
    }
#endif
    while (p < end && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20)
        ++p;
    return p;
}

void writeString(QByteArray &out, const QString &s)
{
    // Qt writes the UTF-8 of the string with these escapes (lower-case hex for the others
    // below 0x20), and nothing else escaped.
    const QByteArray utf8 = s.toUtf8();
    const char *p = utf8.constData();
    const char *end = p + utf8.size();
    out += '"';
    while (p < end) {
        const char *run = findEscape(p, end);
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
        default: {
            static const char hex[] = "0123456789abcdef";
            const char escaped[] = {'\\', 'u', '0', '0', hex[(c >> 4) & 0xF], hex[c & 0xF]};
            out.append(escaped, sizeof escaped);
        }
        }
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
