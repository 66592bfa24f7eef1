#include "GuardedTcpServer.h"

#include <QTcpSocket>

namespace {
constexpr int kListenBacklog = 1024;
} // namespace

GuardedTcpServer::GuardedTcpServer(const ConnectionLimits &limits, QObject *parent)
    : QTcpServer(parent), m_limits(limits)
{
    // IDE agents open dozens of connections at once. With Qt's default backlog of 50 the
    // kernel drops the SYNs beyond it and the clients retry a second later (measured by
    // TestConcurrentStreams: 13 of 64 streams started 1 s late). The kernel caps this at
    // net.core.somaxconn.
    setListenBacklogSize(kListenBacklog);
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    // Streamed tokens are small writes: without this, Nagle's algorithm delays them.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    new ConnectionGuard(socket, m_limits);
    addPendingConnection(socket);
}
