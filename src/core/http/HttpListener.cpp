#include "HttpListener.h"

#include "HttpServer.h"

namespace {
constexpr int kListenBacklog = 1024;
} // namespace

HttpListener::HttpListener(HttpServer &server) : QTcpServer(&server), m_server(server)
{
    // IDE agents open dozens of connections at once. With Qt's default backlog of 50 the
    // kernel drops the SYNs beyond it and the clients retry a second later (measured by
    // TestConcurrentStreams: 13 of 64 streams started 1 s late). The kernel caps this at
    // net.core.somaxconn.
    setListenBacklogSize(kListenBacklog);
}

void HttpListener::incomingConnection(qintptr socketDescriptor)
{
    m_server.acceptConnection(socketDescriptor);
}
