#include "TrayShell.h"

#include "StatusWindow.h"
#include "gateway/GatewayController.h"

#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QSystemTrayIcon>

namespace {
QIcon iconFor(GatewayController::State state)
{
    switch (state) {
    case GatewayController::State::Serving:
        return QIcon(QStringLiteral(":/icons/gateway-serving.png"));
    case GatewayController::State::Failed:
        return QIcon(QStringLiteral(":/icons/gateway-error.png"));
    case GatewayController::State::Starting:
    case GatewayController::State::Stopped:
        break;
    }
    return QIcon(QStringLiteral(":/icons/gateway-stopped.png"));
}
} // namespace

TrayShell::TrayShell(GatewayController &gateway, QObject *parent)
    : QObject(parent), m_gateway(gateway), m_menu(std::make_unique<QMenu>())
{
    m_statusAction = m_menu->addAction(tr("Starting…"));
    m_statusAction->setEnabled(false);
    m_menu->addSeparator();
    m_copyAction = m_menu->addAction(tr("Copy endpoint URL"), this, &TrayShell::copyEndpoint);
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit"), this, &TrayShell::quitRequested);
    connect(&m_gateway, &GatewayController::stateChanged, this, &TrayShell::refresh);
    connect(&m_gateway, &GatewayController::failed, this, [this](const QString &message) {
        if (m_tray)
            m_tray->showMessage(tr("LLM Gateway cannot start"), message, QSystemTrayIcon::Critical);
    });
}

TrayShell::~TrayShell() = default;

QString TrayShell::endpointUrl() const
{
    if (m_gateway.state() != GatewayController::State::Serving)
        return {};
    return m_gateway.baseUrl().toString() + QStringLiteral("/v1");
}

void TrayShell::show()
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setContextMenu(m_menu.get());
        m_tray->show();
        // With a tray, closing windows must not end the gateway.
        QApplication::setQuitOnLastWindowClosed(false);
    } else {
        m_window = std::make_unique<StatusWindow>();
        connect(m_window.get(), &StatusWindow::copyEndpointRequested, this,
                &TrayShell::copyEndpoint);
        connect(m_window.get(), &StatusWindow::quitRequested, this, &TrayShell::quitRequested);
        m_window->show();
    }
    refresh();
}

void TrayShell::activate()
{
    if (m_window) {
        m_window->show();
        m_window->raise();
        m_window->activateWindow();
    } else if (m_tray) {
        m_tray->showMessage(tr("LLM Gateway is already running"), m_statusAction->text(),
                            QSystemTrayIcon::Information);
    }
}

void TrayShell::refresh()
{
    const GatewayController::State state = m_gateway.state();
    QString text;
    switch (state) {
    case GatewayController::State::Serving:
        text = tr("Serving on %1").arg(m_gateway.baseUrl().toString());
        break;
    case GatewayController::State::Failed:
        text = tr("Not serving: %1").arg(m_gateway.errorMessage());
        break;
    case GatewayController::State::Starting:
        text = tr("Starting…");
        break;
    case GatewayController::State::Stopped:
        text = tr("Stopped");
        break;
    }
    const QIcon icon = iconFor(state);
    m_statusAction->setText(text);
    m_copyAction->setEnabled(state == GatewayController::State::Serving);
    if (m_tray) {
        m_tray->setIcon(icon);
        m_tray->setToolTip(tr("LLM Gateway — %1").arg(text));
    }
    if (m_window) {
        m_window->setWindowIcon(icon);
        m_window->showState(icon, text, endpointUrl());
    }
}

void TrayShell::copyEndpoint()
{
    const QString url = endpointUrl();
    if (!url.isEmpty())
        QGuiApplication::clipboard()->setText(url);
}
