#include "UpstreamClientPool.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace {
QString hostKeyOf(const QUrl &url)
{
    return url.scheme() + QLatin1Char('/') + url.host() + QLatin1Char(':') +
           QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}
} // namespace

UpstreamClientPool::UpstreamClientPool(QObject *parent) : QObject(parent) {}

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
    const QString hostKey = hostKeyOf(request.url());
    const int index = pickManager(hostKey);
    QNetworkReply *reply = m_managers[index].manager->post(request, body);
    track(reply, index, hostKey);
    return reply;
}

QNetworkReply *UpstreamClientPool::get(const QNetworkRequest &request)
{
    const QString hostKey = hostKeyOf(request.url());
    const int index = pickManager(hostKey);
    QNetworkReply *reply = m_managers[index].manager->get(request);
    track(reply, index, hostKey);
    return reply;
}
