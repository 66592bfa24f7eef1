#include "HostileUpstream.h"

#include "TestTls.h"

#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace {
/// Written bytes the socket may hold before the pump waits for it to drain.
constexpr qint64 kMaxQueuedBytes = 256 * 1024;

/// Bytes written but not yet in the kernel: over TLS, the encrypted ones count too (a
/// QSslSocket moves plain text out of bytesToWrite() as soon as it encrypts it).
qint64 queuedBytes(const QTcpSocket *socket)
{
    const auto *tls = qobject_cast<const QSslSocket *>(socket);
    return socket->bytesToWrite() + (tls ? tls->encryptedBytesToWrite() : 0);
}
} // namespace

HostileUpstream::HostileUpstream(QObject *parent)
    : QObject(parent), m_tls(TestTls::upstreamsUseTls()), m_server(TestTls::makeServer(m_tls, this))
{
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this,
            &HostileUpstream::onNewConnection);
}

HostileUpstream::~HostileUpstream()
{
    for (auto it = m_connections.keyBegin(); it != m_connections.keyEnd(); ++it)
        (*it)->disconnect(this);
}

bool HostileUpstream::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

QUrl HostileUpstream::baseUrl() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2/v1")
                    .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(m_server->serverPort()));
}

void HostileUpstream::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        m_connections.insert(socket, Connection());
        connect(socket, &QIODevice::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QIODevice::bytesWritten, this, [this, socket] {
            if (m_script.intervalMs == 0)
                pump(socket);
        });
        if (auto *tls = qobject_cast<QSslSocket *>(socket)) {
            connect(tls, &QSslSocket::encryptedBytesWritten, this, [this, socket] {
                if (m_script.intervalMs == 0)
                    pump(socket);
            });
        }
        connect(socket, &QAbstractSocket::disconnected, this, [this, socket] {
            const auto it = m_connections.find(socket);
            if (it != m_connections.end()) {
                if (it->answering && !it->done)
                    ++m_cutByPeer;
                m_connections.erase(it);
            }
            socket->deleteLater();
        });
    }
}

void HostileUpstream::onReadyRead(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    it->in += socket->readAll();
    if (it->answering)
        return; // one answer per connection is all this upstream gives
    const qsizetype headEnd = it->in.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    qint64 length = 0;
    for (const QByteArray &line : it->in.left(headEnd).split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    }
    if (it->in.size() < headEnd + 4 + length)
        return;
    it->answering = true;
    it->remaining = m_script.totalBytes;
    ++m_requests;
    if (m_piece.isEmpty() && !m_script.pattern.isEmpty()) {
        while (m_piece.size() < m_script.pieceBytes)
            m_piece += m_script.pattern;
        m_piece.truncate(m_script.pieceBytes);
    }
    if (m_piece.isEmpty())
        it->remaining = 0;
    socket->write(m_script.head);
    if (!m_script.prefix.isEmpty())
        writePiece(socket, m_script.prefix);
    pump(socket);
}

void HostileUpstream::pump(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end() || !it->answering || it->done)
        return;
    if (m_script.intervalMs > 0 && it->remaining > 0) {
        // Paced: one piece per interval, however fast the socket drains.
        const qint64 take = qMin<qint64>(it->remaining, m_piece.size());
        it->remaining -= take;
        writePiece(socket, m_piece.left(qsizetype(take)));
        QTimer::singleShot(m_script.intervalMs, socket, [this, socket] { pump(socket); });
        return;
    }
    while (it->remaining > 0 && queuedBytes(socket) < kMaxQueuedBytes) {
        const qint64 take = qMin<qint64>(it->remaining, m_piece.size());
        it->remaining -= take;
        writePiece(socket, take == m_piece.size() ? m_piece : m_piece.left(qsizetype(take)));
    }
    if (it->remaining > 0)
        return;
    it->done = true;
    if (!m_script.suffix.isEmpty())
        writePiece(socket, m_script.suffix);
    if (m_script.chunked)
        socket->write("0\r\n\r\n");
}

void HostileUpstream::writePiece(QTcpSocket *socket, const QByteArray &data)
{
    m_bytesSent += data.size();
    if (m_script.chunked)
        socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
    else
        socket->write(data);
}
