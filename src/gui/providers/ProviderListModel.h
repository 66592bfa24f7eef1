#pragma once

#include "config/ProviderSettings.h"

#include <QAbstractListModel>

class ProviderKeyStore;

/// The Providers page's working copy of the provider list: one row per provider, checkable
/// to turn it on or off, with whether it has a key. Edits stay here until the page applies.
class ProviderListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        HasKeyRole,
    };

    explicit ProviderListModel(ProviderKeyStore &keys, QObject *parent = nullptr);

    void setProviders(const QList<ProviderSettings> &providers);
    const QList<ProviderSettings> &providers() const { return m_providers; }
    const ProviderSettings &provider(int row) const { return m_providers.at(row); }
    /// Replaces row `row` (the form edited it).
    void setProvider(int row, const ProviderSettings &provider);
    int append(const ProviderSettings &provider);
    void remove(int row);
    int rowOf(const QString &id) const;
    /// Providers with a key typed in but not stored yet count as having one.
    void setPendingKeyIds(const QStringList &ids);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    /// The user switched a provider on or off in the list.
    void enabledToggled(int row);

private:
    ProviderKeyStore &m_keys;
    QList<ProviderSettings> m_providers;
    QStringList m_pendingKeyIds;
};
