#pragma once

#include "routing/RouteTable.h"

#include <QAbstractTableModel>

/// The Routes page's working copy of the aliases: a name, the provider and the model it
/// stands for. Edited in place.
class AliasModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        ProviderColumn,
        ModelColumn,
        ColumnCount
    };

    explicit AliasModel(QObject *parent = nullptr);

    void setAliases(const QList<ModelAlias> &aliases);
    const QList<ModelAlias> &aliases() const { return m_aliases; }
    int appendAlias(const ModelAlias &alias);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = QModelIndex()) override;

Q_SIGNALS:
    void edited();

private:
    QList<ModelAlias> m_aliases;
};
