#include "HttpResponseWriter.h"

#include "HttpConnection.h"
#include "HttpStatus.h"

HttpResponseWriter::HttpResponseWriter(HttpConnection *connection, bool headRequest,
                                       bool closeAfterResponse)
    : m_connection(connection), m_headRequest(headRequest), m_closeAfterResponse(closeAfterResponse)
{}

HttpResponseWriter::HttpResponseWriter(HttpResponseWriter &&other) noexcept
{
    *this = std::move(other);
}

HttpResponseWriter &HttpResponseWriter::operator=(HttpResponseWriter &&other) noexcept
{
    if (this == &other)
        return *this;
    if (m_connection && !m_finished)
        m_connection->writerDropped();
    m_connection = std::exchange(other.m_connection, nullptr);
    m_requestId = std::move(other.m_requestId);
    m_commonHeaders = std::move(other.m_commonHeaders);
    m_captured = std::move(other.m_captured);
    m_heldHead = std::move(other.m_heldHead);
    m_captureLimit = other.m_captureLimit;
    m_bytesWritten = other.m_bytesWritten;
    m_status = other.m_status;
    m_headRequest = other.m_headRequest;
    m_closeAfterResponse = other.m_closeAfterResponse;
    m_announceKeepAlive = other.m_announceKeepAlive;
    m_started = other.m_started;
    m_finished = other.m_finished;
    return *this;
}

HttpResponseWriter::~HttpResponseWriter()
{
    if (m_connection && !m_finished)
        m_connection->writerDropped();
}

bool HttpResponseWriter::isConnected() const
{
    return m_connection && m_connection->isOpen();
}

QTcpSocket *HttpResponseWriter::socket() const
{
    return m_connection ? m_connection->socket() : nullptr;
}

void HttpResponseWriter::addCommonHeader(const QByteArray &name, const QByteArray &value)
{
    m_commonHeaders.append({name, value});
}

QByteArray HttpResponseWriter::head(int status, const HeaderList &headers, qsizetype bodyRoom) const
{
    QByteArray out;
    out.reserve(320 + bodyRoom); // one allocation for the head and what follows it
    out += "HTTP/1.1 ";
    out += QByteArray::number(status);
    out += ' ';
    out += httpReasonPhrase(status);
    out += "\r\n";
    if (!m_requestId.isEmpty()) {
        out += "x-request-id: ";
        out += m_requestId;
        out += "\r\n";
    }
    for (const auto &h : m_commonHeaders) {
        out += h.first;
        out += ": ";
        out += h.second;
        out += "\r\n";
    }
    for (const auto &h : headers) {
        out += h.first;
        out += ": ";
        out += h.second;
        out += "\r\n";
    }
    if (m_closeAfterResponse)
        out += "Connection: close\r\n";
    else if (m_announceKeepAlive)
        out += "Connection: keep-alive\r\n";
    return out;
}

void HttpResponseWriter::writeRaw(const QByteArray &bytes)
{
    if (!isConnected())
        return;
    m_connection->send(bytes);
    m_bytesWritten += bytes.size();
}

void HttpResponseWriter::capture(const QByteArray &bytes)
{
    if (m_captured.size() < m_captureLimit)
        m_captured += bytes.left(m_captureLimit - m_captured.size());
}

void HttpResponseWriter::writeResponse(int status, const HeaderList &headers,
                                       const QByteArray &body)
{
    if (m_started)
        return;
    m_started = true;
    m_status = status;
    QByteArray out = head(status, headers, m_headRequest ? 0 : body.size());
    out += "Content-Length: ";
    out += QByteArray::number(body.size());
    out += "\r\n\r\n";
    // A HEAD answer states the length of the body it leaves out; sending the body would be
    // read as the start of the next response.
    if (!m_headRequest) {
        out += body;
        capture(body);
    }
    writeRaw(out);
    finish();
}

void HttpResponseWriter::writeJson(int status, const QByteArray &json,
                                   const HeaderList &extraHeaders)
{
    HeaderList headers{{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    headers += extraHeaders;
    writeResponse(status, headers, json);
}

void HttpResponseWriter::beginStream(int status, const HeaderList &headers, bool holdHead)
{
    if (m_started)
        return;
    m_started = true;
    m_status = status;
    QByteArray out = head(status, headers, 512);
    out += "Transfer-Encoding: chunked\r\n\r\n";
    if (holdHead && !m_headRequest) {
        m_heldHead = std::move(out);
        return;
    }
    writeRaw(out);
    if (m_headRequest)
        finish();
}

void HttpResponseWriter::flushHeldHead()
{
    if (m_heldHead.isEmpty())
        return;
    writeRaw(std::exchange(m_heldHead, QByteArray()));
}

void HttpResponseWriter::appendChunk(QByteArray &out, const QByteArray &data)
{
    capture(data);
    out += QByteArray::number(data.size(), 16);
    out += "\r\n";
    out += data;
    out += "\r\n";
}

void HttpResponseWriter::writeChunk(const QByteArray &data)
{
    if (!m_started || m_finished || data.isEmpty())
        return;
    // The held head, if any, leaves with the first chunk.
    QByteArray out = std::exchange(m_heldHead, QByteArray());
    out.reserve(out.size() + data.size() + 12);
    appendChunk(out, data);
    writeRaw(out);
}

void HttpResponseWriter::endStream(const QByteArray &lastChunk)
{
    if (!m_started || m_finished)
        return;
    QByteArray out = std::exchange(m_heldHead, QByteArray());
    out.reserve(out.size() + lastChunk.size() + 17);
    if (!lastChunk.isEmpty())
        appendChunk(out, lastChunk);
    out += "0\r\n\r\n";
    writeRaw(out);
    finish();
}

void HttpResponseWriter::finish()
{
    m_finished = true;
    if (m_connection)
        m_connection->responseFinished(m_closeAfterResponse);
}
