#include "DashboardWindow.h"

#include "DashboardPage.h"
#include "ui_DashboardWindow.h"

#include <QCloseEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>

namespace {
constexpr int kPageIdRole = Qt::UserRole + 1;
}

DashboardWindow::DashboardWindow(QWidget *parent)
    : QMainWindow(parent), m_ui(new Ui::DashboardWindow), m_statusLabel(new QLabel(this))
{
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/app/llm-gateway-256.png")));
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_ui->statusBar->addWidget(m_statusLabel, 1);
    QFont titleFont = m_ui->pageTitleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_ui->pageTitleLabel->setFont(titleFont);
    connect(m_ui->openChatPushButton, &QPushButton::clicked, this,
            &DashboardWindow::openChatRequested);
    connect(m_ui->pageListWidget, &QListWidget::currentRowChanged, this,
            &DashboardWindow::onCurrentRowChanged);
    connect(m_ui->applyPushButton, &QPushButton::clicked, this, &DashboardWindow::onApply);
    connect(m_ui->discardPushButton, &QPushButton::clicked, this, &DashboardWindow::onDiscard);
    updateApplyBar();
}

DashboardWindow::~DashboardWindow() = default;

void DashboardWindow::addPage(DashboardPage *page, const QString &beforePageId)
{
    int row = m_ui->pageListWidget->count();
    for (int i = 0; i < m_ui->pageListWidget->count(); ++i) {
        if (!beforePageId.isEmpty() &&
            m_ui->pageListWidget->item(i)->data(kPageIdRole).toString() == beforePageId)
            row = i;
    }
    auto *item = new QListWidgetItem(page->icon(), page->title());
    item->setData(kPageIdRole, page->pageId());
    item->setSizeHint(QSize(0, 36));
    m_switching = true; // inserting may move the current row; it is not a user's choice
    m_ui->pageListWidget->insertItem(row, item);
    m_ui->pageStackedWidget->insertWidget(row, page);
    if (m_currentRow >= row)
        ++m_currentRow;
    if (m_currentRow >= 0) {
        m_ui->pageListWidget->setCurrentRow(m_currentRow);
        m_ui->pageStackedWidget->setCurrentIndex(m_currentRow);
    }
    m_switching = false;
    wire(page);
    if (m_currentRow < 0)
        m_ui->pageListWidget->setCurrentRow(0);
}

void DashboardWindow::replacePage(DashboardPage *page)
{
    for (int i = 0; i < m_ui->pageStackedWidget->count(); ++i) {
        auto *old = qobject_cast<DashboardPage *>(m_ui->pageStackedWidget->widget(i));
        if (!old || old->pageId() != page->pageId())
            continue;
        m_switching = true;
        QListWidgetItem *item = m_ui->pageListWidget->item(i);
        item->setIcon(page->icon());
        item->setText(page->title());
        m_ui->pageStackedWidget->removeWidget(old);
        m_ui->pageStackedWidget->insertWidget(i, page);
        if (m_currentRow >= 0)
            m_ui->pageStackedWidget->setCurrentIndex(m_currentRow);
        m_switching = false;
        old->deleteLater();
        wire(page);
        retitle();
        updateApplyBar();
        return;
    }
    addPage(page);
}

void DashboardWindow::wire(DashboardPage *page)
{
    connect(page, &DashboardPage::modifiedChanged, this, &DashboardWindow::updateApplyBar);
    connect(page, &DashboardPage::statusMessage, this, &DashboardWindow::showMessage);
    connect(page, &DashboardPage::navigationRequested, this,
            [this](const QString &pageId, const QString &item) { showPage(pageId, item); });
    page->load();
}

DashboardPage *DashboardWindow::page(const QString &pageId) const
{
    for (int i = 0; i < m_ui->pageStackedWidget->count(); ++i) {
        auto *page = qobject_cast<DashboardPage *>(m_ui->pageStackedWidget->widget(i));
        if (page && page->pageId() == pageId)
            return page;
    }
    return nullptr;
}

DashboardPage *DashboardWindow::currentPage() const
{
    return qobject_cast<DashboardPage *>(m_ui->pageStackedWidget->currentWidget());
}

bool DashboardWindow::showPage(const QString &pageId, const QString &item)
{
    for (int i = 0; i < m_ui->pageListWidget->count(); ++i) {
        if (m_ui->pageListWidget->item(i)->data(kPageIdRole).toString() != pageId)
            continue;
        m_ui->pageListWidget->setCurrentRow(i);
        if (m_currentRow != i)
            return false; // the user stayed to keep unsaved changes
        if (!item.isEmpty())
            currentPage()->reveal(item);
        return true;
    }
    return false;
}

bool DashboardWindow::settleChanges()
{
    DashboardPage *page = currentPage();
    if (!page || !page->isModified())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Unsaved changes"),
                    tr("The page \"%1\" has changes that are not applied yet.").arg(page->title()),
                    QMessageBox::Apply | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setDefaultButton(QMessageBox::Apply);
    switch (box.exec()) {
    case QMessageBox::Apply:
        return page->apply();
    case QMessageBox::Discard:
        page->discard();
        return true;
    default:
        return false;
    }
}

void DashboardWindow::onCurrentRowChanged(int row)
{
    if (m_switching || row < 0)
        return;
    if (row != m_currentRow && m_currentRow >= 0 && !settleChanges()) {
        m_switching = true;
        m_ui->pageListWidget->setCurrentRow(m_currentRow);
        m_switching = false;
        return;
    }
    m_currentRow = row;
    m_ui->pageStackedWidget->setCurrentIndex(row);
    m_ui->messageLabel->clear();
    retitle();
    updateApplyBar();
}

void DashboardWindow::onApply()
{
    if (DashboardPage *page = currentPage()) {
        page->apply();
        updateApplyBar();
    }
}

void DashboardWindow::onDiscard()
{
    if (DashboardPage *page = currentPage()) {
        page->discard();
        m_ui->messageLabel->clear();
    }
}

void DashboardWindow::updateApplyBar()
{
    DashboardPage *page = currentPage();
    const bool editable = page && page->isEditable();
    m_ui->applyPushButton->setVisible(editable);
    m_ui->discardPushButton->setVisible(editable);
    m_ui->applyPushButton->setEnabled(editable && page->isModified());
    m_ui->discardPushButton->setEnabled(editable && page->isModified());
}

void DashboardWindow::retitle()
{
    for (int i = 0; i < m_ui->pageListWidget->count(); ++i) {
        if (auto *page = qobject_cast<DashboardPage *>(m_ui->pageStackedWidget->widget(i)))
            m_ui->pageListWidget->item(i)->setText(page->title());
    }
    if (DashboardPage *page = currentPage())
        m_ui->pageTitleLabel->setText(page->title());
}

void DashboardWindow::setStatusText(const QString &text)
{
    m_statusLabel->setText(text);
}

void DashboardWindow::showMessage(const QString &text, bool isError)
{
    m_ui->messageLabel->setStyleSheet(isError ? QStringLiteral("color: #b91c1c;") : QString());
    m_ui->messageLabel->setText(text);
}

void DashboardWindow::bringToFront()
{
    if (isMinimized())
        showNormal();
    else
        show();
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    raise();
    activateWindow();
}

void DashboardWindow::closeEvent(QCloseEvent *event)
{
    if (!settleChanges()) {
        event->ignore();
        return;
    }
    if (m_closeBehaviour == CloseBehaviour::HideToTray) {
        event->accept();
        Q_EMIT hiddenToBackground();
        return;
    }
    QMessageBox box(QMessageBox::Question, tr("Close LLM Gateway"),
                    tr("Your tools reach their models through this gateway. Keep it serving in "
                       "the background after the window closes?"),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("closeMessageBox"));
    box.setInformativeText(tr("Start LLM Gateway again from the application menu to bring the "
                              "window back."));
    QPushButton *keep = box.addButton(tr("Keep serving"), QMessageBox::AcceptRole);
    keep->setObjectName(QStringLiteral("keepServingButton"));
    QPushButton *quit = box.addButton(tr("Quit"), QMessageBox::DestructiveRole);
    quit->setObjectName(QStringLiteral("quitButton"));
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(keep);
    box.exec();
    if (box.clickedButton() == keep) {
        event->accept();
        Q_EMIT hiddenToBackground();
    } else if (box.clickedButton() == quit) {
        event->accept();
        Q_EMIT quitRequested();
    } else {
        event->ignore();
    }
}

void DashboardWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retitle();
    }
    QMainWindow::changeEvent(event);
}

void DashboardWindow::setChatAvailable(bool available)
{
    m_ui->openChatPushButton->setVisible(available);
}
