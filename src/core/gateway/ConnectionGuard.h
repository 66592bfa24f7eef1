#pragma once

#include <QByteArray>
#include <QObject>

class QTcpSocket;
class QTimer;

/// Limits the connection guard enforces; copied per connection.
struct ConnectionLimits
{
    qint64 maxBodyBytes = 32 * 1024 * 1024;
    int maxHeaderBytes = 64 * 1024;
    int idleTimeoutMs = 120 * 1000;
};

/// Watches one client connection's bytes before QHttpServer 6.4 parses them, because that
/// server has no limits of its own: it refuses oversized heads (431) and announced bodies
/// (413) before buffering them, closes idle or stalled connections (408), answers
/// `Expect: 100-continue`, and closes a connection that pipelines a request while the
/// previous answer is still being written (6.4 would answer it inside the open stream).
class ConnectionGuard : public QObject
{
    Q_OBJECT

public:
    /// Attaches to `socket` (as its child) and must be created before QHttpServer connects
    /// to the socket, so this guard sees each piece of data first.
    ConnectionGuard(QTcpSocket *socket, const ConnectionLimits &limits);

    /// The guard of a socket, or nullptr.
    static ConnectionGuard *of(QTcpSocket *socket);

    /// The answer to the current request is complete; the next request may begin.
    void responseFinished();

    /// True while a complete request waits for (or is receiving) its answer.
    bool isAwaitingResponse() const { return m_state == State::AwaitingResponse; }

private:
    enum class State
    {
        ReadingHead,
        ReadingBody,
        AwaitingResponse,
        Refused
    };

    void onReadyRead();
    void onIdleTimeout();
    void consume(const char *data, qsizetype size);
    bool finishHead(qsizetype headLength);
    void refuse(int status, const QByteArray &message);
    void drainAndIgnore();
    void restartIdleTimer();

    QTcpSocket *m_socket;
    QTimer *m_idleTimer;
    ConnectionLimits m_limits;
    State m_state = State::ReadingHead;
    QByteArray m_head;
    qint64 m_bodyRemaining = 0;
};
