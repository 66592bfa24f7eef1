#include "HttpServer.h"

#include "HttpConnection.h"
#include "HttpListener.h"
#include "MemoryTrimmer.h"
#include "MonotonicClock.h"

#include <QTcpSocket>
#include <QTimer>

#include <limits>

namespace {
// Bodies smaller than this come from (and go back to) the allocator's free lists: freeing
// them leaves nothing worth trimming.
constexpr qint64 kLargeBodyBytes = 64 * 1024;
// Deadlines that fall close together are handled in one sweep: with thousands of idle
// connections, each with its own deadline, a sweep per deadline would walk them all each time.
constexpr qint64 kSweepCoalesceMs = 100;
} // namespace

HttpServer::HttpServer(HttpApplication &application, QObject *parent)
    : QObject(parent), m_application(application), m_budget(m_limits.maxBufferedBodyBytes),
      m_trimmer(new MemoryTrimmer(this)), m_sweepTimer(new QTimer(this))
{
    m_sweepTimer->setSingleShot(true);
    connect(m_sweepTimer, &QTimer::timeout, this, &HttpServer::sweep);
    m_budget.setReleaseHook([trimmer = QPointer<MemoryTrimmer>(m_trimmer)](qint64 bytes) {
        if (trimmer && bytes >= kLargeBodyBytes)
            trimmer->noteReleased(bytes);
    });
}

HttpServer::~HttpServer()
{
    // Leases may outlive the server (a request still held elsewhere): they must not call in.
    m_budget.setReleaseHook(nullptr);
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    auto *listener = new HttpListener(*this);
    if (!listener->listenOn(address, port)) {
        m_listenError = listener->serverError();
        m_listenErrorString = listener->errorString();
        delete listener;
        return false;
    }
    if (m_listener) {
        m_listener->stopListening();
        delete m_listener;
    }
    m_listener = listener;
    return true;
}

void HttpServer::close()
{
    if (m_listener)
        m_listener->stopListening();
}

bool HttpServer::isListening() const
{
    return m_listener && m_listener->isListening();
}

QHostAddress HttpServer::serverAddress() const
{
    return m_listener ? m_listener->serverAddress() : QHostAddress();
}

quint16 HttpServer::serverPort() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

void HttpServer::setLimits(const HttpLimits &limits)
{
    m_limits = limits;
    m_budget.setCap(limits.maxBufferedBodyBytes);
    // Shorter limits apply to the deadlines already set at the next check.
    scheduleSweep(monotonicMs());
}

void HttpServer::acceptConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    // Streamed tokens are small writes: without this, Nagle's algorithm delays them.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_connections.insert(new HttpConnection(socket, *this));
}

void HttpServer::connectionClosed(HttpConnection *connection)
{
    m_connections.remove(connection);
}

void HttpServer::scheduleSweep(qint64 atMs)
{
    if (m_sweepTimer->isActive() && atMs >= m_sweepAtMs)
        return;
    m_sweepAtMs = atMs;
    m_sweepTimer->start(int(qBound<qint64>(0, atMs - monotonicMs(), 24LL * 3600 * 1000)));
}

void HttpServer::sweep()
{
    const qint64 now = monotonicMs();
    qint64 next = std::numeric_limits<qint64>::max();
    // A connection may close (and leave the set) while its deadline is handled.
    const QList<HttpConnection *> connections(m_connections.cbegin(), m_connections.cend());
    m_sweepAtMs = next;
    for (HttpConnection *connection : connections) {
        if (connection->deadline() > 0 && connection->deadline() <= now)
            connection->checkDeadline(now);
        if (connection->deadline() > 0)
            next = qMin(next, connection->deadline());
    }
    // Deadlines set during the loop armed the timer already; an earlier untouched one re-arms it.
    if (next != std::numeric_limits<qint64>::max())
        scheduleSweep(qMax(next, now + kSweepCoalesceMs));
}
