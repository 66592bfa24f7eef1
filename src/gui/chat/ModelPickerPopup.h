#pragma once

#include <QFrame>

class ChatModelListModel;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QToolButton;
class QTreeView;

/// The model picker's drop-down: a search field over the gateway's models grouped by
/// provider. Enter takes the highlighted (or first) match; a name the list lacks can be used
/// as typed, since the gateway routes names by prefix.
class ModelPickerPopup : public QFrame
{
    Q_OBJECT

public:
    explicit ModelPickerPopup(QWidget *parent = nullptr);

    void setModelList(ChatModelListModel *models);
    /// Shown under the list: loading, an error, providers that failed.
    void setStatus(const QString &text);
    void setSearchText(const QString &text);
    void open(const QPoint &globalTopLeft, int width, const QString &current);
    /// The models that match the search, in order.
    QStringList visibleModels() const;

Q_SIGNALS:
    void modelChosen(const QString &model);
    void refreshRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void nameControls();
    void applyFilter(const QString &text);
    void chooseCurrent();
    void choose(const QModelIndex &proxyIndex);
    QModelIndex firstModel() const;

    QLineEdit *m_search;
    QTreeView *m_tree;
    QSortFilterProxyModel *m_filter;
    QLabel *m_status;
    QToolButton *m_refresh;
};
