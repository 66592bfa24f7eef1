#pragma once

#include "status/GatewayProblem.h"

#include <QFrame>
#include <functional>

class QHBoxLayout;
class QPushButton;

/// One problem on the Overview page: what is wrong in plain words, the details, and the
/// buttons that fix it.
class ProblemRow : public QFrame
{
    Q_OBJECT

public:
    explicit ProblemRow(const GatewayProblem &problem, QWidget *parent = nullptr);

    /// A fix button; `objectName` lets tests and screenshots find it.
    QPushButton *addFix(const QString &objectName, const QString &text,
                        std::function<void()> handler);

    const GatewayProblem &problem() const { return m_problem; }

private:
    GatewayProblem m_problem;
    QHBoxLayout *m_buttons;
};
