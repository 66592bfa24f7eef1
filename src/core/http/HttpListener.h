#pragma once

#include <QTcpServer>

class HttpServer;

/// The listening socket of an HttpServer: hands every accepted connection to it, and keeps
/// accepting after the process ran out of file descriptors (QTcpServer stops for good).
class HttpListener : public QTcpServer
{
    Q_OBJECT

public:
    explicit HttpListener(HttpServer &server);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void onAcceptError(QAbstractSocket::SocketError error);

    HttpServer &m_server;
    qint64 m_lastWarningMs = 0;
};
