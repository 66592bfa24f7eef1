#pragma once

#include "SseEvent.h"

#include <QList>

/// Incremental Server-Sent Events parser (WHATWG rules): accepts the stream in arbitrary
/// pieces, CR, LF or CRLF line ends, comments and multi-line data.
class SseParser
{
public:
    /// Consumes the next piece of the stream and returns the events it completed, in order.
    QList<SseEvent> feed(const QByteArray &bytes);

    /// True while an event has been started but not yet ended by a blank line.
    bool hasPartialEvent() const { return m_hasFields || !m_line.isEmpty(); }

    /// Total bytes fed so far.
    qint64 bytesFed() const { return m_bytesFed; }

private:
    void processLine(const QByteArray &line, QList<SseEvent> &out);

    QByteArray m_line;
    SseEvent m_current;
    bool m_hasFields = false;
    bool m_hasData = false;
    bool m_skipLeadingLf = false; ///< the previous piece ended in CR: a following LF is its pair
    qint64 m_bytesFed = 0;
};
