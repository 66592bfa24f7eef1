#pragma once

#include <QObject>
#include <memory>

class GatewayController;
class QAction;
class QMenu;
class QSystemTrayIcon;
class StatusWindow;

/// The desktop face of the gateway for now: a tray icon that shows whether the gateway is
/// serving, with "Copy endpoint URL" and "Quit"; a small status window where no tray exists.
class TrayShell : public QObject
{
    Q_OBJECT

public:
    explicit TrayShell(GatewayController &gateway, QObject *parent = nullptr);
    ~TrayShell() override;

    void show();
    /// Brings the gateway to the user's attention (a second start of the app asked for it).
    void activate();
    /// The endpoint clients should use: the base URL plus /v1.
    QString endpointUrl() const;

Q_SIGNALS:
    void quitRequested();

private:
    void refresh();
    void copyEndpoint();

    GatewayController &m_gateway;
    std::unique_ptr<QMenu> m_menu;
    QSystemTrayIcon *m_tray = nullptr;
    QAction *m_statusAction = nullptr;
    QAction *m_copyAction = nullptr;
    std::unique_ptr<StatusWindow> m_window;
};
