#pragma once

#include "Conversation.h"

#include <QAbstractListModel>

class ConversationStore;

/// The conversations of the history for the sidebar, newest first, optionally filtered by a
/// search over titles and text (run by the store, off the GUI thread). Refreshes itself when
/// the store says the list changed. Renaming through setData() renames in the store.
class ConversationListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        UpdatedAtRole,
        ModelRole,
        SnippetRole
    };

    explicit ConversationListModel(ConversationStore &store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setSearch(const QString &text);
    QString search() const { return m_search; }
    /// Asks the store again; refreshed() follows.
    void refresh();
    int rowOf(const QString &id) const;
    QString idAt(int row) const;

Q_SIGNALS:
    /// The rows now show the store's answer to the latest refresh.
    void refreshed();
    /// The user renamed a conversation in the list (already saved to the store).
    void renamed(const QString &id, const QString &title);

private:
    void apply(const QList<ConversationSummary> &rows);

    ConversationStore &m_store;
    QList<ConversationSummary> m_rows;
    QString m_search;
    int m_generation = 0; ///< answers to older refreshes are dropped
};
