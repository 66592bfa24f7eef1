#include "ProviderComboDelegate.h"

#include <QComboBox>

ProviderComboDelegate::ProviderComboDelegate(std::function<QStringList()> providerIds,
                                             QObject *parent)
    : QStyledItemDelegate(parent), m_providerIds(std::move(providerIds))
{}

QWidget *ProviderComboDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                             const QModelIndex &) const
{
    auto *combo = new QComboBox(parent);
    combo->addItems(m_providerIds());
    return combo;
}

void ProviderComboDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    const QString current = index.data(Qt::EditRole).toString();
    if (combo->findText(current) < 0)
        combo->addItem(current);
    combo->setCurrentText(current);
}

void ProviderComboDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                         const QModelIndex &index) const
{
    model->setData(index, static_cast<QComboBox *>(editor)->currentText(), Qt::EditRole);
}
