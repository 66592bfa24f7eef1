#pragma once

#include "requestlog/UsageTotals.h"

#include <QDate>
#include <QList>
#include <QWidget>

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QValueAxis;

/// Tokens per day as stacked bars (prompt below, completion above) for a run of days, days
/// without requests shown as empty (Qt Charts).
class UsageChart : public QWidget
{
    Q_OBJECT

public:
    explicit UsageChart(QWidget *parent = nullptr);

    /// Shows `days` (any order, gaps allowed) on every day from `first` to `last`.
    void setDays(const QList<DailyTokens> &days, const QDate &first, const QDate &last);
    /// What is drawn: one value per day, oldest first.
    QList<qint64> promptSeries() const;
    QList<qint64> completionSeries() const;
    /// The days' labels (some left blank when there are many days).
    QStringList dayLabels() const;
    QChartView *view() const { return m_view; }

    void retranslate();

private:
    QChart *m_chart;
    QChartView *m_view;
    QBarSet *m_prompt;
    QBarSet *m_completion;
    QBarCategoryAxis *m_daysAxis;
    QValueAxis *m_tokensAxis;
    QList<qint64> m_promptValues;
    QList<qint64> m_completionValues;
    double m_scale = 1.0; ///< the bars are drawn in units of this many tokens
    QDate m_first;
    QDate m_last;
};
