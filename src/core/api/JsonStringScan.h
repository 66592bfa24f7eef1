#pragma once

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Where a JSON string's plain run ends, and whether an escape is one JSON allows: shared by
/// JsonReader (unescaping), JsonTree::parseChecked (checking) and JsonWriter (escaping), which
/// copy the bytes between such points whole. Also where a number ends, so that JsonReader and
/// the checked tree take exactly the same numbers.
namespace JsonStringScan {

namespace Detail {

/// The first '"' or '\\' in [p, end), and also the first control character (below 0x20) when
/// StopAtControl and the first byte from 0x80 up when StopAtNonAscii; or end. Looks at 16
/// bytes at a time where SSE2 is available. One loop for the three scans below, so that they
/// cannot drift apart.
template <bool StopAtControl, bool StopAtNonAscii>
inline const char *findFirst(const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i control = _mm_set1_epi8(0x1F);
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash));
        if constexpr (StopAtControl)
            hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_min_epu8(v, control), v)); // v <= 0x1F
        int mask = _mm_movemask_epi8(hit);
        if constexpr (StopAtNonAscii)
            mask |= _mm_movemask_epi8(v); // the sign bit marks the bytes from 0x80 up
        if (mask != 0)
            return p + __builtin_ctz(static_cast<unsigned>(mask));
        p += 16;
    }
#endif
    for (; p < end; ++p) {
        const auto byte = static_cast<unsigned char>(*p);
        if (byte == '"' || byte == '\\' || (StopAtControl && byte < 0x20) ||
            (StopAtNonAscii && byte >= 0x80))
            break;
    }
    return p;
}

} // namespace Detail

/// The first '"', '\\' or control character (below 0x20) in [p, end), or end.
inline const char *findSpecial(const char *p, const char *end)
{
    return Detail::findFirst<true, false>(p, end);
}

/// The first '"', '\\' or byte of a multi-byte UTF-8 character (0x80 and above) in [p, end),
/// or end: where a count of ASCII characters must look closer (TokenEstimator).
inline const char *findSpecialOrNonAscii(const char *p, const char *end)
{
    return Detail::findFirst<false, true>(p, end);
}

/// The first '"', '\\', control character (below 0x20) or byte of a multi-byte UTF-8
/// character (0x80 and above) in [p, end), or end: where a check of a string's text, UTF-8
/// included, must look closer (JsonTree::parseChecked).
inline const char *findSpecialOrMultibyte(const char *p, const char *end)
{
    return Detail::findFirst<true, true>(p, end);
}

/// At a byte from 0x80 up: one past the UTF-8 character it begins, when that is one UTF-8
/// allows (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF, as
/// QByteArray::isValidUtf8 decides); else null.
inline const char *utf8CharacterEnd(const char *p, const char *end)
{
    const auto byte = [](const char *at) { return static_cast<unsigned char>(*at); };
    const auto continuation = [&byte](const char *at) { return (byte(at) & 0xC0) == 0x80; };
    const unsigned lead = byte(p);
    int length = 0;
    unsigned low = 0x80; // the second byte's range, narrowed where the lead allows less
    unsigned high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            low = 0xA0; // overlong below
        else if (lead == 0xED)
            high = 0x9F; // surrogates above
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            low = 0x90; // overlong below
        else if (lead == 0xF4)
            high = 0x8F; // past U+10FFFF above
    } else {
        return nullptr;
    }
    if (end - p < length || byte(p + 1) < low || byte(p + 1) > high)
        return nullptr;
    for (int i = 2; i < length; ++i) {
        if (!continuation(p + i))
            return nullptr;
    }
    return p + length;
}

inline int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// The four hex digits at `p` (before `end`) as a number.
inline bool hex4At(const char *p, const char *end, unsigned *out)
{
    if (end - p < 4)
        return false;
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
        const int h = hexValue(p[i]);
        if (h < 0)
            return false;
        v = (v << 4) | unsigned(h);
    }
    *out = v;
    return true;
}

/// After a backslash at `p - 1`: one past the escape, if it is one JSON allows and a \u
/// surrogate comes in a pair (as JsonReader decides); else null.
inline const char *escapeEnd(const char *p, const char *end)
{
    if (p >= end)
        return nullptr;
    switch (*p) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
        return p + 1;
    case 'u':
        break;
    default:
        return nullptr;
    }
    unsigned cp = 0;
    if (!hex4At(p + 1, end, &cp) || (cp >= 0xDC00 && cp <= 0xDFFF))
        return nullptr;
    p += 5;
    if (cp < 0xD800 || cp > 0xDBFF)
        return p;
    unsigned low = 0;
    if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4At(p + 2, end, &low) || low < 0xDC00 ||
        low > 0xDFFF)
        return nullptr;
    return p + 6;
}

inline bool isDigit(char c)
{
    return static_cast<unsigned>(c - '0') < 10u;
}

/// The first byte in [p, end) that is not a digit, or end.
inline const char *digitsEnd(const char *p, const char *end)
{
    while (p < end && isDigit(*p))
        ++p;
    return p;
}

/// A JSON number as numberAt found it.
struct Number
{
    const char *end = nullptr; ///< one past it; null when the text is not a number
    bool integer = false;      ///< written without a fraction or an exponent
    /// Written with an exponent or longer than 300 characters: only such a number can be out
    /// of a double's range (the others are below 1e300 and, when not 0, above 1e-300).
    bool mayBeOutOfRange = false;
};

/// The JSON number that starts at `p` (before `end`):
/// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, not followed by a digit (01). Its end is
/// null when the grammar is broken there (-, 1., .5, +1, 1e, 1e+, 01). Always inlined: GCC
/// otherwise calls it from the scanners' value() and the call and the returned struct cost
/// the scanner that checked large bodies then about 5% more instructions on a body full of
/// numbers.
[[gnu::always_inline]] inline Number numberAt(const char *p, const char *end)
{
    const char *start = p;
    if (p < end && *p == '-')
        ++p;
    if (p >= end || !isDigit(*p))
        return {};
    if (*p == '0') {
        ++p;
        if (p < end && isDigit(*p))
            return {}; // a leading zero
    } else {
        p = digitsEnd(p + 1, end);
    }
    bool integer = true;
    bool exponent = false;
    if (p < end && *p == '.') {
        integer = false;
        ++p;
        if (p >= end || !isDigit(*p))
            return {};
        p = digitsEnd(p + 1, end);
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        integer = false;
        exponent = true;
        ++p;
        if (p < end && (*p == '+' || *p == '-'))
            ++p;
        if (p >= end || !isDigit(*p))
            return {};
        p = digitsEnd(p + 1, end);
    }
    return {p, integer, exponent || p - start > 300};
}

} // namespace JsonStringScan
