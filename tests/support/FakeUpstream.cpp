#include "FakeUpstream.h"

#include "TestClock.h"
#include "TestTls.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace {
QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

bool isChatPath(const QByteArray &path)
{
    return path.endsWith("/chat/completions");
}

bool isModelsPath(const QByteArray &path)
{
    const QByteArray bare = path.left(path.indexOf('?') < 0 ? path.size() : path.indexOf('?'));
    return bare.endsWith("/models");
}
} // namespace

struct FakeUpstream::StreamState
{
    int id = 0;
    QList<QByteArray> events;
    int next = 0;
    int intervalMs = 0;
    int breakAfter = -1;
    int stallAfter = -1;
};

FakeUpstream::FakeUpstream(QObject *parent)
    : FakeUpstream(Transport::FromEnvironment, QStringLiteral("server"), parent)
{}

FakeUpstream::FakeUpstream(Transport transport, const QString &certificate, QObject *parent)
    : QObject(parent),
      m_tls(transport == Transport::Tls ||
            (transport == Transport::FromEnvironment && TestTls::upstreamsUseTls())),
      m_server(TestTls::makeServer(m_tls, this, certificate))
{
    m_chatReply = FakeReply::chatCompletion(QStringLiteral("fake-model"), QStringLiteral("Hello"));
    setModelIds({QStringLiteral("fake-model")});
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this,
            &FakeUpstream::onNewConnection);
}

FakeUpstream::~FakeUpstream()
{
    // Sockets are children of the server; silence them before they go.
    for (auto it = m_connections.keyBegin(); it != m_connections.keyEnd(); ++it)
        (*it)->disconnect(this);
}

bool FakeUpstream::listen()
{
    // The gateway may open dozens of connections at once; with Qt's default backlog of 50
    // the kernel drops the surplus SYNs and they come back a second later, as a real
    // provider's servers would never make them.
    m_server->setListenBacklogSize(1024);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 FakeUpstream::port() const
{
    return m_server->serverPort();
}

QUrl FakeUpstream::baseUrl() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2/v1")
                    .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(port()));
}

void FakeUpstream::setModelIds(const QStringList &ids)
{
    QJsonArray data;
    for (const QString &id : ids)
        data.append(QJsonObject{{QStringLiteral("id"), id},
                                {QStringLiteral("object"), QStringLiteral("model")},
                                {QStringLiteral("created"), 1767225600},
                                {QStringLiteral("owned_by"), QStringLiteral("fake")}});
    m_modelsReply = FakeReply::json(
        200, QJsonDocument(QJsonObject{{QStringLiteral("object"), QStringLiteral("list")},
                                       {QStringLiteral("data"), data}})
                 .toJson(QJsonDocument::Compact));
}

int FakeUpstream::answeringConnections() const
{
    int answering = 0;
    for (const Connection &connection : m_connections)
        answering += connection.answering ? 1 : 0;
    return answering;
}

QList<RecordedRequest> FakeUpstream::chatRequests() const
{
    QList<RecordedRequest> chats;
    for (const RecordedRequest &r : m_requests) {
        if (isChatPath(r.path))
            chats.append(r);
    }
    return chats;
}

RecordedRequest FakeUpstream::lastChatRequest() const
{
    const QList<RecordedRequest> chats = chatRequests();
    return chats.isEmpty() ? RecordedRequest() : chats.last();
}

void FakeUpstream::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (const auto *tls = qobject_cast<QSslSocket *>(socket))
            m_lastNegotiatedProtocol = tls->sslConfiguration().nextNegotiatedProtocol();
        m_connections.insert(socket, Connection());
        ++m_connectionsOpened;
        connect(socket, &QIODevice::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QAbstractSocket::disconnected, this,
                [this, socket] { onDisconnected(socket); });
        Q_EMIT connectionOpened();
    }
}

void FakeUpstream::onDisconnected(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    if (it->streaming)
        --m_activeStreams;
    m_connections.erase(it);
    ++m_connectionsClosed;
    socket->deleteLater();
    Q_EMIT connectionClosed();
}

void FakeUpstream::onReadyRead(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    it->buffer += socket->readAll();
    processBuffer(socket);
}

void FakeUpstream::processBuffer(QTcpSocket *socket)
{
    while (true) {
        auto it = m_connections.find(socket);
        if (it == m_connections.end() || it->answering)
            return;
        const qsizetype headEnd = it->buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QList<QByteArray> lines = it->buffer.left(headEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        RecordedRequest request;
        request.method = requestLine.value(0);
        request.path = requestLine.value(1);
        qint64 contentLength = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name == "content-length")
                contentLength = value.toLongLong();
        }
        const qsizetype bodyStart = headEnd + 4;
        if (it->buffer.size() < bodyStart + contentLength)
            return; // the body is still on its way
        request.body = it->buffer.mid(bodyStart, contentLength);
        it->buffer.remove(0, bodyStart + contentLength);
        request.json = QJsonDocument::fromJson(request.body).object();
        request.receivedAt = monotonicNowMs();
        it->answering = true;
        m_requests.append(request);
        Q_EMIT requestReceived(request);
        answer(socket, request);
    }
}

FakeReply FakeUpstream::replyFor(const RecordedRequest &request)
{
    if (isChatPath(request.path)) {
        if (!m_queuedChatReplies.isEmpty())
            return m_queuedChatReplies.takeFirst();
        return m_chatReply;
    }
    if (isModelsPath(request.path))
        return m_modelsReply;
    return FakeReply::error(
        404, QStringLiteral("Unknown path %1").arg(QString::fromLatin1(request.path)),
        QStringLiteral("invalid_request_error"), QStringLiteral("unknown_url"));
}

void FakeUpstream::answer(QTcpSocket *socket, const RecordedRequest &request)
{
    const FakeReply reply = replyFor(request);
    switch (reply.kind) {
    case FakeReply::Kind::Full:
        writeFull(socket, reply);
        return;
    case FakeReply::Kind::Stream: {
        const bool includeUsage = request.json.value(QStringLiteral("stream_options"))
                                      .toObject()
                                      .value(QStringLiteral("include_usage"))
                                      .toBool();
        startStream(socket, reply, includeUsage);
        return;
    }
    case FakeReply::Kind::Hang:
        return;
    case FakeReply::Kind::Close:
        socket->disconnectFromHost();
        return;
    case FakeReply::Kind::Raw:
        socket->write(reply.body);
        socket->disconnectFromHost();
        return;
    }
}

void FakeUpstream::writeFull(QTcpSocket *socket, const FakeReply &reply)
{
    QByteArray out = reply.interim + "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' +
                     reasonPhrase(reply.status) + "\r\nContent-Type: " + reply.contentType +
                     "\r\nContent-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    for (const auto &h : reply.headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "\r\n" + reply.body;
    socket->write(out);
    if (!reply.strayAfter.isEmpty()) {
        const QByteArray stray = reply.strayAfter;
        QTimer::singleShot(reply.strayDelayMs, socket, [this, socket, stray] {
            // At once, not held back by Nagle until the gateway acknowledges the answer: the
            // test needs the stray bytes in the gateway's kernel when it says they were sent.
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            socket->write(stray);
            socket->flush();
            ++m_straysSent;
        });
    }
    endAnswer(socket);
}

void FakeUpstream::startStream(QTcpSocket *socket, const FakeReply &reply, bool includeUsage)
{
    QByteArray head = reply.interim + "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' +
                      reasonPhrase(reply.status) + "\r\nContent-Type: " + reply.contentType +
                      "\r\nTransfer-Encoding: chunked\r\nCache-Control: no-cache\r\n"
                      "Connection: keep-alive\r\n";
    for (const auto &h : reply.headers)
        head += h.first + ": " + h.second + "\r\n";
    socket->write(head + "\r\n");

    auto state = std::make_shared<StreamState>();
    state->id = ++m_lastStreamId;
    state->events = reply.events;
    if (includeUsage && !reply.usageEvent.isEmpty())
        state->events.append(reply.usageEvent);
    if (reply.sendDone)
        state->events.append(QByteArrayLiteral("data: [DONE]\n\n"));
    state->intervalMs = reply.intervalMs;
    state->breakAfter = reply.breakAfterEvents;
    state->stallAfter = reply.stallAfterEvents;
    m_lastStreamEventTimes.clear();

    m_connections[socket].streaming = true;
    ++m_activeStreams;
    m_peakActiveStreams = qMax(m_peakActiveStreams, m_activeStreams);
    QTimer::singleShot(reply.firstEventDelayMs, socket,
                       [this, socket, state] { sendNextEvent(socket, state); });
}

void FakeUpstream::sendNextEvent(QTcpSocket *socket, const std::shared_ptr<StreamState> &state)
{
    if (!m_connections.contains(socket))
        return;
    if (state->next == state->breakAfter) {
        // Breaks off mid-way: no terminating chunk, the connection just ends.
        socket->disconnectFromHost();
        return;
    }
    if (state->next == state->stallAfter)
        return; // silent from now on, connection open
    if (state->next >= state->events.size()) {
        endStream(socket);
        return;
    }
    const QByteArray &event = state->events[state->next++];
    socket->write(QByteArray::number(event.size(), 16) + "\r\n" + event + "\r\n");
    socket->flush();
    if (state->id == m_lastStreamId)
        m_lastStreamEventTimes.append(monotonicNowMs());
    QTimer::singleShot(state->next >= state->events.size() ? 0 : state->intervalMs, socket,
                       [this, socket, state] { sendNextEvent(socket, state); });
}

void FakeUpstream::endStream(QTcpSocket *socket)
{
    socket->write("0\r\n\r\n");
    auto &connection = m_connections[socket];
    connection.streaming = false;
    --m_activeStreams;
    ++m_finishedStreams;
    Q_EMIT streamFinished();
    endAnswer(socket);
}

void FakeUpstream::endAnswer(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    it->answering = false;
    // Keep-alive: a request that arrived meanwhile is answered now.
    QTimer::singleShot(0, socket, [this, socket] { processBuffer(socket); });
}
