#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

class QTcpServer;
class QTcpSocket;

/// An HTTP proxy on 127.0.0.1:0, as a company network puts between the gateway and the
/// internet: CONNECT opens a tunnel (for HTTPS), and a request in absolute form
/// ("POST http://host:port/path") is relayed (for plain http). Every host name leads to
/// 127.0.0.1 at the port asked for, so tests can use names like upstream.test. Optionally
/// demands Proxy-Authorization (407 otherwise). Records what it was asked.
class FakeHttpProxy : public QObject
{
    Q_OBJECT

public:
    explicit FakeHttpProxy(QObject *parent = nullptr);
    ~FakeHttpProxy() override;

    bool listen();
    quint16 port() const;
    /// e.g. http://127.0.0.1:40123, or with credentials http://user:password@127.0.0.1:40123
    QByteArray url(const QByteArray &credentials = {}) const;

    /// Demands "Proxy-Authorization: Basic base64(user:password)" on every request.
    void requireCredentials(const QByteArray &userColonPassword);

    /// The targets of CONNECT requests ("upstream.test:443"), in order.
    QList<QByteArray> tunnels() const { return m_tunnels; }
    /// The request lines of requests relayed in absolute form, in order.
    QList<QByteArray> relayedRequestLines() const { return m_relayed; }
    int refusedForCredentials() const { return m_refused; }

private:
    struct Client
    {
        QByteArray in;
        QPointer<QTcpSocket> target;
        bool relaying = false;
    };

    void onNewConnection();
    void onClientData(QTcpSocket *client);
    void openTarget(QTcpSocket *client, const QByteArray &authority, const QByteArray &firstBytes,
                    bool tunnel);

    QTcpServer *m_server;
    QHash<QTcpSocket *, Client> m_clients;
    QByteArray m_requiredAuthorization;
    QList<QByteArray> m_tunnels;
    QList<QByteArray> m_relayed;
    int m_refused = 0;
};
