#include "UpstreamClientPool.h"

#include "UpstreamHttpReply.h"

#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>

namespace {
QString hostKeyOf(const QUrl &url)
{
    return url.scheme() + QLatin1Char('/') + url.host() + QLatin1Char(':') +
           QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}
} // namespace

UpstreamClientPool::UpstreamClientPool(QObject *parent) : QObject(parent) {}

bool UpstreamClientPool::speaksDirectly(const QUrl &url)
{
    if (!m_builtinHttpClient || url.scheme() != QLatin1String("http"))
        return false;
    const QString key = hostKeyOf(url);
    const auto known = m_directByHost.constFind(key);
    if (known != m_directByHost.constEnd())
        return known.value();
    // A configured proxy (http_proxy and no_proxy, or an application proxy) is QNAM's job.
    const QList<QNetworkProxy> proxies =
        QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(url));
    const bool direct = proxies.isEmpty() || proxies.first().type() == QNetworkProxy::NoProxy ||
                        proxies.first().type() == QNetworkProxy::DefaultProxy;
    m_directByHost.insert(key, direct);
    return direct;
}

int UpstreamClientPool::pickManager(const QString &hostKey)
{
    for (int i = 0; i < m_managers.size(); ++i) {
        if (m_managers[i].activeByHost.value(hostKey) < kConnectionsPerManager)
            return i;
    }
    Manager added;
    added.manager = new QNetworkAccessManager(this);
    // Connection reuse matters more than anything else here; no cache, no cookies.
    added.manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_managers.append(added);
    return int(m_managers.size()) - 1;
}

void UpstreamClientPool::track(QNetworkReply *reply, int managerIndex, const QString &hostKey)
{
    m_managers[managerIndex].activeByHost[hostKey] += 1;
    // abort() emits finished synchronously, so every reply ends through this one path.
    connect(reply, &QNetworkReply::finished, this, [this, managerIndex, hostKey] {
        int &active = m_managers[managerIndex].activeByHost[hostKey];
        if (active > 0)
            --active;
    });
}

QNetworkReply *UpstreamClientPool::post(const QNetworkRequest &request, const QByteArray &body)
{
    if (speaksDirectly(request.url()))
        return new UpstreamHttpReply(QNetworkAccessManager::PostOperation, request, body, *this,
                                     this);
    const QString hostKey = hostKeyOf(request.url());
    const int index = pickManager(hostKey);
    QNetworkReply *reply = m_managers[index].manager->post(request, body);
    track(reply, index, hostKey);
    return reply;
}

QNetworkReply *UpstreamClientPool::get(const QNetworkRequest &request)
{
    if (speaksDirectly(request.url()))
        return new UpstreamHttpReply(QNetworkAccessManager::GetOperation, request, {}, *this, this);
    const QString hostKey = hostKeyOf(request.url());
    const int index = pickManager(hostKey);
    QNetworkReply *reply = m_managers[index].manager->get(request);
    track(reply, index, hostKey);
    return reply;
}

int UpstreamClientPool::idleConnectionCount() const
{
    int count = 0;
    for (const auto &sockets : m_idle)
        count += int(sockets.size());
    return count;
}

QTcpSocket *UpstreamClientPool::takeIdleConnection(const QString &key)
{
    auto it = m_idle.find(key);
    if (it == m_idle.end())
        return nullptr;
    // The most recently used connection first: it is the least likely to have been closed.
    while (!it->isEmpty()) {
        QPointer<QTcpSocket> socket = it->takeLast();
        if (!socket)
            continue;
        socket->disconnect(this);
        if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesAvailable() == 0)
            return socket;
        socket->abort();
        socket->deleteLater();
    }
    return nullptr;
}

void UpstreamClientPool::returnIdleConnection(const QString &key, QTcpSocket *socket)
{
    QList<QPointer<QTcpSocket>> &idle = m_idle[key];
    if (idle.size() >= kMaxIdleConnectionsPerHost) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    // An idle connection has nothing to say: anything it receives (a close, stray bytes)
    // makes it unusable.
    connect(socket, &QAbstractSocket::disconnected, this, [this, socket] { dropIdle(socket); });
    connect(socket, &QIODevice::readyRead, this, [this, socket] { dropIdle(socket); });
    idle.append(socket);
}

void UpstreamClientPool::dropIdle(QTcpSocket *socket)
{
    for (auto &sockets : m_idle)
        sockets.removeAll(socket);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}
