#include "ConversationListModel.h"

#include "ConversationStore.h"

#include <QCoreApplication>

ConversationListModel::ConversationListModel(ConversationStore &store, QObject *parent)
    : QAbstractListModel(parent), m_store(store)
{
    connect(&m_store, &ConversationStore::conversationsChanged, this,
            &ConversationListModel::refresh);
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConversationSummary &row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return row.title.isEmpty()
                   ? QCoreApplication::translate("ConversationListModel", "New chat")
                   : row.title;
    case Qt::EditRole:
        return row.title;
    case Qt::ToolTipRole:
        return row.snippet.isEmpty() ? row.title : row.snippet;
    case IdRole:
        return row.id;
    case UpdatedAtRole:
        return row.updatedAt;
    case ModelRole:
        return row.model;
    case SnippetRole:
        return row.snippet;
    default:
        return {};
    }
}

bool ConversationListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const QString title = value.toString().simplified();
    if (title.isEmpty() || title == m_rows[index.row()].title)
        return false;
    m_rows[index.row()].title = title;
    m_store.rename(m_rows[index.row()].id, title);
    Q_EMIT dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole});
    Q_EMIT renamed(m_rows[index.row()].id, title);
    return true;
}

Qt::ItemFlags ConversationListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "conversationId");
    names.insert(UpdatedAtRole, "updatedAt");
    names.insert(ModelRole, "model");
    names.insert(SnippetRole, "snippet");
    return names;
}

void ConversationListModel::setSearch(const QString &text)
{
    if (text == m_search)
        return;
    m_search = text;
    refresh();
}

void ConversationListModel::refresh()
{
    const int generation = ++m_generation;
    m_store.list(m_search, this, [this, generation](const QList<ConversationSummary> &rows) {
        if (generation == m_generation)
            apply(rows);
    });
}

void ConversationListModel::apply(const QList<ConversationSummary> &rows)
{
    // A change usually moves one conversation to the top, or adds or removes one: a reset
    // is simplest and the sidebar keeps its selection by id.
    beginResetModel();
    m_rows = rows;
    endResetModel();
    Q_EMIT refreshed();
}

int ConversationListModel::rowOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == id)
            return int(i);
    }
    return -1;
}

QString ConversationListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].id : QString();
}
