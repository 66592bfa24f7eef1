#pragma once

#include <QObject>
#include <QSystemTrayIcon>
#include <memory>

class AccessTokenStore;
class GatewayController;
class ProblemMonitor;
class QAction;
class QMenu;

/// The tray icon: its picture shows the state (serving, serving with a warning, paused,
/// error) and its tooltip why; left click opens the dashboard; the menu opens the dashboard
/// or the chat, copies the endpoints or the token (with a short "copied" note), pauses,
/// resumes and quits.
class TrayShell : public QObject
{
    Q_OBJECT

public:
    TrayShell(GatewayController &gateway, ProblemMonitor &problems, AccessTokenStore &token,
              QObject *parent = nullptr);
    ~TrayShell() override;

    /// Shows the icon (its picture is set first, so Qt has no "No Icon set" to warn about).
    /// False when the desktop has no system tray.
    bool show();
    bool isVisible() const;

    /// "Open chat" is hidden until the chat window exists; the chat calls this with true.
    void setChatAvailable(bool available);
    /// A short note from the tray icon (a few seconds).
    void notify(const QString &title, const QString &text,
                QSystemTrayIcon::MessageIcon icon = QSystemTrayIcon::Information);

    QMenu *menu() const { return m_menu.get(); }
    QSystemTrayIcon *icon() const { return m_tray; }
    /// The texts again, in the language now in force.
    void retranslate();

    /// The icon for a state (the Overview and the window use the same pictures).
    static QIcon stateIcon(int problemMonitorState);

Q_SIGNALS:
    void openDashboardRequested();
    void openChatRequested();
    void quitRequested();

private:
    void refresh();
    void copy(const QString &text, const QString &what);

    GatewayController &m_gateway;
    ProblemMonitor &m_problems;
    AccessTokenStore &m_token;
    std::unique_ptr<QMenu> m_menu;
    QSystemTrayIcon *m_tray = nullptr;
    QAction *m_statusAction;
    QAction *m_dashboardAction;
    QAction *m_chatAction;
    QAction *m_copyOpenAiAction;
    QAction *m_copyAnthropicAction;
    QAction *m_copyTokenAction;
    QAction *m_pauseAction;
    QAction *m_quitAction;
};
