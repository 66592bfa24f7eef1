#pragma once

#include "HttpApplication.h"
#include "HttpResponseWriter.h"
#include "RequestHeadParser.h"

#include <QObject>

#include <memory>

class HttpServer;
class QTcpSocket;

/// One client connection of the HTTP server. Reads one request at a time (head, then its
/// Content-Length body), hands it to the application, and reads the next one only when the
/// answer is complete, so pipelined requests are answered in order. Holds the client to the
/// server's limits: head size and deadline, body size, rate and the shared body budget. Every
/// refusal it makes, and every answer after which the connection must end, is followed by a
/// lingering close: the write side is shut, the input is read and discarded for a bounded time
/// and byte count, then the socket closes, so a client still sending reads the answer instead
/// of a reset.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    /// Takes `socket` (connected) as its child.
    HttpConnection(QTcpSocket *socket, HttpServer &server);
    ~HttpConnection() override;

    QTcpSocket *socket() const { return m_socket; }
    /// True while answers can still be written.
    bool isOpen() const;
    /// When the server must next call checkDeadline() (monotonic ms), 0 for never.
    qint64 deadline() const { return m_deadline; }
    /// Applies whichever time limit has passed at `nowMs`, or sets the next deadline.
    void checkDeadline(qint64 nowMs);

    // For HttpResponseWriter:
    void send(const QByteArray &bytes);
    void responseFinished(bool close);
    void writerDropped();

private:
    enum class State
    {
        Idle,        ///< between requests, nothing of the next one read
        ReadingHead, ///< part of a head has arrived
        ReadingBody,
        Answering, ///< the request is with the application until its answer is complete
        Closing,   ///< the last answer is being flushed before the write side is shut
        Lingering, ///< write side shut; input read and thrown away until the client closes
        Closed
    };

    void onReadyRead();
    void onDisconnected();
    void onBytesWritten();
    void process();
    bool readHead();
    bool readBody();
    /// Reads up to `maxBytes` into the input buffer (which must be consumed); false if none.
    bool fillInput(qint64 maxBytes);
    void startRequest(RequestHead &&head);
    void dispatch();
    void refuseHead(const HttpRefusal &refusal, const IncomingRequest &partial);
    void refuseBody(const HttpRefusal &refusal);
    void beginClose();
    void startLingering();
    void drain();
    void setDeadline(qint64 atMs);
    qint64 bodyDeadline() const;

    QTcpSocket *m_socket;
    HttpServer &m_server;
    RequestHeadParser m_parser;
    State m_state = State::Idle;
    QByteArray m_input; ///< bytes read but not yet consumed (head bytes, a pipelined request)
    qsizetype m_inputPos = 0;

    // The request being read.
    IncomingRequest m_request;
    HttpResponseWriter m_writer;
    std::unique_ptr<HttpRequestReceiver> m_receiver;
    QByteArray m_body;
    qint64 m_contentLength = 0;
    bool m_keepAlive = true;

    qint64 m_deadline = 0;
    qint64 m_stateSinceMs = 0; ///< when the current state began
    qint64 m_lastInputMs = 0;  ///< when a byte last arrived
    qint64 m_lingerStartMs = 0;
    qint64 m_lingerBytes = 0;
    bool m_processing = false;
    bool m_destroying = false;
};
