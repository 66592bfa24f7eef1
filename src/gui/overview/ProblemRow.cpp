#include "ProblemRow.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

ProblemRow::ProblemRow(const GatewayProblem &problem, QWidget *parent)
    : QFrame(parent), m_problem(problem), m_buttons(new QHBoxLayout)
{
    setObjectName(QStringLiteral("problemRow"));
    setFrameShape(QFrame::StyledPanel);
    const bool error = problem.severity == GatewayProblem::Severity::Error;
    // A tinted card: red for what stops the gateway, amber for the rest.
    setStyleSheet(error ? QStringLiteral("#problemRow { background: #fef2f2; border: 1px solid "
                                         "#fca5a5; border-radius: 6px; }")
                        : QStringLiteral("#problemRow { background: #fffbeb; border: 1px solid "
                                         "#fcd34d; border-radius: 6px; }"));
    auto *icon = new QLabel(this);
    icon->setPixmap(
        style()
            ->standardIcon(error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning)
            .pixmap(24, 24));
    icon->setAlignment(Qt::AlignTop);
    auto *title = new QLabel(problem.title, this);
    title->setObjectName(QStringLiteral("problemTitleLabel"));
    title->setWordWrap(true);
    title->setStyleSheet(QStringLiteral("font-weight: bold; color: #111827;"));
    auto *text = new QVBoxLayout;
    text->addWidget(title);
    if (!problem.detail.isEmpty()) {
        auto *detail = new QLabel(problem.detail, this);
        detail->setObjectName(QStringLiteral("problemDetailLabel"));
        detail->setWordWrap(true);
        detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
        detail->setStyleSheet(QStringLiteral("color: #374151;"));
        text->addWidget(detail);
    }
    m_buttons->addStretch();
    text->addLayout(m_buttons);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addLayout(text, 1);
}

QPushButton *ProblemRow::addFix(const QString &objectName, const QString &text,
                                std::function<void()> handler)
{
    auto *button = new QPushButton(text, this);
    button->setObjectName(objectName);
    connect(button, &QPushButton::clicked, this, std::move(handler));
    m_buttons->addWidget(button);
    return button;
}
