// The Logs and Usage pages offscreen, over a real store (its writer thread, its file): rows
// shown and filtered from the page's own controls, new requests appearing live without a
// reset, every field and the bodies of the selected request, copy as curl, CSV export of
// what the filters show, requests in progress, the log's problems; the usage sums, costs
// and chart. With LLMGW_SCREENSHOT_DIR set, each page is saved there as a PNG.
#include "RecordFactory.h"
#include "config/SettingsStore.h"
#include "gateway/GatewayController.h"
#include "logs/LogsPage.h"
#include "logs/RequestLogModel.h"
#include "requestlog/RequestLogStore.h"
#include "usage/UsageChart.h"
#include "usage/UsageModel.h"
#include "usage/UsagePage.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QThread>

namespace {
constexpr int kWaitMs = 20000;

/// A record started `ago` ms before now, with distinctive fields.
RequestRecord recent(int n, qint64 agoMs, int status = 200,
                     const QString &provider = QStringLiteral("openai"),
                     const QString &model = QStringLiteral("gpt-4o"))
{
    RequestRecord r = RecordFactory::make(n, QDateTime::currentMSecsSinceEpoch() - agoMs, status,
                                          provider, model);
    r.id = "req_" + QByteArray::number(n).rightJustified(6, '0');
    return r;
}
} // namespace

class TestRequestLogPages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void logsPageShowsAndFilters();
    void logsPageGrowsLive();
    void logsPageDetailAndCurl();
    void logsPageExportsWhatTheFiltersShow();
    void logsPageSaysWhatIsInProgressAndWrong();
    void logsPageSaysWhyItIsEmpty();
    void usagePageSumsCostsAndChart();

private:
    /// Hands `records` to the store as the gateway thread does, and waits until written.
    void record(const QList<RequestRecord> &records);
    void screenshot(QWidget *page, const QString &name);
    template <typename T> T *child(QWidget *page, const char *name)
    {
        return page->findChild<T *>(QLatin1String(name));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SettingsStore> m_settings;
    std::unique_ptr<GatewayController> m_gateway;
    std::unique_ptr<RequestLogStore> m_store;
};

void TestRequestLogPages::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestRequestLogPages::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // One provider priced, one not.
    QFile config(m_dir->filePath(QStringLiteral("config.json")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(R"({"version": 1, "port": 7399, "providers": [
        {"id": "openai", "prices": {"gpt-4o": {"input": 2.5, "output": 10}}},
        {"id": "ollama", "baseUrl": "http://127.0.0.1:11434/v1"}],
        "requestLog": {"recordBodies": true}})");
    config.close();
    m_settings = std::make_unique<SettingsStore>();
    StartupOptions options;
    options.configPath = config.fileName();
    m_settings->load(options);
    QVERIFY2(m_settings->fileError().isEmpty(), qPrintable(m_settings->fileError()));
    m_gateway = std::make_unique<GatewayController>();
    RequestLogStore::Options fast;
    fast.flushIntervalMs = 50;
    m_store =
        std::make_unique<RequestLogStore>(m_dir->filePath(QStringLiteral("requests.db")), fast);
    m_store->start(m_settings->effective().requestLog);
}

void TestRequestLogPages::cleanup()
{
    m_store.reset();
    m_gateway.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestRequestLogPages::record(const QList<RequestRecord> &records)
{
    QThread *gateway = QThread::create([this, records] {
        for (const RequestRecord &r : records)
            m_store->requestFinished(r);
    });
    gateway->start();
    gateway->wait();
    delete gateway;
    QVERIFY(m_store->flush(kWaitMs));
}

void TestRequestLogPages::screenshot(QWidget *page, const QString &name)
{
    const QString dir = qEnvironmentVariable("LLMGW_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QApplication::processEvents();
    QVERIFY(page->grab().save(dir + QLatin1Char('/') + name));
}

void TestRequestLogPages::logsPageShowsAndFilters()
{
    QList<RequestRecord> records;
    for (int i = 0; i < 40; ++i) {
        records << recent(i, (40 - i) * 60000, i % 8 == 0 ? 502 : (i % 5 == 0 ? 429 : 200),
                          i % 4 == 3 ? QStringLiteral("ollama") : QStringLiteral("openai"),
                          i % 4 == 3 ? QStringLiteral("llama3.2") : QStringLiteral("gpt-4o"));
    }
    records[7].userAgent = QStringLiteral("claude-cli/2.0.14");
    record(records);
    LogsPage page(*m_store, *m_settings, *m_gateway);
    page.resize(1100, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    RequestLogModel *model = page.model();
    QCOMPARE(model->rowCount(), 40);
    QCOMPARE(model->storedRecord(0).record.id, QByteArray("req_000039"));
    screenshot(&page, QStringLiteral("logs-page.png"));

    auto *status = child<QComboBox>(&page, "statusComboBox");
    status->setCurrentIndex(status->findText(LogsPage::tr("Failed (5xx)")));
    QCOMPARE(model->rowCount(), 5); // 0, 8, 16, 24, 32
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->storedRecord(row).record.status, 502);
    status->setCurrentIndex(0);
    auto *provider = child<QComboBox>(&page, "providerComboBox");
    QVERIFY(provider->findData(QStringLiteral("ollama")) > 0); // from the settings
    provider->setCurrentIndex(provider->findData(QStringLiteral("ollama")));
    QCOMPARE(model->rowCount(), 10);
    provider->setCurrentIndex(0);
    // Typing filters after a pause.
    QTest::keyClicks(child<QLineEdit>(&page, "modelLineEdit"), QStringLiteral("llama"));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 10, kWaitMs);
    child<QLineEdit>(&page, "modelLineEdit")->clear();
    QTest::keyClicks(child<QLineEdit>(&page, "clientLineEdit"), QStringLiteral("claude-cli"));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, kWaitMs);
    QCOMPARE(model->storedRecord(0).record.id, QByteArray("req_000007"));
    child<QLineEdit>(&page, "clientLineEdit")->clear();
    QTest::keyClicks(child<QLineEdit>(&page, "searchLineEdit"), QStringLiteral("req_00001"));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 10, kWaitMs); // req_000010 .. 19
    child<QLineEdit>(&page, "searchLineEdit")->clear();
    auto *time = child<QComboBox>(&page, "timeRangeComboBox");
    time->setCurrentIndex(time->findText(LogsPage::tr("Last hour")));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 40, kWaitMs); // all within 40 minutes
    QCOMPARE(page.currentFilter().sinceMs > 0, true);
}

void TestRequestLogPages::logsPageGrowsLive()
{
    record({recent(1, 5000), recent(2, 4000)});
    LogsPage page(*m_store, *m_settings, *m_gateway);
    page.show();
    QCOMPARE(page.model()->rowCount(), 2);
    QSignalSpy resets(page.model(), &QAbstractItemModel::modelReset);
    QThread *gateway = QThread::create([this] {
        for (int i = 3; i <= 5; ++i)
            m_store->requestFinished(recent(i, 0));
    });
    gateway->start();
    gateway->wait();
    delete gateway;
    // No flush, no reload: the writer's batch reaches the page by itself.
    QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 5, kWaitMs);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(page.model()->storedRecord(0).record.id, QByteArray("req_000005"));
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(&page, "statusLabel")
                                 ->text()
                                 .contains(LogsPage::tr("%n request(s)", nullptr, 5)),
                             kWaitMs);
}

void TestRequestLogPages::logsPageDetailAndCurl()
{
    RequestRecord failed = recent(9, 1000, 429);
    failed.errorMessage = QStringLiteral("Rate limit reached for gpt-4o <in organization>.");
    failed.requestBody = R"({"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]})";
    failed.responseBody = R"({"error":{"message":"Rate limit","type":"rate_limit_error"}})";
    failed.notes = {QStringLiteral("max_tokens lowered to 8192")};
    record({recent(8, 2000), failed});
    LogsPage page(*m_store, *m_settings, *m_gateway);
    page.show();
    auto *table = child<QTableView>(&page, "requestsTableView");
    QVERIFY(!child<QPushButton>(&page, "copyCurlPushButton")->isEnabled());
    table->setCurrentIndex(page.model()->index(0, 0));
    QCOMPARE(page.selectedRecord().record.id, QByteArray("req_000009"));
    const QString details = child<QTextBrowser>(&page, "detailsTextBrowser")->toPlainText();
    for (const QString &expected :
         {QStringLiteral("req_000009"), QStringLiteral("429"), failed.errorMessage,
          QStringLiteral("POST /v1/chat/completions"), QStringLiteral("test-client/1.0"),
          QStringLiteral("max_tokens lowered to 8192"), QStringLiteral("gpt-4o")})
        QVERIFY2(details.contains(expected),
                 qPrintable(expected + QLatin1String(" in ") + details));
    // Bodies, pretty-printed.
    const QString request = child<QPlainTextEdit>(&page, "requestBodyPlainTextEdit")->toPlainText();
    QVERIFY2(request.contains(QLatin1String("\"content\": \"Hi\"")), qPrintable(request));
    QVERIFY(child<QPlainTextEdit>(&page, "responseBodyPlainTextEdit")
                ->toPlainText()
                .contains(QLatin1String("rate_limit_error")));
    screenshot(&page, QStringLiteral("logs-page-detail.png"));

    QVERIFY(child<QPushButton>(&page, "copyCurlPushButton")->isEnabled());
    QSignalSpy message(&page, &LogsPage::statusMessage);
    QTest::mouseClick(child<QPushButton>(&page, "copyCurlPushButton"), Qt::LeftButton);
    const QString copied = QGuiApplication::clipboard()->text();
    QVERIFY2(copied.startsWith(QLatin1String("curl ")), qPrintable(copied));
    // No gateway serving in this test: the address comes from the settings.
    QVERIFY2(copied.contains(QLatin1String("'http://127.0.0.1:7399/v1/chat/completions'")),
             qPrintable(copied));
    QVERIFY(copied.contains(QLatin1String("$LLM_GATEWAY_TOKEN")));
    QVERIFY(copied.contains(QLatin1String("\"content\":\"Hi\"")));
    QCOMPARE(message.size(), 1);

    // A request recorded without bodies says how to get them.
    table->setCurrentIndex(page.model()->index(1, 0));
    QCOMPARE(page.selectedRecord().record.id, QByteArray("req_000008"));
    QVERIFY(child<QPlainTextEdit>(&page, "requestBodyPlainTextEdit")
                ->toPlainText()
                .startsWith(LogsPage::tr("Not recorded.").left(12)));
}

void TestRequestLogPages::logsPageExportsWhatTheFiltersShow()
{
    QList<RequestRecord> records;
    for (int i = 0; i < 25; ++i)
        records << recent(i, (25 - i) * 1000, i % 5 == 0 ? 502 : 200);
    record(records);
    LogsPage page(*m_store, *m_settings, *m_gateway);
    auto *status = child<QComboBox>(&page, "statusComboBox");
    status->setCurrentIndex(status->findText(LogsPage::tr("Failed (5xx)")));
    QCOMPARE(page.model()->rowCount(), 5);
    QSignalSpy finished(&page, &LogsPage::exportFinished);
    const QString path = m_dir->filePath(QStringLiteral("export.csv"));
    page.exportCsv(path);
    QVERIFY(!child<QPushButton>(&page, "exportCsvPushButton")->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWaitMs);
    QCOMPARE(finished.first().at(0).toBool(), true);
    QCOMPARE(finished.first().at(1).toLongLong(), 5);
    QVERIFY(child<QPushButton>(&page, "exportCsvPushButton")->isEnabled());
    QFile csv(path);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 6);
    QVERIFY(lines.first().startsWith("id,started_at,client"));
    QVERIFY2(lines.at(1).startsWith("req_000020,"), lines.at(1).constData());

    // A place that cannot be written: said, not crashed.
    finished.clear();
    page.exportCsv(m_dir->filePath(QStringLiteral("no/such/dir/export.csv")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWaitMs);
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY(finished.first().at(2).toString().contains(QLatin1String("no/such/dir")));
}

void TestRequestLogPages::logsPageSaysWhatIsInProgressAndWrong()
{
    LogsPage page(*m_store, *m_settings, *m_gateway);
    auto *status = child<QLabel>(&page, "statusLabel");
    QThread *gateway = QThread::create([this] {
        m_store->requestStarted(recent(1, 0));
        m_store->requestStarted(recent(2, 0));
    });
    gateway->start();
    gateway->wait();
    delete gateway;
    QTRY_COMPARE_WITH_TIMEOUT(page.requestsInProgress(), 2, kWaitMs);
    QVERIFY2(status->text().contains(LogsPage::tr("%n in progress", nullptr, 2)),
             qPrintable(status->text()));
    record({recent(1, 0)});
    QTRY_COMPARE_WITH_TIMEOUT(page.requestsInProgress(), 1, kWaitMs);

    RequestLogSettings off = m_settings->effective().requestLog;
    off.enabled = false;
    m_store->applySettings(off);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("off")), kWaitMs);
}

void TestRequestLogPages::logsPageSaysWhyItIsEmpty()
{
    LogsPage page(*m_store, *m_settings, *m_gateway);
    auto *status = child<QLabel>(&page, "statusLabel");
    QCOMPARE(page.model()->rowCount(), 0);
    QVERIFY2(status->text().startsWith(QLatin1String("No requests recorded yet.")),
             qPrintable(status->text()));
    record({recent(1, 1000)});
    QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 1, kWaitMs);
    QVERIFY2(status->text().startsWith(LogsPage::tr("%n request(s)", nullptr, 1)),
             qPrintable(status->text()));
    // Filters that hide every row say so, rather than "0 requests".
    QTest::keyClicks(child<QLineEdit>(&page, "modelLineEdit"), QStringLiteral("no-such-model"));
    QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 0, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        status->text().startsWith(QLatin1String("No recorded request matches these filters.")),
        kWaitMs);
}

void TestRequestLogPages::usagePageSumsCostsAndChart()
{
    const QDateTime now = QDateTime::currentDateTime();
    const qint64 sinceMidnight = UsagePage::rangeStart(UsagePage::Range::Today).msecsTo(now);
    const qint64 day = 24LL * 3600 * 1000;
    // Today (gpt-4o, priced), 3 days ago (llama, not priced), 20 days ago, 40 days ago; the
    // older ones at midday, away from any midnight (and DST change).
    RequestRecord today = recent(1, sinceMidnight / 2);
    today.usage = {};
    today.usage.promptTokens = 1000000;
    today.usage.completionTokens = 100000;
    RequestRecord thisWeek = recent(2, sinceMidnight + 2 * day + day / 2, 200,
                                    QStringLiteral("ollama"), QStringLiteral("llama3.2"));
    thisWeek.usage = {};
    thisWeek.usage.promptTokens = 5000;
    thisWeek.usage.completionTokens = 500;
    RequestRecord thisMonth = recent(3, sinceMidnight + 19 * day + day / 2);
    thisMonth.usage = {};
    thisMonth.usage.promptTokens = 200;
    thisMonth.usage.completionTokens = 20;
    RequestRecord older = recent(4, sinceMidnight + 39 * day + day / 2);
    record({today, thisWeek, thisMonth, older});

    UsagePage page(*m_store, *m_settings);
    page.resize(1000, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const QLocale locale;
    const QString todayText = child<QLabel>(&page, "todayLabel")->text();
    QVERIFY2(todayText.contains(UsagePage::tr("%n request(s)", nullptr, 1)), qPrintable(todayText));
    QVERIFY2(todayText.contains(locale.toString(1100000)), qPrintable(todayText));
    // 1M prompt at 2.5 + 0.1M completion at 10 per million: 3.50.
    QVERIFY2(todayText.contains(locale.toString(3.5, 'f', 2)), qPrintable(todayText));
    const QString weekText = child<QLabel>(&page, "weekLabel")->text();
    QVERIFY2(weekText.contains(UsagePage::tr("%n request(s)", nullptr, 2)), qPrintable(weekText));
    QVERIFY2(weekText.contains(locale.toString(1105500)), qPrintable(weekText));
    const QString monthText = child<QLabel>(&page, "monthLabel")->text();
    QVERIFY2(monthText.contains(UsagePage::tr("%n request(s)", nullptr, 3)), qPrintable(monthText));

    auto *range = child<QComboBox>(&page, "rangeComboBox");
    range->setCurrentIndex(range->findData(int(UsagePage::Range::Month)));
    UsageModel *model = page.model();
    QCOMPARE(model->rowCount(), 3); // gpt-4o, llama3.2, the sum
    QCOMPARE(model->totals().first().model, QStringLiteral("gpt-4o"));
    QCOMPARE(model->totals().first().requests, 2);
    QCOMPARE(model->sum().totalTokens(), 1105720);
    // llama3.2 has tokens and no price: the note says how to add one.
    const QString note = child<QLabel>(&page, "costNoteLabel")->text();
    QVERIFY2(note.contains(QLatin1String("llama3.2")) && note.contains(QLatin1String("prices")) &&
                 !note.contains(QLatin1String("gpt-4o,")),
             qPrintable(note));
    QCOMPARE(model->unpricedModels(), QStringList({QStringLiteral("llama3.2")}));

    // The chart: 30 days, oldest first, today last; the bars add up to the month's tokens.
    const QList<qint64> prompt = page.chart()->promptSeries();
    const QList<qint64> completion = page.chart()->completionSeries();
    QCOMPARE(prompt.size(), 30);
    const QStringList labels = page.chart()->dayLabels();
    QCOMPARE(labels.size(), 30);
    QCOMPARE(labels.last(), QString::number(QDate::currentDate().day())); // today is labelled
    QCOMPARE(QSet<QString>(labels.begin(), labels.end()).size(), 30);     // distinct categories
    QCOMPARE(prompt.last(), 1000000);
    QCOMPARE(completion.last(), 100000);
    QCOMPARE(prompt.at(29 - 3), 5000);
    QCOMPARE(prompt.at(29 - 20), 200);
    qint64 total = 0;
    for (int i = 0; i < 30; ++i)
        total += prompt.at(i) + completion.at(i);
    QCOMPARE(total, model->sum().totalTokens());
    screenshot(&page, QStringLiteral("usage-page.png"));

    // New requests show without a click.
    RequestRecord another = recent(5, 0);
    another.usage = {};
    another.usage.promptTokens = 7;
    another.usage.completionTokens = 3;
    record({another});
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(&page, "todayLabel")
                                 ->text()
                                 .contains(UsagePage::tr("%n request(s)", nullptr, 2)),
                             kWaitMs);
}

QTEST_MAIN(TestRequestLogPages)
#include "TestRequestLogPages.moc"
