#pragma once

#include "chat/GatewayEndpoint.h"

#include <QObject>
#include <QPointer>

#include <memory>

class ChatClient;
class ChatWindow;
class ConversationStore;

/// The app's handle on the chat: owns the chat's HTTP client of the gateway and the history
/// store, and makes the window when it is first shown. The app tells it where the gateway
/// serves (and with which token) whenever that changes.
class ChatWindowController : public QObject
{
    Q_OBJECT

public:
    /// `historyPath`: the SQLite file (ConversationStore::defaultPath() in the app).
    explicit ChatWindowController(const QString &historyPath, QObject *parent = nullptr);
    ~ChatWindowController() override;

    /// Where the gateway serves; an invalid endpoint when it does not.
    void setEndpoint(const GatewayEndpoint &endpoint);
    /// Shows the window (made and the history opened on the first call), raised and focused.
    void show();
    /// Shows the window with a new conversation.
    void showNewChat();
    /// The window, once shown.
    ChatWindow *window() const;
    ChatClient &client() { return *m_client; }
    ConversationStore &store() { return *m_store; }

private:
    void ensureWindow();

    std::unique_ptr<ChatClient> m_client;
    std::unique_ptr<ConversationStore> m_store;
    QPointer<ChatWindow> m_window;
};
