#include "GatewayHttpServer.h"

#include "HttpResponseWriter.h"
#include "IncomingRequest.h"

#include <QHttpServerRequest>

namespace {
QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QByteArrayLiteral("PATCH");
    case QHttpServerRequest::Method::Connect:
        return QByteArrayLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace:
        return QByteArrayLiteral("TRACE");
    default:
        break;
    }
    return QByteArrayLiteral("UNKNOWN");
}
} // namespace

GatewayHttpServer::GatewayHttpServer(Dispatcher dispatcher, QObject *parent)
    : QAbstractHttpServer(parent), m_dispatcher(std::move(dispatcher))
{}

bool GatewayHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // The request object is reused for the socket's next request: copy what we need now.
    IncomingRequest copy;
    copy.method = methodName(request.method());
    copy.path = request.url().path();
    copy.query = request.url().query(QUrl::FullyEncoded).toLatin1();
    const auto headers = request.headers();
    copy.headers.reserve(headers.size());
    bool close = false;
    for (const auto &h : headers) {
        copy.headers.append({h.first.toLower(), h.second});
        if (copy.headers.last().first == "connection" && h.second.toLower().contains("close"))
            close = true;
    }
    copy.body = request.body();
    copy.remoteAddress = request.remoteAddress();
    m_dispatcher(std::move(copy), HttpResponseWriter(socket, close));
    return true;
}

void GatewayHttpServer::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // Unreachable: handleRequest() accepts every request and answers unknown paths itself.
}
