#pragma once

#include "Conversation.h"

#include <QObject>
#include <QPointer>

class ChatCall;
class ChatClient;
class ConversationStore;
struct ChatStreamUpdate;

/// One open conversation: sends the user's messages through the gateway, streams the reply
/// into the message list (answer and reasoning apart, usage and time kept), and supports
/// Stop, Regenerate and Edit-and-resend of the last user message. Saves to the store as it
/// goes; a new conversation is stored with its first message. Widgets only observe it.
class ChatSession : public QObject
{
    Q_OBJECT

public:
    ChatSession(ChatClient &client, ConversationStore &store, Conversation conversation,
                QObject *parent = nullptr);
    ~ChatSession() override;

    const Conversation &conversation() const { return m_conversation; }
    const QList<ChatMessage> &messages() const { return m_conversation.messages; }
    QString id() const { return m_conversation.id; }
    /// A reply is streaming.
    bool isBusy() const;
    /// Saved in the history (it has had a message).
    bool isStored() const { return m_stored; }

    void setModel(const QString &model);
    void setSystemPrompt(const QString &prompt);
    void setReasoningEffort(const QString &effort);
    void setTitle(const QString &title);

    /// Sends a user message and streams the reply. False (and nothing changes) when a reply
    /// is streaming, no model is chosen, or there is nothing to send.
    bool send(const QString &text, const QList<ChatImage> &images = {});
    /// Stops the streaming reply; what arrived stays.
    void stop();
    /// The last message is a reply (or a user message without one) and nothing streams.
    bool canRegenerate() const;
    /// Asks again for the last reply, replacing it.
    bool regenerate();
    /// The last user message, while nothing streams: what Edit puts back into the input.
    std::optional<ChatMessage> editableMessage() const;
    /// Replaces the last user message (and the replies after it) and sends the new one.
    bool resendEdited(const QString &text, const QList<ChatImage> &images = {});

Q_SIGNALS:
    void messageAppended(int row);
    void messagesRemoved(int first, int count);
    /// New text of the streaming reply at `row`.
    void replyUpdated(int row, const QString &contentDelta, const QString &reasoningDelta);
    /// The message at `row` changed otherwise (finished, usage, error).
    void messageChanged(int row);
    void busyChanged(bool busy);
    /// Title, model or system prompt changed.
    void conversationChanged();

private:
    void appendUserMessage(const QString &text, const QList<ChatImage> &images);
    void startReply();
    void onReceived(const ChatStreamUpdate &update);
    void onCallFinished();
    void removeFrom(int row);
    void save();
    void saveMessage(int row);
    int lastUserRow() const;

    ChatClient &m_client;
    ConversationStore &m_store;
    Conversation m_conversation;
    QPointer<ChatCall> m_call;
    int m_replyRow = -1;
    bool m_stored = false;
};
