#include "TokenEstimator.h"

#include "api/JsonStringScan.h"
#include "api/TokenCount.h"

namespace {
constexpr qint64 kImageTokens = 1600;  // Anthropic's cost of a ~1.15 megapixel image
constexpr qint64 kMessageOverhead = 4; // role and block framing
constexpr qint64 kToolOverhead = 10;

/// `p` moved on by `n` bytes, but not past `end` (the text was checked as UTF-8 and JSON;
/// this only keeps a broken one in bounds).
const char *step(const char *p, const char *end, qsizetype n)
{
    return end - p < n ? end : p + n;
}

/// Counts characters as narrow (Latin and the like, four to a token) or wide (one each).
struct CharCount : TokenCount
{
    /// UTF-8 text from `p`, up to `end` or the first '"' or '\\' (returned).
    const char *addUtf8Run(const char *p, const char *end)
    {
        while (p < end) {
            // Mostly ASCII: counted a run at a time.
            const char *run = JsonStringScan::findSpecialOrNonAscii(p, end);
            narrow += run - p;
            p = run;
            if (p >= end)
                break;
            const auto c = static_cast<unsigned char>(*p);
            if (c < 0x80)
                return p; // '"' or '\\'
            addMultibyte(p, end - p);
            p = step(p, end, c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4);
        }
        return end;
    }
};

#if defined(__SSE2__)
/// From `p`, the 16-byte blocks of plain ASCII and two-byte escapes (\n, \", \t...) that
/// lie wholly in the block: a source file's lines, the bulk of an agent's request, where an
/// escape comes every 30 bytes or so. Each such block holds 16 characters less one per
/// escape. Returns where a block that needs a closer look begins (a byte from 0x80 up, a
/// \u or \\ escape, an escape cut by the block's end), or the last 15 bytes.
const char *addPlainBlocks(CharCount &count, const char *p, const char *end)
{
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i u = _mm_set1_epi8('u');
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i lastByte = _mm_slli_si128(_mm_set1_epi8(-1), 15);
    // The backslashes, counted per byte lane (each lane gains at most one a block) and
    // summed before a lane could overflow.
    __m128i escapes = _mm_setzero_si128();
    int blocks = 0;
    const auto sum = [&] {
        const __m128i sums = _mm_sad_epu8(escapes, _mm_setzero_si128());
        count.narrow += 16 * blocks - _mm_cvtsi128_si32(sums) -
                        _mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums));
        escapes = _mm_setzero_si128();
        blocks = 0;
    };
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i backslashes = _mm_cmpeq_epi8(v, backslash);
        const __m128i escaped = _mm_slli_si128(backslashes, 1); // the bytes after one
        // Left to the closer look: a byte from 0x80 up (v's sign bit); an escape that ends in
        // the next block (a backslash in the last byte); \uXXXX; "\\" (and "\\\\\n", which
        // this does not pair up); a quote not escaped, which a string's text cannot hold.
        const __m128i closer = _mm_or_si128(
            _mm_or_si128(v, _mm_and_si128(backslashes, lastByte)),
            _mm_or_si128(_mm_and_si128(_mm_or_si128(_mm_cmpeq_epi8(v, u), backslashes), escaped),
                         _mm_andnot_si128(escaped, _mm_cmpeq_epi8(v, quote))));
        if (_mm_movemask_epi8(closer) != 0)
            break;
        escapes = _mm_sub_epi8(escapes, backslashes); // a match is -1
        p += 16;
        if (++blocks == 255)
            sum();
    }
    sum();
    return p;
}
#endif

/// The characters of a string's text as written between its quotes, each escape counted as
/// the character it stands for.
qint64 stringTokens(QByteArrayView written)
{
    CharCount count;
    const char *p = written.data();
    const char *end = p + written.size();
    while (p < end) {
#if defined(__SSE2__)
        p = addPlainBlocks(count, p, end);
        if (p >= end)
            break;
#endif
        p = count.addUtf8Run(p, end);
        if (p >= end)
            break;
        // A backslash (a string's text holds no bare quote).
        if (end - p >= 6 && p[1] == 'u') {
            unsigned unit = 0;
            JsonStringScan::hex4At(p + 2, end, &unit);
            count.addUnit(unit);
            p += 6;
        } else {
            ++count.narrow;
            p = step(p, end, 2);
        }
    }
    return count.tokens();
}

/// The characters of a JSON value's compact text (its spacing left out), as a string.
qint64 compactJsonTokens(QByteArrayView json)
{
    CharCount count;
    const char *p = json.data();
    const char *end = p + json.size();
    bool inString = false;
    while (p < end) {
        if (inString) {
            p = count.addUtf8Run(p, end);
            if (p >= end)
                break;
            if (*p == '"') {
                inString = false;
                ++count.narrow;
                ++p;
            } else { // an escape, counted as written
                count.narrow += 2;
                p = step(p, end, 2);
            }
            continue;
        }
        const char c = *p++;
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        inString = c == '"';
        ++count.narrow;
    }
    return count.tokens();
}

/// A string value's tokens: counted when the tree was read (a checked tree), else now.
qint64 stringValueTokens(const JsonTree::Value &value)
{
    if (const std::optional<quint32> counted = value.countedTokens())
        return *counted;
    return stringTokens(value.stringBytes());
}

qint64 estimateValue(const JsonTree::Value &value)
{
    if (value.isString())
        return stringValueTokens(value);
    if (value.isArray()) {
        qint64 total = 0;
        for (const JsonTree::Value v : value)
            total += estimateValue(v);
        return total;
    }
    if (!value.isObject())
        return 0;
    const JsonTree::Value type = value.member("type");
    if (type.equals("image") || type.equals("document"))
        return kImageTokens;
    if (type.equals("text"))
        return stringValueTokens(value.member("text"));
    if (type.equals("thinking"))
        return stringValueTokens(value.member("thinking"));
    if (type.equals("tool_use")) {
        const JsonTree::Value input = value.member("input");
        return stringValueTokens(value.member("name")) +
               (input.isObject() ? compactJsonTokens(input.bytes()) : 1); // "{}"
    }
    if (type.equals("tool_result"))
        return kMessageOverhead + estimateValue(value.member("content"));
    return 0;
}
} // namespace

namespace TokenEstimator {

qint64 estimateText(const QString &text)
{
    CharCount count;
    for (const QChar c : text)
        count.addUnit(c.unicode()); // UTF-16 units, as the escapes count them
    return count.tokens();
}

qint64 estimateAnthropicRequest(const JsonTree &request)
{
    const JsonTree::Value root = request.root();
    qint64 total = estimateValue(root.member("system"));
    const JsonTree::Value messages = root.member("messages");
    if (messages.isArray()) {
        for (const JsonTree::Value message : messages)
            total += kMessageOverhead + estimateValue(message.member("content"));
    }
    const JsonTree::Value tools = root.member("tools");
    if (tools.isArray()) {
        for (const JsonTree::Value tool : tools)
            total += kToolOverhead + (tool.isObject() ? compactJsonTokens(tool.bytes()) : 1);
    }
    return qMax<qint64>(1, total);
}

QByteArray countTokensBody(const QByteArray &json)
{
    const auto tree = JsonTree::parseAsQtReads(json);
    const qint64 tokens = tree ? estimateAnthropicRequest(*tree) : 1;
    return QByteArrayLiteral("{\"input_tokens\":") + QByteArray::number(tokens) + '}';
}

} // namespace TokenEstimator
