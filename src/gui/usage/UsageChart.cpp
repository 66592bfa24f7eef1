#include "UsageChart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHash>
#include <QLocale>
#include <QStackedBarSeries>
#include <QVBoxLayout>
#include <QValueAxis>

UsageChart::UsageChart(QWidget *parent)
    : QWidget(parent), m_chart(new QChart), m_view(new QChartView(m_chart, this)),
      m_prompt(new QBarSet(QString())), m_completion(new QBarSet(QString())),
      m_daysAxis(new QBarCategoryAxis), m_tokensAxis(new QValueAxis)
{
    auto *series = new QStackedBarSeries;
    series->append(m_prompt);
    series->append(m_completion);
    m_chart->addSeries(series);
    m_chart->addAxis(m_daysAxis, Qt::AlignBottom);
    m_chart->addAxis(m_tokensAxis, Qt::AlignLeft);
    series->attachAxis(m_daysAxis);
    series->attachAxis(m_tokensAxis);
    m_tokensAxis->setLabelFormat(QStringLiteral("%g"));
    // Each day's label must fit its bar's width (Qt Charts cuts it short otherwise).
    QFont small = m_daysAxis->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    m_daysAxis->setLabelsFont(small);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(200);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    retranslate();
}

void UsageChart::retranslate()
{
    m_chart->setTitle(tr("Tokens per day"));
    m_prompt->setLabel(tr("Prompt"));
    m_completion->setLabel(tr("Completion"));
    m_tokensAxis->setTitleText(m_scale >= 1e6   ? tr("M tokens")
                               : m_scale >= 1e3 ? tr("k tokens")
                                                : tr("tokens"));
    if (m_first.isValid()) {
        const QLocale locale;
        m_daysAxis->setTitleText(tr("%1 to %2")
                                     .arg(locale.toString(m_first, QLocale::ShortFormat),
                                          locale.toString(m_last, QLocale::ShortFormat)));
    }
}

void UsageChart::setDays(const QList<DailyTokens> &days, const QDate &first, const QDate &last)
{
    QHash<QDate, DailyTokens> byDay;
    for (const DailyTokens &d : days)
        byDay.insert(d.day, d);
    m_promptValues.clear();
    m_completionValues.clear();
    QStringList labels;
    qint64 highest = 0;
    const qint64 dayCount = first.daysTo(last) + 1;
    // A label every few days when there are many (the axis title names the months). A category
    // axis wants distinct names: the days without a label get distinct invisible ones.
    const int every = dayCount > 15 ? 3 : 1;
    int index = 0;
    for (QDate day = first; day <= last; day = day.addDays(1), ++index) {
        const DailyTokens d = byDay.value(day);
        m_promptValues << d.promptTokens;
        m_completionValues << d.completionTokens;
        highest = qMax(highest, d.promptTokens + d.completionTokens);
        const bool labelled = (dayCount - 1 - index) % every == 0; // today always
        labels << (labelled ? QString::number(day.day())
                            : QString(index + 1, QChar(0x200B))); // zero-width spaces
    }
    // Whole numbers of thousands or millions read better than seven digits on an axis.
    m_scale = highest >= 10'000'000 ? 1e6 : highest >= 10'000 ? 1e3 : 1.0;
    m_prompt->remove(0, m_prompt->count());
    m_completion->remove(0, m_completion->count());
    for (qsizetype i = 0; i < m_promptValues.size(); ++i) {
        m_prompt->append(double(m_promptValues.at(i)) / m_scale);
        m_completion->append(double(m_completionValues.at(i)) / m_scale);
    }
    m_daysAxis->clear();
    m_daysAxis->append(labels);
    m_first = first;
    m_last = last;
    m_tokensAxis->setRange(0, highest > 0 ? double(highest) * 1.1 / m_scale : 1.0);
    m_tokensAxis->applyNiceNumbers();
    retranslate();
}

QList<qint64> UsageChart::promptSeries() const
{
    return m_promptValues;
}

QList<qint64> UsageChart::completionSeries() const
{
    return m_completionValues;
}

QStringList UsageChart::dayLabels() const
{
    return m_daysAxis->categories();
}
