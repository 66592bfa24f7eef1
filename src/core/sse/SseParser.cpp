#include "SseParser.h"

QList<SseEvent> SseParser::feed(const QByteArray &bytes)
{
    QList<SseEvent> out;
    m_bytesFed += bytes.size();
    const char *p = bytes.constData();
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    if (m_skipLeadingLf && size > 0) {
        m_skipLeadingLf = false;
        if (p[0] == '\n')
            i = 1;
    }
    qsizetype lineStart = i;
    for (; i < size; ++i) {
        const char c = p[i];
        if (c != '\n' && c != '\r')
            continue;
        m_line.append(p + lineStart, i - lineStart);
        processLine(m_line, out);
        m_line.clear();
        if (c == '\r') {
            if (i + 1 < size) {
                if (p[i + 1] == '\n')
                    ++i;
            } else {
                m_skipLeadingLf = true; // the LF of this CRLF may come in the next piece
            }
        }
        lineStart = i + 1;
    }
    if (lineStart < size)
        m_line.append(p + lineStart, size - lineStart);
    return out;
}

void SseParser::processLine(const QByteArray &line, QList<SseEvent> &out)
{
    if (line.isEmpty()) {
        // A blank line dispatches the event; one without data is dropped, per the standard.
        if (m_hasData)
            out.append(std::move(m_current));
        m_current = SseEvent();
        m_hasFields = false;
        m_hasData = false;
        return;
    }
    if (line.startsWith(':')) {
        SseEvent comment;
        comment.isComment = true;
        comment.comment = line.mid(1);
        out.append(std::move(comment));
        return;
    }
    const qsizetype colon = line.indexOf(':');
    QByteArray field = colon < 0 ? line : line.left(colon);
    QByteArray value;
    if (colon >= 0) {
        qsizetype valueStart = colon + 1;
        if (valueStart < line.size() && line.at(valueStart) == ' ')
            ++valueStart;
        value = line.mid(valueStart);
    }
    m_hasFields = true;
    if (field == "data") {
        if (m_hasData)
            m_current.data += '\n';
        m_current.data += value;
        m_hasData = true;
    } else if (field == "event") {
        m_current.event = value;
    } else if (field == "id") {
        m_current.id = value;
    }
    // "retry" and unknown fields are ignored, as the standard says.
}
