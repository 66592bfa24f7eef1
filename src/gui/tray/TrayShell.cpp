#include "TrayShell.h"

#include "gateway/GatewayController.h"
#include "secrets/AccessTokenStore.h"
#include "status/ProblemMonitor.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMenu>

namespace {
constexpr int kNoteMs = 2500;

QIcon iconFromSizes(const QString &state)
{
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64})
        icon.addFile(QStringLiteral(":/icons/tray/%1-%2.png").arg(state).arg(size),
                     QSize(size, size));
    return icon;
}
} // namespace

QIcon TrayShell::stateIcon(int problemMonitorState)
{
    switch (ProblemMonitor::State(problemMonitorState)) {
    case ProblemMonitor::State::Serving:
        return iconFromSizes(QStringLiteral("serving"));
    case ProblemMonitor::State::ServingWithWarning:
        return iconFromSizes(QStringLiteral("warning"));
    case ProblemMonitor::State::Paused:
        return iconFromSizes(QStringLiteral("paused"));
    case ProblemMonitor::State::Error:
        return iconFromSizes(QStringLiteral("error"));
    case ProblemMonitor::State::Starting:
        break;
    }
    return iconFromSizes(QStringLiteral("starting"));
}

TrayShell::TrayShell(GatewayController &gateway, ProblemMonitor &problems, AccessTokenStore &token,
                     QObject *parent)
    : QObject(parent), m_gateway(gateway), m_problems(problems), m_token(token),
      m_menu(std::make_unique<QMenu>())
{
    m_statusAction = m_menu->addAction(QString());
    m_statusAction->setEnabled(false);
    m_menu->addSeparator();
    m_dashboardAction = m_menu->addAction(QString(), this, &TrayShell::openDashboardRequested);
    m_chatAction = m_menu->addAction(QString(), this, &TrayShell::openChatRequested);
    m_chatAction->setVisible(false);
    m_menu->addSeparator();
    m_copyOpenAiAction = m_menu->addAction(QString(), this, [this] {
        copy(m_gateway.baseUrl().toString() + QStringLiteral("/v1"), tr("The OpenAI base URL"));
    });
    m_copyAnthropicAction = m_menu->addAction(QString(), this, [this] {
        copy(m_gateway.baseUrl().toString(), tr("The Anthropic base URL"));
    });
    m_copyTokenAction = m_menu->addAction(
        QString(), this, [this] { copy(m_token.token(), tr("The access token")); });
    m_menu->addSeparator();
    m_pauseAction =
        m_menu->addAction(QString(), this, [this] { m_gateway.setPaused(!m_gateway.isPaused()); });
    m_menu->addSeparator();
    m_quitAction = m_menu->addAction(QString(), this, &TrayShell::quitRequested);
    for (auto [action, name] : {std::pair{m_statusAction, "statusAction"},
                                {m_dashboardAction, "dashboardAction"},
                                {m_chatAction, "chatAction"},
                                {m_copyOpenAiAction, "copyOpenAiAction"},
                                {m_copyAnthropicAction, "copyAnthropicAction"},
                                {m_copyTokenAction, "copyTokenAction"},
                                {m_pauseAction, "pauseAction"},
                                {m_quitAction, "quitAction"}})
        action->setObjectName(QLatin1String(name));

    connect(&m_problems, &ProblemMonitor::stateChanged, this, &TrayShell::refresh);
    connect(&m_problems, &ProblemMonitor::problemsChanged, this, &TrayShell::refresh);
    connect(&m_gateway, &GatewayController::serving, this, &TrayShell::refresh);
    connect(&m_gateway, &GatewayController::pausedChanged, this, &TrayShell::refresh);
    connect(&m_token, &AccessTokenStore::tokenChanged, this, &TrayShell::refresh);
    connect(&m_gateway, &GatewayController::failed, this, [this](const QString &message) {
        notify(tr("LLM Gateway is not serving"), message, QSystemTrayIcon::Critical);
    });
    retranslate();
}

TrayShell::~TrayShell() = default;

bool TrayShell::show()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return false;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setIcon(stateIcon(int(m_problems.state())));
        m_tray->setContextMenu(m_menu.get());
        connect(m_tray, &QSystemTrayIcon::activated, this,
                [this](QSystemTrayIcon::ActivationReason reason) {
                    if (reason == QSystemTrayIcon::Trigger ||
                        reason == QSystemTrayIcon::DoubleClick)
                        Q_EMIT openDashboardRequested();
                });
    }
    refresh();
    m_tray->show();
    return true;
}

bool TrayShell::isVisible() const
{
    return m_tray && m_tray->isVisible();
}

void TrayShell::setChatAvailable(bool available)
{
    m_chatAction->setVisible(available);
}

void TrayShell::notify(const QString &title, const QString &text, QSystemTrayIcon::MessageIcon icon)
{
    if (m_tray && m_tray->isVisible())
        m_tray->showMessage(title, text, icon, kNoteMs);
}

void TrayShell::retranslate()
{
    m_dashboardAction->setText(tr("Open dashboard"));
    m_chatAction->setText(tr("Open chat"));
    m_copyOpenAiAction->setText(tr("Copy OpenAI base URL (…/v1)"));
    m_copyAnthropicAction->setText(tr("Copy Anthropic base URL (Claude Code)"));
    m_copyTokenAction->setText(tr("Copy access token"));
    m_quitAction->setText(tr("Quit"));
    refresh();
}

void TrayShell::refresh()
{
    const ProblemMonitor::State state = m_problems.state();
    const bool serving = m_gateway.state() == GatewayController::State::Serving;
    const QString text = m_problems.stateText();
    m_statusAction->setText(text);
    m_copyOpenAiAction->setEnabled(serving);
    m_copyAnthropicAction->setEnabled(serving);
    m_copyTokenAction->setEnabled(!m_token.token().isEmpty());
    m_pauseAction->setText(m_gateway.isPaused() ? tr("Resume") : tr("Pause"));
    m_pauseAction->setEnabled(serving);
    if (!m_tray)
        return;
    m_tray->setIcon(stateIcon(int(state)));
    QString tip = tr("LLM Gateway — %1").arg(text);
    const GatewayProblems problems = m_problems.problems();
    if (!problems.isEmpty())
        tip += QLatin1Char('\n') + problems.first().title;
    if (problems.size() > 1)
        tip += QLatin1Char('\n') +
               tr("(and %n more: see the dashboard)", nullptr, int(problems.size() - 1));
    m_tray->setToolTip(tip);
}

void TrayShell::copy(const QString &text, const QString &what)
{
    if (text.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(text);
    notify(tr("Copied"), tr("%1 is on the clipboard.").arg(what));
}
