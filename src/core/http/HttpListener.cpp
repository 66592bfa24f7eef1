#include "HttpListener.h"

#include "HttpServer.h"
#include "MonotonicClock.h"

#include <QTimer>

namespace {
constexpr int kListenBacklog = 1024;
// After a failed accept (no descriptors left), try again this much later: connections that
// end meanwhile give descriptors back. Waiting clients stay in the kernel's backlog.
constexpr int kResumeAcceptingMs = 250;
constexpr qint64 kWarningIntervalMs = 10 * 1000;
} // namespace

HttpListener::HttpListener(HttpServer &server) : QTcpServer(&server), m_server(server)
{
    // IDE agents open dozens of connections at once. With Qt's default backlog of 50 the
    // kernel drops the SYNs beyond it and the clients retry a second later (measured by
    // TestConcurrentStreams: 13 of 64 streams started 1 s late). The kernel caps this at
    // net.core.somaxconn.
    setListenBacklogSize(kListenBacklog);
    connect(this, &QTcpServer::acceptError, this, &HttpListener::onAcceptError);
}

void HttpListener::onAcceptError(QAbstractSocket::SocketError error)
{
    // QTcpServer has paused accepting (for good, unless resumed): out of file descriptors
    // (EMFILE/ENFILE) is the usual cause, and it passes.
    const qint64 now = monotonicMs();
    if (m_lastWarningMs == 0 || now - m_lastWarningMs >= kWarningIntervalMs) {
        m_lastWarningMs = now;
        qWarning("Cannot accept a connection (%s, error %d); %d connections are open. Retrying.",
                 qPrintable(errorString()), int(error), m_server.connectionCount());
    }
    QTimer::singleShot(kResumeAcceptingMs, this, [this] {
        if (isListening())
            resumeAccepting();
    });
}

void HttpListener::incomingConnection(qintptr socketDescriptor)
{
    m_server.acceptConnection(socketDescriptor);
}
