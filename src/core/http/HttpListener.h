#pragma once

#include <QTcpServer>

class HttpServer;
class QSocketNotifier;

/// The listening socket of an HttpServer: hands every accepted connection to it. On Unix it
/// accepts by itself: when the process runs out of file descriptors, QTcpServer 6.4 either
/// stops accepting for good or retries in a busy loop (measured: 25,000 failed accept() calls
/// a second at full CPU); this listener stops, warns and tries again a moment later.
class HttpListener : public QTcpServer
{
    Q_OBJECT

public:
    explicit HttpListener(HttpServer &server);

    /// Listens as QTcpServer::listen() does, then takes over accepting.
    bool listenOn(const QHostAddress &address, quint16 port);

    /// Stops listening and closes the socket. Use it, not QTcpServer::close(): that closes the
    /// descriptor under this listener's own notifier, which Qt then reports as an invalid
    /// socket at the next event-loop pass.
    void stopListening();

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void acceptPending();
    void backOff(const QString &reason);

    HttpServer &m_server;
    QSocketNotifier *m_notifier = nullptr;
    qint64 m_lastWarningMs = 0;
};
