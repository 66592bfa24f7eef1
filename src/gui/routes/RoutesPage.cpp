#include "RoutesPage.h"

#include "AliasModel.h"
#include "ProviderComboDelegate.h"
#include "RouteRuleModel.h"
#include "config/SettingsStore.h"
#include "providers/anthropic/ClaudeModelNames.h"
#include "ui_RoutesPage.h"

#include <QHeaderView>
#include <QSet>

RoutesPage::RoutesPage(SettingsStore &settings, QWidget *parent)
    : DashboardPage(parent), m_ui(new Ui::RoutesPage), m_settings(settings),
      m_rules(new RouteRuleModel(this)), m_aliases(new AliasModel(this))
{
    m_ui->setupUi(this);
    m_ui->routesErrorLabel->setStyleSheet(QStringLiteral("color: #b91c1c;"));
    m_ui->routesHelpLabel->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_ui->routesTableView->setModel(m_rules);
    m_ui->aliasesTableView->setModel(m_aliases);
    auto *delegate = new ProviderComboDelegate([this] { return providerIds(); }, this);
    m_ui->routesTableView->setItemDelegateForColumn(RouteRuleModel::ProviderColumn, delegate);
    m_ui->aliasesTableView->setItemDelegateForColumn(AliasModel::ProviderColumn, delegate);
    const int rowHeight = fontMetrics().height() + 10;
    for (QTableView *view : {m_ui->routesTableView, m_ui->aliasesTableView}) {
        view->verticalHeader()->hide();
        view->verticalHeader()->setDefaultSectionSize(rowHeight);
        view->horizontalHeader()->setStretchLastSection(false);
        view->horizontalHeader()->setHighlightSections(false);
    }
    QHeaderView *rules = m_ui->routesTableView->horizontalHeader();
    rules->setSectionResizeMode(RouteRuleModel::PrefixColumn, QHeaderView::Stretch);
    rules->setSectionResizeMode(RouteRuleModel::ProviderColumn, QHeaderView::Interactive);
    rules->setSectionResizeMode(RouteRuleModel::StripColumn, QHeaderView::ResizeToContents);
    rules->resizeSection(RouteRuleModel::ProviderColumn, 160);
    QHeaderView *aliases = m_ui->aliasesTableView->horizontalHeader();
    aliases->setSectionResizeMode(AliasModel::NameColumn, QHeaderView::Stretch);
    aliases->setSectionResizeMode(AliasModel::ProviderColumn, QHeaderView::Interactive);
    aliases->setSectionResizeMode(AliasModel::ModelColumn, QHeaderView::Stretch);
    aliases->resizeSection(AliasModel::ProviderColumn, 160);
    m_ui->pageLayout->setStretchFactor(m_ui->routesGroupBox, 3);
    m_ui->pageLayout->setStretchFactor(m_ui->aliasesGroupBox, 2);

    connect(m_rules, &RouteRuleModel::edited, this, &RoutesPage::onEdited);
    connect(m_aliases, &AliasModel::edited, this, &RoutesPage::onEdited);
    connect(m_ui->routeTestLineEdit, &QLineEdit::textChanged, this, &RoutesPage::updateTest);
    connect(m_ui->addRoutePushButton, &QPushButton::clicked, this, [this] {
        const QStringList ids = providerIds();
        const int row = m_rules->appendRule(
            PrefixRule{QString(), ids.isEmpty() ? QString() : ids.first(), false});
        const QModelIndex index = m_rules->index(row, RouteRuleModel::PrefixColumn);
        m_ui->routesTableView->setCurrentIndex(index);
        m_ui->routesTableView->edit(index);
    });
    connect(m_ui->removeRoutePushButton, &QPushButton::clicked, this, [this] {
        const QModelIndex index = m_ui->routesTableView->currentIndex();
        if (index.isValid())
            m_rules->removeRows(index.row(), 1);
    });
    connect(m_ui->moveUpPushButton, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_ui->moveDownPushButton, &QPushButton::clicked, this, [this] { moveSelected(1); });
    connect(m_ui->addAliasPushButton, &QPushButton::clicked, this, [this] {
        const QStringList ids = providerIds();
        const int row = m_aliases->appendAlias(
            ModelAlias{QString(), ids.isEmpty() ? QString() : ids.first(), QString()});
        const QModelIndex index = m_aliases->index(row, AliasModel::NameColumn);
        m_ui->aliasesTableView->setCurrentIndex(index);
        m_ui->aliasesTableView->edit(index);
    });
    connect(m_ui->removeAliasPushButton, &QPushButton::clicked, this, [this] {
        const QModelIndex index = m_ui->aliasesTableView->currentIndex();
        if (index.isValid())
            m_aliases->removeRows(index.row(), 1);
    });
    connect(&m_settings, &SettingsStore::changed, this, [this] {
        if (!isModified())
            load();
        else
            updateTest(); // the providers may have changed
    });
}

RoutesPage::~RoutesPage() = default;

QString RoutesPage::title() const
{
    return tr("Routes");
}

QIcon RoutesPage::icon() const
{
    return QIcon(QStringLiteral(":/icons/pages/routes.png"));
}

void RoutesPage::retranslate()
{
    m_ui->retranslateUi(this);
    updateTest();
}

void RoutesPage::load()
{
    QStringList enabled;
    for (const ProviderSettings &p : m_settings.effective().providers) {
        if (p.enabled)
            enabled.append(p.id);
    }
    m_rules->setEnabledProviders(enabled);
    m_rules->setRules(m_settings.fileConfig().routes);
    m_aliases->setAliases(m_settings.fileConfig().aliases);
    m_ui->routesErrorLabel->clear();
    m_ui->routesErrorLabel->hide();
    setModified(false);
    updateTest();
}

QStringList RoutesPage::providerIds() const
{
    QStringList ids;
    for (const ProviderSettings &p : m_settings.fileConfig().providers)
        ids.append(p.id);
    return ids;
}

QStringList RoutesPage::problems() const
{
    QStringList problems;
    const QStringList ids = providerIds();
    QSet<QString> prefixes;
    for (int i = 0; i < m_rules->rules().size(); ++i) {
        const PrefixRule &rule = m_rules->rules().at(i);
        if (rule.prefix.isEmpty())
            problems.append(tr("Rule %1 has no prefix.").arg(i + 1));
        else if (prefixes.contains(rule.prefix))
            problems.append(tr("The prefix \"%1\" is there twice.").arg(rule.prefix));
        if (!ids.contains(rule.providerId))
            problems.append(tr("Rule \"%1\" points to \"%2\", which is not a provider.")
                                .arg(rule.prefix, rule.providerId));
        prefixes.insert(rule.prefix);
    }
    QSet<QString> names;
    for (const ModelAlias &alias : m_aliases->aliases()) {
        if (alias.name.isEmpty() || alias.model.isEmpty())
            problems.append(tr("Every alias needs a name and a model."));
        else if (names.contains(alias.name))
            problems.append(tr("The alias \"%1\" is there twice.").arg(alias.name));
        if (!ids.contains(alias.providerId))
            problems.append(tr("The alias \"%1\" points to \"%2\", which is not a provider.")
                                .arg(alias.name, alias.providerId));
        names.insert(alias.name);
    }
    problems.removeDuplicates();
    return problems;
}

void RoutesPage::onEdited()
{
    setModified(true);
    const QStringList found = problems();
    m_ui->routesErrorLabel->setText(found.join(QLatin1Char('\n')));
    m_ui->routesErrorLabel->setVisible(!found.isEmpty());
    updateTest();
}

bool RoutesPage::apply()
{
    const QStringList found = problems();
    if (!found.isEmpty()) {
        m_ui->routesErrorLabel->setText(found.join(QLatin1Char('\n')));
        m_ui->routesErrorLabel->show();
        Q_EMIT statusMessage(tr("Nothing was saved: fix the problems listed below the tables."),
                             true);
        return false;
    }
    GatewayConfig config = m_settings.fileConfig();
    config.routes = m_rules->rules();
    config.aliases = m_aliases->aliases();
    const SettingsSaveResult saved = m_settings.save(config);
    if (!saved.ok) {
        Q_EMIT statusMessage(tr("Nothing was saved: %1").arg(saved.errors.join(QLatin1Char(' '))),
                             true);
        return false;
    }
    load();
    Q_EMIT statusMessage(tr("Saved. New requests follow these routes now."), false);
    return true;
}

void RoutesPage::moveSelected(int delta)
{
    const QModelIndex index = m_ui->routesTableView->currentIndex();
    if (!index.isValid())
        return;
    const int row = index.row();
    const int target = row + delta;
    if (target < 0 || target >= m_rules->rowCount())
        return;
    // moveRows takes the row *before which* to insert.
    m_rules->moveRows(QModelIndex(), row, 1, QModelIndex(), delta > 0 ? target + 1 : target);
    m_ui->routesTableView->setCurrentIndex(m_rules->index(target, index.column()));
}

QString RoutesPage::describeRoute(const QString &model) const
{
    if (model.trimmed().isEmpty())
        return QString();
    GatewayConfig config = m_settings.effective();
    config.routes = m_rules->rules();
    config.aliases = m_aliases->aliases();
    const RouteResolution resolution = ClaudeModelNames::resolve(config.routeTable(), model);
    if (!resolution.found) {
        for (const ModelAlias &alias : config.aliases) {
            if (alias.name == model)
                return tr("The alias \"%1\" points to \"%2\", which is turned off or missing: "
                          "requests get 404.")
                    .arg(model, alias.providerId);
        }
        const qsizetype slash = model.indexOf(QLatin1Char('/'));
        if (slash > 0 && config.provider(model.left(slash)))
            return tr("\"%1\" names the provider \"%2\", which is turned off: requests get 404.")
                .arg(model, model.left(slash));
        return tr("Nothing matches \"%1\": requests get 404. Add a prefix rule or an alias, or "
                  "write it as PROVIDER/%1.")
            .arg(model);
    }
    const ModelRoute &route = resolution.route;
    QString why;
    switch (route.source) {
    case ModelRoute::Source::Alias:
        why = tr("the alias \"%1\"").arg(route.matched);
        break;
    case ModelRoute::Source::ExplicitProvider:
        why = tr("the form PROVIDER/MODEL");
        break;
    case ModelRoute::Source::PrefixRule:
        why = tr("the prefix \"%1\"").arg(route.matched);
        break;
    }
    return tr("→ %1, sent upstream as \"%2\" (because of %3).")
        .arg(route.providerId, route.upstreamModel, why);
}

void RoutesPage::updateTest()
{
    m_ui->routeTestResultLabel->setText(describeRoute(m_ui->routeTestLineEdit->text().trimmed()));
}
