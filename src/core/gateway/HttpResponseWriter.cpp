#include "HttpResponseWriter.h"

#include "ConnectionGuard.h"
#include "HttpStatus.h"

HttpResponseWriter::HttpResponseWriter(QTcpSocket *socket, bool closeAfterResponse)
    : m_socket(socket), m_closeAfterResponse(closeAfterResponse)
{}

bool HttpResponseWriter::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpResponseWriter::addCommonHeader(const QByteArray &name, const QByteArray &value)
{
    m_commonHeaders.append({name, value});
}

QByteArray HttpResponseWriter::head(int status, const HeaderList &headers) const
{
    QByteArray out;
    out.reserve(256);
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + httpReasonPhrase(status) + "\r\n";
    for (const auto &h : m_commonHeaders)
        out += h.first + ": " + h.second + "\r\n";
    for (const auto &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    if (m_closeAfterResponse)
        out += "Connection: close\r\n";
    return out;
}

void HttpResponseWriter::writeRaw(const QByteArray &bytes)
{
    if (!isConnected())
        return;
    m_socket->write(bytes);
    // QTcpSocket would send at the next event-loop pass, after arming a write notifier: an
    // extra wake-up and two epoll_ctl calls per piece. Sending now is cheaper and gets the
    // token to the client sooner; what the kernel does not take stays buffered as before.
    m_socket->flush();
    m_bytesWritten += bytes.size();
}

void HttpResponseWriter::writeResponse(int status, const HeaderList &headers,
                                       const QByteArray &body)
{
    if (m_started)
        return;
    m_started = true;
    writeRaw(head(status, headers) + "Content-Length: " + QByteArray::number(body.size()) +
             "\r\n\r\n" + body);
    finish();
}

void HttpResponseWriter::writeJson(int status, const QByteArray &json,
                                   const HeaderList &extraHeaders)
{
    HeaderList headers{{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    headers += extraHeaders;
    writeResponse(status, headers, json);
}

void HttpResponseWriter::beginStream(int status, const HeaderList &headers)
{
    if (m_started)
        return;
    m_started = true;
    writeRaw(head(status, headers) + "Transfer-Encoding: chunked\r\n\r\n");
}

void HttpResponseWriter::writeChunk(const QByteArray &data)
{
    if (!m_started || m_finished || data.isEmpty())
        return;
    writeRaw(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void HttpResponseWriter::endStream()
{
    if (!m_started || m_finished)
        return;
    writeRaw(QByteArrayLiteral("0\r\n\r\n"));
    finish();
}

void HttpResponseWriter::finish()
{
    m_finished = true;
    if (!isConnected())
        return;
    if (m_closeAfterResponse) {
        m_socket->disconnectFromHost(); // flushes what was written first
        return;
    }
    if (ConnectionGuard *guard = ConnectionGuard::of(m_socket))
        guard->responseFinished();
}
