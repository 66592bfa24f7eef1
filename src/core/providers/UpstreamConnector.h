#pragma once

#include "UpstreamEndpoint.h"

#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>

class QTcpSocket;

/// Opens one connection for the gateway's HTTP/1.1 client, ready for a request: TCP, then a
/// CONNECT tunnel when an HTTP proxy is in between and the origin is HTTPS, then the TLS
/// handshake (certificate and host name verified; a refusal says which). Emits ready() or
/// failed() once. The socket it made belongs to `socketOwner` (the pool) from the start.
class UpstreamConnector : public QObject
{
    Q_OBJECT

public:
    UpstreamConnector(const UpstreamEndpoint &endpoint, const QSslConfiguration &tls,
                      QObject *socketOwner, QObject *parent = nullptr);
    ~UpstreamConnector() override;

    void start();
    /// The connected socket, handed over once ready() was emitted (nullptr before).
    QTcpSocket *takeSocket();

    /// Proxy-Authorization for `proxy` ("Basic ..."), empty without credentials.
    static QByteArray proxyAuthorization(const QNetworkProxy &proxy);
    /// A TLS refusal in words: untrusted (and how to trust it), wrong name, expired. `peer` is
    /// the server's certificate when the errors do not carry it.
    static QString describeTlsErrors(const QList<QSslError> &errors, const QString &host,
                                     const QString &caFile,
                                     const QSslCertificate &peer = QSslCertificate());

Q_SIGNALS:
    void ready();
    void failed(QNetworkReply::NetworkError code, const QString &message);

private:
    void onConnected();
    void onProxyAnswer();
    void onEncrypted();
    void onSslErrors(const QList<QSslError> &errors);
    void onSocketError();
    void startTls();
    void fail(QNetworkReply::NetworkError code, const QString &message);

    UpstreamEndpoint m_endpoint;
    QSslConfiguration m_tls;
    QPointer<QTcpSocket> m_socket;
    QByteArray m_proxyAnswer;
    QList<QSslError> m_tlsErrors;
    bool m_tunnelling = false;
    bool m_done = false;
};
