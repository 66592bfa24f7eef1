#include "FakeHttpProxy.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

FakeHttpProxy::FakeHttpProxy(QObject *parent) : QObject(parent), m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &FakeHttpProxy::onNewConnection);
}

FakeHttpProxy::~FakeHttpProxy()
{
    for (auto it = m_clients.keyBegin(); it != m_clients.keyEnd(); ++it)
        (*it)->disconnect(this);
}

bool FakeHttpProxy::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 FakeHttpProxy::port() const
{
    return m_server->serverPort();
}

QByteArray FakeHttpProxy::url(const QByteArray &credentials) const
{
    return "http://" + (credentials.isEmpty() ? QByteArray() : credentials + '@') +
           "127.0.0.1:" + QByteArray::number(port());
}

void FakeHttpProxy::requireCredentials(const QByteArray &userColonPassword)
{
    m_requiredAuthorization = "Basic " + userColonPassword.toBase64();
}

void FakeHttpProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server->nextPendingConnection()) {
        m_clients.insert(client, Client());
        connect(client, &QIODevice::readyRead, this, [this, client] { onClientData(client); });
        connect(client, &QAbstractSocket::disconnected, this, [this, client] {
            const Client state = m_clients.take(client);
            if (state.target)
                state.target->disconnectFromHost();
            client->deleteLater();
        });
    }
}

void FakeHttpProxy::onClientData(QTcpSocket *client)
{
    auto it = m_clients.find(client);
    if (it == m_clients.end())
        return;
    if (it->relaying) {
        if (it->target && it->target->state() == QAbstractSocket::ConnectedState)
            it->target->write(client->readAll());
        return; // before the target is connected, the bytes wait in the client socket
    }
    it->in += client->readAll();
    const qsizetype headEnd = it->in.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    const QList<QByteArray> lines = it->in.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    QByteArray authorization;
    for (const QByteArray &line : lines) {
        if (line.toLower().startsWith("proxy-authorization:"))
            authorization = line.mid(20).trimmed();
    }
    if (!m_requiredAuthorization.isEmpty() && authorization != m_requiredAuthorization) {
        ++m_refused;
        client->write("HTTP/1.1 407 Proxy Authentication Required\r\n"
                      "Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n"
                      "Connection: close\r\n\r\n");
        client->disconnectFromHost();
        return;
    }
    const QByteArray method = requestLine.value(0);
    const QByteArray target = requestLine.value(1);
    it->relaying = true;
    if (method == "CONNECT") {
        m_tunnels.append(target);
        const QByteArray rest = it->in.mid(headEnd + 4);
        it->in.clear();
        openTarget(client, target, rest, true);
        return;
    }
    // Absolute form: the whole request goes on as it came, to the origin it names.
    m_relayed.append(lines.value(0).trimmed());
    const QUrl url(QString::fromLatin1(target));
    const QByteArray bytes = it->in;
    it->in.clear();
    openTarget(client, url.host().toLatin1() + ':' + QByteArray::number(url.port(80)), bytes,
               false);
}

void FakeHttpProxy::openTarget(QTcpSocket *client, const QByteArray &authority,
                               const QByteArray &firstBytes, bool tunnel)
{
    auto *target = new QTcpSocket(this);
    m_clients[client].target = target;
    const QPointer<QTcpSocket> peer(client);
    const quint16 port = quint16(authority.mid(authority.lastIndexOf(':') + 1).toUInt());
    connect(target, &QAbstractSocket::connected, this, [this, peer, target, firstBytes, tunnel] {
        if (!peer)
            return;
        if (tunnel)
            peer->write("HTTP/1.1 200 Connection established\r\n\r\n");
        if (!firstBytes.isEmpty())
            target->write(firstBytes);
        onClientData(peer); // bytes that came while connecting
    });
    connect(target, &QIODevice::readyRead, this, [peer, target] {
        if (peer)
            peer->write(target->readAll());
    });
    connect(target, &QAbstractSocket::disconnected, this, [peer, target] {
        if (peer)
            peer->disconnectFromHost();
        target->deleteLater();
    });
    connect(target, &QAbstractSocket::errorOccurred, this, [peer, tunnel] {
        if (!peer)
            return;
        if (tunnel)
            peer->write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
        peer->disconnectFromHost();
    });
    target->connectToHost(QHostAddress::LocalHost, port);
}
