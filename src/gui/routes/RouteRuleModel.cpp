#include "RouteRuleModel.h"

#include <QColor>
#include <QMimeData>

namespace {
const QString kRowMimeType = QStringLiteral("application/x-llm-gateway-route-row");
}

RouteRuleModel::RouteRuleModel(QObject *parent) : QAbstractTableModel(parent) {}

void RouteRuleModel::setRules(const QList<PrefixRule> &rules)
{
    beginResetModel();
    m_rules = rules;
    endResetModel();
}

void RouteRuleModel::setEnabledProviders(const QStringList &ids)
{
    m_enabledProviders = ids;
    m_knowsProviders = true;
    if (!m_rules.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rules.size()) - 1, ColumnCount - 1),
                           {Qt::ForegroundRole, Qt::ToolTipRole});
}

int RouteRuleModel::appendRule(const PrefixRule &rule)
{
    const int row = int(m_rules.size());
    beginInsertRows(QModelIndex(), row, row);
    m_rules.append(rule);
    endInsertRows();
    Q_EMIT edited();
    return row;
}

int RouteRuleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rules.size());
}

int RouteRuleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RouteRuleModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rules.size())
        return QVariant();
    const PrefixRule &rule = m_rules.at(index.row());
    const bool skipped = m_knowsProviders && !m_enabledProviders.contains(rule.providerId);
    if (role == Qt::ForegroundRole)
        return skipped ? QVariant(QColor(Qt::gray)) : QVariant();
    if (role == Qt::ToolTipRole && skipped && index.column() != StripColumn)
        return tr("The provider \"%1\" is off: this rule is skipped.").arg(rule.providerId);
    switch (index.column()) {
    case PrefixColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return rule.prefix;
        break;
    case ProviderColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return rule.providerId;
        break;
    case StripColumn:
        if (role == Qt::CheckStateRole)
            return rule.stripPrefix ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ToolTipRole)
            return tr("Send the model name upstream without the prefix");
        break;
    default:
        break;
    }
    return QVariant();
}

QVariant RouteRuleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PrefixColumn:
        return tr("Model name starts with");
    case ProviderColumn:
        return tr("Provider");
    case StripColumn:
        return tr("Strip prefix");
    default:
        return QVariant();
    }
}

bool RouteRuleModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.row() >= m_rules.size())
        return false;
    PrefixRule &rule = m_rules[index.row()];
    if (index.column() == PrefixColumn && role == Qt::EditRole)
        rule.prefix = value.toString().trimmed();
    else if (index.column() == ProviderColumn && role == Qt::EditRole)
        rule.providerId = value.toString();
    else if (index.column() == StripColumn && role == Qt::CheckStateRole)
        rule.stripPrefix = value.toInt() == Qt::Checked;
    else
        return false;
    Q_EMIT dataChanged(index, index);
    Q_EMIT edited();
    return true;
}

Qt::ItemFlags RouteRuleModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled; // drops between rows
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
    if (index.column() == StripColumn)
        flags |= Qt::ItemIsUserCheckable;
    else
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool RouteRuleModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_rules.size())
        return false;
    beginRemoveRows(QModelIndex(), row, row + count - 1);
    m_rules.remove(row, count);
    endRemoveRows();
    Q_EMIT edited();
    return true;
}

bool RouteRuleModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                              const QModelIndex &destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count != 1 || sourceRow < 0 ||
        sourceRow >= m_rules.size() || destinationChild < 0 || destinationChild > m_rules.size() ||
        destinationChild == sourceRow || destinationChild == sourceRow + 1)
        return false;
    if (!beginMoveRows(QModelIndex(), sourceRow, sourceRow, QModelIndex(), destinationChild))
        return false;
    const PrefixRule rule = m_rules.takeAt(sourceRow);
    m_rules.insert(destinationChild > sourceRow ? destinationChild - 1 : destinationChild, rule);
    endMoveRows();
    Q_EMIT edited();
    return true;
}

Qt::DropActions RouteRuleModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList RouteRuleModel::mimeTypes() const
{
    return {kRowMimeType};
}

QMimeData *RouteRuleModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(kRowMimeType, QByteArray::number(indexes.first().row()));
    return data;
}

bool RouteRuleModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int,
                                  const QModelIndex &parent)
{
    if (action != Qt::MoveAction || !data || !data->hasFormat(kRowMimeType))
        return false;
    bool ok = false;
    const int source = data->data(kRowMimeType).toInt(&ok);
    if (!ok)
        return false;
    // Dropped on a row: before it; below the last row: at the end.
    int destination = row >= 0 ? row : (parent.isValid() ? parent.row() : int(m_rules.size()));
    moveRows(QModelIndex(), source, 1, QModelIndex(), destination);
    // The row has moved already. Answering false keeps the view from also deleting the
    // "moved-away" source row, which it does after every accepted move drop.
    return false;
}
