#include "UsagePage.h"

#include "UsageChart.h"
#include "UsageModel.h"
#include "config/SettingsStore.h"
#include "requestlog/RequestLogReader.h"
#include "requestlog/RequestLogStore.h"
#include "ui_UsagePage.h"

#include <QEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QLocale>
#include <QTimer>

namespace {
/// New records refresh the page at most this often.
constexpr int kRefreshDelayMs = 2000;
} // namespace

UsagePage::UsagePage(RequestLogStore &store, SettingsStore &settings, QWidget *parent)
    : DashboardPage(parent), m_ui(std::make_unique<Ui::UsagePage>()), m_store(store),
      m_settings(settings), m_reader(std::make_unique<RequestLogReader>(store.path())),
      m_model(new UsageModel(this)), m_chart(new UsageChart(this)), m_refreshDelay(new QTimer(this))
{
    m_ui->setupUi(this);
    m_ui->usageTableView->setModel(m_model);
    m_ui->usageTableView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->chartLayout->addWidget(m_chart);
    m_ui->splitter->setStretchFactor(0, 2);
    m_ui->splitter->setStretchFactor(1, 3);
    retranslate(); // the range choices (setupUi has set the form's texts)
    m_refreshDelay->setSingleShot(true);
    m_refreshDelay->setInterval(kRefreshDelayMs);
    connect(m_refreshDelay, &QTimer::timeout, this, &UsagePage::refresh);
    connect(m_ui->rangeComboBox, &QComboBox::currentIndexChanged, this, &UsagePage::refresh);
    // Recorded requests and new prices show without a click, a batch of records at a time.
    connect(&m_store, &RequestLogStore::recordsStored, this, [this] {
        if (!m_refreshDelay->isActive())
            m_refreshDelay->start();
    });
    connect(&m_settings, &SettingsStore::changed, this, &UsagePage::refresh);
    refresh();
}

UsagePage::~UsagePage() = default;

QString UsagePage::title() const
{
    return tr("Usage");
}

QIcon UsagePage::icon() const
{
    return QIcon(QStringLiteral(":/icons/pages/usage.png"));
}

QDateTime UsagePage::rangeStart(Range range)
{
    const QDate today = QDate::currentDate();
    switch (range) {
    case Range::Today:
        return today.startOfDay();
    case Range::Week:
        return today.addDays(-6).startOfDay();
    case Range::Month:
        return today.addDays(-29).startOfDay();
    }
    return today.startOfDay();
}

void UsagePage::showEvent(QShowEvent *event)
{
    refresh(); // the day may have changed while the page was hidden
    DashboardPage::showEvent(event);
}

void UsagePage::retranslate()
{
    m_ui->retranslateUi(this);
    const QSignalBlocker block(m_ui->rangeComboBox);
    const int range = qMax(0, m_ui->rangeComboBox->currentIndex());
    m_ui->rangeComboBox->clear();
    m_ui->rangeComboBox->addItem(tr("Today"), int(Range::Today));
    m_ui->rangeComboBox->addItem(tr("Last 7 days"), int(Range::Week));
    m_ui->rangeComboBox->addItem(tr("Last 30 days"), int(Range::Month));
    m_ui->rangeComboBox->setCurrentIndex(range);
    m_chart->retranslate();
    refresh();
}

QString UsagePage::summary(const QList<UsageTotals> &totals) const
{
    UsageModel priced;
    priced.setTotals(totals, m_settings.effective().providers);
    const UsageTotals sum = priced.sum();
    const QLocale locale;
    QStringList lines{tr("%n request(s)", nullptr, int(sum.requests)),
                      tr("%1 tokens").arg(locale.toString(sum.totalTokens()))};
    bool complete = true;
    const double cost = priced.estimatedCost(&complete);
    if (cost > 0)
        lines << (complete ? tr("about %1 (estimated)") : tr("at least %1 (estimated)"))
                     .arg(locale.toString(cost, 'f', 2));
    return lines.join(QLatin1Char('\n'));
}

void UsagePage::refresh()
{
    m_refreshDelay->stop();
    const QList<ProviderSettings> &providers = m_settings.effective().providers;
    const auto totalsSince = [this](Range range) {
        QList<UsageTotals> totals;
        m_reader->usage(rangeStart(range).toMSecsSinceEpoch(), -1, &totals);
        return totals;
    };
    if (!m_reader->isOpen() && !m_reader->open()) {
        // Nothing recorded yet (or the file cannot be read): an empty page that says so.
        const QString none = tr("No requests recorded yet.");
        m_ui->todayLabel->setText(none);
        m_ui->weekLabel->setText(none);
        m_ui->monthLabel->setText(none);
        m_model->setTotals({}, providers);
        m_chart->setDays({}, rangeStart(Range::Month).date(), QDate::currentDate());
        m_ui->costNoteLabel->setText(QFileInfo::exists(m_store.path()) ? m_reader->errorText()
                                                                       : QString());
        return;
    }
    const QList<UsageTotals> today = totalsSince(Range::Today);
    const QList<UsageTotals> week = totalsSince(Range::Week);
    const QList<UsageTotals> month = totalsSince(Range::Month);
    m_ui->todayLabel->setText(summary(today));
    m_ui->weekLabel->setText(summary(week));
    m_ui->monthLabel->setText(summary(month));
    const auto range = Range(m_ui->rangeComboBox->currentData().toInt());
    m_model->setTotals(range == Range::Today  ? today
                       : range == Range::Week ? week
                                              : month,
                       providers);
    const QStringList unpriced = m_model->unpricedModels();
    m_ui->costNoteLabel->setText(
        unpriced.isEmpty()
            ? QString()
            : tr("Not in the estimate, for want of a price: %1. Prices per million tokens go "
                 "under \"prices\" in a provider's settings in the configuration file, e.g. "
                 "\"prices\": {\"gpt-4o\": {\"input\": 2.5, \"output\": 10}}.")
                  .arg(unpriced.join(QStringLiteral(", "))));
    QList<DailyTokens> days;
    m_reader->dailyTokens(rangeStart(Range::Month).toMSecsSinceEpoch(), &days);
    m_chart->setDays(days, rangeStart(Range::Month).date(), QDate::currentDate());
}
