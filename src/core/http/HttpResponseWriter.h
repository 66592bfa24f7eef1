#pragma once

#include "HttpHeaders.h"

#include <QPointer>

class HttpConnection;
class QTcpSocket;

/// Writes the answer to one request on its connection: a whole response, or a stream framed
/// in chunked encoding. Move-only: whoever holds it owes the client that answer. A HEAD
/// request gets the same status and headers without a body. Writing to a client that has
/// left does nothing (the connection is tracked through a QPointer).
class HttpResponseWriter
{
public:
    /// A writer with no connection (every write does nothing).
    HttpResponseWriter() = default;
    HttpResponseWriter(HttpConnection *connection, bool headRequest, bool closeAfterResponse);
    HttpResponseWriter(HttpResponseWriter &&other) noexcept;
    HttpResponseWriter &operator=(HttpResponseWriter &&other) noexcept;
    HttpResponseWriter(const HttpResponseWriter &) = delete;
    HttpResponseWriter &operator=(const HttpResponseWriter &) = delete;
    /// A writer dropped before its answer was complete closes the connection: the client
    /// must not wait for an answer that will never come.
    ~HttpResponseWriter();

    bool isConnected() const;
    /// The client's socket (its `disconnected` tells that the client left), or nullptr.
    QTcpSocket *socket() const;
    bool hasStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }
    /// The status written (0 before the answer began).
    int status() const { return m_status; }

    /// Sent as `x-request-id` on the answer.
    void setRequestId(const QByteArray &id) { m_requestId = id; }
    QByteArray requestId() const { return m_requestId; }
    /// Headers that the answer carries besides its own (e.g. CORS).
    void addCommonHeader(const QByteArray &name, const QByteArray &value);
    /// Ends the connection after this answer (`Connection: close` is sent).
    void setCloseAfterResponse(bool close) { m_closeAfterResponse = close; }
    /// Says `Connection: keep-alive` when the connection stays open (HTTP/1.0 clients assume
    /// it closes unless told so).
    void setAnnounceKeepAlive(bool announce) { m_announceKeepAlive = announce; }
    bool closesAfterResponse() const { return m_closeAfterResponse; }
    /// Keeps a copy of up to `maxBytes` of the body written (for the request log).
    void captureBody(qsizetype maxBytes) { m_captureLimit = maxBytes; }
    QByteArray capturedBody() const { return m_captured; }

    void writeResponse(int status, const HeaderList &headers, const QByteArray &body);
    void writeJson(int status, const QByteArray &json, const HeaderList &extraHeaders = {});

    /// Starts a chunked stream. The status line and headers go out at once, or, with
    /// `holdHead`, with the first chunk written next (one write and one wake-up of the client
    /// instead of two, when the first piece of the body is already at hand) or at
    /// flushHeldHead(), whichever comes first.
    void beginStream(int status, const HeaderList &headers, bool holdHead = false);
    /// Sends the held head now, if beginStream() held one.
    void flushHeldHead();
    /// Sends one chunk; empty data sends nothing (an empty chunk would end the stream).
    void writeChunk(const QByteArray &data);
    /// Ends the stream, after `lastChunk` if it is not empty, in one write.
    void endStream(const QByteArray &lastChunk = {});

    /// Bytes written to the client so far (headers included).
    qint64 bytesWritten() const { return m_bytesWritten; }

private:
    void writeRaw(const QByteArray &bytes);
    /// The status line and headers, in a buffer with room for `bodyRoom` more bytes.
    QByteArray head(int status, const HeaderList &headers, qsizetype bodyRoom = 0) const;
    void capture(const QByteArray &bytes);
    /// Appends `data` to `out` as one chunk (size line, data, CRLF) and captures it.
    void appendChunk(QByteArray &out, const QByteArray &data);
    void finish();

    QPointer<HttpConnection> m_connection;
    QByteArray m_requestId;
    HeaderList m_commonHeaders;
    QByteArray m_captured;
    QByteArray m_heldHead;
    qsizetype m_captureLimit = 0;
    qint64 m_bytesWritten = 0;
    int m_status = 0;
    bool m_headRequest = false;
    bool m_closeAfterResponse = false;
    bool m_announceKeepAlive = false;
    bool m_started = false;
    bool m_finished = false;
};
