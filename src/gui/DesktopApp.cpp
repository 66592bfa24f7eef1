#include "DesktopApp.h"

#include "DesktopShell.h"
#include "chat/ChatWindowController.h"
#include "chat/ConversationStore.h"
#include "dashboard/DashboardWindow.h"
#include "gateway/GatewayController.h"
#include "gateway/GatewayRunner.h"
#include "logs/LogsPage.h"
#include "secrets/AccessTokenStore.h"
#include "secrets/SecretSource.h"
#include "status/ProblemMonitor.h"
#include "status/TodayCounter.h"
#include "usage/UsagePage.h"

std::unique_ptr<DesktopFace> DesktopApp::create(const DesktopServices &services)
{
    return std::make_unique<DesktopApp>(services);
}

DesktopApp::DesktopApp(const DesktopServices &services)
    : m_services(services),
      m_problems(new ProblemMonitor(services.settings, services.keys, services.token,
                                    services.keychain, services.gateway, this)),
      m_today(new TodayCounter(services.gateway, this)),
      m_shell(std::make_unique<DesktopShell>(services.settings, services.keys, services.token,
                                             services.gateway, *m_problems, *m_today))
{
    connect(m_shell.get(), &DesktopShell::quitRequested, this, &DesktopFace::quitRequested);
}

DesktopApp::~DesktopApp()
{
    delete m_chat; // stops a streaming reply and closes the history before the window goes
    m_chat = nullptr;
    m_shell.reset();
}

void DesktopApp::start(bool minimized)
{
    m_shell->start(minimized ? DesktopShell::StartMode::InTray
                             : DesktopShell::StartMode::ShowDashboard);
    // The request log's pages take the places the dashboard keeps for them, and its
    // problems (full disk, lock...) show on the Overview.
    m_shell->dashboard()->replacePage(
        new LogsPage(m_services.requestLog, m_services.settings, m_services.gateway));
    m_shell->dashboard()->replacePage(new UsagePage(m_services.requestLog, m_services.settings));
    m_problems->watchRequestLog(m_services.requestLog);
    startChat();
}

void DesktopApp::activate()
{
    m_shell->activate();
}

void DesktopApp::startChat()
{
    // The chat is a client of the gateway like any other: it gets the address once the
    // gateway serves with its token, and loses it when the gateway stops.
    m_chat = new ChatWindowController(ConversationStore::defaultPath(), this);
    GatewayController &gateway = m_services.gateway;
    GatewayRunner &runner = m_services.runner;
    AccessTokenStore &token = m_services.token;
    const auto updateEndpoint = [this, &gateway, &runner, &token] {
        const bool serving =
            gateway.state() == GatewayController::State::Serving && runner.isReady();
        m_chat->setEndpoint(GatewayEndpoint{serving ? gateway.baseUrl() : QUrl(), token.token()});
    };
    connect(&runner, &GatewayRunner::ready, m_chat, updateEndpoint);
    connect(&gateway, &GatewayController::stateChanged, m_chat, updateEndpoint);
    connect(&token, &AccessTokenStore::tokenChanged, m_chat, updateEndpoint);
    connect(m_shell.get(), &DesktopShell::openChatRequested, m_chat, &ChatWindowController::show);
    m_shell->setChatAvailable(true);
}
