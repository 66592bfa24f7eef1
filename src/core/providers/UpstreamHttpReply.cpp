#include "UpstreamHttpReply.h"

#include "UpstreamClientPool.h"
#include "UpstreamConnector.h"
#include "UpstreamTlsTrust.h"
#include "http/SocketWrite.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <cstring>

namespace {
constexpr int kMaxHeadBytes = 256 * 1024;

QByteArray methodName(QNetworkAccessManager::Operation operation)
{
    switch (operation) {
    case QNetworkAccessManager::HeadOperation:
        return QByteArrayLiteral("HEAD");
    case QNetworkAccessManager::GetOperation:
        return QByteArrayLiteral("GET");
    case QNetworkAccessManager::PutOperation:
        return QByteArrayLiteral("PUT");
    case QNetworkAccessManager::PostOperation:
        return QByteArrayLiteral("POST");
    case QNetworkAccessManager::DeleteOperation:
        return QByteArrayLiteral("DELETE");
    default:
        break;
    }
    return QByteArrayLiteral("GET");
}

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

bool containsNoCase(QByteArrayView text, QByteArrayView part)
{
    for (qsizetype at = 0; at + part.size() <= text.size(); ++at) {
        if (sameName(text.sliced(at, part.size()), part))
            return true;
    }
    return false;
}
} // namespace

UpstreamHttpReply::UpstreamHttpReply(QNetworkAccessManager::Operation operation,
                                     const QNetworkRequest &request, const QByteArray &body,
                                     const UpstreamEndpoint &endpoint, UpstreamClientPool &pool,
                                     QObject *parent)
    : QNetworkReply(parent), m_pool(pool), m_endpoint(endpoint), m_key(endpoint.key())
{
    setOperation(operation);
    setRequest(request);
    setUrl(request.url());
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);

    // The whole request in one write (sendmsg of the head and the body, not copied together):
    // head and body leave in one segment.
    // Appended piece by piece into one reserved buffer: chains of operator+ made a temporary
    // per piece (8,000 instructions per request).
    const QUrl url = request.url();
    const QByteArray path = url.path(QUrl::FullyEncoded).toLatin1();
    QByteArray host = m_endpoint.authority();
    if (url.port() <= 0 || url.port() == (m_endpoint.tls ? 443 : 80))
        host.truncate(host.lastIndexOf(':')); // the default port goes unsaid

    m_requestHead.reserve(512);
    m_requestHead.append(methodName(operation)).append(' ');
    // Plain http through a proxy names the whole URL (absolute form); HTTPS goes through a
    // CONNECT tunnel and speaks to the origin as if directly.
    const bool absoluteForm = m_endpoint.viaProxy() && !m_endpoint.tls;
    if (absoluteForm)
        m_requestHead.append("http://").append(m_endpoint.authority());
    m_requestHead.append(path.isEmpty() ? QByteArrayView("/") : QByteArrayView(path));
    if (url.hasQuery())
        m_requestHead.append('?').append(url.query(QUrl::FullyEncoded).toLatin1());
    m_requestHead.append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
    if (absoluteForm) {
        const QByteArray credentials = UpstreamConnector::proxyAuthorization(m_endpoint.proxy);
        if (!credentials.isEmpty())
            m_requestHead.append("Proxy-Authorization: ").append(credentials).append("\r\n");
    }
    bool hasLength = false;
    for (const QByteArray &name : request.rawHeaderList()) {
        if (sameName(name, "Host") || sameName(name, "Connection"))
            continue;
        hasLength = hasLength || sameName(name, "Content-Length");
        m_requestHead.append(name).append(": ").append(request.rawHeader(name)).append("\r\n");
    }
    if (!hasLength && (!body.isEmpty() || operation == QNetworkAccessManager::PostOperation ||
                       operation == QNetworkAccessManager::PutOperation))
        m_requestHead.append("Content-Length: ")
            .append(QByteArray::number(body.size()))
            .append("\r\n");
    m_requestHead.append("\r\n");
    m_requestBody = body;

    m_constructing = true;
    start();
    m_constructing = false;
}

UpstreamHttpReply::~UpstreamHttpReply()
{
    detachSocket(false);
    delete m_connector.data();
}

void UpstreamHttpReply::start()
{
    if (m_endpoint.tls) {
        UpstreamTlsTrust &trusts = m_pool.tlsTrust();
        const UpstreamTlsTrust::Trust &trust = trusts.trust(m_endpoint.caFile);
        if (!trust.ready) {
            // The provider's CA file is being read (off this thread): go on once it is.
            if (!m_waitingForTrust) {
                m_waitingForTrust = true;
                connect(&trusts, &UpstreamTlsTrust::loaded, this, [this](const QString &caFile) {
                    if (caFile == m_endpoint.caFile && !isFinished() && !m_socket && !m_connector)
                        start();
                });
            }
            return;
        }
        if (!trust.error.isEmpty()) {
            fail(SslHandshakeFailedError, trust.error);
            return;
        }
        // Connections and sessions belong to the trust they were made with.
        m_endpoint.trustGeneration = trust.generation;
        m_key = m_endpoint.key();
        m_tls = trust.configuration;
    }
    if (QTcpSocket *idle = m_pool.takeIdleConnection(m_key)) {
        attach(idle, true);
        sendRequest();
        return;
    }
    connectFresh();
}

void UpstreamHttpReply::connectFresh()
{
    QSslConfiguration tls = m_tls ? *m_tls : QSslConfiguration();
    if (m_endpoint.tls) {
        const QByteArray ticket = m_pool.sessionTicket(m_key);
        if (!ticket.isEmpty())
            tls.setSessionTicket(ticket); // resumed when the server still knows it
    }
    m_connector = new UpstreamConnector(m_endpoint, tls, &m_pool, this);
    connect(m_connector, &UpstreamConnector::ready, this, &UpstreamHttpReply::onConnectorReady);
    connect(m_connector, &UpstreamConnector::failed, this,
            [this](NetworkError code, const QString &message) { fail(code, message); });
    m_connector->start();
}

void UpstreamHttpReply::onConnectorReady()
{
    QTcpSocket *socket = m_connector ? m_connector->takeSocket() : nullptr;
    if (m_connector)
        m_connector->deleteLater();
    m_connector.clear();
    if (!socket)
        return;
    if (m_endpoint.tls)
        m_pool.keepSessionTickets(m_key, static_cast<QSslSocket *>(socket));
    attach(socket, false);
    sendRequest();
}

void UpstreamHttpReply::attach(QTcpSocket *socket, bool reused)
{
    m_socket = socket;
    m_reused = reused;
    m_phase = Phase::Connecting;
    connect(socket, &QIODevice::readyRead, this, &UpstreamHttpReply::onReadyRead);
    connect(socket, &QAbstractSocket::disconnected, this, &UpstreamHttpReply::onSocketGone);
    connect(socket, &QAbstractSocket::errorOccurred, this, &UpstreamHttpReply::onSocketError);
}

void UpstreamHttpReply::sendRequest()
{
    if (!m_socket)
        return;
    m_phase = Phase::Head;
    writeNow(*m_socket, m_requestHead, m_requestBody);
    if (m_endpoint.tls && !m_reused)
        dropQueuedTlsFlush(*static_cast<QSslSocket *>(m_socket.data()));
}

void UpstreamHttpReply::onReadyRead()
{
    if (!m_socket || isFinished())
        return;
    // read(n) of all that is buffered hands over Qt's buffer chunk when it holds one, and the
    // socket keeps none; readAll() would grow it to 32 KB first. Either way the bytes are ours
    // now, and m_in lets go of them once parsed (dropParsedAndNotify): a stream that waits
    // between events holds no buffer.
    const QByteArray fresh = m_socket->read(m_socket->bytesAvailable());
    if (fresh.isEmpty())
        return;
    if (!m_sawAnswerBytes) {
        m_sawAnswerBytes = true;
        // The answer began: the request is not sent again, and nothing reads the request
        // the reply was made for, so a long stream holds none of it.
        m_requestHead = QByteArray();
        m_requestBody = QByteArray();
        setRequest(QNetworkRequest());
    }
    m_in += fresh;
    process();
}

bool UpstreamHttpReply::process()
{
    const QPointer<UpstreamHttpReply> alive(this);
    qsizetype pos = 0;
    bool needMore = false; // a line or head is incomplete: wait for the next read
    while (!needMore && (pos < m_in.size() || m_phase == Phase::Done)) {
        const char *data = m_in.constData() + pos;
        const qsizetype size = m_in.size() - pos;
        switch (m_phase) {
        case Phase::Connecting:
        case Phase::Head: {
            qsizetype end = m_in.indexOf("\r\n\r\n", pos);
            qsizetype terminator = 4;
            if (end < 0) {
                end = m_in.indexOf("\n\n", pos);
                terminator = 2;
            }
            if (end < 0) {
                if (size > kMaxHeadBytes) {
                    fail(ProtocolFailure, QStringLiteral("The upstream's response headers are "
                                                         "too large."));
                    return false;
                }
                needMore = true;
                break;
            }
            const bool parsed = parseHead(pos, end);
            pos = end + terminator;
            if (!parsed)
                return false;
            if (m_phase == Phase::Head)
                break; // an interim 1xx answer: the real one follows
            // Announced once the bytes of this read that follow the head are parsed too, so
            // that whoever reacts to the head sees the body that came with it
            // (bytesAvailable()): a stream's head and first event can leave in one write.
            m_headPending = true;
            break;
        }
        case Phase::Body: {
            const qsizetype take = m_framing == Framing::UntilClose
                                       ? size
                                       : qsizetype(qMin<qint64>(m_remaining, size));
            appendBody(data, take);
            pos += take;
            if (m_framing == Framing::Length) {
                m_remaining -= take;
                if (m_remaining == 0)
                    m_phase = Phase::Done;
            }
            break;
        }
        case Phase::ChunkSize:
        case Phase::Trailers: {
            const qsizetype newline = m_in.indexOf('\n', pos);
            if (newline < 0) {
                if (size > kMaxHeadBytes) {
                    fail(ProtocolFailure, QStringLiteral("The upstream sent a malformed chunk."));
                    return false;
                }
                needMore = true;
                break;
            }
            QByteArray line = m_in.mid(pos, newline - pos).trimmed();
            pos = newline + 1;
            if (m_phase == Phase::Trailers) {
                if (line.isEmpty())
                    m_phase = Phase::Done;
                break;
            }
            const qsizetype extension = line.indexOf(';');
            if (extension >= 0)
                line.truncate(extension);
            bool ok = false;
            const qint64 chunk = line.trimmed().toLongLong(&ok, 16);
            if (!ok || chunk < 0) {
                fail(ProtocolFailure, QStringLiteral("The upstream sent a malformed chunk."));
                return false;
            }
            m_remaining = chunk;
            m_phase = chunk == 0 ? Phase::Trailers : Phase::ChunkData;
            break;
        }
        case Phase::ChunkData: {
            const qsizetype take = qsizetype(qMin<qint64>(m_remaining, size));
            appendBody(data, take);
            pos += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_phase = Phase::ChunkDataEnd;
            break;
        }
        case Phase::ChunkDataEnd: {
            const qsizetype newline = m_in.indexOf('\n', pos);
            if (newline < 0) {
                needMore = true;
                break;
            }
            pos = newline + 1;
            m_phase = Phase::ChunkSize;
            break;
        }
        case Phase::Done:
            if (dropParsedAndNotify(pos))
                complete();
            return false;
        }
    }
    return dropParsedAndNotify(pos);
}

bool UpstreamHttpReply::dropParsedAndNotify(qsizetype parsed)
{
    m_in.remove(0, parsed);
    if (m_in.isEmpty())
        m_in = QByteArray(); // remove() keeps the capacity, up to 32 KB per open stream
    else if (m_in.capacity() - m_in.size() > 4096)
        m_in.squeeze();
    const QPointer<UpstreamHttpReply> alive(this);
    if (m_headPending) {
        m_headPending = false;
        Q_EMIT metaDataChanged();
        if (!alive || isFinished())
            return false;
    }
    if (!m_bodyPending)
        return true;
    // One readyRead per arrival, as QNAM does: a streamed event reaches the client at once.
    m_bodyPending = false;
    Q_EMIT readyRead();
    return alive && !isFinished();
}

bool UpstreamHttpReply::parseHead(qsizetype start, qsizetype end)
{
    // Read through views of m_in: the head is parsed on every answer, and copies of each line,
    // name and value cost more than the rest of the parse.
    QByteArrayView rest(m_in.constData() + start, end - start);
    const auto nextRawLine = [&rest] {
        const qsizetype newline = rest.indexOf('\n');
        QByteArrayView line = newline < 0 ? rest : rest.first(newline);
        rest = newline < 0 ? QByteArrayView() : rest.sliced(newline + 1);
        return line.endsWith('\r') ? line.chopped(1) : line;
    };
    const QByteArrayView rawStatusLine = nextRawLine();
    const QByteArrayView statusLine = rawStatusLine.trimmed();
    // HTTP/1.x SP NNN [SP reason]
    if (!(statusLine.startsWith("HTTP/1.1") || statusLine.startsWith("HTTP/1.0")) ||
        statusLine.size() < 12) {
        fail(ProtocolFailure, QStringLiteral("The upstream did not answer in HTTP/1.1."));
        return false;
    }
    const auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    if (statusLine[8] != ' ' || !isDigit(statusLine[9]) || !isDigit(statusLine[10]) ||
        !isDigit(statusLine[11]) || (statusLine.size() > 12 && statusLine[12] != ' ')) {
        fail(ProtocolFailure, QStringLiteral("The upstream sent an invalid status line."));
        return false;
    }
    const int status =
        (statusLine[9] - '0') * 100 + (statusLine[10] - '0') * 10 + (statusLine[11] - '0');
    if (status < 100 || status > 599) {
        fail(ProtocolFailure,
             QStringLiteral("The upstream answered with status %1, which HTTP does not define.")
                 .arg(status));
        return false;
    }
    if (status == 101) {
        // The gateway never asks to switch protocols: an answer that does is not the answer.
        fail(ProtocolFailure,
             QStringLiteral("The upstream switched protocols (101), which was not asked for."));
        return false;
    }
    if (status < 200)
        return true; // 100 Continue and friends: the final answer comes next
    const bool http10 = statusLine.startsWith("HTTP/1.0");
    // As QNAM reads it: all after the status code's space, spaces kept.
    const qsizetype reasonAt = (statusLine.data() - rawStatusLine.data()) + 13;
    const QByteArrayView reason =
        reasonAt < rawStatusLine.size() ? rawStatusLine.sliced(reasonAt) : QByteArrayView();
    m_status = status;
    m_keepAlive = !http10;
    bool chunked = false;
    qint64 length = -1;
    QList<QPair<QByteArray, QByteArray>> headers;
    while (!rest.isEmpty()) {
        const QByteArrayView line = nextRawLine().trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArrayView name = line.first(colon).trimmed();
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        if (sameName(name, "Transfer-Encoding")) {
            chunked = containsNoCase(value, "chunked");
        } else if (sameName(name, "Content-Length")) {
            bool ok = false;
            length = value.toLongLong(&ok);
            if (!ok || length < 0) {
                fail(ProtocolFailure, QStringLiteral("The upstream sent an invalid "
                                                     "Content-Length."));
                return false;
            }
        } else if (sameName(name, "Connection")) {
            if (containsNoCase(value, "close"))
                m_keepAlive = false;
            else if (containsNoCase(value, "keep-alive"))
                m_keepAlive = true;
        }
        // Repeated headers are joined as QNAM joins them.
        bool merged = false;
        for (auto &h : headers) {
            if (sameName(h.first, name)) {
                h.second.append(sameName(name, "Set-Cookie") ? "\n" : ", ").append(value);
                if (h.first != name)
                    h.first = name.toByteArray(); // the last spelling of the name, as QNAM keeps
                merged = true;
                break;
            }
        }
        if (!merged)
            // An empty value is kept null: setRawHeader() then drops the header, as QNAM does.
            headers.append(
                {name.toByteArray(), value.isEmpty() ? QByteArray() : value.toByteArray()});
    }
    for (const auto &h : headers)
        setRawHeader(h.first, h.second);
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, status);
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, QString::fromLatin1(reason));
    setAttribute(QNetworkRequest::ConnectionEncryptedAttribute, m_endpoint.tls);
    setAttribute(QNetworkRequest::Http2WasUsedAttribute, false);

    const bool noBody =
        status == 204 || status == 304 || operation() == QNetworkAccessManager::HeadOperation;
    if (noBody) {
        m_framing = Framing::None;
        m_phase = Phase::Done;
    } else if (chunked) {
        m_framing = Framing::Chunked;
        m_phase = Phase::ChunkSize;
    } else if (length >= 0) {
        m_framing = Framing::Length;
        m_remaining = length;
        m_phase = length == 0 ? Phase::Done : Phase::Body;
    } else {
        m_framing = Framing::UntilClose;
        m_keepAlive = false;
        m_phase = Phase::Body;
    }
    if (status >= 400) {
        // As QNAM: the HTTP error is reported, and the body is still delivered.
        setError(errorForStatus(status),
                 QStringLiteral("Error transferring %1 - server replied: %2")
                     .arg(url().toString(), QString::fromLatin1(reason)));
    }
    return true;
}

void UpstreamHttpReply::appendBody(const char *data, qsizetype size)
{
    if (size <= 0)
        return;
    if (m_bodyReadPos > 0 && m_bodyReadPos == m_body.size()) {
        m_body.clear();
        m_bodyReadPos = 0;
    }
    m_body.append(data, size);
    m_bodyPending = true;
}

qint64 UpstreamHttpReply::bytesAvailable() const
{
    return (m_body.size() - m_bodyReadPos) + QNetworkReply::bytesAvailable();
}

qint64 UpstreamHttpReply::readData(char *data, qint64 maxSize)
{
    const qint64 available = m_body.size() - m_bodyReadPos;
    if (available == 0)
        return isFinished() ? -1 : 0;
    const qint64 n = qMin(available, maxSize);
    std::memcpy(data, m_body.constData() + m_bodyReadPos, size_t(n));
    m_bodyReadPos += n;
    if (m_bodyReadPos == m_body.size()) {
        m_body.clear();
        m_bodyReadPos = 0;
    }
    return n;
}

void UpstreamHttpReply::onSocketGone()
{
    if (isFinished() || !m_socket)
        return;
    if (retryOnFreshConnection())
        return;
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
    if (isFinished())
        return;
    if (m_framing == Framing::UntilClose && m_phase == Phase::Body) {
        m_phase = Phase::Done;
        process();
        return;
    }
    fail(RemoteHostClosedError, QStringLiteral("Connection closed"));
}

bool UpstreamHttpReply::retryOnFreshConnection()
{
    // A reused keep-alive connection the upstream had closed before our request reached it.
    if (!m_reused || m_sawAnswerBytes || m_retried)
        return false;
    m_retried = true;
    detachSocket(false);
    start();
    return true;
}

void UpstreamHttpReply::onSocketError()
{
    if (isFinished() || !m_socket)
        return;
    const QAbstractSocket::SocketError socketError = m_socket->error();
    if (socketError == QAbstractSocket::RemoteHostClosedError) {
        onSocketGone();
        return;
    }
    if (retryOnFreshConnection())
        return;
    NetworkError code = UnknownNetworkError;
    switch (socketError) {
    case QAbstractSocket::ConnectionRefusedError:
        code = ConnectionRefusedError;
        break;
    case QAbstractSocket::HostNotFoundError:
        code = HostNotFoundError;
        break;
    case QAbstractSocket::SocketTimeoutError:
        code = TimeoutError;
        break;
    case QAbstractSocket::NetworkError:
        code = UnknownNetworkError;
        break;
    default:
        break;
    }
    const QString message = socketError == QAbstractSocket::HostNotFoundError
                                ? QStringLiteral("Host %1 not found").arg(url().host())
                                : m_socket->errorString();
    fail(code, message);
}

void UpstreamHttpReply::complete()
{
    detachSocket(m_keepAlive && m_in.isEmpty());
    setFinished(true);
    Q_EMIT finished();
}

void UpstreamHttpReply::fail(NetworkError code, const QString &message)
{
    if (isFinished())
        return;
    if (m_constructing) {
        // The caller has not connected to the reply's signals yet.
        QMetaObject::invokeMethod(
            this, [this, code, message] { fail(code, message); }, Qt::QueuedConnection);
        return;
    }
    detachSocket(false);
    if (m_connector) {
        m_connector->disconnect(this);
        m_connector->deleteLater(); // closes the connection it was opening
        m_connector.clear();
    }
    setError(code, message);
    setFinished(true);
    Q_EMIT errorOccurred(code);
    Q_EMIT finished();
}

void UpstreamHttpReply::abort()
{
    if (isFinished())
        return;
    fail(OperationCanceledError, QStringLiteral("Operation canceled"));
}

void UpstreamHttpReply::detachSocket(bool reusable)
{
    QTcpSocket *socket = m_socket.data();
    m_socket.clear();
    if (!socket)
        return;
    socket->disconnect(this);
    if (reusable && socket->state() == QAbstractSocket::ConnectedState) {
        m_pool.returnIdleConnection(m_key, socket);
        return;
    }
    // Closing is how an abandoned request is cancelled upstream (HTTP/1.1 has no other way).
    socket->abort();
    socket->deleteLater();
}

QNetworkReply::NetworkError UpstreamHttpReply::errorForStatus(int status)
{
    switch (status) {
    case 401:
        return AuthenticationRequiredError;
    case 403:
        return ContentAccessDenied;
    case 404:
        return ContentNotFoundError;
    case 405:
        return ContentOperationNotPermittedError;
    case 407:
        return ProxyAuthenticationRequiredError;
    case 409:
        return ContentConflictError;
    case 410:
        return ContentGoneError;
    case 418:
        return ProtocolInvalidOperationError;
    case 500:
        return InternalServerError;
    case 501:
        return OperationNotImplementedError;
    case 503:
        return ServiceUnavailableError;
    default:
        break;
    }
    return status >= 500 ? UnknownServerError : UnknownContentError;
}
