#include "UpstreamConnector.h"

#include <QSslCertificate>
#include <QSslSocket>

namespace {
constexpr qsizetype kMaxProxyAnswerBytes = 16 * 1024;

QString namesOf(const QSslCertificate &certificate)
{
    QStringList names;
    const auto alternatives = certificate.subjectAlternativeNames();
    for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it) {
        if (it.key() == QSsl::DnsEntry || it.key() == QSsl::IpAddressEntry)
            names.append(it.value());
    }
    if (names.isEmpty())
        names = certificate.subjectInfo(QSslCertificate::CommonName);
    return names.isEmpty() ? QStringLiteral("no name") : names.join(QStringLiteral(", "));
}

QString issuerOf(const QSslCertificate &certificate)
{
    const QStringList common = certificate.issuerInfo(QSslCertificate::CommonName);
    return common.isEmpty() ? certificate.issuerDisplayName() : common.first();
}
} // namespace

UpstreamConnector::UpstreamConnector(const UpstreamEndpoint &endpoint, const QSslConfiguration &tls,
                                     QObject *socketOwner, QObject *parent)
    : QObject(parent), m_endpoint(endpoint), m_tls(tls)
{
    if (m_endpoint.tls) {
        auto *socket = new QSslSocket(socketOwner);
        socket->setSslConfiguration(m_tls);
        connect(socket, &QSslSocket::sslErrors, this, &UpstreamConnector::onSslErrors);
        connect(socket, &QSslSocket::encrypted, this, &UpstreamConnector::onEncrypted);
        m_socket = socket;
    } else {
        m_socket = new QTcpSocket(socketOwner);
    }
    // Proxies are this client's own business (from the environment, through the pool): the
    // socket itself never picks one.
    m_socket->setProxy(QNetworkProxy::NoProxy);
    connect(m_socket, &QAbstractSocket::connected, this, &UpstreamConnector::onConnected);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &UpstreamConnector::onSocketError);
}

UpstreamConnector::~UpstreamConnector()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
}

void UpstreamConnector::start()
{
    if (m_endpoint.viaProxy()) {
        m_socket->connectToHost(m_endpoint.proxy.hostName(), m_endpoint.proxy.port());
    } else if (m_endpoint.tls) {
        static_cast<QSslSocket *>(m_socket.data())
            ->connectToHostEncrypted(m_endpoint.host, m_endpoint.port);
    } else {
        m_socket->connectToHost(m_endpoint.host, m_endpoint.port);
    }
}

QTcpSocket *UpstreamConnector::takeSocket()
{
    if (!m_done || !m_socket)
        return nullptr;
    QTcpSocket *socket = m_socket.data();
    socket->disconnect(this);
    m_socket.clear();
    return socket;
}

QByteArray UpstreamConnector::proxyAuthorization(const QNetworkProxy &proxy)
{
    if (proxy.user().isEmpty())
        return {};
    return "Basic " + (proxy.user() + QLatin1Char(':') + proxy.password()).toUtf8().toBase64();
}

void UpstreamConnector::onConnected()
{
    if (m_done || !m_socket)
        return;
    // Small streamed pieces must not wait for Nagle's algorithm.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_endpoint.viaProxy() && m_endpoint.tls) {
        // HTTPS through an HTTP proxy: a tunnel to the origin, then TLS end to end inside it.
        QByteArray connectRequest = "CONNECT " + m_endpoint.authority() +
                                    " HTTP/1.1\r\nHost: " + m_endpoint.authority() + "\r\n";
        const QByteArray credentials = proxyAuthorization(m_endpoint.proxy);
        if (!credentials.isEmpty())
            connectRequest += "Proxy-Authorization: " + credentials + "\r\n";
        connectRequest += "\r\n";
        m_tunnelling = true;
        connect(m_socket, &QIODevice::readyRead, this, &UpstreamConnector::onProxyAnswer);
        m_socket->write(connectRequest);
        m_socket->flush();
        return;
    }
    if (m_endpoint.tls)
        return; // connectToHostEncrypted() goes on with the handshake: encrypted() follows
    m_done = true;
    Q_EMIT ready();
}

void UpstreamConnector::onProxyAnswer()
{
    if (m_done || !m_socket || !m_tunnelling)
        return;
    m_proxyAnswer += m_socket->readAll();
    const qsizetype end = m_proxyAnswer.indexOf("\r\n\r\n");
    const QString proxy =
        m_endpoint.proxy.hostName() + QLatin1Char(':') + QString::number(m_endpoint.proxy.port());
    if (end < 0) {
        if (m_proxyAnswer.size() > kMaxProxyAnswerBytes)
            fail(
                QNetworkReply::ProxyConnectionRefusedError,
                QStringLiteral("the proxy %1 answered the tunnel request with garbage").arg(proxy));
        return;
    }
    m_tunnelling = false;
    disconnect(m_socket, &QIODevice::readyRead, this, &UpstreamConnector::onProxyAnswer);
    const QByteArray statusLine = m_proxyAnswer.left(m_proxyAnswer.indexOf("\r\n"));
    const int status = statusLine.startsWith("HTTP/1.") ? statusLine.mid(9, 3).toInt() : 0;
    if (status == 407) {
        fail(QNetworkReply::ProxyAuthenticationRequiredError,
             QStringLiteral("the proxy %1 asks for credentials (407); give them in the proxy "
                            "variable, e.g. https_proxy=http://user:password@%1")
                 .arg(proxy));
        return;
    }
    if (status < 200 || status > 299) {
        fail(QNetworkReply::ProxyConnectionRefusedError,
             QStringLiteral("the proxy %1 refused the tunnel to %2: %3")
                 .arg(proxy, QString::fromLatin1(m_endpoint.authority()),
                      QString::fromLatin1(statusLine.left(200))));
        return;
    }
    if (m_proxyAnswer.size() > end + 4) {
        // The origin speaks first in TLS only after our hello: anything here is not its.
        fail(QNetworkReply::ProxyConnectionRefusedError,
             QStringLiteral("the proxy %1 sent data before the tunnel was open").arg(proxy));
        return;
    }
    m_proxyAnswer.clear();
    startTls();
}

void UpstreamConnector::startTls()
{
    auto *socket = static_cast<QSslSocket *>(m_socket.data());
    // Inside a tunnel the socket is connected to the proxy: the name to verify is the origin's.
    socket->setPeerVerifyName(m_endpoint.host);
    socket->startClientEncryption();
}

void UpstreamConnector::onEncrypted()
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT ready();
}

void UpstreamConnector::onSslErrors(const QList<QSslError> &errors)
{
    // Never ignored: the handshake fails after this, and the errors say why.
    m_tlsErrors = errors;
}

void UpstreamConnector::onSocketError()
{
    if (m_done || !m_socket)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    // Through a proxy, the TCP connection is to the proxy: refusals and lookups are its.
    const bool atProxy = m_endpoint.viaProxy();
    switch (error) {
    case QAbstractSocket::SslHandshakeFailedError:
        fail(
            QNetworkReply::SslHandshakeFailedError,
            m_tlsErrors.isEmpty()
                ? QStringLiteral("the TLS handshake with %1 failed: %2")
                      .arg(m_endpoint.host, m_socket->errorString())
                : describeTlsErrors(m_tlsErrors, m_endpoint.host, m_endpoint.caFile,
                                    static_cast<QSslSocket *>(m_socket.data())->peerCertificate()));
        return;
    case QAbstractSocket::ConnectionRefusedError:
        fail(atProxy ? QNetworkReply::ProxyConnectionRefusedError
                     : QNetworkReply::ConnectionRefusedError,
             atProxy ? QStringLiteral("the proxy %1:%2 refused the connection")
                           .arg(m_endpoint.proxy.hostName())
                           .arg(m_endpoint.proxy.port())
                     : QStringLiteral("Connection refused"));
        return;
    case QAbstractSocket::HostNotFoundError:
        fail(atProxy ? QNetworkReply::ProxyNotFoundError : QNetworkReply::HostNotFoundError,
             QStringLiteral("Host %1 not found")
                 .arg(atProxy ? m_endpoint.proxy.hostName() : m_endpoint.host));
        return;
    case QAbstractSocket::SocketTimeoutError:
        fail(QNetworkReply::TimeoutError, m_socket->errorString());
        return;
    case QAbstractSocket::RemoteHostClosedError:
        fail(QNetworkReply::RemoteHostClosedError,
             m_endpoint.tls ? QStringLiteral("the connection closed during the TLS handshake")
                            : QStringLiteral("Connection closed"));
        return;
    default:
        break;
    }
    fail(m_endpoint.tls && error >= QAbstractSocket::SslHandshakeFailedError
             ? QNetworkReply::SslHandshakeFailedError
             : QNetworkReply::UnknownNetworkError,
         m_socket->errorString());
}

QString UpstreamConnector::describeTlsErrors(const QList<QSslError> &errors, const QString &host,
                                             const QString &caFile, const QSslCertificate &known)
{
    bool untrusted = false;
    bool wrongName = false;
    QStringList other;
    QSslCertificate peer;
    for (const QSslError &error : errors) {
        if (peer.isNull() && !error.certificate().isNull())
            peer = error.certificate();
        switch (error.error()) {
        case QSslError::HostNameMismatch:
            wrongName = true;
            break;
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::CertificateUntrusted:
        case QSslError::CertificateRejected:
        case QSslError::InvalidCaCertificate:
            untrusted = true;
            break;
        default:
            other.append(error.errorString());
            break;
        }
    }
    if (peer.isNull())
        peer = known;
    QStringList parts;
    if (untrusted) {
        QString text =
            QStringLiteral("the TLS certificate of %1 (issued by \"%2\") is not trusted: "
                           "no certificate authority in the system store")
                .arg(host, peer.isNull() ? QStringLiteral("?") : issuerOf(peer));
        if (caFile.isEmpty())
            text += QStringLiteral(" signed it. If the provider uses a private or company "
                                   "certificate authority, set the provider's CA file (\"caFile\") "
                                   "to that authority's certificate");
        else
            text += QStringLiteral(" nor in the CA file %1 signed it").arg(caFile);
        parts.append(text);
    }
    if (wrongName) {
        parts.append(QStringLiteral("the TLS certificate presented for %1 is for other names (%2): "
                                    "the host name of the base URL does not match it")
                         .arg(host, peer.isNull() ? QStringLiteral("?") : namesOf(peer)));
    }
    for (const QString &text : std::as_const(other))
        parts.append(QStringLiteral("TLS: ") + text);
    return parts.join(QStringLiteral("; ")) +
           QStringLiteral(" (the gateway always verifies TLS and never connects without it)");
}

void UpstreamConnector::fail(QNetworkReply::NetworkError code, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket.clear();
    }
    Q_EMIT failed(code, message);
}
