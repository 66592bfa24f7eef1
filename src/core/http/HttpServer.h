#pragma once

#include "BodyBudget.h"
#include "HttpLimits.h"

#include <QAbstractSocket>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSet>

class HttpApplication;
class HttpConnection;
class HttpListener;
class MemoryTrimmer;
class QTimer;

/// The gateway's HTTP/1.1 server: listens, gives each accepted socket an HttpConnection, and
/// holds what the connections share: the application they serve, the limits, the budget of
/// request-body bytes held at once, and one timer that enforces every connection's time limits
/// (so a request costs no timer registration). Lives in one thread with all its connections.
class HttpServer : public QObject
{
    Q_OBJECT

public:
    explicit HttpServer(HttpApplication &application, QObject *parent = nullptr);
    ~HttpServer() override;

    /// Listens on `address`:`port` (0: any free port). On success the previous listening
    /// socket closes; connections it accepted go on. On failure the previous one stays.
    bool listen(const QHostAddress &address, quint16 port);
    QAbstractSocket::SocketError listenError() const { return m_listenError; }
    QString listenErrorString() const { return m_listenErrorString; }
    /// Stops accepting connections (open ones go on).
    void close();
    bool isListening() const;
    QHostAddress serverAddress() const;
    quint16 serverPort() const;

    /// Applies to requests that begin from now on.
    void setLimits(const HttpLimits &limits);
    const HttpLimits &limits() const { return m_limits; }

    int connectionCount() const { return int(m_connections.size()); }
    /// Request-body bytes held now, all connections and requests in flight together.
    qint64 bufferedBodyBytes() const { return m_budget.inUse(); }

    // For HttpListener and HttpConnection:
    void acceptConnection(qintptr socketDescriptor);
    HttpApplication &application() { return m_application; }
    BodyBudget &bodyBudget() { return m_budget; }
    /// A connection has a time limit at `atMs` (monotonic): make sure the sweep runs by then.
    void scheduleSweep(qint64 atMs);
    void connectionClosed(HttpConnection *connection);

private:
    void sweep();

    HttpApplication &m_application;
    HttpLimits m_limits;
    BodyBudget m_budget;
    MemoryTrimmer *m_trimmer;
    QPointer<HttpListener> m_listener;
    QSet<HttpConnection *> m_connections;
    QTimer *m_sweepTimer;
    qint64 m_sweepAtMs = 0;
    QAbstractSocket::SocketError m_listenError = QAbstractSocket::UnknownSocketError;
    QString m_listenErrorString;
};
