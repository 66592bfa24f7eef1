#include "OverviewPage.h"

#include "ProblemRow.h"
#include "config/SettingsStore.h"
#include "gateway/AccessPolicy.h"
#include "gateway/GatewayController.h"
#include "secrets/AccessTokenStore.h"
#include "secrets/ProviderKeyStore.h"
#include "secrets/SecretSource.h"
#include "status/ProblemMonitor.h"
#include "status/TodayCounter.h"
#include "ui_OverviewPage.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QFileInfo>
#include <QGuiApplication>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>

namespace {
QIcon stateIcon(ProblemMonitor::State state)
{
    switch (state) {
    case ProblemMonitor::State::Serving:
        return QIcon(QStringLiteral(":/icons/tray/serving-64.png"));
    case ProblemMonitor::State::ServingWithWarning:
        return QIcon(QStringLiteral(":/icons/tray/warning-64.png"));
    case ProblemMonitor::State::Paused:
        return QIcon(QStringLiteral(":/icons/tray/paused-64.png"));
    case ProblemMonitor::State::Error:
        return QIcon(QStringLiteral(":/icons/tray/error-64.png"));
    case ProblemMonitor::State::Starting:
        break;
    }
    return QIcon(QStringLiteral(":/icons/tray/starting-64.png"));
}
} // namespace

OverviewPage::OverviewPage(SettingsStore &settings, ProviderKeyStore &keys, AccessTokenStore &token,
                           GatewayController &gateway, ProblemMonitor &problems,
                           TodayCounter &today, QWidget *parent)
    : DashboardPage(parent), m_ui(new Ui::OverviewPage), m_settings(settings), m_keys(keys),
      m_token(token), m_gateway(gateway), m_problems(problems), m_today(today)
{
    m_ui->setupUi(this);
    QFont big = m_ui->stateLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_ui->stateLabel->setFont(big);
    QFont section = m_ui->problemsTitleLabel->font();
    section.setBold(true);
    m_ui->problemsTitleLabel->setFont(section);
    m_ui->tokenHintLabel->setStyleSheet(QStringLiteral("color: palette(mid);"));

    connect(m_ui->pausePushButton, &QPushButton::clicked, this,
            [this] { m_gateway.setPaused(!m_gateway.isPaused()); });
    connect(m_ui->copyEndpointPushButton, &QPushButton::clicked, this,
            [this] { copy(m_ui->endpointLineEdit->text(), tr("The OpenAI base URL")); });
    connect(m_ui->copyAnthropicPushButton, &QPushButton::clicked, this,
            [this] { copy(m_ui->anthropicLineEdit->text(), tr("The Anthropic base URL")); });
    connect(m_ui->copyTokenPushButton, &QPushButton::clicked, this,
            [this] { copy(m_token.token(), tr("The access token")); });
    connect(m_ui->showTokenToolButton, &QToolButton::toggled, this, [this](bool shown) {
        m_ui->tokenLineEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_ui->showTokenToolButton->setText(shown ? tr("Hide") : tr("Show"));
    });

    connect(&m_problems, &ProblemMonitor::problemsChanged, this, &OverviewPage::load);
    connect(&m_gateway, &GatewayController::serving, this, &OverviewPage::refreshState);
    connect(&m_gateway, &GatewayController::pausedChanged, this, &OverviewPage::refreshState);
    connect(&m_token, &AccessTokenStore::tokenChanged, this, &OverviewPage::refreshState);
    connect(&m_today, &TodayCounter::changed, this, &OverviewPage::refreshToday);
}

OverviewPage::~OverviewPage() = default;

QString OverviewPage::title() const
{
    return tr("Overview");
}

QIcon OverviewPage::icon() const
{
    return QIcon(QStringLiteral(":/icons/pages/overview.png"));
}

void OverviewPage::load()
{
    refreshState();
    refreshToday();
    refreshProblems();
}

void OverviewPage::retranslate()
{
    m_ui->retranslateUi(this);
    m_ui->showTokenToolButton->setText(m_ui->showTokenToolButton->isChecked() ? tr("Hide")
                                                                              : tr("Show"));
    load();
}

void OverviewPage::refreshState()
{
    m_ui->stateIconLabel->setPixmap(stateIcon(m_problems.state()).pixmap(48, 48));
    m_ui->stateLabel->setText(m_problems.stateText());
    const bool serving = m_gateway.state() == GatewayController::State::Serving;
    const QString base = serving ? m_gateway.baseUrl().toString() : QString();
    m_ui->endpointLineEdit->setText(serving ? base + QStringLiteral("/v1") : QString());
    m_ui->anthropicLineEdit->setText(base);
    m_ui->copyEndpointPushButton->setEnabled(serving);
    m_ui->copyAnthropicPushButton->setEnabled(serving);
    m_ui->pausePushButton->setText(m_gateway.isPaused() ? tr("Resume") : tr("Pause"));

    const bool tokenOn = AccessPolicy(m_settings.effective()).tokenRequired();
    m_ui->tokenLineEdit->setText(m_token.token());
    m_ui->copyTokenPushButton->setEnabled(!m_token.token().isEmpty());
    m_ui->showTokenToolButton->setEnabled(!m_token.token().isEmpty());
    QString hint;
    if (!tokenOn)
        hint = tr("The token is off: clients may send any key or none.");
    else if (m_token.source() == AccessTokenStore::Source::Environment)
        hint = tr("From LLM_GATEWAY_TOKEN (environment). Clients send it as their API key.");
    else if (m_token.source() == AccessTokenStore::Source::Keychain)
        hint = tr("Kept in the system keychain. Clients send it as their API key.");
    else if (m_token.state() == AccessTokenStore::State::Loading)
        hint = tr("Reading the token from the system keychain…");
    m_ui->tokenHintLabel->setText(hint);
}

void OverviewPage::refreshToday()
{
    // Chinese joins the parts with a full-width comma.
    const QString separator = tr(", ", "between the parts of the Today line");
    QString text = tr("%n request(s)", nullptr, m_today.requests());
    if (m_today.errors() > 0)
        text += separator + tr("%n failed", nullptr, m_today.errors());
    if (m_today.tokens() > 0)
        text += separator + tr("%1 tokens").arg(QLocale().toString(m_today.tokens()));
    m_ui->todayLabel->setText(text);
}

void OverviewPage::refreshProblems()
{
    const QList<ProblemRow *> old = m_ui->problemsContainerWidget->findChildren<ProblemRow *>(
        QString(), Qt::FindDirectChildrenOnly);
    for (ProblemRow *row : old) {
        row->hide();
        row->deleteLater();
    }
    const GatewayProblems problems = m_problems.problems();
    m_ui->noProblemsLabel->setVisible(problems.isEmpty());
    int index = 0;
    for (const GatewayProblem &problem : problems) {
        auto *row = new ProblemRow(problem, m_ui->problemsContainerWidget);
        addFixes(row, problem);
        m_ui->problemsLayout->insertWidget(index++, row);
        row->show(); // a child added to a shown widget stays hidden until told otherwise
    }
}

QString OverviewPage::keychainStartCommand()
{
    if (QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon")).isEmpty())
        return QStringLiteral("sudo apt install gnome-keyring");
    return QStringLiteral("gnome-keyring-daemon --start --components=secrets");
}

void OverviewPage::addFixes(ProblemRow *row, const GatewayProblem &problem)
{
    using Kind = GatewayProblem::Kind;
    switch (problem.kind) {
    case Kind::ListenFailed: {
        const GatewayConfig &config = m_settings.effective();
        if (!m_settings.portOrigin().isOverride()) {
            const quint16 port = ProblemMonitor::freePortNear(config.host, config.port);
            if (port != 0) {
                row->addFix(QStringLiteral("usePortButton"), tr("Use port %1").arg(port),
                            [this, port] {
                                saveWith([port](GatewayConfig &c) { c.port = port; },
                                         tr("The gateway now listens on port %1. Update the base "
                                            "URL in your tools (see Connect).")
                                             .arg(port));
                            });
            }
        }
        row->addFix(QStringLiteral("openSettingsButton"), tr("Change the port…"),
                    [this] { Q_EMIT navigationRequested(QStringLiteral("settings")); });
        break;
    }
    case Kind::AddressChangeFailed:
        row->addFix(QStringLiteral("openSettingsButton"), tr("Open Settings"),
                    [this] { Q_EMIT navigationRequested(QStringLiteral("settings")); });
        break;
    case Kind::KeychainUnavailable: {
        const QString command = keychainStartCommand();
        if (command.startsWith(QLatin1String("gnome-keyring-daemon"))) {
            row->addFix(QStringLiteral("startKeyringButton"), tr("Start GNOME Keyring"), [this] {
                QProcess::startDetached(
                    QStringLiteral("gnome-keyring-daemon"),
                    {QStringLiteral("--start"), QStringLiteral("--components=secrets")});
                Q_EMIT statusMessage(tr("Starting GNOME Keyring…"), false);
                QTimer::singleShot(1500, this, &OverviewPage::retryKeychain);
            });
        }
        row->addFix(QStringLiteral("copyCommandButton"), tr("Copy the command"),
                    [this, command] { copy(command, tr("The command")); });
        row->addFix(QStringLiteral("retryKeychainButton"), tr("Retry"),
                    [this] { retryKeychain(); });
        break;
    }
    case Kind::TokenMissing:
        row->addFix(QStringLiteral("retryKeychainButton"), tr("Retry"),
                    [this] { retryKeychain(); });
        break;
    case Kind::ConfigFileBroken:
        row->addFix(QStringLiteral("openConfigButton"), tr("Open the file"), [this] {
            QDesktopServices::openUrl(QUrl::fromLocalFile(m_settings.configPath()));
        });
        row->addFix(QStringLiteral("reloadConfigButton"), tr("Read it again"),
                    [this] { m_settings.reloadFile(); });
        row->addFix(QStringLiteral("overwriteConfigButton"),
                    tr("Replace it with the settings in use"), [this] {
                        saveWith([](GatewayConfig &) {},
                                 tr("Saved. The broken file was kept as a backup beside it."));
                    });
        break;
    case Kind::SourceProblem:
        break; // fixed where the variable or option is set
    case Kind::ProviderWithoutKey: {
        const QString id = problem.subject;
        row->addFix(QStringLiteral("enterKeyButton"), tr("Enter the key…"),
                    [this, id] { Q_EMIT navigationRequested(QStringLiteral("providers"), id); });
        row->addFix(QStringLiteral("disableProviderButton"), tr("Turn it off"), [this, id] {
            saveWith(
                [id](GatewayConfig &c) {
                    for (ProviderSettings &p : c.providers) {
                        if (p.id == id)
                            p.enabled = false;
                    }
                },
                tr("The provider '%1' is off.").arg(id));
        });
        break;
    }
    case Kind::TokenOff:
        row->addFix(QStringLiteral("tokenOnButton"), tr("Turn the token on"), [this] {
            saveWith([](GatewayConfig &c) { c.access.requireToken = true; },
                     tr("The access token is on: clients must send it."));
        });
        break;
    case Kind::RequestLogFailing: {
        // The log retries by itself; these help remove the cause, or stop recording.
        const QString folder = QFileInfo(problem.subject).absolutePath();
        row->addFix(QStringLiteral("openLogFolderButton"), tr("Open the folder"),
                    [folder] { QDesktopServices::openUrl(QUrl::fromLocalFile(folder)); });
        row->addFix(QStringLiteral("requestLogOffButton"), tr("Turn the request log off"), [this] {
            saveWith([](GatewayConfig &c) { c.requestLog.enabled = false; },
                     tr("The request log is off: requests are no longer recorded."));
        });
        break;
    }
    }
}

void OverviewPage::retryKeychain()
{
    m_keys.reload();
    if (m_token.state() != AccessTokenStore::State::Ready)
        m_token.load();
}

void OverviewPage::saveWith(const std::function<void(GatewayConfig &)> &change, const QString &done)
{
    GatewayConfig config = m_settings.fileConfig();
    change(config);
    const SettingsSaveResult saved = m_settings.save(config);
    if (saved.ok)
        Q_EMIT statusMessage(done, false);
    else
        Q_EMIT statusMessage(saved.errors.join(QLatin1Char('\n')), true);
}

void OverviewPage::copy(const QString &text, const QString &what)
{
    if (text.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(text);
    Q_EMIT statusMessage(tr("%1 is on the clipboard.").arg(what), false);
}
