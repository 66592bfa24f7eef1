#include "HttpListener.h"

#include "HttpServer.h"
#include "MonotonicClock.h"

#include <QSocketNotifier>
#include <QTimer>

#if defined(Q_OS_UNIX)
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#endif

namespace {
constexpr int kListenBacklog = 1024;
// Connections accepted per wake-up before the other sockets get their turn.
constexpr int kAcceptsPerWakeUp = 64;
// After a failed accept (no descriptors left), try again this much later: connections that
// end meanwhile give descriptors back. Waiting clients stay in the kernel's backlog.
constexpr int kRetryAcceptMs = 250;
constexpr qint64 kWarningIntervalMs = 10 * 1000;
} // namespace

HttpListener::HttpListener(HttpServer &server) : QTcpServer(&server), m_server(server)
{
    // IDE agents open dozens of connections at once. With Qt's default backlog of 50 the
    // kernel drops the SYNs beyond it and the clients retry a second later (measured by
    // TestConcurrentStreams: 13 of 64 streams started 1 s late). The kernel caps this at
    // net.core.somaxconn.
    setListenBacklogSize(kListenBacklog);
    // Where QTcpServer accepts (not Unix), an accept error pauses it: resume a moment later.
    connect(this, &QTcpServer::acceptError, this,
            [this] { backOff(QStringLiteral("%1").arg(errorString())); });
}

bool HttpListener::listenOn(const QHostAddress &address, quint16 port)
{
    if (!listen(address, port))
        return false;
#if defined(Q_OS_UNIX)
    pauseAccepting(); // QTcpServer's own notifier stays off: acceptPending() does the work
    m_notifier = new QSocketNotifier(socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &HttpListener::acceptPending);
#endif
    return true;
}

void HttpListener::stopListening()
{
    delete m_notifier;
    m_notifier = nullptr;
    close();
}

void HttpListener::acceptPending()
{
#if defined(Q_OS_UNIX)
    const int listening = int(socketDescriptor());
    for (int i = 0; i < kAcceptsPerWakeUp; ++i) {
#if defined(Q_OS_LINUX)
        const int fd = ::accept4(listening, nullptr, nullptr, SOCK_CLOEXEC);
#else
        const int fd = ::accept(listening, nullptr, nullptr);
        if (fd >= 0)
            ::fcntl(fd, F_SETFD, FD_CLOEXEC);
#endif
        if (fd >= 0) {
            m_server.acceptConnection(fd);
            continue;
        }
        switch (errno) {
        case EINTR:
        case ECONNABORTED: // the client gave up while waiting: take the next one
        case EPROTO:
            continue;
        case EAGAIN:
#if EWOULDBLOCK != EAGAIN
        case EWOULDBLOCK:
#endif
            return;
        default:
            backOff(QString::fromLocal8Bit(std::strerror(errno)));
            return;
        }
    }
#endif
}

void HttpListener::backOff(const QString &reason)
{
    const qint64 now = monotonicMs();
    if (m_lastWarningMs == 0 || now - m_lastWarningMs >= kWarningIntervalMs) {
        m_lastWarningMs = now;
        qWarning("Cannot accept a connection (%s); %d connections are open. Retrying.",
                 qPrintable(reason), m_server.connectionCount());
    }
    if (m_notifier)
        m_notifier->setEnabled(false);
    QTimer::singleShot(kRetryAcceptMs, this, [this] {
        if (!isListening())
            return;
        if (m_notifier)
            m_notifier->setEnabled(true);
        else
            resumeAccepting();
    });
}

void HttpListener::incomingConnection(qintptr socketDescriptor)
{
    m_server.acceptConnection(socketDescriptor);
}
