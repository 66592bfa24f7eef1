#include "SettingsPage.h"

#include "AutostartEntry.h"
#include "LanguageManager.h"
#include "config/SettingsStore.h"
#include "gateway/AccessPolicy.h"
#include "gateway/GatewayController.h"
#include "secrets/AccessTokenStore.h"
#include "ui_SettingsPage.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHostAddress>
#include <QMessageBox>

SettingsPage::SettingsPage(SettingsStore &settings, AccessTokenStore &token,
                           GatewayController &gateway, QWidget *parent)
    : DashboardPage(parent), m_ui(new Ui::SettingsPage), m_settings(settings), m_token(token),
      m_gateway(gateway)
{
    m_ui->setupUi(this);
    m_ui->originsErrorLabel->setStyleSheet(QStringLiteral("color: #b91c1c;"));
    for (QLabel *note : {m_ui->hostNoteLabel, m_ui->portNoteLabel, m_ui->tokenNoteLabel})
        note->setStyleSheet(QStringLiteral("color: palette(mid);"));
    fillLanguages();

    connect(m_ui->hostLineEdit, &QLineEdit::textEdited, this, &SettingsPage::onEdited);
    connect(m_ui->portSpinBox, &QSpinBox::valueChanged, this, &SettingsPage::onEdited);
    connect(m_ui->requireTokenCheckBox, &QCheckBox::toggled, this, &SettingsPage::onEdited);
    connect(m_ui->originsPlainTextEdit, &QPlainTextEdit::textChanged, this,
            &SettingsPage::onEdited);
    connect(m_ui->startAtLoginCheckBox, &QCheckBox::toggled, this, &SettingsPage::onEdited);
    connect(m_ui->languageComboBox, &QComboBox::currentIndexChanged, this, &SettingsPage::onEdited);
    connect(m_ui->logEnabledCheckBox, &QCheckBox::toggled, this, &SettingsPage::onEdited);
    connect(m_ui->recordBodiesCheckBox, &QCheckBox::toggled, this, &SettingsPage::onEdited);
    connect(m_ui->retentionDaysSpinBox, &QSpinBox::valueChanged, this, &SettingsPage::onEdited);
    connect(m_ui->maxRecordsSpinBox, &QSpinBox::valueChanged, this, &SettingsPage::onEdited);

    connect(m_ui->showTokenToolButton, &QToolButton::toggled, this, [this](bool shown) {
        m_ui->tokenLineEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_ui->showTokenToolButton->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(m_ui->copyTokenPushButton, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_token.token());
        Q_EMIT statusMessage(tr("The access token is on the clipboard."), false);
    });
    connect(m_ui->regenerateTokenPushButton, &QPushButton::clicked, this,
            &SettingsPage::regenerateToken);
    connect(&m_token, &AccessTokenStore::tokenChanged, this, &SettingsPage::refreshToken);
    connect(&m_token, &AccessTokenStore::stateChanged, this, &SettingsPage::refreshToken);
    connect(&m_gateway, &GatewayController::addressChangeFailed, this,
            [this](const QString &message) {
                Q_EMIT statusMessage(tr("The new address could not be used, so the gateway stays "
                                        "where it was. %1")
                                         .arg(message),
                                     true);
            });
    connect(&m_settings, &SettingsStore::changed, this, [this] {
        if (!isModified())
            load();
    });
}

SettingsPage::~SettingsPage() = default;

QString SettingsPage::title() const
{
    return tr("Settings");
}

QIcon SettingsPage::icon() const
{
    return QIcon(QStringLiteral(":/icons/pages/settings.png"));
}

void SettingsPage::fillLanguages()
{
    const QString current = m_ui->languageComboBox->currentData().toString();
    m_ui->languageComboBox->blockSignals(true);
    m_ui->languageComboBox->clear();
    m_ui->languageComboBox->addItem(tr("The system's language"), QString());
    for (const auto &language : LanguageManager::available())
        m_ui->languageComboBox->addItem(language.second, language.first);
    m_ui->languageComboBox->setCurrentIndex(qMax(0, m_ui->languageComboBox->findData(current)));
    m_ui->languageComboBox->blockSignals(false);
}

void SettingsPage::retranslate()
{
    const bool modified = isModified();
    m_loading = true;
    m_ui->retranslateUi(this);
    fillLanguages();
    m_loading = false;
    if (!modified)
        load();
    refreshToken();
}

void SettingsPage::load()
{
    m_loading = true;
    const GatewayConfig &file = m_settings.fileConfig();
    const GatewayConfig &effective = m_settings.effective();
    const SettingsStore::Origin host = m_settings.hostOrigin();
    const SettingsStore::Origin port = m_settings.portOrigin();
    // An override is shown with its value and source, and not edited here.
    m_ui->hostLineEdit->setText(host.isOverride() ? effective.host : file.host);
    m_ui->hostLineEdit->setEnabled(!host.isOverride());
    m_ui->hostNoteLabel->setText(
        host.isOverride()
            ? tr("Set by %1; change it there.").arg(host.name)
            : tr("127.0.0.1 keeps the gateway to this computer. Another address needs the access "
                 "token."));
    m_ui->portSpinBox->setValue(port.isOverride() ? effective.port : file.port);
    m_ui->portSpinBox->setEnabled(!port.isOverride());
    m_ui->portNoteLabel->setText(
        port.isOverride()
            ? tr("Set by %1; change it there.").arg(port.name)
            : tr("Applied at once. If the port is taken, the gateway stays on the old one and "
                 "says so."));
    m_ui->requireTokenCheckBox->setChecked(file.access.requireToken);
    m_ui->originsPlainTextEdit->setPlainText(file.allowedOrigins.join(QLatin1Char('\n')));
    m_ui->originsErrorLabel->hide();
    m_ui->startAtLoginCheckBox->setChecked(AutostartEntry::isEnabled());
    m_ui->languageComboBox->setCurrentIndex(
        qMax(0, m_ui->languageComboBox->findData(file.language)));
    m_ui->logEnabledCheckBox->setChecked(file.requestLog.enabled);
    m_ui->recordBodiesCheckBox->setChecked(file.requestLog.recordBodies);
    m_ui->retentionDaysSpinBox->setValue(file.requestLog.retentionDays);
    m_ui->maxRecordsSpinBox->setValue(int(qMin<qint64>(file.requestLog.maxRecords, 1000000000)));
    m_loading = false;
    refreshToken();
    setModified(false);
}

void SettingsPage::refreshToken()
{
    const QString token = m_token.token();
    m_ui->tokenLineEdit->setText(token);
    m_ui->copyTokenPushButton->setEnabled(!token.isEmpty());
    m_ui->showTokenToolButton->setEnabled(!token.isEmpty());
    const bool fromEnvironment = m_token.hasEnvironmentToken();
    m_ui->regenerateTokenPushButton->setEnabled(!fromEnvironment);
    const QString host = m_ui->hostLineEdit->text().trimmed();
    const bool loopback =
        AccessPolicy::isLoopbackHost(host.isEmpty() ? QStringLiteral("127.0.0.1") : host);
    // The token may be off only for a gateway nothing but this computer can reach.
    m_ui->requireTokenCheckBox->setEnabled(loopback || !m_ui->requireTokenCheckBox->isChecked());
    QString note;
    if (fromEnvironment)
        note = tr("The token comes from LLM_GATEWAY_TOKEN in the environment; change it there.");
    else if (m_token.state() == AccessTokenStore::State::Missing)
        note = m_token.problem();
    else if (!loopback)
        note = tr("Listening beyond this computer: the token must stay on.");
    else
        note = tr("A new token replaces the old one at once: clients using the old one get 401 "
                  "until you update them.");
    m_ui->tokenNoteLabel->setText(note);
}

QStringList SettingsPage::originErrors(QStringList *origins) const
{
    QStringList errors;
    const QStringList lines = m_ui->originsPlainTextEdit->toPlainText().split(QLatin1Char('\n'));
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        if (AccessPolicy::normaliseOrigin(line).isEmpty())
            errors.append(tr("\"%1\" is not an origin: write scheme, host and port, e.g. "
                             "http://localhost:5173 (no path, no *).")
                              .arg(line));
        else if (origins)
            origins->append(line);
    }
    return errors;
}

void SettingsPage::onEdited()
{
    if (m_loading)
        return;
    const QStringList errors = originErrors(nullptr);
    m_ui->originsErrorLabel->setText(errors.join(QLatin1Char('\n')));
    m_ui->originsErrorLabel->setVisible(!errors.isEmpty());
    refreshToken();
    setModified(true);
}

bool SettingsPage::apply()
{
    QStringList origins;
    QStringList errors = originErrors(&origins);
    GatewayConfig config = m_settings.fileConfig();
    if (m_ui->hostLineEdit->isEnabled()) {
        const QString host = m_ui->hostLineEdit->text().trimmed();
        if (host != QLatin1String("localhost") && QHostAddress(host).isNull())
            errors.append(tr("\"%1\" is not an IP address (or localhost).").arg(host));
        config.host = host;
    }
    if (m_ui->portSpinBox->isEnabled())
        config.port = quint16(m_ui->portSpinBox->value());
    config.access.requireToken = m_ui->requireTokenCheckBox->isChecked();
    const QString hostInForce =
        m_settings.hostOrigin().isOverride() ? m_settings.effective().host : config.host;
    if (!config.access.requireToken && !AccessPolicy::isLoopbackHost(hostInForce))
        errors.append(tr("The access token can be off only while the gateway listens on "
                         "127.0.0.1."));
    config.allowedOrigins = origins;
    config.language = m_ui->languageComboBox->currentData().toString();
    config.requestLog.enabled = m_ui->logEnabledCheckBox->isChecked();
    config.requestLog.recordBodies = m_ui->recordBodiesCheckBox->isChecked();
    config.requestLog.retentionDays = m_ui->retentionDaysSpinBox->value();
    config.requestLog.maxRecords = m_ui->maxRecordsSpinBox->value();
    if (!errors.isEmpty()) {
        m_ui->originsErrorLabel->setText(errors.join(QLatin1Char('\n')));
        m_ui->originsErrorLabel->show();
        Q_EMIT statusMessage(tr("Nothing was saved: %1").arg(errors.join(QLatin1Char(' '))), true);
        return false;
    }
    const SettingsSaveResult saved = m_settings.save(config);
    if (!saved.ok) {
        Q_EMIT statusMessage(tr("Nothing was saved: %1").arg(saved.errors.join(QLatin1Char(' '))),
                             true);
        return false;
    }
    QString autostartError;
    const bool wantAutostart = m_ui->startAtLoginCheckBox->isChecked();
    if (wantAutostart != AutostartEntry::isEnabled() &&
        !AutostartEntry::setEnabled(wantAutostart, &autostartError)) {
        Q_EMIT statusMessage(
            tr("Saved, but start at login could not be changed: %1").arg(autostartError), true);
        load();
        return false;
    }
    load();
    Q_EMIT statusMessage(tr("Saved and in force."), false);
    return true;
}

void SettingsPage::regenerateToken()
{
    if (QMessageBox::question(this, tr("New access token"),
                              tr("Make a new access token? The old one stops working at once: "
                                 "every client must be given the new one (see Connect).")) !=
        QMessageBox::Yes)
        return;
    m_token.regenerate(this, [this](const QString &, const QString &error) {
        if (error.isEmpty())
            Q_EMIT statusMessage(tr("A new access token is in force. Update your clients (see "
                                    "Connect)."),
                                 false);
        else
            Q_EMIT statusMessage(tr("No new token: %1").arg(error), true);
    });
}
