#include "ProvidersPage.h"

#include "ProviderListModel.h"
#include "ProviderValidator.h"
#include "config/ProviderPresets.h"
#include "config/SettingsStore.h"
#include "gateway/GatewayController.h"
#include "secrets/ProviderKeyStore.h"
#include "secrets/SecretSource.h"
#include "ui_ProvidersPage.h"

#include <QFileDialog>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMessageBox>

namespace {
const QString kCustomOpenAi = QStringLiteral("custom-openai");
const QString kCustomAnthropic = QStringLiteral("custom-anthropic");

void setError(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}
} // namespace

ProvidersPage::ProvidersPage(SettingsStore &settings, ProviderKeyStore &keys,
                             GatewayController &gateway, QWidget *parent)
    : DashboardPage(parent), m_ui(new Ui::ProvidersPage), m_settings(settings), m_keys(keys),
      m_gateway(gateway), m_model(new ProviderListModel(keys, this)), m_addMenu(new QMenu(this)),
      m_check(new ProviderCheck(this))
{
    m_ui->setupUi(this);
    m_ui->providerListView->setModel(m_model);
    m_ui->addPushButton->setMenu(m_addMenu);
    for (QLabel *error : {m_ui->idErrorLabel, m_ui->baseUrlErrorLabel, m_ui->headersErrorLabel,
                          m_ui->caFileErrorLabel})
        error->setStyleSheet(QStringLiteral("color: #b91c1c;"));
    for (QLabel *hint : {m_ui->idHintLabel, m_ui->baseUrlHintLabel, m_ui->keyStatusLabel})
        hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    buildAddMenu();

    connect(m_ui->providerListView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ProvidersPage::onSelectionChanged);
    connect(m_model, &ProviderListModel::enabledToggled, this, [this](int row) {
        if (row == currentRow())
            showProvider(row);
        setModified(true);
    });
    for (QLineEdit *edit :
         {m_ui->nameLineEdit, m_ui->idLineEdit, m_ui->baseUrlLineEdit, m_ui->caFileLineEdit})
        connect(edit, &QLineEdit::textEdited, this, &ProvidersPage::onFieldEdited);
    connect(m_ui->headersPlainTextEdit, &QPlainTextEdit::textChanged, this,
            &ProvidersPage::onFieldEdited);
    connect(m_ui->enabledCheckBox, &QCheckBox::toggled, this, &ProvidersPage::onFieldEdited);
    connect(m_ui->responsesApiCheckBox, &QCheckBox::toggled, this, &ProvidersPage::onFieldEdited);
    connect(m_ui->typeComboBox, &QComboBox::currentIndexChanged, this,
            &ProvidersPage::onFieldEdited);
    connect(m_ui->keyLineEdit, &QLineEdit::textEdited, this, [this](const QString &text) {
        const int row = currentRow();
        if (row < 0)
            return;
        const QString id = m_model->provider(row).id;
        if (text.trimmed().isEmpty())
            m_typedKeys.remove(id);
        else
            m_typedKeys.insert(id, text.trimmed());
        m_keysToRemove.remove(id);
        m_model->setPendingKeyIds(m_typedKeys.keys());
        refreshKeyStatus();
        setModified(true);
    });
    connect(m_ui->removeKeyPushButton, &QPushButton::clicked, this, [this] {
        const int row = currentRow();
        if (row < 0)
            return;
        const QString id = m_model->provider(row).id;
        m_typedKeys.remove(id);
        m_keysToRemove.insert(id);
        m_ui->keyLineEdit->clear();
        m_model->setPendingKeyIds(m_typedKeys.keys());
        refreshKeyStatus();
        setModified(true);
    });
    connect(m_ui->caFileBrowsePushButton, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("Certificate authority file"), QString(),
                                         tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!file.isEmpty()) {
            m_ui->caFileLineEdit->setText(file);
            onFieldEdited();
        }
    });
    connect(m_ui->removePushButton, &QPushButton::clicked, this, &ProvidersPage::removeCurrent);
    connect(m_ui->testPushButton, &QPushButton::clicked, this, [this] { startCheck(false); });
    connect(m_ui->fetchModelsPushButton, &QPushButton::clicked, this, [this] { startCheck(true); });
    connect(m_check, &ProviderCheck::finished, this, &ProvidersPage::onCheckFinished);
    connect(&m_keys, &ProviderKeyStore::keysChanged, this, &ProvidersPage::refreshKeyStatus);
    connect(&m_settings, &SettingsStore::changed, this, [this] {
        if (!isModified())
            load(); // a hand edit or another page's save; never over the user's edits
    });
}

ProvidersPage::~ProvidersPage() = default;

QString ProvidersPage::title() const
{
    return tr("Providers");
}

QIcon ProvidersPage::icon() const
{
    return QIcon(QStringLiteral(":/icons/pages/providers.png"));
}

void ProvidersPage::retranslate()
{
    const int row = currentRow();
    m_ui->retranslateUi(this);
    buildAddMenu();
    showProvider(row);
}

void ProvidersPage::buildAddMenu()
{
    m_addMenu->clear();
    for (const ProviderSettings &preset : ProviderPresets::all()) {
        QAction *action = m_addMenu->addAction(preset.displayName);
        action->setObjectName(QStringLiteral("preset_") + preset.id);
        connect(action, &QAction::triggered, this, [this, id = preset.id] { addProvider(id); });
    }
    m_addMenu->addSeparator();
    QAction *openAi = m_addMenu->addAction(tr("Custom OpenAI-compatible server…"));
    openAi->setObjectName(QStringLiteral("preset_") + kCustomOpenAi);
    connect(openAi, &QAction::triggered, this, [this] { addProvider(kCustomOpenAi); });
    QAction *anthropic = m_addMenu->addAction(tr("Custom Anthropic-compatible server…"));
    anthropic->setObjectName(QStringLiteral("preset_") + kCustomAnthropic);
    connect(anthropic, &QAction::triggered, this, [this] { addProvider(kCustomAnthropic); });
}

void ProvidersPage::load()
{
    m_check->cancel();
    m_newIds.clear();
    m_typedKeys.clear();
    m_keysToRemove.clear();
    m_removedIds.clear();
    const QString selected = currentRow() >= 0 ? m_model->provider(currentRow()).id : QString();
    m_model->setProviders(m_settings.fileConfig().providers);
    m_model->setPendingKeyIds({});
    const int row = m_model->rowOf(selected);
    select(row >= 0 ? row : (m_model->rowCount() > 0 ? 0 : -1));
    setModified(false);
}

int ProvidersPage::currentRow() const
{
    const QModelIndex index = m_ui->providerListView->currentIndex();
    return index.isValid() ? index.row() : -1;
}

void ProvidersPage::select(int row)
{
    if (row < 0) {
        m_ui->providerListView->setCurrentIndex(QModelIndex());
        showProvider(-1);
        return;
    }
    m_ui->providerListView->setCurrentIndex(m_model->index(row));
    showProvider(row); // also when the row did not change (after a reload)
}

void ProvidersPage::reveal(const QString &providerId)
{
    const int row = m_model->rowOf(providerId);
    if (row < 0)
        return;
    select(row);
    if (m_ui->keyLineEdit->isEnabled())
        m_ui->keyLineEdit->setFocus();
}

void ProvidersPage::onSelectionChanged()
{
    m_check->cancel();
    showProvider(currentRow());
}

void ProvidersPage::showProvider(int row)
{
    const bool valid = row >= 0 && row < m_model->rowCount();
    m_ui->detailsWidget->setEnabled(valid);
    m_ui->removePushButton->setEnabled(valid);
    m_ui->checkResultLabel->clear();
    m_ui->modelsListWidget->clear();
    m_ui->modelsListWidget->hide();
    m_filling = true;
    const ProviderSettings p = valid ? m_model->provider(row) : ProviderSettings();
    m_ui->enabledCheckBox->setChecked(p.enabled);
    m_ui->nameLineEdit->setText(p.displayName);
    m_ui->idLineEdit->setText(p.id);
    // An id in use is how routes, model names (id/model) and the key find the provider.
    m_ui->idLineEdit->setReadOnly(!m_newIds.contains(p.id));
    m_ui->typeComboBox->setCurrentIndex(p.type == ProviderType::Anthropic ? 1 : 0);
    m_ui->baseUrlLineEdit->setText(p.baseUrl.toString());
    m_ui->keyLineEdit->setText(m_typedKeys.value(p.id));
    m_ui->headersPlainTextEdit->setPlainText(ProviderValidator::headersText(p.extraHeaders));
    m_ui->caFileLineEdit->setText(p.caFile);
    m_ui->responsesApiCheckBox->setChecked(p.speaksResponsesApi);
    m_ui->responsesApiCheckBox->setVisible(p.type == ProviderType::OpenAi);
    m_filling = false;
    refreshKeyStatus();
    validateCurrent();
}

void ProvidersPage::onFieldEdited()
{
    const int row = currentRow();
    if (m_filling || row < 0)
        return;
    ProviderSettings p = m_model->provider(row);
    const QString oldId = p.id;
    p.enabled = m_ui->enabledCheckBox->isChecked();
    p.displayName = m_ui->nameLineEdit->text().trimmed();
    if (m_newIds.contains(oldId)) {
        p.id = m_ui->idLineEdit->text().trimmed();
        if (p.id != oldId) {
            m_newIds.remove(oldId);
            m_newIds.insert(p.id);
            if (m_typedKeys.contains(oldId))
                m_typedKeys.insert(p.id, m_typedKeys.take(oldId));
        }
    }
    p.type =
        m_ui->typeComboBox->currentIndex() == 1 ? ProviderType::Anthropic : ProviderType::OpenAi;
    p.baseUrl = QUrl(m_ui->baseUrlLineEdit->text().trimmed(), QUrl::StrictMode);
    HeaderList headers;
    QString headerError;
    if (ProviderValidator::parseHeaders(m_ui->headersPlainTextEdit->toPlainText(), &headers,
                                        &headerError))
        p.extraHeaders = headers;
    p.caFile = m_ui->caFileLineEdit->text().trimmed();
    p.speaksResponsesApi =
        p.type == ProviderType::OpenAi && m_ui->responsesApiCheckBox->isChecked();
    m_ui->responsesApiCheckBox->setVisible(p.type == ProviderType::OpenAi);
    m_model->setProvider(row, p);
    setModified(true);
    refreshKeyStatus();
    validateCurrent();
}

void ProvidersPage::validateCurrent()
{
    const int row = currentRow();
    ProviderFieldErrors errors;
    if (row >= 0) {
        QStringList others;
        for (int i = 0; i < m_model->rowCount(); ++i) {
            if (i != row)
                others.append(m_model->provider(i).id);
        }
        ProviderSettings p = m_model->provider(row);
        const QUrl gateway = m_gateway.baseUrl();
        errors = ProviderValidator::validate(p, others,
                                             gateway.host() == QLatin1String("localhost")
                                                 ? QHostAddress(QHostAddress::LocalHost)
                                                 : QHostAddress(gateway.host()),
                                             quint16(qMax(0, gateway.port(0))));
        // Text the parser refused is not in the working copy: check what is in the field.
        HeaderList headers;
        QString headerError;
        if (!ProviderValidator::parseHeaders(m_ui->headersPlainTextEdit->toPlainText(), &headers,
                                             &headerError))
            errors.headers = headerError;
        if (!m_ui->baseUrlLineEdit->text().trimmed().isEmpty() && !p.baseUrl.isValid())
            errors.baseUrl = tr("This is not a valid URL.");
        QString hint = errors.baseUrlHint;
        const SettingsStore::Origin origin = m_settings.baseUrlOrigin(p.id);
        if (origin.source == SettingsStore::Source::Environment) {
            const ProviderSettings *effective = m_settings.effective().provider(p.id);
            hint = tr("In use: %1, set by %2 in the environment (it wins over this field).")
                       .arg(effective ? effective->baseUrl.toString() : QString(), origin.name);
        }
        setError(m_ui->baseUrlHintLabel, hint);
        setError(m_ui->idHintLabel,
                 p.id.isEmpty() ? QString()
                                : tr("Model names %1/MODEL always go here; the key variable is "
                                     "%2.")
                                      .arg(p.id, ProviderKeyStore::environmentVariable(p.id)));
    } else {
        setError(m_ui->baseUrlHintLabel, QString());
        setError(m_ui->idHintLabel, QString());
    }
    setError(m_ui->idErrorLabel, errors.id);
    setError(m_ui->baseUrlErrorLabel, errors.baseUrl);
    setError(m_ui->headersErrorLabel, errors.headers);
    setError(m_ui->caFileErrorLabel, errors.caFile);
    const bool checkable =
        row >= 0 && errors.baseUrl.isEmpty() && errors.caFile.isEmpty() && errors.headers.isEmpty();
    m_ui->testPushButton->setEnabled(checkable);
    m_ui->fetchModelsPushButton->setEnabled(checkable);
}

void ProvidersPage::refreshKeyStatus()
{
    const int row = currentRow();
    if (row < 0) {
        m_ui->keyStatusLabel->clear();
        return;
    }
    const QString id = m_model->provider(row).id;
    const ProviderKeyStore::Source source = m_keys.source(id);
    const bool fromEnvironment = source == ProviderKeyStore::Source::Environment;
    // A key from the environment wins: typing one here would be stored and never used.
    m_ui->keyLineEdit->setEnabled(!fromEnvironment);
    m_ui->removeKeyPushButton->setEnabled(source == ProviderKeyStore::Source::Keychain &&
                                          !m_keysToRemove.contains(id));
    QString status;
    if (fromEnvironment) {
        m_ui->keyLineEdit->setPlaceholderText(tr("from %1").arg(m_keys.environmentVariable(id)));
        status = tr("The key comes from %1 in the environment; change it where it is set.")
                     .arg(m_keys.environmentVariable(id));
    } else if (m_typedKeys.contains(id)) {
        m_ui->keyLineEdit->setPlaceholderText(QString());
        status = tr("Stored in the system keychain when you apply.");
    } else if (m_keysToRemove.contains(id)) {
        m_ui->keyLineEdit->setPlaceholderText(tr("no key"));
        status = tr("Removed from the keychain when you apply.");
    } else if (source == ProviderKeyStore::Source::Keychain) {
        m_ui->keyLineEdit->setPlaceholderText(ProviderKeyStore::mask(m_keys.key(id)));
        status = tr("Stored in the system keychain. Type a new key to replace it.");
    } else {
        m_ui->keyLineEdit->setPlaceholderText(tr("no key"));
        status = m_keys.secretStore().availability() == SecretSource::Availability::Unavailable
                     ? tr("No key. The system keychain is unavailable, so a key cannot be "
                          "stored now (see Overview); %1 in the environment works.")
                           .arg(m_keys.environmentVariable(id))
                     : tr("No key. Local servers (Ollama, LM Studio, vLLM) usually need none.");
    }
    m_ui->keyStatusLabel->setText(status);
}

int ProvidersPage::addProvider(const QString &presetId)
{
    QStringList ids;
    for (const ProviderSettings &p : m_model->providers())
        ids.append(p.id);
    if (ids.contains(presetId)) {
        // Already there (perhaps turned off): show it instead of a second copy.
        select(m_model->rowOf(presetId));
        return currentRow();
    }
    ProviderSettings provider;
    if (presetId == kCustomOpenAi || presetId == kCustomAnthropic) {
        provider.id = ProviderValidator::freeId(QStringLiteral("custom"), ids);
        provider.displayName = presetId == kCustomOpenAi ? tr("Custom OpenAI-compatible")
                                                         : tr("Custom Anthropic-compatible");
        provider.type = presetId == kCustomOpenAi ? ProviderType::OpenAi : ProviderType::Anthropic;
    } else {
        provider = ProviderPresets::byId(presetId);
    }
    provider.enabled = true;
    m_newIds.insert(provider.id);
    m_removedIds.remove(provider.id);
    const int row = m_model->append(provider);
    select(row);
    setModified(true);
    if (provider.baseUrl.isEmpty())
        m_ui->baseUrlLineEdit->setFocus();
    return row;
}

void ProvidersPage::removeCurrent()
{
    const int row = currentRow();
    if (row < 0)
        return;
    const ProviderSettings p = m_model->provider(row);
    int routes = 0;
    for (const PrefixRule &rule : m_settings.fileConfig().routes)
        routes += rule.providerId == p.id ? 1 : 0;
    for (const ModelAlias &alias : m_settings.fileConfig().aliases)
        routes += alias.providerId == p.id ? 1 : 0;
    if (!m_newIds.contains(p.id)) {
        QString text = tr("Remove the provider \"%1\"?").arg(p.displayName);
        if (routes > 0)
            text += QLatin1Char(' ') + tr("Its %n route(s) and alias(es) go too.", nullptr, routes);
        if (m_keys.source(p.id) == ProviderKeyStore::Source::Keychain)
            text += QLatin1Char(' ') + tr("Its key is deleted from the keychain.");
        if (QMessageBox::question(this, tr("Remove provider"), text) != QMessageBox::Yes)
            return;
        m_removedIds.insert(p.id);
    }
    m_newIds.remove(p.id);
    m_typedKeys.remove(p.id);
    m_model->remove(row);
    select(qMin(row, m_model->rowCount() - 1));
    setModified(true);
}

bool ProvidersPage::apply()
{
    // Every provider must be right, not only the one on screen.
    QStringList ids;
    for (const ProviderSettings &p : m_model->providers())
        ids.append(p.id);
    const QUrl gateway = m_gateway.baseUrl();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        QStringList others = ids;
        others.removeAt(row);
        const ProviderFieldErrors errors = ProviderValidator::validate(
            m_model->provider(row), others, QHostAddress(gateway.host()),
            quint16(qMax(0, gateway.port(0))));
        if (!errors.isEmpty() || (row == currentRow() && (!m_ui->idErrorLabel->isHidden() ||
                                                          !m_ui->baseUrlErrorLabel->isHidden() ||
                                                          !m_ui->headersErrorLabel->isHidden()))) {
            select(row);
            Q_EMIT statusMessage(tr("Nothing was saved: fix the fields marked in red."), true);
            return false;
        }
    }
    GatewayConfig config = m_settings.fileConfig();
    config.providers = m_model->providers();
    // Routes and aliases of a removed provider go with it (the user was told).
    config.routes.erase(
        std::remove_if(config.routes.begin(), config.routes.end(),
                       [this](const PrefixRule &r) { return m_removedIds.contains(r.providerId); }),
        config.routes.end());
    config.aliases.erase(
        std::remove_if(config.aliases.begin(), config.aliases.end(),
                       [this](const ModelAlias &a) { return m_removedIds.contains(a.providerId); }),
        config.aliases.end());
    const SettingsSaveResult saved = m_settings.save(config);
    if (!saved.ok) {
        Q_EMIT statusMessage(tr("Nothing was saved: %1").arg(saved.errors.join(QLatin1Char(' '))),
                             true);
        return false;
    }
    const QHash<QString, QString> keys = m_typedKeys;
    QSet<QString> removals = m_keysToRemove;
    for (const QString &id : std::as_const(m_removedIds)) {
        if (m_keys.source(id) == ProviderKeyStore::Source::Keychain)
            removals.insert(id);
    }
    load();
    Q_EMIT statusMessage(tr("Saved. The gateway uses the new providers now."), false);
    storeKeys(keys, removals);
    return true;
}

void ProvidersPage::storeKeys(const QHash<QString, QString> &keys, const QSet<QString> &removals)
{
    m_pendingKeyWrites = int(keys.size() + removals.size());
    if (m_pendingKeyWrites == 0)
        return;
    auto failures = std::make_shared<QStringList>();
    const auto done = [this, failures](const QString &id, const QString &error) {
        if (!error.isEmpty())
            failures->append(tr("The key of '%1' was not stored: %2").arg(id, error));
        if (--m_pendingKeyWrites > 0)
            return;
        if (failures->isEmpty())
            Q_EMIT statusMessage(tr("Saved, keys included: the gateway uses them now."), false);
        else
            Q_EMIT statusMessage(failures->join(QLatin1Char(' ')), true);
        refreshKeyStatus();
        Q_EMIT keysSaved();
    };
    for (auto it = keys.begin(); it != keys.end(); ++it) {
        m_keys.setKey(it.key(), it.value(), this,
                      [done, id = it.key()](const QString &error) { done(id, error); });
    }
    for (const QString &id : removals)
        m_keys.removeKey(id, this, [done, id](const QString &error) { done(id, error); });
}

QString ProvidersPage::keyFor(const QString &id) const
{
    return m_typedKeys.contains(id) ? m_typedKeys.value(id) : m_keys.key(id);
}

void ProvidersPage::startCheck(bool listModels)
{
    const int row = currentRow();
    if (row < 0)
        return;
    m_checkListsModels = listModels;
    const ProviderSettings p = m_model->provider(row);
    m_ui->checkResultLabel->setStyleSheet(QString());
    m_ui->checkResultLabel->setText(listModels
                                        ? tr("Asking %1 for its models…").arg(p.baseUrl.host())
                                        : tr("Connecting to %1…").arg(p.baseUrl.host()));
    m_ui->modelsListWidget->clear();
    m_ui->modelsListWidget->hide();
    m_ui->testPushButton->setEnabled(false);
    m_ui->fetchModelsPushButton->setEnabled(false);
    m_check->start(p, keyFor(p.id));
}

void ProvidersPage::onCheckFinished(const ProviderCheckResult &result)
{
    validateCurrent(); // re-enables the buttons
    m_ui->checkResultLabel->setStyleSheet(result.ok() ? QStringLiteral("color: #15803d;")
                                                      : QStringLiteral("color: #b91c1c;"));
    m_ui->checkResultLabel->setText(result.message);
    if (result.ok() && m_checkListsModels) {
        m_ui->modelsListWidget->addItems(result.models);
        m_ui->modelsListWidget->setVisible(!result.models.isEmpty());
    }
}
