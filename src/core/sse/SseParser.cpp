#include "SseParser.h"

#include <cstring>

namespace {
/// The first CR or LF in [p, end), or end. LF-only streams (nearly all of them) cost one
/// memchr per line; a CR is looked for only before the LF found.
const char *findLineEnd(const char *p, const char *end)
{
    const char *lf = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
    const char *limit = lf ? lf : end;
    const char *cr = static_cast<const char *>(std::memchr(p, '\r', size_t(limit - p)));
    return cr ? cr : limit;
}

bool fieldIs(const char *line, qsizetype nameLength, const char *name)
{
    return qsizetype(std::strlen(name)) == nameLength &&
           std::memcmp(line, name, size_t(nameLength)) == 0;
}
} // namespace

SseParser::SseParser(qsizetype maxLineBytes, qsizetype maxEventBytes)
    : m_maxLineBytes(qMax<qsizetype>(1, maxLineBytes)),
      m_maxEventBytes(qMax<qsizetype>(1, maxEventBytes))
{}

QList<SseEvent> SseParser::feed(const QByteArray &bytes)
{
    QList<SseEvent> out;
    if (m_error != Error::None)
        return out;
    m_bytesFed += bytes.size();
    const char *p = bytes.constData();
    const char *const end = p + bytes.size();
    if (m_skipLeadingLf && p < end) {
        m_skipLeadingLf = false;
        if (*p == '\n')
            ++p;
    }
    while (p < end) {
        const char *lineEnd = findLineEnd(p, end);
        const qsizetype pieceSize = lineEnd - p;
        if (m_line.size() + pieceSize > m_maxLineBytes) {
            fail(Error::LineTooLong);
            return out;
        }
        if (lineEnd == end) { // the line goes on in the next piece
            m_line.append(p, pieceSize);
            break;
        }
        bool ok;
        if (m_line.isEmpty()) {
            ok = processLine(p, pieceSize, out);
        } else {
            m_line.append(p, pieceSize);
            ok = processLine(m_line.constData(), m_line.size(), out);
            m_line.clear();
        }
        if (!ok)
            return out;
        p = lineEnd + 1;
        if (*lineEnd == '\r') {
            if (p < end) {
                if (*p == '\n')
                    ++p;
            } else {
                m_skipLeadingLf = true; // the LF of this CRLF may come in the next piece
            }
        }
    }
    return out;
}

bool SseParser::processLine(const char *line, qsizetype size, QList<SseEvent> &out)
{
    if (size == 0) {
        // A blank line dispatches the event; one without data is dropped, per the standard.
        if (m_hasData)
            out.append(std::move(m_current));
        m_current = SseEvent();
        m_eventBytes = 0;
        m_hasFields = false;
        m_hasData = false;
        return true;
    }
    if (line[0] == ':') {
        SseEvent comment;
        comment.isComment = true;
        comment.comment = QByteArray(line + 1, size - 1);
        out.append(std::move(comment));
        return true;
    }
    const char *colon = static_cast<const char *>(std::memchr(line, ':', size_t(size)));
    const qsizetype nameLength = colon ? colon - line : size;
    const char *value = line + size;
    if (colon) {
        value = colon + 1;
        if (value < line + size && *value == ' ')
            ++value;
    }
    const qsizetype valueLength = line + size - value;
    m_hasFields = true;
    // Every field line counts, known or not: an endless run of lines without a blank one is
    // what the event limit is there to stop.
    m_eventBytes += size + 1;
    if (m_eventBytes > m_maxEventBytes) {
        fail(Error::EventTooLarge);
        return false;
    }
    if (fieldIs(line, nameLength, "data")) {
        if (m_hasData)
            m_current.data += '\n';
        m_current.data.append(value, valueLength);
        m_hasData = true;
    } else if (fieldIs(line, nameLength, "event")) {
        m_current.event = QByteArray(value, valueLength);
    } else if (fieldIs(line, nameLength, "id")) {
        m_current.id = QByteArray(value, valueLength);
    }
    // "retry" and unknown fields are ignored, as the standard says.
    return true;
}

void SseParser::fail(Error error)
{
    m_error = error;
    // What was held is dropped at once: the call ends, nothing of it will be used.
    m_line = QByteArray();
    m_current = SseEvent();
    m_eventBytes = 0;
}
