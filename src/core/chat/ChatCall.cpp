#include "ChatCall.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QTimer>

namespace {
/// An error or non-streamed body larger than this is not the gateway's: stop keeping it.
constexpr qsizetype kMaxBodyBytes = 4 * 1024 * 1024;
} // namespace

ChatCall::ChatCall(QNetworkReply *reply, QObject *parent) : QObject(parent), m_reply(reply)
{
    m_clock.start();
    if (!m_reply) {
        // Reported from the event loop, so the caller has connected to finished() by then.
        QTimer::singleShot(0, this, [this] {
            finish(ChatMessage::State::Failed, ChatError::gatewayNotRunning());
        });
        return;
    }
    m_reply->setParent(this);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &ChatCall::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &ChatCall::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ChatCall::onReplyFinished);
}

ChatCall::~ChatCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void ChatCall::stop()
{
    if (m_finished)
        return;
    m_stopping = true;
    if (m_reply && m_reply->isRunning()) {
        // abort() closes the connection (HTTP/1.1), which the gateway takes as the client
        // leaving: it drops the upstream request. finished() comes from onReplyFinished.
        m_reply->abort();
        return;
    }
    finish(ChatMessage::State::Stopped);
}

void ChatCall::onMetaDataChanged()
{
    if (!m_reply || m_status != 0)
        return;
    m_status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_requestId = m_reply->rawHeader("x-request-id");
    const QByteArray contentType =
        m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    m_streaming = m_status >= 200 && m_status < 300 &&
                  contentType.trimmed().toLower().startsWith("text/event-stream");
}

void ChatCall::onReadyRead()
{
    if (!m_reply)
        return;
    if (m_status == 0)
        onMetaDataChanged();
    const QByteArray bytes = m_reply->readAll();
    if (!m_streaming) {
        if (m_body.size() < kMaxBodyBytes)
            m_body += bytes;
        return;
    }
    deliver(m_reader.feed(bytes));
}

void ChatCall::deliver(const ChatStreamUpdate &update)
{
    if (update.isEmpty())
        return;
    if (m_firstTokenMs < 0 && (!update.content.isEmpty() || !update.reasoning.isEmpty()))
        m_firstTokenMs = m_clock.elapsed();
    if (update.hasUsage)
        m_usage = update.usage;
    if (!update.finishReason.isEmpty())
        m_finishReason = update.finishReason;
    if (update.error.isError())
        m_streamError = update.error;
    Q_EMIT received(update);
}

void ChatCall::onReplyFinished()
{
    if (m_finished || !m_reply)
        return;
    if (m_status == 0)
        onMetaDataChanged();
    // Bytes that came with the end.
    if (m_reply->bytesAvailable() > 0)
        onReadyRead();
    const QNetworkReply::NetworkError networkError = m_reply->error();
    if (m_stopping) {
        finish(ChatMessage::State::Stopped);
        return;
    }
    if (m_status == 0) {
        finish(ChatMessage::State::Failed,
               ChatError::fromConnectionFailure(networkError, m_reply->errorString()));
        return;
    }
    if (m_status < 200 || m_status >= 300) {
        finish(ChatMessage::State::Failed,
               ChatError::fromHttp(m_status, m_body, m_reply->rawHeader("Retry-After")));
        return;
    }
    if (!m_streaming) {
        // A server that answered a streamed request with one JSON body: take its message.
        const QJsonObject root = QJsonDocument::fromJson(m_body).object();
        const QJsonObject choice =
            root.value(QStringLiteral("choices")).toArray().first().toObject();
        const QJsonObject message = choice.value(QStringLiteral("message")).toObject();
        if (message.isEmpty()) {
            finish(ChatMessage::State::Failed,
                   ChatError::streamBroken(QStringLiteral("The gateway answered without a stream "
                                                          "or a message.")));
            return;
        }
        ChatStreamUpdate update;
        update.content = message.value(QStringLiteral("content")).toString();
        update.reasoning = message.value(QStringLiteral("reasoning_content")).toString();
        update.finishReason = choice.value(QStringLiteral("finish_reason")).toString();
        if (root.value(QStringLiteral("usage")).isObject()) {
            update.hasUsage = true;
            update.usage =
                ChatUsage::fromOpenAiJson(root.value(QStringLiteral("usage")).toObject());
        }
        deliver(update);
        finish(ChatMessage::State::Complete);
        return;
    }
    if (m_streamError.isError()) {
        finish(ChatMessage::State::Failed, m_streamError);
        return;
    }
    if (networkError != QNetworkReply::NoError) {
        ChatError broken = ChatError::fromConnectionFailure(networkError, m_reply->errorString());
        if (broken.kind == ChatError::Kind::GatewayNotRunning ||
            broken.kind == ChatError::Kind::Other)
            broken.kind = ChatError::Kind::StreamBroken;
        finish(ChatMessage::State::Failed, broken);
        return;
    }
    if (!m_reader.isFinished() && !m_reader.sawFinishReason()) {
        finish(ChatMessage::State::Failed, ChatError::streamBroken(QStringLiteral(
                                               "The stream ended without its final event.")));
        return;
    }
    finish(ChatMessage::State::Complete);
}

void ChatCall::finish(ChatMessage::State state, const ChatError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_state = state;
    m_error = error;
    m_durationMs = m_clock.elapsed();
    Q_EMIT finished();
}
