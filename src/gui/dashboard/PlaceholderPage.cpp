#include "PlaceholderPage.h"

#include <QLabel>
#include <QVBoxLayout>

PlaceholderPage::PlaceholderPage(Kind kind, QWidget *parent)
    : DashboardPage(parent), m_kind(kind), m_label(new QLabel(this))
{
    m_label->setObjectName(QStringLiteral("placeholderLabel"));
    m_label->setWordWrap(true);
    m_label->setAlignment(Qt::AlignCenter);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(m_label);
    layout->addStretch();
    retranslate();
}

QString PlaceholderPage::pageId() const
{
    return m_kind == Kind::Logs ? QStringLiteral("logs") : QStringLiteral("usage");
}

QString PlaceholderPage::title() const
{
    return m_kind == Kind::Logs ? tr("Logs") : tr("Usage");
}

QIcon PlaceholderPage::icon() const
{
    return QIcon(m_kind == Kind::Logs ? QStringLiteral(":/icons/pages/logs.png")
                                      : QStringLiteral(":/icons/pages/usage.png"));
}

void PlaceholderPage::retranslate()
{
    m_label->setText(m_kind == Kind::Logs
                         ? tr("The request log will be shown here: every request with its model, "
                              "provider, status, time and tokens.")
                         : tr("Token usage per provider, model and day will be shown here."));
}
