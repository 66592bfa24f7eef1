#include "ModelPickerPopup.h"

#include "chat/ChatModelListModel.h"

#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

ModelPickerPopup::ModelPickerPopup(QWidget *parent)
    : QFrame(parent, Qt::Popup), m_search(new QLineEdit(this)), m_tree(new QTreeView(this)),
      m_filter(new QSortFilterProxyModel(this)), m_status(new QLabel(this)),
      m_refresh(new QToolButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    layout->addWidget(m_search);

    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setRecursiveFilteringEnabled(true);
    m_filter->setAutoAcceptChildRows(true); // a provider's name shows all its models
    m_tree->setModel(m_filter);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setItemsExpandable(false);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setUniformRowHeights(true);
    m_tree->installEventFilter(this);
    connect(m_tree, &QTreeView::activated, this, &ModelPickerPopup::choose);
    connect(m_tree, &QTreeView::clicked, this, &ModelPickerPopup::choose);
    layout->addWidget(m_tree);

    auto *footer = new QHBoxLayout;
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    footer->addWidget(m_status, 1);
    nameControls();
    m_refresh->setAutoRaise(true);
    connect(m_refresh, &QToolButton::clicked, this, &ModelPickerPopup::refreshRequested);
    footer->addWidget(m_refresh, 0, Qt::AlignTop);
    layout->addLayout(footer);

    connect(m_search, &QLineEdit::textChanged, this, &ModelPickerPopup::applyFilter);
    connect(m_search, &QLineEdit::returnPressed, this, &ModelPickerPopup::chooseCurrent);
}

void ModelPickerPopup::nameControls()
{
    m_search->setPlaceholderText(tr("Search models, or type any model name"));
    m_refresh->setText(tr("Refresh"));
    m_refresh->setToolTip(tr("Ask the gateway for its model list again"));
}

void ModelPickerPopup::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        nameControls();
}

void ModelPickerPopup::setModelList(ChatModelListModel *models)
{
    m_filter->setSourceModel(models);
    connect(models, &QAbstractItemModel::modelReset, this,
            [this] { applyFilter(m_search->text()); });
    applyFilter(m_search->text());
}

void ModelPickerPopup::setStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void ModelPickerPopup::setSearchText(const QString &text)
{
    m_search->setText(text);
}

void ModelPickerPopup::open(const QPoint &globalTopLeft, int width, const QString &current)
{
    m_search->clear();
    applyFilter(QString());
    resize(qMax(width, 320), 380);
    move(globalTopLeft);
    show();
    m_search->setFocus(Qt::PopupFocusReason);
    if (auto *models = qobject_cast<ChatModelListModel *>(m_filter->sourceModel())) {
        const QModelIndex index = m_filter->mapFromSource(models->indexOfModel(current));
        if (index.isValid()) {
            m_tree->setCurrentIndex(index);
            m_tree->scrollTo(index);
        }
    }
}

void ModelPickerPopup::applyFilter(const QString &text)
{
    m_filter->setFilterFixedString(text.trimmed());
    m_tree->expandAll();
    const QModelIndex first = firstModel();
    if (first.isValid() && !text.trimmed().isEmpty())
        m_tree->setCurrentIndex(first);
}

QModelIndex ModelPickerPopup::firstModel() const
{
    for (int p = 0; p < m_filter->rowCount(); ++p) {
        const QModelIndex provider = m_filter->index(p, 0);
        if (m_filter->rowCount(provider) > 0)
            return m_filter->index(0, 0, provider);
    }
    return {};
}

QStringList ModelPickerPopup::visibleModels() const
{
    QStringList models;
    for (int p = 0; p < m_filter->rowCount(); ++p) {
        const QModelIndex provider = m_filter->index(p, 0);
        for (int r = 0; r < m_filter->rowCount(provider); ++r)
            models.append(
                m_filter->index(r, 0, provider).data(ChatModelListModel::ModelIdRole).toString());
    }
    return models;
}

void ModelPickerPopup::chooseCurrent()
{
    QModelIndex index = m_tree->currentIndex();
    if (!index.isValid() || index.data(ChatModelListModel::ModelIdRole).toString().isEmpty())
        index = firstModel();
    if (index.isValid()) {
        choose(index);
        return;
    }
    // Not in the list: the gateway may still route it (a prefix rule, an explicit
    // provider/model name).
    const QString typed = m_search->text().trimmed();
    if (!typed.isEmpty()) {
        hide();
        Q_EMIT modelChosen(typed);
    }
}

void ModelPickerPopup::choose(const QModelIndex &proxyIndex)
{
    const QString model = proxyIndex.data(ChatModelListModel::ModelIdRole).toString();
    if (model.isEmpty())
        return; // a provider heading
    hide();
    Q_EMIT modelChosen(model);
}

void ModelPickerPopup::hideEvent(QHideEvent *event)
{
    QFrame::hideEvent(event);
    // Back to the chat window, whose input takes the focus again.
    if (QWidget *owner = parentWidget())
        owner->window()->activateWindow();
}

bool ModelPickerPopup::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            hide();
            return true;
        }
        if (watched == m_search && (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up)) {
            // Arrows move through the list while the search keeps the focus.
            QCoreApplication::sendEvent(m_tree, event);
            return true;
        }
        if (watched == m_tree && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
            chooseCurrent();
            return true;
        }
    }
    return QFrame::eventFilter(watched, event);
}
