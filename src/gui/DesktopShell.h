#pragma once

#include "dashboard/DashboardWindow.h"

#include <QObject>
#include <QPointer>

class AccessTokenStore;

class GatewayController;
class LanguageManager;
class ProblemMonitor;
class ProviderKeyStore;
class QTimer;
class SettingsStore;
class TodayCounter;
class TrayShell;

/// The desktop face of the app: the dashboard with its pages and the tray icon, given the
/// stores by reference. With a tray the window hides to it; without one the window is the
/// app, and closing it asks whether to keep serving. Also keeps the language in force.
class DesktopShell : public QObject
{
    Q_OBJECT

public:
    DesktopShell(SettingsStore &settings, ProviderKeyStore &keys, AccessTokenStore &token,
                 GatewayController &gateway, ProblemMonitor &problems, TodayCounter &today,
                 QObject *parent = nullptr);
    ~DesktopShell() override;

    enum class StartMode
    {
        ShowDashboard, ///< started by the user: the dashboard opens
        InTray         ///< started at login: only the tray icon (the window where none exists)
    };

    /// Builds the window and the tray. Without a tray the window always shows.
    void start(StartMode mode = StartMode::ShowDashboard);
    /// A second start of the app asked the first to show itself.
    void activate();
    /// The app has a chat window: the tray and the dashboard offer "Open chat".
    void setChatAvailable(bool available);

    DashboardWindow *dashboard() const { return m_dashboard; }
    TrayShell *tray() const { return m_tray; }

Q_SIGNALS:
    void quitRequested();
    /// "Open chat" was chosen in the tray or the dashboard (the chat window connects here).
    void openChatRequested();

private:
    void applyLanguage();
    void refreshStatus();
    void useTray();
    void onHiddenToBackground();

    SettingsStore &m_settings;
    ProviderKeyStore &m_keys;
    AccessTokenStore &m_token;
    GatewayController &m_gateway;
    ProblemMonitor &m_problems;
    TodayCounter &m_today;
    LanguageManager *m_language;
    QPointer<DashboardWindow> m_dashboard;
    TrayShell *m_tray;
    QTimer *m_trayWatch;
    bool m_toldAboutTray = false;
};
