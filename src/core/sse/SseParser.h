#pragma once

#include "SseEvent.h"

#include <QList>

/// Incremental Server-Sent Events parser (WHATWG rules): accepts the stream in arbitrary
/// pieces, CR, LF or CRLF line ends, comments and multi-line data.
///
/// Memory is bounded whatever the stream holds: a line longer than maxLineBytes, or an event
/// whose fields add up to more than maxEventBytes, stops the parser with an error() (a hostile
/// or broken upstream that never sends a line end or a blank line must not grow it forever).
class SseParser
{
public:
    enum class Error
    {
        None,
        LineTooLong,  ///< a line (without its end) went past maxLineBytes
        EventTooLarge ///< an event's fields went past maxEventBytes before its blank line
    };

    static constexpr qsizetype kDefaultMaxLineBytes = 4 * 1024 * 1024;
    static constexpr qsizetype kDefaultMaxEventBytes = 8 * 1024 * 1024;

    SseParser() = default;
    SseParser(qsizetype maxLineBytes, qsizetype maxEventBytes);

    /// Consumes the next piece of the stream and returns the events it completed, in order.
    /// Once error() is set, the events completed before the fault are returned and every
    /// later piece is ignored.
    QList<SseEvent> feed(const QByteArray &bytes);

    /// True while an event has been started but not yet ended by a blank line.
    bool hasPartialEvent() const { return m_hasFields || !m_line.isEmpty(); }

    Error error() const { return m_error; }
    qsizetype maxLineBytes() const { return m_maxLineBytes; }
    qsizetype maxEventBytes() const { return m_maxEventBytes; }

    /// Total bytes fed so far.
    qint64 bytesFed() const { return m_bytesFed; }

private:
    /// Handles one complete line (without its end); false when it broke a limit.
    bool processLine(const char *line, qsizetype size, QList<SseEvent> &out);
    void fail(Error error);

    QByteArray m_line; ///< the start of a line whose end has not arrived yet
    SseEvent m_current;
    qsizetype m_eventBytes = 0; ///< field bytes of m_current so far
    bool m_hasFields = false;
    bool m_hasData = false;
    bool m_skipLeadingLf = false; ///< the previous piece ended in CR: a following LF is its pair
    Error m_error = Error::None;
    qsizetype m_maxLineBytes = kDefaultMaxLineBytes;
    qsizetype m_maxEventBytes = kDefaultMaxEventBytes;
    qint64 m_bytesFed = 0;
};
