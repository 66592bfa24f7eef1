#pragma once

#include <QTcpServer>

class HttpServer;

/// The listening socket of an HttpServer: hands every accepted connection to it.
class HttpListener : public QTcpServer
{
    Q_OBJECT

public:
    explicit HttpListener(HttpServer &server);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    HttpServer &m_server;
};
