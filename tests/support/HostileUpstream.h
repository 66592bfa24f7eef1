#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QUrl>

class QTcpServer;
class QTcpSocket;

/// An upstream that misbehaves at volume, for the memory and time limits: it answers every
/// request with a scripted head and then pumps a body made of one pattern repeated up to
/// `totalBytes` (a gigabyte costs it nothing: it writes more only as the socket drains, or
/// one piece per interval when paced). Over TLS with the test CA when
/// TestTls::upstreamsUseTls(). Records how much it sent and whether the gateway hung up.
class HostileUpstream : public QObject
{
    Q_OBJECT

public:
    struct Script
    {
        QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n";
        QByteArray prefix;  ///< the start of the body
        QByteArray pattern; ///< repeated after the prefix
        qint64 totalBytes = 0;
        int pieceBytes = 64 * 1024; ///< bytes per write
        int intervalMs = 0;         ///< pause between writes (0: as fast as the socket drains)
        bool chunked = true;        ///< each write one chunk of chunked encoding
        QByteArray suffix;          ///< after the pattern (the stream's end), before the last chunk
    };

    explicit HostileUpstream(QObject *parent = nullptr);
    ~HostileUpstream() override;

    bool listen();
    /// e.g. http://127.0.0.1:40123/v1 (https:// over TLS)
    QUrl baseUrl() const;

    void setScript(const Script &script) { m_script = script; }

    /// Body bytes written so far, over every connection.
    qint64 bytesSent() const { return m_bytesSent; }
    int requestsReceived() const { return m_requests; }
    /// Connections the other side closed before the whole body was written.
    int connectionsCutByPeer() const { return m_cutByPeer; }
    int openConnections() const { return int(m_connections.size()); }

private:
    struct Connection
    {
        QByteArray in;
        bool answering = false;
        qint64 remaining = 0;
        bool done = false;
    };

    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void pump(QTcpSocket *socket);
    void writePiece(QTcpSocket *socket, const QByteArray &data);

    bool m_tls;
    QTcpServer *m_server;
    Script m_script;
    QHash<QTcpSocket *, Connection> m_connections;
    QByteArray m_piece; ///< one piece of the pattern, built once
    qint64 m_bytesSent = 0;
    int m_requests = 0;
    int m_cutByPeer = 0;
};
