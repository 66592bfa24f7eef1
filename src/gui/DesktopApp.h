#pragma once

#include "DesktopFace.h"

class ChatWindowController;
class DesktopShell;
class ProblemMonitor;
class TodayCounter;

/// The desktop face of the app (see DesktopFace): the dashboard with the request log's pages,
/// the tray, the problems shown on the Overview and the chat window, over the services
/// AppRoot built.
class DesktopApp : public DesktopFace
{
    Q_OBJECT

public:
    /// The DesktopFactory the desktop executable gives AppRoot.
    static std::unique_ptr<DesktopFace> create(const DesktopServices &services);

    explicit DesktopApp(const DesktopServices &services);
    ~DesktopApp() override;

    void start(bool minimized) override;
    void activate() override;

    DesktopShell *shell() const { return m_shell.get(); }

private:
    void startChat();

    DesktopServices m_services;
    ProblemMonitor *m_problems;
    TodayCounter *m_today;
    std::unique_ptr<DesktopShell> m_shell;
    ChatWindowController *m_chat = nullptr;
};
