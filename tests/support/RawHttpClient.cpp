#include "RawHttpClient.h"

#include "TestClock.h"

#include <QTcpSocket>
#include <QTest>

RawHttpClient::HeaderList &RawHttpClient::defaultHeaders()
{
    static HeaderList headers;
    return headers;
}

RawHttpClient::RawHttpClient(const QUrl &baseUrl, QObject *parent)
    : QObject(parent), m_baseUrl(baseUrl), m_socket(new QTcpSocket(this))
{
    connect(m_socket, &QIODevice::readyRead, this, &RawHttpClient::onReadyRead);
    connect(m_socket, &QAbstractSocket::disconnected, this, &RawHttpClient::onDisconnected);
    connect(m_socket, &QAbstractSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError error) {
                // A refused or reset connection never emits disconnected().
                if (error != QAbstractSocket::RemoteHostClosedError &&
                    m_socket->state() == QAbstractSocket::UnconnectedState)
                    onDisconnected();
            });
}

RawHttpClient::~RawHttpClient()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

void RawHttpClient::startConnecting()
{
    m_socket->connectToHost(m_baseUrl.host(), quint16(m_baseUrl.port()));
}

bool RawHttpClient::connectToServer(int timeoutMs)
{
    if (m_socket->state() == QAbstractSocket::UnconnectedState && !m_disconnected)
        startConnecting();
    return QTest::qWaitFor(
               [this] {
                   return m_socket->state() == QAbstractSocket::ConnectedState || m_disconnected;
               },
               timeoutMs) &&
           isConnected();
}

bool RawHttpClient::isConnected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void RawHttpClient::sendRequest(const QByteArray &method, const QByteArray &path,
                                const QByteArray &body, const HeaderList &headers)
{
    QByteArray out = method + ' ' + path + " HTTP/1.1\r\nHost: " + m_baseUrl.host().toLatin1() +
                     ':' + QByteArray::number(m_baseUrl.port()) + "\r\n";
    bool hasContentType = false;
    for (const auto &h : defaultHeaders())
        out += h.first + ": " + h.second + "\r\n";
    for (const auto &h : headers) {
        out += h.first + ": " + h.second + "\r\n";
        hasContentType = hasContentType || h.first.toLower() == "content-type";
    }
    if (!body.isEmpty() || method == "POST") {
        if (!hasContentType)
            out += "Content-Type: application/json\r\n";
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    out += "\r\n" + body;
    m_headPending.append(method == "HEAD");
    m_socket->write(out);
}

void RawHttpClient::sendRaw(const QByteArray &bytes)
{
    m_socket->write(bytes);
}

bool RawHttpClient::waitForResponse(int timeoutMs, int index)
{
    return QTest::qWaitFor(
               [this, index] {
                   return (index < m_responses.size() && m_responses[index].complete) ||
                          m_disconnected;
               },
               timeoutMs) &&
           index < m_responses.size() && m_responses[index].complete;
}

bool RawHttpClient::waitForHeaders(int timeoutMs, int index)
{
    return QTest::qWaitFor([this, index] { return index < m_responses.size() || m_disconnected; },
                           timeoutMs) &&
           index < m_responses.size();
}

bool RawHttpClient::waitForChunks(int count, int timeoutMs, int index)
{
    const auto enough = [this, count, index] {
        return index < m_responses.size() && m_responses[index].chunks.size() >= count;
    };
    return QTest::qWaitFor([&] { return enough() || m_disconnected; }, timeoutMs) && enough();
}

bool RawHttpClient::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_disconnected; }, timeoutMs);
}

void RawHttpClient::abort()
{
    m_socket->abort();
}

RawHttpResponse RawHttpClient::fetch(const QUrl &baseUrl, const QByteArray &method,
                                     const QByteArray &path, const QByteArray &body,
                                     const HeaderList &headers, int timeoutMs)
{
    RawHttpClient client(baseUrl);
    if (!client.connectToServer(timeoutMs))
        return {};
    client.sendRequest(method, path, body, headers);
    client.waitForResponse(timeoutMs);
    return client.response();
}

void RawHttpClient::onReadyRead()
{
    const QByteArray bytes = m_socket->readAll();
    m_received += bytes;
    m_buffer += bytes;
    parse();
}

void RawHttpClient::onDisconnected()
{
    if (m_disconnected)
        return;
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
    m_disconnected = true;
    m_disconnectedAt = monotonicNowMs();
    if (m_state == State::UntilClose)
        finishResponse();
    Q_EMIT disconnected();
}

bool RawHttpClient::parseHead()
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    m_buffer.remove(0, end + 4);
    RawHttpResponse response;
    const QByteArray statusLine = lines.value(0).trimmed();
    const QList<QByteArray> parts = statusLine.split(' ');
    response.status = parts.value(1).toInt();
    response.reason = statusLine.mid(parts.value(0).size() + parts.value(1).size() + 2);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            response.headers.append(
                {line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    if (response.status >= 100 && response.status < 200)
        return true; // an interim answer (100 Continue): the real one follows
    response.headersAt = monotonicNowMs();
    const bool head = m_headPending.isEmpty() ? false : m_headPending.takeFirst();
    m_responses.append(response);
    RawHttpResponse &r = m_responses.last();
    Q_EMIT headersReceived();
    if (head || r.status == 204 || r.status == 304) {
        finishResponse();
    } else if (r.header("transfer-encoding").toLower().contains("chunked")) {
        r.chunked = true;
        m_state = State::ChunkSize;
    } else if (r.hasHeader("content-length")) {
        m_remaining = r.header("content-length").toLongLong();
        m_state = State::Body;
        if (m_remaining == 0)
            finishResponse();
    } else {
        m_state = State::UntilClose;
    }
    return true;
}

void RawHttpClient::parse()
{
    while (true) {
        switch (m_state) {
        case State::Status:
            if (!parseHead())
                return;
            break;
        case State::Body: {
            if (m_buffer.isEmpty())
                return;
            const QByteArray take = m_buffer.left(m_remaining);
            m_buffer.remove(0, take.size());
            m_responses.last().body += take;
            m_remaining -= take.size();
            if (m_remaining == 0)
                finishResponse();
            break;
        }
        case State::UntilClose:
            m_responses.last().body += m_buffer;
            m_buffer.clear();
            return;
        case State::ChunkSize: {
            const qsizetype eol = m_buffer.indexOf("\r\n");
            if (eol < 0)
                return;
            QByteArray sizeField = m_buffer.left(eol);
            m_buffer.remove(0, eol + 2);
            const qsizetype semicolon = sizeField.indexOf(';');
            if (semicolon >= 0)
                sizeField.truncate(semicolon);
            bool ok = false;
            m_remaining = sizeField.trimmed().toLongLong(&ok, 16);
            if (!ok) {
                qWarning("RawHttpClient: bad chunk size line '%s'", sizeField.constData());
                m_socket->abort();
                return;
            }
            if (m_remaining == 0) {
                m_state = State::Trailer;
            } else {
                m_responses.last().chunks.append(QByteArray());
                m_state = State::ChunkData;
            }
            break;
        }
        case State::ChunkData: {
            if (m_buffer.isEmpty())
                return;
            const QByteArray take = m_buffer.left(m_remaining);
            m_buffer.remove(0, take.size());
            RawHttpResponse &r = m_responses.last();
            r.chunks.last() += take;
            r.body += take;
            m_remaining -= take.size();
            if (m_remaining == 0) {
                r.chunkTimes.append(monotonicNowMs());
                m_state = State::ChunkEnd;
                Q_EMIT chunkReceived();
            }
            break;
        }
        case State::ChunkEnd:
            if (m_buffer.size() < 2)
                return;
            m_buffer.remove(0, 2); // the CRLF after the chunk data
            m_state = State::ChunkSize;
            break;
        case State::Trailer: {
            const qsizetype eol = m_buffer.indexOf("\r\n");
            if (eol < 0)
                return;
            const bool last = eol == 0;
            m_buffer.remove(0, eol + 2);
            if (last)
                finishResponse();
            break;
        }
        }
    }
}

void RawHttpClient::finishResponse()
{
    if (m_responses.isEmpty())
        return;
    RawHttpResponse &r = m_responses.last();
    r.complete = true;
    r.finishedAt = monotonicNowMs();
    m_state = State::Status;
    Q_EMIT responseFinished();
}
