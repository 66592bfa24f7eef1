#pragma once

#include <QStyledItemDelegate>
#include <functional>

/// Edits a provider id cell with a list of the configured providers.
class ProviderComboDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ProviderComboDelegate(std::function<QStringList()> providerIds,
                                   QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;

private:
    std::function<QStringList()> m_providerIds;
};
