#pragma once

#include "IncomingRequest.h"

#include <QString>

/// What a request head may weigh: its bytes (request line and headers) and its header lines.
struct HeadLimits
{
    int maxBytes = 64 * 1024; ///< 431 beyond
    int maxFields = 256;      ///< 431 beyond: many tiny headers cost more than their bytes say
};

/// A request head as parsed: the request (without its body) and what frames it on the wire.
struct RequestHead
{
    IncomingRequest request;
    int minorVersion = 1;          ///< HTTP/1.<minorVersion>
    qint64 contentLength = 0;      ///< the body's announced length (0 when none was announced)
    bool keepAlive = true;         ///< false: the client asked to close (or spoke HTTP/1.0 without
                                   ///< keep-alive); the connection closes after the answer
    bool expectContinue = false;   ///< `Expect: 100-continue`
    bool transferEncoding = false; ///< a Transfer-Encoding header was sent (not accepted)
};

/// Why a head was refused: the status, and English words that say what to fix (they go to
/// API clients in an error body).
struct HeadError
{
    int status = 400;
    QString message;
};

/// Reads one HTTP/1.1 request head (RFC 9112) from bytes as they arrive, whatever way they are
/// split, and stops at its end, so that the bytes after it (the body, a pipelined request)
/// stay with the caller. Strict where leniency lets two parsers disagree (request smuggling,
/// header injection): whitespace before a header's colon, folded lines, control bytes in a
/// value, a stray CR, a malformed Content-Length are each a 400. Accepts bare LF line ends
/// and empty lines before the request line, as RFC 9112 allows.
class RequestHeadParser
{
public:
    enum class Status
    {
        NeedMore, ///< every byte given was consumed; the head is not complete yet
        Complete, ///< head() is ready; `consumed` bytes belonged to it
        Failed    ///< error() says why; the connection cannot go on
    };

    explicit RequestHeadParser(const HeadLimits &limits = {});

    void setLimits(const HeadLimits &limits) { m_limits = limits; }

    /// Reads from `data`; `*consumed` says how many bytes were taken (all of them unless the
    /// head completed earlier).
    Status feed(const char *data, qsizetype size, qsizetype *consumed);

    /// True once any byte of the current head (empty lines included) has arrived.
    bool hasStarted() const { return m_started; }
    /// The complete head (after Complete); the parser is ready for the next one.
    RequestHead takeHead();
    /// After Failed: why. The head's method and path are in partialHead() when they could be read.
    const HeadError &error() const { return m_error; }
    const RequestHead &partialHead() const { return m_head; }

    /// Forgets everything read so far.
    void reset();

private:
    qsizetype scan(const char *base, qsizetype from, qsizetype end);
    Status fail(int status, QString message);
    /// Keeps `size` more bytes of an unfinished head (`dropped`: bytes beyond the limit).
    Status keepPartial(const char *data, qsizetype size, qsizetype dropped);
    Status parse(const char *head, qsizetype size);
    bool parseRequestLine(const char *line, qsizetype size);
    bool parseField(const char *line, qsizetype size);

    HeadLimits m_limits;
    RequestHead m_head;
    HeadError m_error;
    QByteArray m_buffer;        ///< the head so far, when it came in more than one piece
    qsizetype m_lineStart = 0;  ///< where the line being scanned begins (in the head's bytes)
    int m_lines = 0;            ///< complete lines scanned so far
    qsizetype m_emptyLines = 0; ///< bytes of empty lines skipped before the request line
    bool m_started = false;
    bool m_failed = false;
    bool m_sawContentLength = false;
    bool m_closeToken = false;     ///< `Connection: close`
    bool m_keepAliveToken = false; ///< `Connection: keep-alive`
};
