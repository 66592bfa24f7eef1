#include "ChatSession.h"

#include "ChatCall.h"
#include "ChatClient.h"
#include "ChatRequestBuilder.h"
#include "ConversationStore.h"

#include <QCoreApplication>

ChatSession::ChatSession(ChatClient &client, ConversationStore &store, Conversation conversation,
                         QObject *parent)
    : QObject(parent), m_client(client), m_store(store), m_conversation(std::move(conversation)),
      m_stored(!m_conversation.messages.isEmpty())
{}

ChatSession::~ChatSession()
{
    // A reply still streaming when the session goes is kept as stopped.
    stop();
}

bool ChatSession::isBusy() const
{
    return !m_call.isNull();
}

void ChatSession::setModel(const QString &model)
{
    if (model == m_conversation.model)
        return;
    m_conversation.model = model;
    save();
    Q_EMIT conversationChanged();
}

void ChatSession::setSystemPrompt(const QString &prompt)
{
    if (prompt == m_conversation.systemPrompt)
        return;
    m_conversation.systemPrompt = prompt;
    save();
    Q_EMIT conversationChanged();
}

void ChatSession::setReasoningEffort(const QString &effort)
{
    if (effort == m_conversation.reasoningEffort)
        return;
    m_conversation.reasoningEffort = effort;
    save();
    Q_EMIT conversationChanged();
}

void ChatSession::setTitle(const QString &title)
{
    const QString trimmed = title.simplified();
    if (trimmed.isEmpty() || (trimmed == m_conversation.title && m_conversation.customTitle))
        return;
    m_conversation.title = trimmed;
    m_conversation.customTitle = true;
    if (m_stored)
        m_store.rename(m_conversation.id, trimmed);
    Q_EMIT conversationChanged();
}

bool ChatSession::send(const QString &text, const QList<ChatImage> &images)
{
    if (isBusy() || m_conversation.model.isEmpty() ||
        (text.trimmed().isEmpty() && images.isEmpty()))
        return false;
    appendUserMessage(text, images);
    startReply();
    return true;
}

void ChatSession::appendUserMessage(const QString &text, const QList<ChatImage> &images)
{
    if (!m_conversation.customTitle && lastUserRow() < 0) {
        m_conversation.title = text.trimmed().isEmpty()
                                   ? QCoreApplication::translate("ChatSession", "Image")
                                   : Conversation::titleFromText(text);
        Q_EMIT conversationChanged();
    }
    m_conversation.messages.append(ChatMessage::user(text, images));
    m_conversation.updatedAt = QDateTime::currentDateTimeUtc();
    const int row = int(m_conversation.messages.size()) - 1;
    m_stored = true;
    save();
    saveMessage(row);
    Q_EMIT messageAppended(row);
}

void ChatSession::startReply()
{
    const QList<ChatMessage> history = m_conversation.messages;
    m_conversation.messages.append(ChatMessage::assistant(m_conversation.model));
    m_replyRow = int(m_conversation.messages.size()) - 1;
    Q_EMIT messageAppended(m_replyRow);
    m_call = m_client.startCompletion(
        ChatRequestBuilder::build(m_conversation.model, m_conversation.systemPrompt, history,
                                  m_conversation.reasoningEffort),
        this);
    connect(m_call, &ChatCall::received, this, &ChatSession::onReceived);
    connect(m_call, &ChatCall::finished, this, &ChatSession::onCallFinished);
    Q_EMIT busyChanged(true);
}

void ChatSession::onReceived(const ChatStreamUpdate &update)
{
    if (m_replyRow < 0)
        return;
    ChatMessage &reply = m_conversation.messages[m_replyRow];
    reply.content += update.content;
    reply.reasoning += update.reasoning;
    if (!update.content.isEmpty() || !update.reasoning.isEmpty())
        Q_EMIT replyUpdated(m_replyRow, update.content, update.reasoning);
}

void ChatSession::onCallFinished()
{
    ChatCall *call = m_call;
    if (!call || m_replyRow < 0)
        return;
    ChatMessage &reply = m_conversation.messages[m_replyRow];
    reply.state = call->state();
    reply.error = call->error();
    reply.usage = call->usage();
    reply.finishReason = call->finishReason();
    reply.durationMs = call->durationMs();
    reply.firstTokenMs = call->firstTokenMs();
    const int row = m_replyRow;
    m_replyRow = -1;
    m_call = nullptr;
    call->deleteLater();
    m_conversation.updatedAt = QDateTime::currentDateTimeUtc();
    save();
    saveMessage(row);
    Q_EMIT messageChanged(row);
    Q_EMIT busyChanged(false);
}

void ChatSession::stop()
{
    if (m_call)
        m_call->stop();
}

bool ChatSession::canRegenerate() const
{
    return !isBusy() && !m_conversation.model.isEmpty() && lastUserRow() >= 0;
}

bool ChatSession::regenerate()
{
    if (!canRegenerate())
        return false;
    removeFrom(lastUserRow() + 1);
    startReply();
    return true;
}

std::optional<ChatMessage> ChatSession::editableMessage() const
{
    const int row = lastUserRow();
    if (isBusy() || row < 0)
        return std::nullopt;
    return m_conversation.messages[row];
}

bool ChatSession::resendEdited(const QString &text, const QList<ChatImage> &images)
{
    const int row = lastUserRow();
    if (isBusy() || row < 0 || m_conversation.model.isEmpty() ||
        (text.trimmed().isEmpty() && images.isEmpty()))
        return false;
    removeFrom(row);
    appendUserMessage(text, images);
    startReply();
    return true;
}

void ChatSession::removeFrom(int row)
{
    const int count = int(m_conversation.messages.size()) - row;
    if (count <= 0)
        return;
    QStringList ids;
    for (int i = row; i < m_conversation.messages.size(); ++i)
        ids.append(m_conversation.messages[i].id);
    m_conversation.messages.remove(row, count);
    m_store.deleteMessages(ids);
    Q_EMIT messagesRemoved(row, count);
}

int ChatSession::lastUserRow() const
{
    for (int i = int(m_conversation.messages.size()) - 1; i >= 0; --i) {
        if (m_conversation.messages[i].role == ChatMessage::Role::User)
            return i;
    }
    return -1;
}

void ChatSession::save()
{
    if (m_stored)
        m_store.saveConversation(m_conversation);
}

void ChatSession::saveMessage(int row)
{
    m_store.saveMessage(m_conversation.id, row, m_conversation.messages[row]);
}
