#include "AliasModel.h"

AliasModel::AliasModel(QObject *parent) : QAbstractTableModel(parent) {}

void AliasModel::setAliases(const QList<ModelAlias> &aliases)
{
    beginResetModel();
    m_aliases = aliases;
    endResetModel();
}

int AliasModel::appendAlias(const ModelAlias &alias)
{
    const int row = int(m_aliases.size());
    beginInsertRows(QModelIndex(), row, row);
    m_aliases.append(alias);
    endInsertRows();
    Q_EMIT edited();
    return row;
}

int AliasModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_aliases.size());
}

int AliasModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AliasModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_aliases.size() ||
        (role != Qt::DisplayRole && role != Qt::EditRole))
        return QVariant();
    const ModelAlias &alias = m_aliases.at(index.row());
    switch (index.column()) {
    case NameColumn:
        return alias.name;
    case ProviderColumn:
        return alias.providerId;
    case ModelColumn:
        return alias.model;
    default:
        return QVariant();
    }
}

QVariant AliasModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Alias");
    case ProviderColumn:
        return tr("Provider");
    case ModelColumn:
        return tr("Model sent upstream");
    default:
        return QVariant();
    }
}

bool AliasModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.row() >= m_aliases.size() || role != Qt::EditRole)
        return false;
    ModelAlias &alias = m_aliases[index.row()];
    const QString text = value.toString().trimmed();
    switch (index.column()) {
    case NameColumn:
        alias.name = text;
        break;
    case ProviderColumn:
        alias.providerId = text;
        break;
    case ModelColumn:
        alias.model = text;
        break;
    default:
        return false;
    }
    Q_EMIT dataChanged(index, index);
    Q_EMIT edited();
    return true;
}

Qt::ItemFlags AliasModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

bool AliasModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_aliases.size())
        return false;
    beginRemoveRows(QModelIndex(), row, row + count - 1);
    m_aliases.remove(row, count);
    endRemoveRows();
    Q_EMIT edited();
    return true;
}
