#pragma once

#include "routing/RouteTable.h"

#include <QAbstractTableModel>

/// The Routes page's working copy of the prefix rules: prefix, provider, strip flag. Rows can
/// be dragged to a new place (or moved with moveRows) and edited in place.
class RouteRuleModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        PrefixColumn,
        ProviderColumn,
        StripColumn,
        ColumnCount
    };

    explicit RouteRuleModel(QObject *parent = nullptr);

    void setRules(const QList<PrefixRule> &rules);
    const QList<PrefixRule> &rules() const { return m_rules; }
    int appendRule(const PrefixRule &rule);
    /// Rules of providers not in this list are shown greyed: the gateway skips them.
    void setEnabledProviders(const QStringList &ids);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = QModelIndex()) override;
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                  const QModelIndex &destinationParent, int destinationChild) override;

    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

Q_SIGNALS:
    void edited();

private:
    QList<PrefixRule> m_rules;
    QStringList m_enabledProviders;
    bool m_knowsProviders = false;
};
