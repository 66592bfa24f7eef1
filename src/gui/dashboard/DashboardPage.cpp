#include "DashboardPage.h"

#include <QEvent>

DashboardPage::DashboardPage(QWidget *parent) : QWidget(parent) {}

void DashboardPage::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    Q_EMIT modifiedChanged(modified);
}

void DashboardPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
