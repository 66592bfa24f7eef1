#pragma once

#include "ChatError.h"
#include "ChatImage.h"
#include "ChatUsage.h"

#include <QDateTime>
#include <QList>
#include <QString>

/// One turn of a conversation: what the user wrote, or a reply with its reasoning kept apart,
/// its usage and timing, and how it ended.
struct ChatMessage
{
    enum class Role
    {
        User,
        Assistant
    };
    enum class State
    {
        Complete,  ///< the reply ended normally (or a user message)
        Streaming, ///< the reply is still arriving
        Stopped,   ///< the user stopped it; what arrived is kept
        Failed     ///< it failed; `error` says why, what arrived is kept
    };

    QString id; ///< unique, made when the message is created
    Role role = Role::User;
    QString content;   ///< Markdown for replies, plain text for the user's messages
    QString reasoning; ///< the model's reasoning (DeepSeek's reasoning_content, Claude's thinking)
    QList<ChatImage> images;
    QString model; ///< replies: the model that was asked
    ChatUsage usage;
    qint64 durationMs = -1;   ///< replies: from sending to the last byte
    qint64 firstTokenMs = -1; ///< replies: from sending to the first reasoning or content byte
    State state = State::Complete;
    ChatError error;
    QString finishReason; ///< replies: the stream's finish_reason ("stop", "length", ...)
    QDateTime createdAt;

    static ChatMessage user(const QString &text, const QList<ChatImage> &images = {});
    static ChatMessage assistant(const QString &model);
    static QString newId();

    bool isReply() const { return role == Role::Assistant; }
    static QString stateName(State state);
    static State stateFromName(const QString &name);
};
