#pragma once

#include "dashboard/DashboardPage.h"
#include "status/ProviderCheck.h"

#include <QHash>
#include <QSet>
#include <memory>

class GatewayController;
class ProviderKeyStore;
class ProviderListModel;
class SettingsStore;
class QMenu;

namespace Ui {
class ProvidersPage;
}

/// Providers: the list with an on/off switch each, added from presets or as custom OpenAI- or
/// Anthropic-compatible servers; each one's fields validated as they are typed; its key
/// typed (masked) into the keychain, never shown back; "Test connection" and "Fetch models"
/// over the network without blocking the window.
class ProvidersPage : public DashboardPage
{
    Q_OBJECT

public:
    ProvidersPage(SettingsStore &settings, ProviderKeyStore &keys, GatewayController &gateway,
                  QWidget *parent = nullptr);
    ~ProvidersPage() override;

    QString pageId() const override { return QStringLiteral("providers"); }
    QString title() const override;
    QIcon icon() const override;
    void load() override;
    bool apply() override;
    bool isEditable() const override { return true; }
    void reveal(const QString &providerId) override;

    /// Adds a provider from a preset id, or a custom one ("custom-openai", "custom-anthropic"),
    /// and selects it. Returns its row.
    int addProvider(const QString &presetId);
    /// The menu behind the Add button (tests and screenshots open it).
    QMenu *addMenu() const { return m_addMenu; }

Q_SIGNALS:
    /// Keys typed on this page have all been stored (or failed: see statusMessage).
    void keysSaved();

protected:
    void retranslate() override;

private:
    void buildAddMenu();
    void select(int row);
    void onSelectionChanged();
    void showProvider(int row);
    void onFieldEdited();
    void validateCurrent();
    void refreshKeyStatus();
    void removeCurrent();
    void startCheck(bool listModels);
    void onCheckFinished(const ProviderCheckResult &result);
    QString keyFor(const QString &id) const;
    int currentRow() const;
    void storeKeys(const QHash<QString, QString> &keys, const QSet<QString> &removals);

    const std::unique_ptr<Ui::ProvidersPage> m_ui;
    SettingsStore &m_settings;
    ProviderKeyStore &m_keys;
    GatewayController &m_gateway;
    ProviderListModel *m_model;
    QMenu *m_addMenu;
    ProviderCheck *m_check;
    bool m_checkListsModels = false;
    bool m_filling = false;              ///< the form is being filled, not edited
    QSet<QString> m_newIds;              ///< added on this page, not saved yet: id editable
    QHash<QString, QString> m_typedKeys; ///< provider id -> key typed, not stored yet
    QSet<QString> m_keysToRemove;
    QSet<QString> m_removedIds;
    int m_pendingKeyWrites = 0;
};
