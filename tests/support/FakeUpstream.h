#pragma once

#include "FakeReply.h"
#include "RecordedRequest.h"

#include <QHash>
#include <QObject>
#include <QUrl>

#include <memory>

class QTcpServer;
class QTcpSocket;

/// An OpenAI/DeepSeek-compatible upstream on 127.0.0.1:0 that speaks HTTP/1.1 byte for byte
/// (raw QTcpServer, no Qt HTTP classes, so the gateway meets real framing; over TLS with the
/// test CA when TestTls::upstreamsUseTls()), answers from a
/// script and records every request and connection, so tests can check what reached the
/// provider and whether the gateway closed its connections.
class FakeUpstream : public QObject
{
    Q_OBJECT

public:
    enum class Transport
    {
        FromEnvironment, ///< TLS when TestTls::upstreamsUseTls()
        Plain,
        Tls
    };

    explicit FakeUpstream(QObject *parent = nullptr);
    /// Over `transport`; with TLS, presenting tests/data/tls/`certificate`.pem.
    FakeUpstream(Transport transport, const QString &certificate, QObject *parent = nullptr);
    ~FakeUpstream() override;

    /// Listens on 127.0.0.1 on a free port.
    bool listen();
    quint16 port() const;
    /// The OpenAI-style base URL, e.g. http://127.0.0.1:40123/v1 (https:// over TLS)
    QUrl baseUrl() const;

    /// The answer to every chat request that finds no queued one.
    void setChatReply(const FakeReply &reply) { m_chatReply = reply; }
    /// The answer to the next chat request only (queued answers are used in order).
    void queueChatReply(const FakeReply &reply) { m_queuedChatReplies.append(reply); }
    /// `GET /models` answers `{"object":"list","data":[{"id":...}]}` with these ids.
    void setModelIds(const QStringList &ids);
    void setModelsReply(const FakeReply &reply) { m_modelsReply = reply; }

    QList<RecordedRequest> requests() const { return m_requests; }
    /// Only the requests to .../chat/completions.
    QList<RecordedRequest> chatRequests() const;
    RecordedRequest lastChatRequest() const;

    int connectionsOpened() const { return m_connectionsOpened; }
    int connectionsClosed() const { return m_connectionsClosed; }
    int openConnections() const { return m_connectionsOpened - m_connectionsClosed; }
    /// Connections whose request is still being answered (streaming, or hanging on purpose).
    int answeringConnections() const;
    int activeStreams() const { return m_activeStreams; }
    int peakActiveStreams() const { return m_peakActiveStreams; }
    int finishedStreams() const { return m_finishedStreams; }
    /// Monotonic times (QElapsedTimer::msecsSinceReference) at which each event of the
    /// most recently started stream was written.
    QList<qint64> lastStreamEventTimes() const { return m_lastStreamEventTimes; }
    /// How many FakeReply::strayAfter answers have been written.
    int straysSent() const { return m_straysSent; }
    /// Over TLS: the application protocol (ALPN) agreed with the last connection's client.
    QByteArray lastNegotiatedProtocol() const { return m_lastNegotiatedProtocol; }

Q_SIGNALS:
    void requestReceived(const RecordedRequest &request);
    void connectionOpened();
    void connectionClosed();
    void streamFinished();

private:
    struct Connection
    {
        QByteArray buffer;
        bool answering = false;
        bool streaming = false;
    };
    struct StreamState;

    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void onDisconnected(QTcpSocket *socket);
    void processBuffer(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const RecordedRequest &request);
    void writeFull(QTcpSocket *socket, const FakeReply &reply);
    void startStream(QTcpSocket *socket, const FakeReply &reply, bool includeUsage);
    void sendNextEvent(QTcpSocket *socket, const std::shared_ptr<StreamState> &state);
    void endAnswer(QTcpSocket *socket);
    void endStream(QTcpSocket *socket);
    FakeReply replyFor(const RecordedRequest &request);

    bool m_tls;
    QTcpServer *m_server;
    QHash<QTcpSocket *, Connection> m_connections;
    FakeReply m_chatReply;
    QList<FakeReply> m_queuedChatReplies;
    FakeReply m_modelsReply;
    QList<RecordedRequest> m_requests;
    int m_connectionsOpened = 0;
    int m_connectionsClosed = 0;
    int m_activeStreams = 0;
    int m_peakActiveStreams = 0;
    int m_finishedStreams = 0;
    QList<qint64> m_lastStreamEventTimes;
    int m_lastStreamId = 0;
    QByteArray m_lastNegotiatedProtocol;
    int m_straysSent = 0;
};
