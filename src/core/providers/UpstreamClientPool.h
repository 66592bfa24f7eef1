#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class QTcpSocket;
class QUrl;

/// Sends the gateway's upstream requests.
///
/// Plain-http upstreams without a proxy (Ollama, LM Studio, vLLM, local proxies) are spoken to
/// directly over keep-alive sockets in this thread (UpstreamHttpReply): no thread hop, no
/// connection limit per host. HTTPS upstreams go through QNetworkAccessManager (TLS, HTTP/2 via
/// ALPN). One QNAM opens at most 6 HTTP/1.1 connections per host (not configurable in Qt 6.4),
/// so the pool hands each request to a manager with a free slot for that host and adds
/// managers when all are busy.
class UpstreamClientPool : public QObject
{
    Q_OBJECT

public:
    static constexpr int kConnectionsPerManager = 6;
    /// Idle keep-alive connections kept per upstream host; more are closed.
    static constexpr int kMaxIdleConnectionsPerHost = 256;

    explicit UpstreamClientPool(QObject *parent = nullptr);

    /// Starts the request; the caller owns the reply (deleteLater it when done).
    QNetworkReply *post(const QNetworkRequest &request, const QByteArray &body);
    QNetworkReply *get(const QNetworkRequest &request);

    /// False: every request goes through QNetworkAccessManager (see GatewayConfig).
    void setBuiltinHttpClientEnabled(bool enabled) { m_builtinHttpClient = enabled; }

    int managerCount() const { return int(m_managers.size()); }
    int idleConnectionCount() const;

    /// For UpstreamHttpReply: an open idle connection to `key`, or nullptr.
    QTcpSocket *takeIdleConnection(const QString &key);
    /// For UpstreamHttpReply: a connection whose exchange ended cleanly, for the next request.
    void returnIdleConnection(const QString &key, QTcpSocket *socket);

private:
    struct Manager
    {
        QNetworkAccessManager *manager = nullptr;
        QHash<QString, int> activeByHost;
    };

    bool speaksDirectly(const QUrl &url);
    int pickManager(const QString &hostKey);
    void track(QNetworkReply *reply, int managerIndex, const QString &hostKey);
    void dropIdle(QTcpSocket *socket);

    QList<Manager> m_managers;
    bool m_builtinHttpClient = true;
    QHash<QString, bool> m_directByHost; // proxy settings checked once per host
    QHash<QString, QList<QPointer<QTcpSocket>>> m_idle;
};
