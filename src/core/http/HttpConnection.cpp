#include "HttpConnection.h"

#include "HttpServer.h"
#include "MonotonicClock.h"
#include "SocketWrite.h"

#include <QTcpSocket>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

#include <limits>

namespace {
// How much one read takes from the socket. Also the most Qt buffers for a connection that
// is not being read (while its answer is pending), so a client that pipelines a flood is
// held back by TCP instead of by the gateway's memory.
constexpr qint64 kReadChunkBytes = 64 * 1024;
constexpr qint64 kNever = std::numeric_limits<qint64>::max();

void shutdownWriteSide(qintptr descriptor)
{
    if (descriptor < 0)
        return;
#ifdef Q_OS_WIN
    ::shutdown(SOCKET(descriptor), SD_SEND);
#else
    ::shutdown(int(descriptor), SHUT_WR);
#endif
}
} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, HttpServer &server)
    : QObject(&server), m_socket(socket), m_server(server),
      m_parser(HeadLimits{server.limits().maxHeadBytes, server.limits().maxHeaderFields})
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(kReadChunkBytes);
    connect(m_socket, &QIODevice::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QAbstractSocket::disconnected, this, &HttpConnection::onDisconnected);
    const qint64 now = monotonicMs();
    m_stateSinceMs = now;
    m_lastInputMs = now;
    setDeadline(now + server.limits().idleTimeoutMs);
    // Bytes may have arrived with the connection.
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::process, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection()
{
    m_destroying = true;
    if (m_receiver)
        std::exchange(m_receiver, nullptr)->abandoned();
}

bool HttpConnection::isOpen() const
{
    return m_state != State::Closed && m_state != State::Closing && m_state != State::Lingering &&
           m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpConnection::setDeadline(qint64 atMs)
{
    m_deadline = atMs;
    if (atMs > 0)
        m_server.scheduleSweep(atMs);
}

void HttpConnection::onReadyRead()
{
    if (m_state == State::Lingering) {
        drain();
        return;
    }
    process();
}

void HttpConnection::process()
{
    if (m_processing)
        return; // the loop below is already running further up the stack
    m_processing = true;
    bool progress = true;
    while (progress) {
        switch (m_state) {
        case State::Idle:
        case State::ReadingHead:
            progress = readHead();
            break;
        case State::ReadingBody:
            progress = readBody();
            break;
        case State::Lingering:
            drain();
            progress = false;
            break;
        case State::Answering:
        case State::Closing:
        case State::Closed:
            progress = false; // the next request waits until this answer is complete
            break;
        }
    }
    m_processing = false;
    // Read input is Qt's buffer chunk (16 KB) handed over by read(): let it go once parsed, or
    // a connection whose answer streams for minutes would hold it all along.
    if (m_inputPos >= m_input.size() && !m_input.isNull()) {
        m_input = QByteArray();
        m_inputPos = 0;
    }
}

bool HttpConnection::fillInput(qint64 maxBytes)
{
    if (m_inputPos < m_input.size())
        return true;
    m_input.clear();
    m_inputPos = 0;
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return false;
    m_input = m_socket->read(qMin(available, maxBytes));
    m_lastInputMs = monotonicMs();
    return !m_input.isEmpty();
}

bool HttpConnection::readHead()
{
    if (!fillInput(kReadChunkBytes))
        return false;
    if (m_state == State::Idle) {
        // The head's deadline runs from its first byte (or, for a pipelined request read
        // earlier, from now: its wait for the previous answer does not count).
        m_state = State::ReadingHead;
        m_stateSinceMs = monotonicMs();
        m_lastInputMs = m_stateSinceMs;
        const HttpLimits &limits = m_server.limits();
        setDeadline(m_stateSinceMs + qMin(limits.headTimeoutMs, limits.idleTimeoutMs));
    }
    qsizetype consumed = 0;
    const RequestHeadParser::Status status =
        m_parser.feed(m_input.constData() + m_inputPos, m_input.size() - m_inputPos, &consumed);
    m_inputPos += consumed;
    switch (status) {
    case RequestHeadParser::Status::NeedMore:
        return true;
    case RequestHeadParser::Status::Failed: {
        const HeadError error = m_parser.error();
        IncomingRequest partial = m_parser.partialHead().request;
        partial.remoteAddress = m_socket->peerAddress();
        partial.localAddress = m_socket->localAddress();
        partial.localPort = m_socket->localPort();
        refuseHead(HttpRefusal{error.status, error.message, {}}, partial);
        return true;
    }
    case RequestHeadParser::Status::Complete:
        startRequest(m_parser.takeHead());
        return true;
    }
    return false;
}

void HttpConnection::startRequest(RequestHead &&head)
{
    const HttpLimits &limits = m_server.limits();
    m_parser.setLimits(HeadLimits{limits.maxHeadBytes, limits.maxHeaderFields});
    m_request = std::move(head.request);
    m_request.remoteAddress = m_socket->peerAddress();
    m_request.localAddress = m_socket->localAddress();
    m_request.localPort = m_socket->localPort();
    m_contentLength = head.contentLength;
    m_keepAlive = head.keepAlive;
    m_state = State::Answering;
    setDeadline(0);

    // Access and the endpoint are decided on the head alone. An answer given now leaves the
    // body unread: the connection cannot be reused after it.
    const bool bodyPending = m_contentLength > 0;
    HttpResponseWriter writer(this, m_request.method == "HEAD", !m_keepAlive || bodyPending);
    writer.setAnnounceKeepAlive(head.minorVersion == 0);
    std::unique_ptr<HttpRequestReceiver> receiver =
        m_server.application().headReceived(m_request, writer);
    if (writer.hasStarted() || !receiver) {
        if (!writer.hasStarted()) // an application that neither answers nor receives: a bug
            writer.writeResponse(500, {}, QByteArray());
        m_request = IncomingRequest();
        return;
    }
    writer.setCloseAfterResponse(!m_keepAlive);
    m_receiver = std::move(receiver);
    m_writer = std::move(writer);

    if (m_contentLength > limits.maxBodyBytes) {
        refuseBody(HttpRefusal{413,
                               QStringLiteral("The request body of %1 bytes is larger than the "
                                              "gateway's limit of %2 bytes "
                                              "(limits.maxBodyBytes in the configuration).")
                                   .arg(m_contentLength)
                                   .arg(limits.maxBodyBytes),
                               {}});
        return;
    }
    if (bodyPending) {
        m_request.bodyLease = m_server.bodyBudget().reserve(m_contentLength);
        if (!m_request.bodyLease) {
            refuseBody(HttpRefusal{
                503,
                QStringLiteral("The gateway already holds %1 MB of request bodies, its limit "
                               "(limits.maxBufferedBodyBytes). Retry shortly.")
                    .arg(m_server.bodyBudget().inUse() / (1024 * 1024)),
                QByteArrayLiteral("1")});
            return;
        }
    }
    if (!bodyPending) {
        dispatch();
        return;
    }
    if (head.expectContinue && m_inputPos >= m_input.size() && m_socket->bytesAvailable() == 0)
        send(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
    // Room for the whole body at once: untouched pages cost no memory until bytes arrive.
    m_body = QByteArray();
    m_body.reserve(m_contentLength);
    m_state = State::ReadingBody;
    m_stateSinceMs = monotonicMs();
    m_lastInputMs = m_stateSinceMs;
    setDeadline(bodyDeadline());
}

qint64 HttpConnection::bodyDeadline() const
{
    const HttpLimits &limits = m_server.limits();
    qint64 deadline = m_lastInputMs + limits.idleTimeoutMs;
    if (limits.minBodyBytesPerSecond > 0) {
        // The body must keep an average of minBodyBytesPerSecond after a grace period: each
        // byte buys 1000 / rate ms (mod_reqtimeout's MinRate).
        const qint64 earned = qint64(m_body.size()) * 1000 / limits.minBodyBytesPerSecond;
        deadline = qMin(deadline, m_stateSinceMs + limits.bodyRateGraceMs + earned);
    }
    return deadline;
}

bool HttpConnection::readBody()
{
    const qint64 missing = m_contentLength - m_body.size();
    if (m_inputPos < m_input.size()) {
        const qsizetype take = qsizetype(qMin<qint64>(missing, m_input.size() - m_inputPos));
        m_body.append(m_input.constData() + m_inputPos, take);
        m_inputPos += take;
    } else {
        // Straight from the socket into the body: no intermediate copy for large uploads.
        const qint64 available = qMin(m_socket->bytesAvailable(), missing);
        if (available <= 0)
            return false;
        const qsizetype before = m_body.size();
        m_body.resize(before + qsizetype(available));
        const qint64 got = m_socket->read(m_body.data() + before, available);
        m_body.resize(before + qsizetype(qMax<qint64>(0, got)));
        if (got <= 0)
            return false;
        m_lastInputMs = monotonicMs();
    }
    if (m_body.size() == m_contentLength)
        dispatch();
    return true;
}

void HttpConnection::dispatch()
{
    m_request.body = std::exchange(m_body, QByteArray());
    m_state = State::Answering;
    setDeadline(0);
    std::unique_ptr<HttpRequestReceiver> receiver = std::move(m_receiver);
    receiver->bodyReceived(std::exchange(m_request, IncomingRequest()), std::move(m_writer));
}

void HttpConnection::refuseHead(const HttpRefusal &refusal, const IncomingRequest &partial)
{
    m_parser.reset();
    m_state = State::Answering;
    setDeadline(0);
    m_server.application().headRefused(refusal, partial, HttpResponseWriter(this, false, true));
}

void HttpConnection::refuseBody(const HttpRefusal &refusal)
{
    m_state = State::Answering;
    setDeadline(0);
    m_body = QByteArray();
    m_request = IncomingRequest();
    m_writer.setCloseAfterResponse(true);
    std::unique_ptr<HttpRequestReceiver> receiver = std::move(m_receiver);
    receiver->bodyRefused(refusal, std::move(m_writer));
}

void HttpConnection::send(const QByteArray &bytes)
{
    if (!isOpen())
        return;
    writeNow(*m_socket, bytes);
}

void HttpConnection::responseFinished(bool close)
{
    if (m_state == State::Closed || m_state == State::Closing || m_state == State::Lingering)
        return;
    if (close) {
        beginClose();
        return;
    }
    const qint64 now = monotonicMs();
    m_state = State::Idle;
    m_stateSinceMs = now;
    setDeadline(now + m_server.limits().idleTimeoutMs);
    // A pipelined request may be waiting: read it after the code that finished this answer
    // has returned.
    if (!m_processing && (m_inputPos < m_input.size() || m_socket->bytesAvailable() > 0))
        QMetaObject::invokeMethod(this, &HttpConnection::process, Qt::QueuedConnection);
}

void HttpConnection::writerDropped()
{
    if (m_destroying || m_state == State::Closed)
        return;
    // Whoever held the answer went away without finishing it: the client must not wait.
    m_socket->abort();
}

void HttpConnection::beginClose()
{
    m_state = State::Closing;
    m_lingerStartMs = monotonicMs();
    setDeadline(m_lingerStartMs + m_server.limits().lingerTotalMs);
    if (m_receiver)
        std::exchange(m_receiver, nullptr)->abandoned();
    if (m_socket->bytesToWrite() > 0) {
        connect(m_socket, &QIODevice::bytesWritten, this, &HttpConnection::onBytesWritten,
                Qt::UniqueConnection);
        return;
    }
    startLingering();
}

void HttpConnection::onBytesWritten()
{
    if (m_state == State::Closing && m_socket->bytesToWrite() == 0)
        startLingering();
}

void HttpConnection::startLingering()
{
    m_state = State::Lingering;
    m_lastInputMs = monotonicMs();
    // Our FIN tells the client the answer is complete; its unread input would make our
    // close() send a reset that can destroy that answer in its receive buffer, so the input
    // is read and dropped until the client closes too (or the limits below are reached).
    shutdownWriteSide(m_socket->socketDescriptor());
    const HttpLimits &limits = m_server.limits();
    setDeadline(
        qMin(m_lingerStartMs + limits.lingerTotalMs, m_lastInputMs + limits.lingerTimeoutMs));
    drain();
}

void HttpConnection::drain()
{
    qint64 dropped = m_input.size() - m_inputPos;
    m_input.clear();
    m_inputPos = 0;
    while (m_socket->bytesAvailable() > 0) {
        const qint64 skipped = m_socket->skip(m_socket->bytesAvailable());
        if (skipped <= 0)
            break;
        dropped += skipped;
    }
    if (dropped <= 0)
        return;
    m_lingerBytes += dropped;
    m_lastInputMs = monotonicMs();
    if (m_lingerBytes > m_server.limits().lingerMaxBytes)
        m_socket->abort();
}

void HttpConnection::checkDeadline(qint64 nowMs)
{
    const HttpLimits &limits = m_server.limits();
    qint64 due = kNever;
    switch (m_state) {
    case State::Idle:
        due = m_stateSinceMs + limits.idleTimeoutMs;
        if (nowMs >= due) {
            // A quiet keep-alive connection: close without a word, as HTTP/1.1 allows.
            setDeadline(0);
            m_socket->disconnectFromHost();
            return;
        }
        break;
    case State::ReadingHead: {
        const qint64 headDue = m_stateSinceMs + limits.headTimeoutMs;
        const qint64 idleDue = m_lastInputMs + limits.idleTimeoutMs;
        due = qMin(headDue, idleDue);
        if (nowMs >= due) {
            IncomingRequest partial;
            partial.remoteAddress = m_socket->peerAddress();
            refuseHead(HttpRefusal{408,
                                   headDue <= idleDue
                                       ? QStringLiteral("The request headers did not arrive "
                                                        "within %1 s (limits.headTimeoutMs).")
                                             .arg(limits.headTimeoutMs / 1000.0)
                                       : QStringLiteral("The request was not received "
                                                        "completely in time."),
                                   {}},
                       partial);
            return;
        }
        break;
    }
    case State::ReadingBody:
        due = bodyDeadline();
        if (nowMs >= due) {
            const bool idle = nowMs >= m_lastInputMs + limits.idleTimeoutMs;
            refuseBody(HttpRefusal{
                408,
                idle ? QStringLiteral("The request was not received completely in time.")
                     : QStringLiteral("The request body arrives slower than %1 bytes per "
                                      "second (limits.minBodyBytesPerSecond).")
                           .arg(limits.minBodyBytesPerSecond),
                {}});
            return;
        }
        break;
    case State::Closing:
        due = m_lingerStartMs + limits.lingerTotalMs;
        if (nowMs >= due) {
            m_socket->abort(); // a client that does not read its answer
            return;
        }
        break;
    case State::Lingering:
        due = qMin(m_lingerStartMs + limits.lingerTotalMs, m_lastInputMs + limits.lingerTimeoutMs);
        if (nowMs >= due) {
            m_socket->abort();
            return;
        }
        break;
    case State::Answering:
    case State::Closed:
        due = 0;
        break;
    }
    setDeadline(due == kNever ? 0 : due);
}

void HttpConnection::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    setDeadline(0);
    if (m_receiver)
        std::exchange(m_receiver, nullptr)->abandoned();
    m_server.connectionClosed(this);
    deleteLater();
}
