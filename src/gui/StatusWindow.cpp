#include "StatusWindow.h"

#include "ui_StatusWindow.h"

StatusWindow::StatusWindow(QWidget *parent) : QWidget(parent), m_ui(new Ui::StatusWindow)
{
    m_ui->setupUi(this);
    connect(m_ui->copyEndpointPushButton, &QPushButton::clicked, this,
            &StatusWindow::copyEndpointRequested);
    connect(m_ui->quitPushButton, &QPushButton::clicked, this, &StatusWindow::quitRequested);
}

StatusWindow::~StatusWindow() = default;

void StatusWindow::showState(const QIcon &icon, const QString &text, const QString &endpoint)
{
    m_ui->stateIconLabel->setPixmap(icon.pixmap(32, 32));
    m_ui->stateLabel->setText(text);
    m_ui->endpointLineEdit->setText(endpoint);
    m_ui->copyEndpointPushButton->setEnabled(!endpoint.isEmpty());
}
