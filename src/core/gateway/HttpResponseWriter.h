#pragma once

#include "config/ProviderSettings.h"

#include <QPointer>
#include <QTcpSocket>

/// Writes one HTTP/1.1 answer straight to the client socket: a whole response, or a stream
/// framed in chunked encoding by hand (QHttpServer 6.4 has no chunked writer). Every write
/// checks the socket through a QPointer first: 6.4's responder keeps a raw pointer and
/// crashes when the client has already left.
class HttpResponseWriter
{
public:
    /// `closeAfterResponse`: the client asked for `Connection: close` (or spoke HTTP/1.0).
    HttpResponseWriter(QTcpSocket *socket, bool closeAfterResponse);

    bool isConnected() const;
    QTcpSocket *socket() const { return m_socket.data(); }
    bool hasStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }

    /// Headers that every answer on this connection carries (e.g. CORS).
    void addCommonHeader(const QByteArray &name, const QByteArray &value);

    void writeResponse(int status, const HeaderList &headers, const QByteArray &body);
    void writeJson(int status, const QByteArray &json, const HeaderList &extraHeaders = {});

    /// Starts a chunked stream (status line and headers go out at once).
    void beginStream(int status, const HeaderList &headers);
    /// Sends one chunk; empty data sends nothing (an empty chunk would end the stream).
    void writeChunk(const QByteArray &data);
    void endStream();

    /// Bytes written to the client so far (headers included).
    qint64 bytesWritten() const { return m_bytesWritten; }

private:
    void writeRaw(const QByteArray &bytes);
    QByteArray head(int status, const HeaderList &headers) const;
    void finish();

    QPointer<QTcpSocket> m_socket;
    HeaderList m_commonHeaders;
    bool m_closeAfterResponse;
    bool m_started = false;
    bool m_finished = false;
    qint64 m_bytesWritten = 0;
};
