#pragma once

#include "chat/ChatImage.h"
#include "chat/ChatSession.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

namespace Ui {
class ChatWindow;
}

class ChatClient;
class ChatModelListModel;
class ConversationListModel;
class ConversationStore;
struct Conversation;
struct ConversationOpenReport;
struct GatewayModelList;

/// The chat window: conversations in a sidebar (new, search, rename, delete with undo,
/// export), and the open conversation with its model, reasoning effort and system prompt,
/// the streamed transcript and the input. It only shows and forwards: the talking is done by
/// ChatSession, the keeping by ConversationStore. Keyboard: Enter sends, Shift+Enter new line,
/// Ctrl+N new chat, Esc stops a reply (or leaves editing); the input keeps the focus.
class ChatWindow : public QWidget
{
    Q_OBJECT

public:
    ChatWindow(ChatClient &client, ConversationStore &store, QWidget *parent = nullptr);
    ~ChatWindow() override;

    /// Starts a new, empty conversation with the last model used.
    void newChat();
    /// Shows a stored conversation (or the live one, if a reply is streaming in it).
    void openConversation(const QString &id);
    ChatSession *session() const { return m_session; }
    /// Asks the gateway for its models again.
    void refreshModels();

    // For tests and the screenshot program.
    ConversationListModel *conversationList() const { return m_conversations; }
    ChatModelListModel *modelList() const { return m_models; }
    QString noticeText() const;

protected:
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    /// A language picked in Settings applies to an open chat window at once.
    void changeEvent(QEvent *event) override;

private:
    void setSession(ChatSession *session);
    void adopt(const Conversation &conversation);
    void updateHeader();
    void nameReasoningChoices();
    void onSend(const QString &text, const QList<ChatImage> &images);
    void onResend(const QString &text, const QList<ChatImage> &images);
    void onEscape();
    void onBusyChanged();
    void onModelChosen(const QString &model);
    void onModelsFetched(const GatewayModelList &list);
    void onStoreOpened(const ConversationOpenReport &report);
    void loadLastModel();
    void onEndpointChanged();
    void onListRefreshed();
    void onListSelection();
    void showListMenu(const QPoint &position);
    void deleteConversation(const QString &id);
    void undoDelete();
    void exportConversation();
    void commitSystemPrompt();
    void showNotice(const QString &text);
    void updateGatewayNotice();

    const std::unique_ptr<Ui::ChatWindow> m_ui;
    ChatClient &m_client;
    ConversationStore &m_store;
    ConversationListModel *m_conversations;
    ChatModelListModel *m_models;
    QPointer<ChatSession> m_session;
    /// Conversations whose reply still streams while another is shown.
    QHash<QString, QPointer<ChatSession>> m_background;
    QString m_lastModel;
    QString m_deletedId;
    QString m_storeProblem;
    QString m_modelsProblem;
    QTimer m_searchTimer;
    QTimer m_systemPromptTimer;
    QTimer m_undoTimer;
    int m_loadGeneration = 0;
    bool m_modelsFetching = false;
    bool m_shownOnce = false;
};
