#pragma once

#include "ChatError.h"
#include "ChatMessage.h"
#include "ChatStreamReader.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

class QNetworkReply;

/// One streamed completion request to the gateway: reads the answer as it arrives and says
/// how it ended. Stop aborts the HTTP request (the gateway then drops its upstream call) and
/// keeps what arrived. Made by ChatClient; the caller owns it.
class ChatCall : public QObject
{
    Q_OBJECT

public:
    /// Takes ownership of `reply`; a null reply means the gateway is not serving.
    explicit ChatCall(QNetworkReply *reply, QObject *parent = nullptr);
    ~ChatCall() override;

    /// Aborts the request; finished() follows at once with state Stopped.
    void stop();

    bool isFinished() const { return m_finished; }
    /// Complete, Stopped or Failed once finished.
    ChatMessage::State state() const { return m_state; }
    ChatError error() const { return m_error; }
    ChatUsage usage() const { return m_usage; }
    QString finishReason() const { return m_finishReason; }
    qint64 durationMs() const { return m_durationMs; }
    qint64 firstTokenMs() const { return m_firstTokenMs; }
    /// The gateway's x-request-id for this call (the request log's id).
    QByteArray requestId() const { return m_requestId; }

Q_SIGNALS:
    /// New text, reasoning or usage arrived.
    void received(const ChatStreamUpdate &update);
    /// Emitted once, whatever the ending.
    void finished();

private:
    void onMetaDataChanged();
    void onReadyRead();
    void onReplyFinished();
    void deliver(const ChatStreamUpdate &update);
    void finish(ChatMessage::State state, const ChatError &error = {});

    QPointer<QNetworkReply> m_reply;
    ChatStreamReader m_reader;
    QElapsedTimer m_clock;
    int m_status = 0;
    bool m_streaming = false; ///< a 2xx text/event-stream answer
    QByteArray m_body;        ///< an error answer, or a non-streamed one
    QByteArray m_requestId;
    ChatUsage m_usage;
    QString m_finishReason;
    ChatError m_streamError;
    qint64 m_durationMs = -1;
    qint64 m_firstTokenMs = -1;
    ChatMessage::State m_state = ChatMessage::State::Streaming;
    ChatError m_error;
    bool m_stopping = false;
    bool m_finished = false;
};
