#include "ConnectPage.h"

#include "ClaudeCodeSettings.h"
#include "ClaudeSettingsDialog.h"
#include "config/SettingsStore.h"
#include "gateway/AccessPolicy.h"
#include "gateway/GatewayController.h"
#include "secrets/AccessTokenStore.h"
#include "secrets/ProviderKeyStore.h"
#include "ui_ConnectPage.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>

namespace {
constexpr int kClientIdRole = Qt::UserRole + 1;

/// A model each well-known provider offers, for the examples (the user can type any other).
QString exampleModel(const ProviderSettings &provider)
{
    static const QHash<QString, QString> examples = {
        {QStringLiteral("deepseek"), QStringLiteral("deepseek-chat")},
        {QStringLiteral("openai"), QStringLiteral("gpt-4o-mini")},
        {QStringLiteral("anthropic"), QStringLiteral("claude-sonnet-4-5")},
        {QStringLiteral("ollama"), QStringLiteral("ollama/llama3.2")},
        {QStringLiteral("mistral"), QStringLiteral("mistral/mistral-small-latest")},
        {QStringLiteral("groq"), QStringLiteral("groq/llama-3.3-70b-versatile")},
        {QStringLiteral("gemini"), QStringLiteral("gemini/gemini-2.5-flash")},
        {QStringLiteral("openrouter"), QStringLiteral("openrouter/openai/gpt-4o-mini")},
    };
    return examples.value(provider.id, provider.id + QStringLiteral("/MODEL"));
}
} // namespace

ConnectPage::ConnectPage(SettingsStore &settings, ProviderKeyStore &keys, AccessTokenStore &token,
                         GatewayController &gateway, QWidget *parent)
    : DashboardPage(parent), m_ui(new Ui::ConnectPage), m_settings(settings), m_keys(keys),
      m_token(token), m_gateway(gateway), m_claudeSettingsPath(ClaudeCodeSettings::defaultPath())
{
    m_ui->setupUi(this);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->snippetPlainTextEdit->setFont(fixed);
    m_ui->secondPlainTextEdit->setFont(fixed);
    m_ui->addressLabel->setStyleSheet(QStringLiteral("color: palette(mid);"));
    fillClients();
    connect(m_ui->clientListWidget, &QListWidget::currentRowChanged, this, &ConnectPage::refresh);
    connect(m_ui->modelComboBox, &QComboBox::currentTextChanged, this, &ConnectPage::refresh);
    connect(m_ui->showTokenCheckBox, &QCheckBox::toggled, this, &ConnectPage::refresh);
    connect(m_ui->copySnippetPushButton, &QPushButton::clicked, this,
            [this] { copy(currentSetup().snippet); });
    connect(m_ui->copySecondPushButton, &QPushButton::clicked, this,
            [this] { copy(currentSetup().secondSnippet); });
    connect(m_ui->writeClaudeSettingsPushButton, &QPushButton::clicked, this,
            &ConnectPage::writeClaudeSettings);
    connect(&m_gateway, &GatewayController::serving, this, &ConnectPage::refresh);
    connect(&m_token, &AccessTokenStore::tokenChanged, this, &ConnectPage::refresh);
    connect(&m_settings, &SettingsStore::changed, this, &ConnectPage::load);
    connect(&m_keys, &ProviderKeyStore::keysChanged, this, &ConnectPage::load);
}

ConnectPage::~ConnectPage() = default;

QString ConnectPage::title() const
{
    return tr("Connect");
}

QIcon ConnectPage::icon() const
{
    return QIcon(QStringLiteral(":/icons/pages/connect.png"));
}

void ConnectPage::retranslate()
{
    m_ui->retranslateUi(this);
    load();
}

void ConnectPage::fillClients()
{
    const int row = qMax(0, m_ui->clientListWidget->currentRow());
    m_ui->clientListWidget->blockSignals(true);
    m_ui->clientListWidget->clear();
    for (const ClientSetup &setup : ClientSnippets::all(inputs())) {
        auto *item = new QListWidgetItem(setup.name, m_ui->clientListWidget);
        item->setData(kClientIdRole, setup.id);
    }
    m_ui->clientListWidget->setCurrentRow(row);
    m_ui->clientListWidget->blockSignals(false);
}

void ConnectPage::load()
{
    const QString typed = m_ui->modelComboBox->currentText();
    const QStringList models = suggestedModels();
    m_ui->modelComboBox->blockSignals(true);
    m_ui->modelComboBox->clear();
    m_ui->modelComboBox->addItems(models);
    m_ui->modelComboBox->setCurrentText(typed.isEmpty() && !models.isEmpty() ? models.first()
                                                                             : typed);
    m_ui->modelComboBox->blockSignals(false);
    fillClients();
    refresh();
}

void ConnectPage::reveal(const QString &clientId)
{
    for (int i = 0; i < m_ui->clientListWidget->count(); ++i) {
        if (m_ui->clientListWidget->item(i)->data(kClientIdRole).toString() == clientId)
            m_ui->clientListWidget->setCurrentRow(i);
    }
}

QStringList ConnectPage::suggestedModels() const
{
    // Aliases first (the user made them), then a model of each provider that can answer.
    QStringList models;
    const GatewayConfig &config = m_settings.effective();
    for (const ModelAlias &alias : config.aliases)
        models.append(alias.name);
    QStringList withoutKey;
    for (const ProviderSettings &provider : config.providers) {
        if (!provider.enabled)
            continue;
        (m_keys.key(provider.id).isEmpty() ? withoutKey : models).append(exampleModel(provider));
    }
    models += withoutKey;
    models.removeDuplicates();
    return models;
}

QUrl ConnectPage::baseUrl() const
{
    if (m_gateway.state() == GatewayController::State::Serving)
        return m_gateway.baseUrl();
    // Not serving now: the address it is configured for.
    const GatewayConfig &config = m_settings.effective();
    const QString host = config.host.contains(QLatin1Char(':'))
                             ? QLatin1Char('[') + config.host + QLatin1Char(']')
                             : config.host;
    return QUrl(QStringLiteral("http://%1:%2").arg(host).arg(config.port));
}

ClientSnippets::Inputs ConnectPage::inputs() const
{
    ClientSnippets::Inputs in;
    in.baseUrl = baseUrl();
    const bool tokenOn = AccessPolicy(m_settings.effective()).tokenRequired();
    // With the token off any key is accepted, but clients still insist on having one.
    in.token = tokenOn ? m_token.token() : QStringLiteral("not-needed");
    in.model = m_ui->modelComboBox->currentText().trimmed();
    return in;
}

ClientSetup ConnectPage::currentSetup() const
{
    const QListWidgetItem *item = m_ui->clientListWidget->currentItem();
    return ClientSnippets::byId(item ? item->data(kClientIdRole).toString() : QString(), inputs());
}

QString ConnectPage::displayed(const QString &text) const
{
    const QString token = m_token.token();
    if (m_ui->showTokenCheckBox->isChecked() || token.isEmpty())
        return text;
    QString masked = text;
    masked.replace(token, token.left(6) + QString(12, QChar(0x2022)));
    return masked;
}

void ConnectPage::refresh()
{
    const ClientSetup setup = currentSetup();
    m_ui->introLabel->setText(setup.intro);
    m_ui->snippetPlainTextEdit->setPlainText(displayed(setup.snippet));
    const bool second = !setup.secondSnippet.isEmpty();
    m_ui->secondIntroLabel->setVisible(second);
    m_ui->secondPlainTextEdit->setVisible(second);
    m_ui->copySecondPushButton->setVisible(second);
    m_ui->secondIntroLabel->setText(setup.secondIntro);
    m_ui->secondPlainTextEdit->setPlainText(displayed(setup.secondSnippet));
    m_ui->writeClaudeSettingsPushButton->setVisible(setup.id == QLatin1String("claude-code"));
    m_ui->writeClaudeSettingsPushButton->setEnabled(
        !m_token.token().isEmpty() || !AccessPolicy(m_settings.effective()).tokenRequired());

    QString address;
    if (m_gateway.state() != GatewayController::State::Serving)
        address = tr("The gateway is not serving right now; these settings use the address it is "
                     "set to, %1.")
                      .arg(baseUrl().toString());
    else if (m_token.token().isEmpty() && AccessPolicy(m_settings.effective()).tokenRequired())
        address = tr("There is no access token yet (see Overview): %1 stands for it.")
                      .arg(ClientSnippets::tokenPlaceholder());
    m_ui->addressLabel->setText(address);
    m_ui->addressLabel->setVisible(!address.isEmpty());
}

void ConnectPage::copy(const QString &text)
{
    if (text.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(text);
    Q_EMIT statusMessage(tr("Copied, with the token in full."), false);
}

void ConnectPage::writeClaudeSettings()
{
    const ClientSnippets::Inputs in = inputs();
    ClaudeSettingsDialog dialog(m_claudeSettingsPath, in.baseUrl, in.token, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    Q_EMIT statusMessage(
        dialog.backupPath().isEmpty()
            ? tr("Written to %1. New Claude Code sessions use the gateway.")
                  .arg(m_claudeSettingsPath)
            : tr("Written to %1 (the old file is kept as %2). New Claude Code sessions use the "
                 "gateway.")
                  .arg(m_claudeSettingsPath, dialog.backupPath()),
        false);
}
