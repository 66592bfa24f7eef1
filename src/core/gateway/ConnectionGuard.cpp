#include "ConnectionGuard.h"

#include "HttpStatus.h"

#include <QTcpSocket>
#include <QTimer>

namespace {
constexpr char kGuardProperty[] = "llmgw_connection_guard";

bool validRequestLine(const QByteArray &line)
{
    // METHOD SP request-target SP HTTP/1.x
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || parts[0].isEmpty() || parts[1].isEmpty())
        return false;
    for (const char c : parts[0]) {
        if (c < 'A' || c > 'Z')
            return false;
    }
    return parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0";
}
} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const ConnectionLimits &limits)
    : QObject(socket), m_socket(socket), m_idleTimer(new QTimer(this)), m_limits(limits)
{
    socket->setProperty(kGuardProperty, QVariant::fromValue<QObject *>(this));
    m_idleTimer->setSingleShot(true);
    m_idleTimer->setInterval(m_limits.idleTimeoutMs);
    connect(m_idleTimer, &QTimer::timeout, this, &ConnectionGuard::onIdleTimeout);
    connect(socket, &QIODevice::readyRead, this, &ConnectionGuard::onReadyRead);
    m_idleTimer->start();
}

ConnectionGuard *ConnectionGuard::of(QTcpSocket *socket)
{
    if (!socket)
        return nullptr;
    return qobject_cast<ConnectionGuard *>(socket->property(kGuardProperty).value<QObject *>());
}

void ConnectionGuard::responseFinished()
{
    if (m_state != State::AwaitingResponse)
        return;
    m_state = State::ReadingHead;
    m_head.clear();
    restartIdleTimer();
}

void ConnectionGuard::restartIdleTimer()
{
    m_idleTimer->start();
}

void ConnectionGuard::onReadyRead()
{
    if (m_state == State::Refused) {
        drainAndIgnore();
        return;
    }
    // QHttpServer reads everything after this slot returns, so peeking shows exactly the
    // bytes it is about to parse.
    const QByteArray fresh = m_socket->peek(m_socket->bytesAvailable());
    if (fresh.isEmpty())
        return;
    if (m_state != State::AwaitingResponse)
        restartIdleTimer();
    consume(fresh.constData(), fresh.size());
}

void ConnectionGuard::consume(const char *data, qsizetype size)
{
    qsizetype pos = 0;
    while (pos < size && m_state != State::Refused) {
        switch (m_state) {
        case State::AwaitingResponse:
            // A new request while the previous answer is still open: QHttpServer 6.4 would
            // answer it inside that answer. Close the connection instead.
            qWarning("Closing a connection that pipelined a request while a response was open");
            m_state = State::Refused;
            m_idleTimer->stop();
            m_socket->readAll();
            // Aborted once QHttpServer's own readyRead handler, which runs after this one,
            // has returned: closing now would have it read from a closed device.
            QMetaObject::invokeMethod(m_socket, &QAbstractSocket::abort, Qt::QueuedConnection);
            return;
        case State::ReadingBody: {
            const qint64 take = qMin<qint64>(m_bodyRemaining, size - pos);
            m_bodyRemaining -= take;
            pos += take;
            if (m_bodyRemaining == 0) {
                m_state = State::AwaitingResponse;
                m_idleTimer->stop();
            }
            break;
        }
        case State::ReadingHead: {
            // Skip the empty lines some clients send between requests.
            if (m_head.isEmpty()) {
                while (pos < size && (data[pos] == '\r' || data[pos] == '\n'))
                    ++pos;
                if (pos == size)
                    return;
            }
            const qsizetype before = m_head.size();
            const qsizetype take =
                qMin<qsizetype>(size - pos, m_limits.maxHeaderBytes + 4 - before);
            m_head.append(data + pos, take);
            qsizetype end = m_head.indexOf("\r\n\r\n", qMax<qsizetype>(0, before - 3));
            qsizetype terminatorLength = 4;
            if (end < 0) {
                end = m_head.indexOf("\n\n", qMax<qsizetype>(0, before - 1));
                terminatorLength = 2;
            }
            if (end < 0) {
                if (m_head.size() > m_limits.maxHeaderBytes) {
                    refuse(431, "The request headers are larger than the gateway's limit of " +
                                    QByteArray::number(m_limits.maxHeaderBytes) + " bytes.");
                    return;
                }
                pos += take;
                break;
            }
            const qsizetype headLength = end + terminatorLength;
            pos += headLength - before;
            if (!finishHead(headLength))
                return;
            break;
        }
        case State::Refused:
            return;
        }
    }
}

bool ConnectionGuard::finishHead(qsizetype headLength)
{
    const QByteArray head = m_head.left(headLength);
    m_head.clear();
    if (headLength > m_limits.maxHeaderBytes) {
        refuse(431, "The request headers are larger than the gateway's limit of " +
                        QByteArray::number(m_limits.maxHeaderBytes) + " bytes.");
        return false;
    }
    const QList<QByteArray> lines = head.split('\n');
    if (!validRequestLine(lines.value(0).trimmed())) {
        refuse(400, "The request line is not valid HTTP/1.1.");
        return false;
    }
    qint64 contentLength = 0;
    bool sawLength = false;
    bool expectContinue = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            if (!ok || length < 0 || (sawLength && length != contentLength)) {
                refuse(400, "The Content-Length header is not a valid length.");
                return false;
            }
            contentLength = length;
            sawLength = true;
        } else if (name == "transfer-encoding") {
            refuse(411, "Send the request body with a Content-Length header; chunked request "
                        "bodies are not accepted.");
            return false;
        } else if (name == "expect" && value.toLower() == "100-continue") {
            expectContinue = true;
        }
    }
    if (contentLength > m_limits.maxBodyBytes) {
        refuse(413, "The request body of " + QByteArray::number(contentLength) +
                        " bytes is larger than the gateway's limit of " +
                        QByteArray::number(m_limits.maxBodyBytes) +
                        " bytes (limits.maxBodyBytes in the configuration).");
        return false;
    }
    if (expectContinue && contentLength > 0)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    m_bodyRemaining = contentLength;
    if (m_bodyRemaining == 0) {
        m_state = State::AwaitingResponse;
        m_idleTimer->stop();
    } else {
        m_state = State::ReadingBody;
    }
    return true;
}

void ConnectionGuard::refuse(int status, const QByteArray &message)
{
    m_state = State::Refused;
    m_idleTimer->stop();
    // The guard answers in the OpenAI error shape: it runs before any route is known.
    const QByteArray code = status == 413   ? "request_too_large"
                            : status == 431 ? "headers_too_large"
                            : status == 408 ? "request_timeout"
                            : status == 411 ? "length_required"
                                            : "invalid_request";
    const QByteArray body = R"({"error":{"message":")" + message +
                            R"(","type":"invalid_request_error","param":null,"code":")" + code +
                            "\"}}";
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + httpReasonPhrase(status) +
                    "\r\nContent-Type: application/json\r\nContent-Length: " +
                    QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    drainAndIgnore();
    m_socket->disconnectFromHost();
}

void ConnectionGuard::drainAndIgnore()
{
    // Reading the bytes here keeps them from QHttpServer, which would buffer them all.
    m_socket->readAll();
}

void ConnectionGuard::onIdleTimeout()
{
    if (m_state == State::AwaitingResponse || m_state == State::Refused)
        return;
    if (m_state == State::ReadingHead && m_head.isEmpty()) {
        m_socket->disconnectFromHost(); // an idle keep-alive connection: close quietly
        return;
    }
    refuse(408, "The request was not received completely in time.");
}
