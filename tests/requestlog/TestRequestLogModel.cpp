// The Logs page's model over the store: pages read as the view scrolls, newest first, no
// repeats or gaps; filters; records written later inserted at their place without a reset;
// a record both read and announced shown once; the usage table's sums and cost estimate.
// Every model runs under QAbstractItemModelTester.
#include "RecordFactory.h"
#include "logs/RequestLogModel.h"
#include "requestlog/RequestLogWriter.h"
#include "usage/UsageModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr qint64 kT0 = 1767225600000LL;
}

class TestRequestLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void pagesAsTheViewScrolls();
    void filterReloads();
    void liveRecordsAtTheirPlace();
    void recordReadAndAnnouncedIsShownOnce();
    void missingFileThenLiveRecords();
    void cellsSayWhatHappened();
    void usageSumsAndCost();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("requests.db")); }
    /// Writes the records; returns them with their row numbers.
    QList<StoredRecord> write(const QList<RequestRecord> &records);
    static QList<QByteArray> ids(const RequestLogModel &model);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RequestLogWriter> m_writer;
};

void TestRequestLogModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_writer = std::make_unique<RequestLogWriter>(dbPath());
}

QList<StoredRecord> TestRequestLogModel::write(const QList<RequestRecord> &records)
{
    if (!m_writer->isOpen() && !m_writer->open())
        return {};
    QList<qint64> seqs;
    if (!m_writer->write(records, false, 0, &seqs))
        return {};
    QList<StoredRecord> stored;
    for (qsizetype i = 0; i < records.size(); ++i)
        stored << StoredRecord{seqs.at(i), records.at(i)};
    return stored;
}

QList<QByteArray> TestRequestLogModel::ids(const RequestLogModel &model)
{
    QList<QByteArray> list;
    for (int row = 0; row < model.rowCount(); ++row)
        list << model.storedRecord(row).record.id;
    return list;
}

void TestRequestLogModel::pagesAsTheViewScrolls()
{
    QList<RequestRecord> records;
    for (int i = 0; i < 95; ++i)
        records << RecordFactory::make(i, kT0 + (i / 3) * 1000); // ties in start time
    QCOMPARE(write(records).size(), 95);
    RequestLogModel model(dbPath());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(20);
    model.reload();
    QCOMPARE(model.rowCount(), 20); // the first page only
    QVERIFY(model.canFetchMore(QModelIndex()));
    while (model.canFetchMore(QModelIndex()))
        model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), 95);
    QList<QByteArray> expected;
    for (int i = 94; i >= 0; --i)
        expected << "req-" + QByteArray::number(i);
    QCOMPARE(ids(model), expected);
    QVERIFY(model.errorText().isEmpty());
}

void TestRequestLogModel::filterReloads()
{
    QList<RequestRecord> records;
    for (int i = 0; i < 30; ++i)
        records << RecordFactory::make(i, kT0 + i * 1000, i % 5 == 0 ? 502 : 200);
    write(records);
    RequestLogModel model(dbPath());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.reload();
    QCOMPARE(model.rowCount(), 30);
    RequestLogFilter errors;
    errors.statusMin = 500;
    errors.statusMax = 599;
    model.setFilter(errors);
    QCOMPARE(ids(model),
             QList<QByteArray>({"req-25", "req-20", "req-15", "req-10", "req-5", "req-0"}));
    QVERIFY(!model.canFetchMore(QModelIndex()));
}

void TestRequestLogModel::liveRecordsAtTheirPlace()
{
    QList<RequestRecord> records;
    for (int i = 0; i < 50; ++i)
        records << RecordFactory::make(i, kT0 + i * 1000);
    write(records);
    RequestLogModel model(dbPath());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(10);
    model.reload(); // req-49 .. req-40
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    // Written now: the newest at the top; a long stream that started between loaded rows at
    // its place; one older than everything loaded waits for fetchMore; a filtered-out one
    // never comes.
    RequestRecord newest = RecordFactory::make(100, kT0 + 60 * 1000);
    RequestRecord between = RecordFactory::make(101, kT0 + 44 * 1000 + 500);
    RequestRecord older = RecordFactory::make(102, kT0 + 5 * 1000 + 500);
    QList<StoredRecord> live = write({newest, between, older});
    RequestLogFilter onlyOpenAi;
    model.addRecords(live);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(model.rowCount(), 12);
    QCOMPARE(model.storedRecord(0).record.id, QByteArray("req-100"));
    QCOMPARE(model.storedRecord(6).record.id, QByteArray("req-101")); // after req-45
    QCOMPARE(model.storedRecord(5).record.id, QByteArray("req-45"));
    QCOMPARE(model.storedRecord(7).record.id, QByteArray("req-44"));
    // Scrolling down reads the rest, the older live one at its place, nothing twice.
    while (model.canFetchMore(QModelIndex()))
        model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), 53);
    const QList<QByteArray> all = ids(model);
    QCOMPARE(QSet<QByteArray>(all.begin(), all.end()).size(), 53);
    QCOMPARE(all.at(all.indexOf("req-5") - 1), QByteArray("req-102"));

    RequestLogFilter deepseek;
    deepseek.provider = QStringLiteral("deepseek");
    model.setFilter(deepseek);
    QCOMPARE(model.rowCount(), 0);
    model.addRecords(write({RecordFactory::make(103, kT0 + 70 * 1000)})); // openai
    QCOMPARE(model.rowCount(), 0);
    model.addRecords(
        write({RecordFactory::make(104, kT0 + 71 * 1000, 200, QStringLiteral("deepseek"))}));
    QCOMPARE(ids(model), QList<QByteArray>({"req-104"}));
}

void TestRequestLogModel::recordReadAndAnnouncedIsShownOnce()
{
    // The writer commits, the page is read, then the writer's signal arrives: the record is
    // already there and must not be added again.
    QList<StoredRecord> stored =
        write({RecordFactory::make(1, kT0), RecordFactory::make(2, kT0 + 1)});
    RequestLogModel model(dbPath());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.reload();
    QCOMPARE(model.rowCount(), 2);
    model.addRecords(stored);
    QCOMPARE(model.rowCount(), 2);
}

void TestRequestLogModel::missingFileThenLiveRecords()
{
    RequestLogModel model(dbPath());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy failed(&model, &RequestLogModel::readFailed);
    model.reload();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore(QModelIndex())); // no file yet: the view does not keep asking
    QCOMPARE(failed.size(), 0);                  // nothing recorded yet is not an error
    model.addRecords(write({RecordFactory::make(1, kT0), RecordFactory::make(2, kT0 + 5)}));
    QCOMPARE(ids(model), QList<QByteArray>({"req-2", "req-1"}));
    model.reload();
    QCOMPARE(ids(model), QList<QByteArray>({"req-2", "req-1"}));
}

void TestRequestLogModel::cellsSayWhatHappened()
{
    RequestRecord slow = RecordFactory::make(3, QDateTime::currentMSecsSinceEpoch(), 502);
    slow.latencyMs = 12345;
    slow.upstreamModel = QStringLiteral("gpt-4o-2024-11-20");
    slow.errorMessage = QStringLiteral("Provider 'openai' answered 500.\nMore detail");
    write({slow});
    RequestLogModel model(dbPath());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.reload();
    const auto cell = [&](int column, int role = Qt::DisplayRole) {
        return model.data(model.index(0, column), role);
    };
    QCOMPARE(cell(RequestLogModel::StatusColumn).toInt(), 502);
    QVERIFY(cell(RequestLogModel::StatusColumn, Qt::ForegroundRole).isValid());
    QCOMPARE(cell(RequestLogModel::LatencyColumn).toString(), QStringLiteral("12.35 s"));
    QCOMPARE(cell(RequestLogModel::FirstTokenColumn).toString(), QStringLiteral("13 ms"));
    QCOMPARE(cell(RequestLogModel::PromptTokensColumn).toString(), QStringLiteral("30"));
    QCOMPARE(cell(RequestLogModel::ErrorColumn).toString(),
             QStringLiteral("Provider 'openai' answered 500."));
    QCOMPARE(cell(RequestLogModel::ErrorColumn, Qt::ToolTipRole).toString(), slow.errorMessage);
    QVERIFY(cell(RequestLogModel::ModelColumn, Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("gpt-4o-2024-11-20")));
    QCOMPARE(cell(RequestLogModel::PathColumn).toString(),
             QStringLiteral("POST /v1/chat/completions"));
    QVERIFY(cell(RequestLogModel::TimeColumn).toString().size() == 8); // today: HH:mm:ss
    QCOMPARE(cell(RequestLogModel::TimeColumn, RequestLogModel::SeqRole).toLongLong(),
             model.storedRecord(0).seq);
}

void TestRequestLogModel::usageSumsAndCost()
{
    UsageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    UsageTotals gpt;
    gpt.provider = QStringLiteral("openai");
    gpt.model = QStringLiteral("gpt-4o");
    gpt.requests = 10;
    gpt.errors = 1;
    gpt.promptTokens = 2000000;
    gpt.cachedTokens = 1000000;
    gpt.completionTokens = 100000;
    UsageTotals local;
    local.provider = QStringLiteral("ollama");
    local.model = QStringLiteral("llama3.2");
    local.requests = 3;
    local.promptTokens = 500;
    local.completionTokens = 50;
    ProviderSettings openai;
    openai.id = QStringLiteral("openai");
    openai.modelPrices.insert(QStringLiteral("gpt-4o"), ModelPrice{2.5, 10, 1.25});
    model.setTotals({gpt, local}, {openai});
    QCOMPARE(model.rowCount(), 3);
    const auto cell = [&](int row, int column) {
        return model.data(model.index(row, column)).toString();
    };
    QCOMPARE(cell(0, UsageModel::TotalTokensColumn), QLocale().toString(2100000));
    // 1M uncached at 2.5 + 1M cached at 1.25 + 0.1M out at 10 = 4.75
    QCOMPARE(cell(0, UsageModel::CostColumn), QLocale().toString(4.75, 'f', 4));
    QCOMPARE(cell(1, UsageModel::CostColumn), QStringLiteral("—"));
    QVERIFY(model.data(model.index(1, UsageModel::CostColumn), Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("prices")));
    QCOMPARE(cell(2, UsageModel::ProviderColumn), UsageModel::tr("All"));
    QCOMPARE(cell(2, UsageModel::RequestsColumn), QLocale().toString(13));
    // A model with tokens but no price: the total is a lower bound.
    QCOMPARE(cell(2, UsageModel::CostColumn),
             UsageModel::tr("≥ %1").arg(QLocale().toString(4.75, 'f', 2)));
    bool complete = true;
    QCOMPARE(model.estimatedCost(&complete), 4.75);
    QVERIFY(!complete);
}

QTEST_MAIN(TestRequestLogModel)
#include "TestRequestLogModel.moc"
