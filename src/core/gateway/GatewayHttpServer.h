#pragma once

#include <QAbstractHttpServer>

#include <functional>

struct IncomingRequest;
class HttpResponseWriter;

/// QHttpServer's parser without its router: every parsed request is copied and handed to
/// one dispatch function together with a writer for its answer.
class GatewayHttpServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    using Dispatcher = std::function<void(IncomingRequest &&, HttpResponseWriter &&)>;

    explicit GatewayHttpServer(Dispatcher dispatcher, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Dispatcher m_dispatcher;
};
