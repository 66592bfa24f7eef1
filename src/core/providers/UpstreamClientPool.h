#pragma once

#include "UpstreamEndpoint.h"

#include <QHash>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>

class QNetworkReply;
class QSslSocket;
class QTcpSocket;
class QUrl;
class UpstreamTlsTrust;
struct GatewayConfig;

/// Sends the gateway's upstream requests.
///
/// HTTP and HTTPS upstreams, direct or through an HTTP proxy, are spoken to by the gateway's
/// own HTTP/1.1 client over keep-alive sockets in this thread (UpstreamHttpReply): no thread
/// hop, no connection limit per host, TLS sessions resumed, about a quarter of the CPU of
/// QNetworkAccessManager per request (docs/benchmarks.md). QNetworkAccessManager carries the
/// rest: "builtinHttpClient": false, and SOCKS proxies. One QNAM opens at most 6 HTTP/1.1
/// connections per host (not configurable in Qt 6.4), so the pool hands each request to a
/// manager with a free slot for that host and adds managers when all are busy.
///
/// TLS is always verified, against the system store plus the provider's CA file (the request
/// carries it in kCaFileAttribute), on both clients.
class UpstreamClientPool : public QObject
{
    Q_OBJECT

public:
    static constexpr int kConnectionsPerManager = 6;
    /// Idle keep-alive connections kept per upstream host; more are closed.
    static constexpr int kMaxIdleConnectionsPerHost = 256;
    /// The CA file (QString) the request's provider trusts besides the system store.
    static constexpr QNetworkRequest::Attribute kCaFileAttribute =
        QNetworkRequest::Attribute(QNetworkRequest::User + 21);

    explicit UpstreamClientPool(QObject *parent = nullptr);
    ~UpstreamClientPool() override;

    /// Takes what the pool needs from a new configuration: which client to use, and the CA
    /// files to (re)read, off this thread.
    void applyConfig(const GatewayConfig &config);

    /// Starts the request; the caller owns the reply (deleteLater it when done). A request
    /// whose headers hold CR, LF or NUL is not sent: its reply fails at once.
    QNetworkReply *post(const QNetworkRequest &request, const QByteArray &body);
    QNetworkReply *get(const QNetworkRequest &request);
    /// The same on the gateway's own client whatever the configuration says, when it can
    /// carry the request (no SOCKS proxy); else through QNAM as post() would.
    QNetworkReply *postOnBuiltinClient(const QNetworkRequest &request, const QByteArray &body);

    /// False: every request goes through QNetworkAccessManager (see GatewayConfig).
    void setBuiltinHttpClientEnabled(bool enabled) { m_builtinHttpClient = enabled; }

    int managerCount() const { return int(m_managers.size()); }
    int idleConnectionCount() const;
    UpstreamTlsTrust &tlsTrust() { return *m_trust; }

    /// For UpstreamHttpReply: an open idle connection to `key` with nothing unread, or nullptr.
    QTcpSocket *takeIdleConnection(const QString &key);
    /// For UpstreamHttpReply: a connection whose exchange ended cleanly, for the next request.
    void returnIdleConnection(const QString &key, QTcpSocket *socket);
    /// For UpstreamHttpReply: the last TLS session of `key`, for a new connection to resume.
    QByteArray sessionTicket(const QString &key) const { return m_sessionTickets.value(key); }
    /// For UpstreamHttpReply: keeps the sessions `socket` receives (TLS 1.3 sends them after
    /// the handshake) for later connections to `key`.
    void keepSessionTickets(const QString &key, QSslSocket *socket);

    /// Why `reply` failed, in words: for a TLS refusal on QNAM, which check failed and what to
    /// do (as the gateway's own client says it); else the reply's errorString().
    static QString failureReason(const QNetworkReply *reply);

    /// True when `request` carries a header whose name or value holds CR, LF or NUL (which
    /// would split or cut the request upstream); `name` says which.
    static bool hasForbiddenHeaderBytes(const QNetworkRequest &request, QByteArray *name);

private:
    struct Manager
    {
        QNetworkAccessManager *manager = nullptr;
        QHash<QString, int> activeByHost;
    };
    enum class Client
    {
        Builtin,
        Qt
    };

    QNetworkReply *send(QNetworkAccessManager::Operation operation, QNetworkRequest request,
                        const QByteArray &body, bool preferBuiltin);
    /// Which client carries requests to `url`, and through which proxy (checked once per host).
    Client clientFor(const QUrl &url, bool preferBuiltin, QNetworkProxy *proxy);
    QNetworkReply *sendThroughQt(QNetworkAccessManager::Operation operation,
                                 const QNetworkRequest &request, const QByteArray &body);
    int pickManager(const QString &hostKey);
    void track(QNetworkReply *reply, int managerIndex, const QString &hostKey);
    void dropIdle(QTcpSocket *socket);

    QList<Manager> m_managers;
    UpstreamTlsTrust *m_trust;
    bool m_builtinHttpClient = true;
    QHash<QString, QNetworkProxy> m_proxyByHost; // proxy settings checked once per host
    struct Idle
    {
        QPointer<QTcpSocket> socket;
        QList<QMetaObject::Connection> watches;
    };
    QHash<QString, QList<Idle>> m_idle;
    QHash<QString, QByteArray> m_sessionTickets;
};
