#include "UpstreamEndpoint.h"

#include <QUrl>

UpstreamEndpoint::UpstreamEndpoint(const QUrl &url, const QString &caFile_,
                                   const QNetworkProxy &proxy_)
    : tls(url.scheme() == QLatin1String("https")), host(url.host()),
      port(quint16(url.port(tls ? 443 : 80))), caFile(tls ? caFile_ : QString()), proxy(proxy_)
{
    // ASCII names (nearly all) as they are; others in their ACE form (xn--...).
    bool ascii = true;
    for (const QChar c : host)
        ascii = ascii && c.unicode() < 0x80;
    QByteArray name = ascii ? host.toLatin1() : QUrl::toAce(host);
    if (name.isEmpty())
        name = host.toLatin1();
    if (host.contains(QLatin1Char(':')))
        name = '[' + name + ']'; // an IPv6 literal
    m_authority = name + ':' + QByteArray::number(port);
}

QString UpstreamEndpoint::key() const
{
    QString key = (tls ? QStringLiteral("https/") : QStringLiteral("http/")) + host +
                  QLatin1Char(':') + QString::number(port);
    if (tls)
        key +=
            QStringLiteral("|ca=") + caFile + QLatin1Char('#') + QString::number(trustGeneration);
    if (viaProxy())
        key += QStringLiteral("|proxy=") + proxy.user() + QLatin1Char('@') + proxy.hostName() +
               QLatin1Char(':') + QString::number(proxy.port());
    return key;
}
