#pragma once

#include <QNetworkProxy>
#include <QString>

class QUrl;

/// Where the gateway's own HTTP/1.1 client connects for one upstream URL: the origin, the
/// CA file that (with the system store) decides whom to trust over TLS, and the HTTP proxy in
/// between, if any. Connections are pooled by key(): one with another proxy or other trust is
/// never reused for it.
struct UpstreamEndpoint
{
    bool tls = false;
    QString host;
    quint16 port = 0;
    QString caFile;          ///< empty: the system store alone
    int trustGeneration = 0; ///< of the CA file's contents the connection is made with
    QNetworkProxy proxy;     ///< NoProxy, or an HttpProxy (CONNECT for TLS, absolute-form for http)

    UpstreamEndpoint(const QUrl &url, const QString &caFile, const QNetworkProxy &proxy);

    bool viaProxy() const { return proxy.type() == QNetworkProxy::HttpProxy; }
    /// "https/api.openai.com:443|ca=...#2|proxy=host:port": the idle-connection pool's key.
    QString key() const;
    /// "api.openai.com:443" (IPv6 literals in brackets), as CONNECT and Host name it.
    QByteArray authority() const { return m_authority; }

private:
    QByteArray m_authority;
};
