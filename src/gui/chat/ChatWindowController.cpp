#include "ChatWindowController.h"

#include "ChatWindow.h"
#include "chat/ChatClient.h"
#include "chat/ConversationStore.h"

ChatWindowController::ChatWindowController(const QString &historyPath, QObject *parent)
    : QObject(parent), m_client(std::make_unique<ChatClient>()),
      m_store(std::make_unique<ConversationStore>(historyPath))
{}

ChatWindowController::~ChatWindowController()
{
    // The window's sessions save through the store and call through the client: it goes first.
    delete m_window;
}

ChatWindow *ChatWindowController::window() const
{
    return m_window;
}

void ChatWindowController::setEndpoint(const GatewayEndpoint &endpoint)
{
    m_client->setEndpoint(endpoint);
}

void ChatWindowController::ensureWindow()
{
    if (m_window)
        return;
    // The history file is opened (on the store's thread) only when the chat is first used.
    m_store->open();
    m_window = new ChatWindow(*m_client, *m_store);
    m_window->setAttribute(Qt::WA_DeleteOnClose, false);
}

void ChatWindowController::show()
{
    ensureWindow();
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void ChatWindowController::showNewChat()
{
    show();
    m_window->newChat();
}
