#include "RequestHeadParser.h"

#include <QUrl>

#include <cstring>
#include <limits>

namespace {

// A request line longer than this is refused (431) even when the whole head would fit.
constexpr qsizetype kMaxRequestLineBytes = 16 * 1024;
// Content-Length values beyond 18 digits cannot fit a qint64: they are "more than any limit".
constexpr int kMaxLengthDigits = 18;

/// RFC 9110 tchar: the characters of methods and header names.
bool isTokenChar(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
}

bool equalsLower(QByteArrayView value, QByteArrayView lowerCase)
{
    if (value.size() != lowerCase.size())
        return false;
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (lower(value[i]) != lowerCase[i])
            return false;
    }
    return true;
}

/// A piece of client input made safe to quote in an error message.
QString quoted(QByteArrayView bytes)
{
    QString out;
    const qsizetype shown = qMin<qsizetype>(bytes.size(), 60);
    for (qsizetype i = 0; i < shown; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c >= 0x20 && c < 0x7f)
            out += QLatin1Char(char(c));
        else
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
    }
    if (shown < bytes.size())
        out += QStringLiteral("...");
    return out;
}

QByteArrayView trimmedBlanks(QByteArrayView v)
{
    while (!v.isEmpty() && isBlank(v.front()))
        v = v.sliced(1);
    while (!v.isEmpty() && isBlank(v.back()))
        v.chop(1);
    return v;
}

} // namespace

RequestHeadParser::RequestHeadParser(const HeadLimits &limits) : m_limits(limits) {}

void RequestHeadParser::reset()
{
    m_head = RequestHead();
    m_error = HeadError();
    m_buffer.clear();
    m_lineStart = 0;
    m_lines = 0;
    m_emptyLines = 0;
    m_started = false;
    m_failed = false;
    m_sawContentLength = false;
    m_closeToken = false;
    m_keepAliveToken = false;
}

RequestHead RequestHeadParser::takeHead()
{
    RequestHead head = std::move(m_head);
    reset();
    return head;
}

RequestHeadParser::Status RequestHeadParser::fail(int status, QString message)
{
    m_failed = true;
    m_error.status = status;
    m_error.message = std::move(message);
    m_buffer.clear();
    return Status::Failed;
}

qsizetype RequestHeadParser::scan(const char *base, qsizetype from, qsizetype end)
{
    // Finds the empty line that ends the head, counting lines on the way. Returns the head's
    // length (terminator included), -1 when it has not ended yet, -2 for too many lines.
    qsizetype i = from;
    while (i < end) {
        const void *found = std::memchr(base + i, '\n', size_t(end - i));
        if (!found)
            return -1;
        const qsizetype newline = static_cast<const char *>(found) - base;
        qsizetype length = newline - m_lineStart;
        if (length > 0 && base[newline - 1] == '\r')
            --length;
        if (length == 0)
            return newline + 1;
        if (++m_lines > m_limits.maxFields + 1)
            return -2;
        m_lineStart = newline + 1;
        i = newline + 1;
    }
    return -1;
}

RequestHeadParser::Status RequestHeadParser::feed(const char *data, qsizetype size,
                                                  qsizetype *consumed)
{
    *consumed = 0;
    if (m_failed)
        return Status::Failed;
    qsizetype pos = 0;
    if (size > 0)
        m_started = true;
    if (m_buffer.isEmpty()) {
        // RFC 9112 §2.2: empty lines before a request line are ignored (some clients send one
        // after a body).
        while (pos < size && (data[pos] == '\r' || data[pos] == '\n'))
            ++pos;
        m_emptyLines += pos;
        if (m_emptyLines > m_limits.maxBytes) {
            *consumed = pos;
            return fail(400, QStringLiteral("The connection sent only empty lines where a "
                                            "request line was expected."));
        }
        if (pos == size) {
            *consumed = pos;
            return Status::NeedMore;
        }
        // The usual case: the whole head is in this piece. Parse it where it lies.
        const char *head = data + pos;
        const qsizetype available = size - pos;
        const qsizetype end = scan(head, 0, available);
        if (end == -2) {
            *consumed = size;
            return fail(431, QStringLiteral("The request has more than %1 header lines, the "
                                            "gateway's limit.")
                                 .arg(m_limits.maxFields));
        }
        if (end > 0) {
            *consumed = pos + end;
            if (end > m_limits.maxBytes) {
                return fail(431, QStringLiteral("The request headers are larger than the "
                                                "gateway's limit of %1 bytes "
                                                "(limits.maxHeaderBytes).")
                                     .arg(m_limits.maxBytes));
            }
            return parse(head, end);
        }
        // Not complete: keep it (already scanned) and wait for more.
        *consumed = size;
        return keepPartial(head, available, 0);
    }
    // The head arrives in pieces: keep what came so far and scan only the new bytes.
    const qsizetype before = m_buffer.size();
    const qsizetype room = qMax<qsizetype>(0, qsizetype(m_limits.maxBytes) + 1 - before);
    const qsizetype take = qMin(size, room);
    m_buffer.append(data, take);
    const qsizetype end = scan(m_buffer.constData(), before, m_buffer.size());
    if (end == -2) {
        *consumed = size;
        return fail(431, QStringLiteral("The request has more than %1 header lines, the "
                                        "gateway's limit.")
                             .arg(m_limits.maxFields));
    }
    if (end < 0) {
        *consumed = size;
        return keepPartial(nullptr, 0, size - take);
    }
    *consumed = end - before;
    if (end > m_limits.maxBytes) {
        return fail(431, QStringLiteral("The request headers are larger than the gateway's "
                                        "limit of %1 bytes (limits.maxHeaderBytes).")
                             .arg(m_limits.maxBytes));
    }
    const QByteArray head = std::exchange(m_buffer, QByteArray());
    return parse(head.constData(), end);
}

RequestHeadParser::Status RequestHeadParser::keepPartial(const char *data, qsizetype size,
                                                         qsizetype dropped)
{
    const qsizetype room = qMax<qsizetype>(0, qsizetype(m_limits.maxBytes) + 1 - m_buffer.size());
    m_buffer.append(data, qMin(size, room));
    dropped += size - qMin(size, room);
    if (m_buffer.size() + dropped > m_limits.maxBytes) {
        return fail(431, QStringLiteral("The request headers are larger than the gateway's "
                                        "limit of %1 bytes (limits.maxHeaderBytes).")
                             .arg(m_limits.maxBytes));
    }
    if (m_lines == 0 && m_buffer.size() > kMaxRequestLineBytes) {
        return fail(
            431,
            QStringLiteral("The request line is longer than %1 bytes.").arg(kMaxRequestLineBytes));
    }
    return Status::NeedMore;
}

RequestHeadParser::Status RequestHeadParser::parse(const char *head, qsizetype size)
{
    // `head` ends with its empty line. Every line ends with LF (CRLF or a bare LF).
    m_head.request.headers.reserve(m_lines > 0 ? m_lines - 1 : 16);
    qsizetype pos = 0;
    bool first = true;
    while (pos < size) {
        const char *newline =
            static_cast<const char *>(std::memchr(head + pos, '\n', size_t(size - pos)));
        const qsizetype end = newline - head;
        qsizetype length = end - pos;
        if (length > 0 && head[end - 1] == '\r')
            --length;
        const char *line = head + pos;
        pos = end + 1;
        if (length == 0)
            break; // the empty line that ends the head
        if (std::memchr(line, '\r', size_t(length))) {
            return fail(400, QStringLiteral("A request line or header contains a CR that does not "
                                            "end the line."));
        }
        if (first) {
            first = false;
            if (length > kMaxRequestLineBytes) {
                return fail(431, QStringLiteral("The request line is longer than %1 bytes.")
                                     .arg(kMaxRequestLineBytes));
            }
            if (!parseRequestLine(line, length))
                return Status::Failed;
        } else if (!parseField(line, length)) {
            return Status::Failed;
        }
    }
    if (m_head.request.headers.size() > m_limits.maxFields) {
        return fail(431, QStringLiteral("The request has more than %1 header lines, the "
                                        "gateway's limit.")
                             .arg(m_limits.maxFields));
    }
    // HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 only when asked to.
    m_head.keepAlive = !m_closeToken && (m_head.minorVersion >= 1 || m_keepAliveToken);
    if (m_head.transferEncoding && m_sawContentLength) {
        return fail(400, QStringLiteral("The request has both Transfer-Encoding and "
                                        "Content-Length; send only Content-Length."));
    }
    if (m_head.transferEncoding) {
        return fail(411, QStringLiteral("Send the request body with a Content-Length header; "
                                        "chunked request bodies are not accepted."));
    }
    return Status::Complete;
}

bool RequestHeadParser::parseRequestLine(const char *line, qsizetype size)
{
    const QByteArrayView view(line, size);
    const auto bad = [this, view] {
        fail(400, QStringLiteral("The request line '%1' is not valid HTTP/1.1; send "
                                 "'METHOD /path HTTP/1.1'.")
                      .arg(quoted(view)));
        return false;
    };
    const qsizetype firstSpace = view.indexOf(' ');
    if (firstSpace <= 0)
        return bad();
    for (qsizetype i = 0; i < firstSpace; ++i) {
        if (!isTokenChar(static_cast<unsigned char>(line[i])))
            return bad();
    }
    const qsizetype secondSpace = view.sliced(firstSpace + 1).indexOf(' ');
    if (secondSpace <= 0)
        return bad();
    const QByteArrayView target = view.sliced(firstSpace + 1, secondSpace);
    const QByteArrayView version = view.sliced(firstSpace + 1 + secondSpace + 1);
    m_head.request.method = QByteArray(line, firstSpace);

    if (version.size() != 8 || !version.startsWith("HTTP/") || version[6] != '.' ||
        version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9')
        return bad();
    if (version[5] != '1') {
        fail(version[5] == '0' ? 400 : 505,
             QStringLiteral("The gateway speaks HTTP/1.1 (and 1.0); the request asked for %1.")
                 .arg(quoted(version)));
        return false;
    }
    m_head.minorVersion = version[7] - '0';

    for (const char c : target) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '#')
            return bad();
    }
    // origin-form (/path?query), absolute-form (http://host/path, what proxies send) or, for
    // OPTIONS, asterisk-form.
    QByteArrayView pathAndQuery;
    if (target.startsWith('/')) {
        pathAndQuery = target;
    } else if (target == "*" && m_head.request.method == "OPTIONS") {
        pathAndQuery = target;
    } else {
        qsizetype schemeEnd = -1;
        if (target.size() > 7 && equalsLower(target.first(7), "http://"))
            schemeEnd = 7;
        else if (target.size() > 8 && equalsLower(target.first(8), "https://"))
            schemeEnd = 8;
        if (schemeEnd < 0)
            return bad();
        const QByteArrayView rest = target.sliced(schemeEnd);
        qsizetype pathStart = 0;
        while (pathStart < rest.size() && rest[pathStart] != '/' && rest[pathStart] != '?')
            ++pathStart;
        if (pathStart == 0)
            return bad();
        pathAndQuery = rest.sliced(pathStart);
    }
    const qsizetype question = pathAndQuery.indexOf('?');
    QByteArrayView path = question < 0 ? pathAndQuery : pathAndQuery.first(question);
    if (question >= 0)
        m_head.request.query = pathAndQuery.sliced(question + 1).toByteArray();
    if (path.isEmpty())
        path = "/";
    m_head.request.path = path.contains('%') ? QUrl::fromPercentEncoding(path.toByteArray())
                                             : QString::fromLatin1(path.data(), path.size());
    return true;
}

bool RequestHeadParser::parseField(const char *line, qsizetype size)
{
    if (isBlank(line[0])) {
        fail(400, QStringLiteral("A header line starts with a space or tab (a folded header, "
                                 "'obs-fold'), which HTTP/1.1 no longer allows; send each header "
                                 "on one line."));
        return false;
    }
    const QByteArrayView view(line, size);
    const qsizetype colon = view.indexOf(':');
    if (colon <= 0) {
        fail(400,
             QStringLiteral("The header line '%1' has no name followed by ':'.").arg(quoted(view)));
        return false;
    }
    const QByteArrayView name = view.first(colon);
    for (const char c : name) {
        if (isBlank(c)) {
            fail(400, QStringLiteral("The header '%1' has a space before its ':', which HTTP/1.1 "
                                     "forbids; write 'Name: value'.")
                          .arg(quoted(trimmedBlanks(name))));
            return false;
        }
        if (!isTokenChar(static_cast<unsigned char>(c))) {
            fail(400, QStringLiteral("The header name '%1' contains a character that header "
                                     "names may not have.")
                          .arg(quoted(name)));
            return false;
        }
    }
    const QByteArrayView value = trimmedBlanks(view.sliced(colon + 1));
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f) {
            fail(400, QStringLiteral("The value of the header '%1' contains a control character "
                                     "(such as NUL); remove it.")
                          .arg(quoted(name)));
            return false;
        }
    }
    QByteArray lowerName(name.data(), name.size());
    for (char &c : lowerName)
        c = lower(c);

    if (lowerName == "content-length") {
        if (value.isEmpty()) {
            fail(400, QStringLiteral("The Content-Length header is empty; send the body's "
                                     "length in bytes."));
            return false;
        }
        qint64 length = 0;
        bool huge = false;
        for (const char c : value) {
            if (c < '0' || c > '9') {
                fail(400, QStringLiteral("The Content-Length header '%1' is not a number of "
                                         "bytes.")
                              .arg(quoted(value)));
                return false;
            }
        }
        if (value.size() > kMaxLengthDigits) {
            huge = true;
        } else {
            for (const char c : value)
                length = length * 10 + (c - '0');
        }
        if (huge)
            length = std::numeric_limits<qint64>::max();
        if (m_sawContentLength && length != m_head.contentLength) {
            fail(400, QStringLiteral("The request has two different Content-Length headers."));
            return false;
        }
        m_head.contentLength = length;
        m_sawContentLength = true;
    } else if (lowerName == "transfer-encoding") {
        m_head.transferEncoding = true;
    } else if (lowerName == "connection") {
        for (QByteArrayView rest = value; !rest.isEmpty();) {
            const qsizetype comma = rest.indexOf(',');
            const QByteArrayView token = trimmedBlanks(comma < 0 ? rest : rest.first(comma));
            rest = comma < 0 ? QByteArrayView() : rest.sliced(comma + 1);
            if (equalsLower(token, "close"))
                m_closeToken = true;
            else if (equalsLower(token, "keep-alive"))
                m_keepAliveToken = true;
        }
    } else if (lowerName == "expect") {
        if (!equalsLower(value, "100-continue")) {
            fail(417, QStringLiteral("The gateway supports only 'Expect: 100-continue'."));
            return false;
        }
        m_head.expectContinue = m_head.minorVersion >= 1;
    }
    m_head.request.headers.append({std::move(lowerName), value.toByteArray()});
    return true;
}
