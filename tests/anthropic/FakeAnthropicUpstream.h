#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

/// Every thinking signature the fake Anthropic upstream hands out (in the fixtures) starts with
/// this; it refuses thinking blocks signed otherwise, as Anthropic refuses foreign signatures.
inline constexpr char kAnthropicSignaturePrefix[] = "Eq";

class QTcpServer;
class QTcpSocket;

/// One request as the fake provider read it off the socket.
struct ReceivedRequest
{
    QByteArray method;
    QByteArray path;                              ///< with the query
    QList<QPair<QByteArray, QByteArray>> headers; ///< names in lower case
    QByteArray body;
    QJsonObject json;

    QByteArray header(const QByteArray &lowerCaseName) const;
    bool hasHeader(const QByteArray &lowerCaseName) const;
};

/// One scripted answer: a whole body, or SSE events written one chunk each, a few ms apart.
struct ScriptedReply
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QList<QByteArray> events; ///< non-empty: a chunked text/event-stream answer

    static ScriptedReply json(const QByteArray &body, int status = 200);
    static ScriptedReply stream(const QList<QByteArray> &events);
    /// Splits an SSE fixture into its events (blank-line separated), each with its blank line.
    static QList<QByteArray> splitEvents(const QByteArray &sse);
};

/// A provider on 127.0.0.1:0 speaking HTTP/1.1 byte for byte on a raw QTcpServer, in either
/// dialect. In the Anthropic dialect it checks what the real API checks before answering from
/// the script: the configured `x-api-key` (401 authentication_error otherwise), an
/// `anthropic-version` header, `max_tokens`, message roles (user, assistant, and text-only
/// system entries that do not start the conversation) and thinking signatures (only its own,
/// starting with kAnthropicSignaturePrefix) (400 invalid_request_error). In the OpenAI dialect
/// it checks `Authorization: Bearer KEY`.
/// `GET .../models` answers the model list of its dialect.
class FakeAnthropicUpstream : public QObject
{
    Q_OBJECT

public:
    enum class Dialect
    {
        Anthropic,
        OpenAi
    };

    FakeAnthropicUpstream(Dialect dialect, QByteArray expectedKey, QObject *parent = nullptr);

    bool listen();
    /// Anthropic style (no /v1) or OpenAI style (ending in /v1), by dialect.
    QUrl baseUrl() const;
    void queueReply(const ScriptedReply &reply) { m_replies.append(reply); }
    void setModelIds(const QStringList &ids) { m_modelIds = ids; }
    /// The model list answered as it is (instead of one made of setModelIds()).
    void setModelsBody(const QByteArray &body) { m_modelsBody = body; }
    QList<ReceivedRequest> requests() const { return m_requests; }
    ReceivedRequest lastRequest() const { return m_requests.value(m_requests.size() - 1); }

Q_SIGNALS:
    void requestReceived();

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const ReceivedRequest &request);
    void write(QTcpSocket *socket, const ScriptedReply &reply);
    void writeEvents(QTcpSocket *socket, QList<QByteArray> events);
    ScriptedReply checkRequest(const ReceivedRequest &request) const;
    ScriptedReply error(int status, const char *type, const QString &message) const;

    Dialect m_dialect;
    QByteArray m_expectedKey;
    bool m_tls;
    QTcpServer *m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<ScriptedReply> m_replies;
    QStringList m_modelIds;
    QByteArray m_modelsBody;
    QList<ReceivedRequest> m_requests;
};
