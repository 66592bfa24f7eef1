#pragma once

#include "dashboard/DashboardPage.h"

#include <memory>

class AliasModel;
class RouteRuleModel;
class SettingsStore;

namespace Ui {
class RoutesPage;
}

/// Routes: the prefix rules (drag to reorder, strip flag) and the aliases, and a box where a
/// model name typed shows where it goes and under which name, or why nothing matches.
class RoutesPage : public DashboardPage
{
    Q_OBJECT

public:
    explicit RoutesPage(SettingsStore &settings, QWidget *parent = nullptr);
    ~RoutesPage() override;

    QString pageId() const override { return QStringLiteral("routes"); }
    QString title() const override;
    QIcon icon() const override;
    void load() override;
    bool apply() override;
    bool isEditable() const override { return true; }

    RouteRuleModel *ruleModel() const { return m_rules; }
    AliasModel *aliasModel() const { return m_aliases; }
    /// What the test box says for `model` with the rules on the page (saved or not).
    QString describeRoute(const QString &model) const;

protected:
    void retranslate() override;

private:
    QStringList providerIds() const;
    QStringList problems() const;
    void onEdited();
    void updateTest();
    void moveSelected(int delta);

    const std::unique_ptr<Ui::RoutesPage> m_ui;
    SettingsStore &m_settings;
    RouteRuleModel *m_rules;
    AliasModel *m_aliases;
};
