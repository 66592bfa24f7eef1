#include "DesktopShell.h"

#include "LanguageManager.h"
#include "config/SettingsStore.h"
#include "connect/ConnectPage.h"
#include "dashboard/DashboardWindow.h"
#include "dashboard/PlaceholderPage.h"
#include "gateway/GatewayController.h"
#include "overview/OverviewPage.h"
#include "providers/ProvidersPage.h"
#include "routes/RoutesPage.h"
#include "settings/SettingsPage.h"
#include "status/ProblemMonitor.h"
#include "tray/TrayShell.h"

#include <QApplication>
#include <QTimer>

namespace {
// A tray host can appear after the app (a panel that starts later): look for a while.
constexpr int kTrayWatchIntervalMs = 5000;
constexpr int kTrayWatchTries = 24;
} // namespace

DesktopShell::DesktopShell(SettingsStore &settings, ProviderKeyStore &keys, AccessTokenStore &token,
                           GatewayController &gateway, ProblemMonitor &problems,
                           TodayCounter &today, QObject *parent)
    : QObject(parent), m_settings(settings), m_keys(keys), m_token(token), m_gateway(gateway),
      m_problems(problems), m_today(today), m_language(new LanguageManager(this)),
      m_tray(new TrayShell(gateway, problems, token, this)), m_trayWatch(new QTimer(this))
{
    connect(m_tray, &TrayShell::openDashboardRequested, this, &DesktopShell::activate);
    connect(m_tray, &TrayShell::openChatRequested, this, &DesktopShell::openChatRequested);
    connect(m_tray, &TrayShell::quitRequested, this, &DesktopShell::quitRequested);
    connect(&m_settings, &SettingsStore::changed, this, &DesktopShell::applyLanguage);
    connect(&m_problems, &ProblemMonitor::stateChanged, this, &DesktopShell::refreshStatus);
    connect(&m_gateway, &GatewayController::serving, this, &DesktopShell::refreshStatus);
    m_trayWatch->setInterval(kTrayWatchIntervalMs);
    connect(m_trayWatch, &QTimer::timeout, this, [this, tries = 0]() mutable {
        if (QSystemTrayIcon::isSystemTrayAvailable() || ++tries >= kTrayWatchTries) {
            m_trayWatch->stop();
            if (QSystemTrayIcon::isSystemTrayAvailable())
                useTray();
        }
    });
}

DesktopShell::~DesktopShell()
{
    delete m_dashboard;
}

void DesktopShell::start(StartMode mode)
{
    applyLanguage();
    // Quitting is always explicit (tray menu, or the question when the window closes):
    // the gateway must not stop because its last window went away.
    QApplication::setQuitOnLastWindowClosed(false);
    m_dashboard = new DashboardWindow;
    m_dashboard->addPage(
        new OverviewPage(m_settings, m_keys, m_token, m_gateway, m_problems, m_today));
    m_dashboard->addPage(new ProvidersPage(m_settings, m_keys, m_gateway));
    m_dashboard->addPage(new RoutesPage(m_settings));
    m_dashboard->addPage(new ConnectPage(m_settings, m_keys, m_token, m_gateway));
    // Their place, until the request log's pages replace them (DashboardWindow::replacePage).
    m_dashboard->addPage(new PlaceholderPage(PlaceholderPage::Kind::Logs));
    m_dashboard->addPage(new PlaceholderPage(PlaceholderPage::Kind::Usage));
    m_dashboard->addPage(new SettingsPage(m_settings, m_token, m_gateway));
    connect(m_dashboard, &DashboardWindow::quitRequested, this, &DesktopShell::quitRequested);
    connect(m_dashboard, &DashboardWindow::hiddenToBackground, this,
            &DesktopShell::onHiddenToBackground);
    connect(m_dashboard, &DashboardWindow::openChatRequested, this,
            &DesktopShell::openChatRequested);
    refreshStatus();

    if (m_tray->show()) {
        m_dashboard->setCloseBehaviour(DashboardWindow::CloseBehaviour::HideToTray);
        if (mode == StartMode::ShowDashboard)
            m_dashboard->show();
    } else {
        // No tray (GNOME without the AppIndicator extension, a bare X server): the window is
        // the app.
        m_dashboard->setCloseBehaviour(DashboardWindow::CloseBehaviour::AskKeepServing);
        m_dashboard->show();
        m_trayWatch->start();
    }
}

void DesktopShell::useTray()
{
    if (m_tray->show() && m_dashboard)
        m_dashboard->setCloseBehaviour(DashboardWindow::CloseBehaviour::HideToTray);
}

void DesktopShell::activate()
{
    if (m_dashboard)
        m_dashboard->bringToFront();
}

void DesktopShell::onHiddenToBackground()
{
    if (m_tray->isVisible() && !m_toldAboutTray) {
        m_toldAboutTray = true;
        m_tray->notify(tr("LLM Gateway keeps serving"),
                       tr("The gateway runs on in the tray. Quit it from the tray menu."));
    }
}

void DesktopShell::applyLanguage()
{
    const QString before = m_language->current();
    m_language->apply(m_settings.effective().language);
    if (m_language->current() != before) {
        m_problems.refresh(); // their sentences, in the new language
        m_tray->retranslate();
        refreshStatus();
    }
}

void DesktopShell::refreshStatus()
{
    if (m_dashboard)
        m_dashboard->setStatusText(m_problems.stateText());
}

void DesktopShell::setChatAvailable(bool available)
{
    m_tray->setChatAvailable(available);
    if (m_dashboard)
        m_dashboard->setChatAvailable(available);
}
