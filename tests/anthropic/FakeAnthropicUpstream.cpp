#include "FakeAnthropicUpstream.h"

#include "TestTls.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace {
constexpr int kEventGapMs = 3; // separate TCP writes, so the gateway sees them arrive apart
}

QByteArray ReceivedRequest::header(const QByteArray &lowerCaseName) const
{
    for (const auto &h : headers) {
        if (h.first == lowerCaseName)
            return h.second;
    }
    return {};
}

bool ReceivedRequest::hasHeader(const QByteArray &lowerCaseName) const
{
    for (const auto &h : headers) {
        if (h.first == lowerCaseName)
            return true;
    }
    return false;
}

ScriptedReply ScriptedReply::json(const QByteArray &body, int status)
{
    ScriptedReply reply;
    reply.status = status;
    reply.body = body;
    return reply;
}

ScriptedReply ScriptedReply::stream(const QList<QByteArray> &events)
{
    ScriptedReply reply;
    reply.events = events;
    return reply;
}

QList<QByteArray> ScriptedReply::splitEvents(const QByteArray &sse)
{
    QList<QByteArray> events;
    qsizetype start = 0;
    while (start < sse.size()) {
        const qsizetype end = sse.indexOf("\n\n", start);
        if (end < 0) {
            events.append(sse.mid(start));
            break;
        }
        events.append(sse.mid(start, end + 2 - start));
        start = end + 2;
    }
    return events;
}

FakeAnthropicUpstream::FakeAnthropicUpstream(Dialect dialect, QByteArray expectedKey,
                                             QObject *parent)
    : QObject(parent), m_dialect(dialect), m_expectedKey(std::move(expectedKey)),
      m_tls(TestTls::upstreamsUseTls()), m_server(TestTls::makeServer(m_tls, this))
{
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this,
            &FakeAnthropicUpstream::onNewConnection);
}

bool FakeAnthropicUpstream::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

QUrl FakeAnthropicUpstream::baseUrl() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                    .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(m_server->serverPort())
                    .arg(m_dialect == Dialect::OpenAi ? QStringLiteral("/v1") : QString()));
}

void FakeAnthropicUpstream::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeAnthropicUpstream::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    while (true) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
        ReceivedRequest request;
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        request.method = requestLine.value(0);
        request.path = requestLine.value(1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = lines[i].left(colon).trimmed().toLower();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name == "content-length")
                length = value.toLongLong();
        }
        if (buffer.size() < headEnd + 4 + length)
            return;
        request.body = buffer.mid(headEnd + 4, length);
        buffer.remove(0, headEnd + 4 + length);
        request.json = QJsonDocument::fromJson(request.body).object();
        m_requests.append(request);
        Q_EMIT requestReceived();
        answer(socket, request);
    }
}

ScriptedReply FakeAnthropicUpstream::error(int status, const char *type,
                                           const QString &message) const
{
    const QJsonObject body =
        m_dialect == Dialect::Anthropic
            ? QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                          {QStringLiteral("error"),
                           QJsonObject{{QStringLiteral("type"), QLatin1String(type)},
                                       {QStringLiteral("message"), message}}}}
            : QJsonObject{{QStringLiteral("error"),
                           QJsonObject{{QStringLiteral("message"), message},
                                       {QStringLiteral("type"), QLatin1String(type)},
                                       {QStringLiteral("param"), QJsonValue()},
                                       {QStringLiteral("code"), QJsonValue()}}}};
    return ScriptedReply::json(QJsonDocument(body).toJson(QJsonDocument::Compact), status);
}

ScriptedReply FakeAnthropicUpstream::checkRequest(const ReceivedRequest &request) const
{
    if (m_dialect == Dialect::OpenAi) {
        if (request.header("authorization") != "Bearer " + m_expectedKey)
            return error(401, "invalid_request_error",
                         QStringLiteral("Incorrect API key provided."));
        return {};
    }
    if (request.header("x-api-key") != m_expectedKey || request.hasHeader("authorization"))
        return error(401, "authentication_error", QStringLiteral("invalid x-api-key"));
    if (!request.hasHeader("anthropic-version"))
        return error(400, "invalid_request_error",
                     QStringLiteral("anthropic-version: header is required"));
    if (request.method != "POST")
        return {};
    const bool countTokens = request.path.startsWith("/v1/messages/count_tokens");
    if (!countTokens && !request.json.value(QStringLiteral("max_tokens")).isDouble())
        return error(400, "invalid_request_error", QStringLiteral("max_tokens: Field required"));
    // Roles as the current Messages API takes them: user, assistant, and system entries
    // (mid-conversation system messages), whose content is text only.
    const QJsonArray messages = request.json.value(QStringLiteral("messages")).toArray();
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QJsonObject m = messages.at(i).toObject();
        const QString role = m.value(QStringLiteral("role")).toString();
        if (role != QLatin1String("user") && role != QLatin1String("assistant") &&
            role != QLatin1String("system"))
            return error(400, "invalid_request_error",
                         QStringLiteral("messages.%1.role: Input should be 'user', 'assistant' "
                                        "or 'system'")
                             .arg(i));
        if (role != QLatin1String("system"))
            continue;
        for (const QJsonValue &block : m.value(QStringLiteral("content")).toArray()) {
            if (block.toObject().value(QStringLiteral("type")).toString() != QLatin1String("text"))
                return error(400, "invalid_request_error",
                             QStringLiteral("messages.%1.content: system messages take text "
                                            "blocks only")
                                 .arg(i));
        }
        if (i == 0)
            return error(400, "invalid_request_error",
                         QStringLiteral("messages.0: a system message cannot start the "
                                        "conversation; use the top-level system parameter"));
    }
    // Thinking blocks carry Anthropic's own signatures; anything else is refused as the real
    // API refuses a forged or foreign one.
    for (const QJsonValue &m : messages) {
        for (const QJsonValue &block : m.toObject().value(QStringLiteral("content")).toArray()) {
            const QJsonObject b = block.toObject();
            if (b.value(QStringLiteral("type")).toString() == QLatin1String("thinking") &&
                !b.value(QStringLiteral("signature"))
                     .toString()
                     .startsWith(QLatin1String(kAnthropicSignaturePrefix)))
                return error(400, "invalid_request_error",
                             QStringLiteral("Invalid `signature` in `thinking` block"));
        }
    }
    return {};
}

void FakeAnthropicUpstream::answer(QTcpSocket *socket, const ReceivedRequest &request)
{
    const ScriptedReply refusal = checkRequest(request);
    if (!refusal.body.isEmpty()) {
        write(socket, refusal);
        return;
    }
    if (request.method == "GET" && request.path.contains("/models") && !m_modelsBody.isEmpty()) {
        write(socket, ScriptedReply::json(m_modelsBody));
        return;
    }
    if (request.method == "GET" && request.path.contains("/models")) {
        QJsonArray data;
        for (const QString &id : m_modelIds) {
            data.append(m_dialect == Dialect::Anthropic
                            ? QJsonObject{{QStringLiteral("type"), QStringLiteral("model")},
                                          {QStringLiteral("id"), id},
                                          {QStringLiteral("display_name"), id},
                                          {QStringLiteral("created_at"),
                                           QStringLiteral("2025-09-29T00:00:00Z")}}
                            : QJsonObject{{QStringLiteral("id"), id},
                                          {QStringLiteral("object"), QStringLiteral("model")},
                                          {QStringLiteral("created"), 1700000000},
                                          {QStringLiteral("owned_by"), QStringLiteral("fake")}});
        }
        const QJsonObject body =
            m_dialect == Dialect::Anthropic
                ? QJsonObject{{QStringLiteral("data"), data}, {QStringLiteral("has_more"), false}}
                : QJsonObject{{QStringLiteral("object"), QStringLiteral("list")},
                              {QStringLiteral("data"), data}};
        write(socket, ScriptedReply::json(QJsonDocument(body).toJson(QJsonDocument::Compact)));
        return;
    }
    if (m_replies.isEmpty()) {
        write(socket,
              error(500, "api_error", QStringLiteral("The fake upstream has no scripted answer.")));
        return;
    }
    write(socket, m_replies.takeFirst());
}

void FakeAnthropicUpstream::write(QTcpSocket *socket, const ScriptedReply &reply)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + " Scripted\r\n";
    head += "request-id: req_fake_0001\r\n";
    for (const auto &h : reply.headers)
        head += h.first + ": " + h.second + "\r\n";
    if (reply.events.isEmpty()) {
        head += "Content-Type: application/json\r\nContent-Length: " +
                QByteArray::number(reply.body.size()) + "\r\n\r\n";
        socket->write(head + reply.body);
        return;
    }
    head += "Content-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\n"
            "Transfer-Encoding: chunked\r\n\r\n";
    socket->write(head);
    writeEvents(socket, reply.events);
}

void FakeAnthropicUpstream::writeEvents(QTcpSocket *socket, QList<QByteArray> events)
{
    QPointer<QTcpSocket> guard(socket);
    if (!guard)
        return;
    if (events.isEmpty()) {
        socket->write("0\r\n\r\n");
        return;
    }
    const QByteArray event = events.takeFirst();
    socket->write(QByteArray::number(event.size(), 16) + "\r\n" + event + "\r\n");
    QTimer::singleShot(kEventGapMs, socket, [this, guard, events] {
        if (guard)
            writeEvents(guard, events);
    });
}
