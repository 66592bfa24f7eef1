#pragma once

#include "dashboard/DashboardPage.h"

#include <memory>

class QTimer;
class RequestLogReader;
class RequestLogStore;
class SettingsStore;
class UsageChart;
class UsageModel;
struct UsageTotals;

namespace Ui {
class UsagePage;
}

/// Usage: requests and tokens today, in the last 7 and 30 days; per provider and model for
/// the range chosen, with an estimated cost where the provider's settings price the model;
/// and tokens per day over 30 days. Read from the request log's sums, refreshed as requests
/// are recorded.
class UsagePage : public DashboardPage
{
    Q_OBJECT

public:
    enum class Range
    {
        Today,
        Week,
        Month
    };

    UsagePage(RequestLogStore &store, SettingsStore &settings, QWidget *parent = nullptr);
    ~UsagePage() override;

    QString pageId() const override { return QStringLiteral("usage"); }
    QString title() const override;
    QIcon icon() const override;
    void load() override { refresh(); }
    /// Reads the sums again.
    void refresh();

    UsageModel *model() const { return m_model; }
    UsageChart *chart() const { return m_chart; }
    /// The first moment of `range` (local midnight).
    static QDateTime rangeStart(Range range);

protected:
    void retranslate() override;
    void showEvent(QShowEvent *event) override;

private:
    QString summary(const QList<UsageTotals> &totals) const;

    const std::unique_ptr<Ui::UsagePage> m_ui;
    RequestLogStore &m_store;
    SettingsStore &m_settings;
    std::unique_ptr<RequestLogReader> m_reader;
    UsageModel *m_model;
    UsageChart *m_chart;
    QTimer *m_refreshDelay;
};
