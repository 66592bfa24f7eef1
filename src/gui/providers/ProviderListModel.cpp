#include "ProviderListModel.h"

#include "secrets/ProviderKeyStore.h"

#include <QColor>

ProviderListModel::ProviderListModel(ProviderKeyStore &keys, QObject *parent)
    : QAbstractListModel(parent), m_keys(keys)
{
    connect(&m_keys, &ProviderKeyStore::keysChanged, this, [this] {
        if (!m_providers.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_providers.size()) - 1),
                               {Qt::ToolTipRole, HasKeyRole, Qt::ForegroundRole});
    });
}

void ProviderListModel::setProviders(const QList<ProviderSettings> &providers)
{
    beginResetModel();
    m_providers = providers;
    endResetModel();
}

void ProviderListModel::setProvider(int row, const ProviderSettings &provider)
{
    if (row < 0 || row >= m_providers.size())
        return;
    m_providers[row] = provider;
    Q_EMIT dataChanged(index(row), index(row));
}

int ProviderListModel::append(const ProviderSettings &provider)
{
    const int row = int(m_providers.size());
    beginInsertRows(QModelIndex(), row, row);
    m_providers.append(provider);
    endInsertRows();
    return row;
}

void ProviderListModel::remove(int row)
{
    if (row < 0 || row >= m_providers.size())
        return;
    beginRemoveRows(QModelIndex(), row, row);
    m_providers.removeAt(row);
    endRemoveRows();
}

int ProviderListModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_providers.size(); ++i) {
        if (m_providers.at(i).id == id)
            return i;
    }
    return -1;
}

void ProviderListModel::setPendingKeyIds(const QStringList &ids)
{
    m_pendingKeyIds = ids;
    if (!m_providers.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_providers.size()) - 1), {HasKeyRole});
}

int ProviderListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_providers.size());
}

QVariant ProviderListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_providers.size())
        return QVariant();
    const ProviderSettings &p = m_providers.at(index.row());
    const bool hasKey = !m_keys.key(p.id).isEmpty() || m_pendingKeyIds.contains(p.id);
    switch (role) {
    case Qt::DisplayRole:
        return p.displayName.isEmpty() ? p.id : p.displayName;
    case Qt::CheckStateRole:
        return p.enabled ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole:
        return tr("%1 · %2 · %3")
            .arg(p.id, p.baseUrl.toString(), hasKey ? tr("key set") : tr("no key"));
    case Qt::ForegroundRole:
        return p.enabled ? QVariant() : QVariant(QColor(Qt::gray));
    case IdRole:
        return p.id;
    case HasKeyRole:
        return hasKey;
    default:
        return QVariant();
    }
}

bool ProviderListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::CheckStateRole || index.row() >= m_providers.size())
        return false;
    m_providers[index.row()].enabled = value.toInt() == Qt::Checked;
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole, Qt::ForegroundRole});
    Q_EMIT enabledToggled(index.row());
    return true;
}

Qt::ItemFlags ProviderListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable;
}
