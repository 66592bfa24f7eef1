// The writer: a batch is one transaction (all of it or nothing), every SPEC §6 field comes
// back as written (unknown counts as unknown), bodies only when asked and within the cap,
// retention by age and by count (bodies go with their rows), WAL on.
#include "RecordFactory.h"
#include "requestlog/RequestLogReader.h"
#include "requestlog/RequestLogWriter.h"
#include "requestlog/SqliteConnection.h"

#include <QSqlQuery>

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <tuple>

class TestRequestLogWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void createsDirectoryAndUsesWal();
    void everyFieldRoundTrips_data();
    void everyFieldRoundTrips();
    void batchIsOneTransaction_data();
    void batchIsOneTransaction();
    void lockedFileFailsTheWholeBatch();
    void bodiesOnlyWhenAskedAndCapped_data();
    void bodiesOnlyWhenAskedAndCapped();
    void retentionByAge();
    void retentionByCount();
    void unusableDirectoryIsReported();

private:
    QString dbPath() const
    {
        return m_dir->filePath(QStringLiteral("data/llm-gateway/requests.db"));
    }
    qint64 countRows(const QString &table);
    /// The usage sums the reader gives equal the sums of the rows left.
    void checkUsageMatchesRows();

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRequestLogWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

qint64 TestRequestLogWriter::countRows(const QString &table)
{
    SqliteConnection db(dbPath(), SqliteConnection::Mode::ReadOnly, 1000);
    if (!db.open())
        return -1;
    const QVariant n = db.scalar(QStringLiteral("SELECT count(*) FROM ") + table);
    return n.isValid() ? n.toLongLong() : -1;
}

void TestRequestLogWriter::checkUsageMatchesRows()
{
    SqliteConnection db(dbPath(), SqliteConnection::Mode::ReadOnly, 1000);
    QVERIFY(db.open());
    QSqlQuery q(db.database());
    QVERIFY(q.exec(QStringLiteral(
        "SELECT provider, CASE WHEN upstream_model != '' THEN upstream_model ELSE model END, "
        "count(*), sum(status >= 400), coalesce(sum(prompt_tokens), 0), "
        "coalesce(sum(completion_tokens), 0), coalesce(sum(cached_tokens), 0) FROM requests "
        "GROUP BY 1, 2 ORDER BY 1, 2")));
    QList<QList<qint64>> fromRows;
    QStringList names;
    while (q.next()) {
        names << q.value(0).toString() + QLatin1Char('/') + q.value(1).toString();
        fromRows << QList<qint64>{q.value(2).toLongLong(), q.value(3).toLongLong(),
                                  q.value(4).toLongLong(), q.value(5).toLongLong(),
                                  q.value(6).toLongLong()};
    }
    RequestLogReader reader(dbPath());
    QList<UsageTotals> totals;
    QVERIFY2(reader.usage(-1, -1, &totals), qPrintable(reader.errorText()));
    std::sort(totals.begin(), totals.end(), [](const UsageTotals &a, const UsageTotals &b) {
        return std::tie(a.provider, a.model) < std::tie(b.provider, b.model);
    });
    QStringList gotNames;
    QList<QList<qint64>> fromBuckets;
    for (const UsageTotals &t : std::as_const(totals)) {
        gotNames << t.provider + QLatin1Char('/') + t.model;
        fromBuckets << QList<qint64>{t.requests, t.errors, t.promptTokens, t.completionTokens,
                                     t.cachedTokens};
    }
    QCOMPARE(gotNames, names);
    QCOMPARE(fromBuckets, fromRows);
}

void TestRequestLogWriter::createsDirectoryAndUsesWal()
{
    RequestLogWriter writer(dbPath());
    QVERIFY2(writer.open(), qPrintable(writer.errorText()));
    QVERIFY(QFileInfo::exists(dbPath()));
    SqliteConnection db(dbPath(), SqliteConnection::Mode::ReadOnly, 1000);
    QVERIFY(db.open());
    QCOMPARE(db.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
}

namespace {
/// Both ways of inserting: on the driver's handle (this build's SQLite is the plugin's, so
/// it must be in use) and through QSqlQuery.
void insertPaths()
{
    QTest::addColumn<bool>("direct");
    QTest::newRow("direct") << true;
    QTest::newRow("QSqlQuery") << false;
}
} // namespace

void TestRequestLogWriter::everyFieldRoundTrips_data()
{
    insertPaths();
}

void TestRequestLogWriter::everyFieldRoundTrips()
{
    QFETCH(bool, direct);
    RequestLogWriter writer(dbPath());
    writer.setDirectInsertAllowed(direct);
    QVERIFY(writer.open());
    QCOMPARE(writer.usesDirectInsert(), direct);
    RequestRecord full = RecordFactory::make(3, 1767225600123LL, 429, QStringLiteral("deepseek"),
                                             QStringLiteral("deepseek-chat"));
    full.upstreamModel = QStringLiteral("deepseek-v3");
    full.usage.reasoningTokens = 7;
    full.format = QStringLiteral("anthropic");
    full.userAgent = QStringLiteral("claude-cli/2.0 (external, cli) — ünïcode");
    full.notes = QStringList{QStringLiteral("max_tokens lowered from 32000 to 8192"),
                             QStringLiteral("the tool 'web_search' was left out")};
    RequestRecord bare; // a refusal that knows almost nothing
    bare.id = "req-bare";
    bare.startedAt = QDateTime::fromMSecsSinceEpoch(1767225600000LL, Qt::UTC);
    bare.method = QStringLiteral("GET");
    bare.path = QStringLiteral("/v1/nothing");
    bare.status = 404;
    bare.errorMessage = QStringLiteral("Unknown path");
    QList<qint64> seqs;
    QVERIFY2(writer.write({full, bare}, false, 0, &seqs), qPrintable(writer.errorText()));
    QCOMPARE(seqs.size(), 2);
    QVERIFY(seqs.at(1) > seqs.at(0));

    RequestLogReader reader(dbPath());
    StoredRecord got;
    QVERIFY2(reader.record(seqs.at(0), &got), qPrintable(reader.errorText()));
    const RequestRecord &r = got.record;
    QCOMPARE(r.id, full.id);
    QCOMPARE(r.startedAt, full.startedAt);
    QCOMPARE(r.startedAt.timeSpec(), Qt::UTC);
    QCOMPARE(r.userAgent, full.userAgent);
    QCOMPARE(r.method, full.method);
    QCOMPARE(r.path, full.path);
    QCOMPARE(r.format, full.format);
    QCOMPARE(r.requestedModel, full.requestedModel);
    QCOMPARE(r.providerId, full.providerId);
    QCOMPARE(r.upstreamModel, full.upstreamModel);
    QCOMPARE(r.stream, full.stream);
    QCOMPARE(r.status, full.status);
    QCOMPARE(r.errorMessage, full.errorMessage);
    QCOMPARE(r.latencyMs, full.latencyMs);
    QCOMPARE(r.firstTokenMs, full.firstTokenMs);
    QCOMPARE(r.usage.promptTokens, full.usage.promptTokens);
    QCOMPARE(r.usage.completionTokens, full.usage.completionTokens);
    QCOMPARE(r.usage.cachedTokens, full.usage.cachedTokens);
    QCOMPARE(r.usage.reasoningTokens, 7);
    QCOMPARE(r.requestBytes, full.requestBytes);
    QCOMPARE(r.responseBytes, full.responseBytes);
    QCOMPARE(r.notes, full.notes);

    QVERIFY(reader.record(seqs.at(1), &got));
    QCOMPARE(got.record.id, QByteArray("req-bare"));
    QCOMPARE(got.record.status, 404);
    QCOMPARE(got.record.firstTokenMs, -1);
    QCOMPARE(got.record.usage.promptTokens, -1);
    QCOMPARE(got.record.usage.completionTokens, -1);
    QCOMPARE(got.record.usage.cachedTokens, -1);
    QVERIFY(got.record.providerId.isEmpty());
}

void TestRequestLogWriter::batchIsOneTransaction_data()
{
    insertPaths();
}

void TestRequestLogWriter::batchIsOneTransaction()
{
    QFETCH(bool, direct);
    RequestLogWriter writer(dbPath());
    writer.setDirectInsertAllowed(direct);
    QVERIFY(writer.open());
    QCOMPARE(writer.usesDirectInsert(), direct);
    QList<RequestRecord> batch;
    for (int i = 0; i < 500; ++i)
        batch << RecordFactory::make(i, 1767225600000LL + i);
    QList<qint64> seqs;
    QVERIFY(writer.write(batch, false, 0, &seqs));
    QCOMPARE(seqs.size(), 500);
    QCOMPARE(writer.rowCount(), 500);
    QCOMPARE(countRows(QStringLiteral("requests")), 500);
    // Rows are in the order handed over.
    for (int i = 1; i < seqs.size(); ++i)
        QCOMPARE(seqs.at(i), seqs.at(i - 1) + 1);

    // A row that fails in the middle of a batch takes the whole batch with it.
    {
        SqliteConnection other(dbPath(), SqliteConnection::Mode::ReadWrite, 1000);
        QVERIFY(other.open());
        QVERIFY(other.exec(QStringLiteral(
            "CREATE TRIGGER poison BEFORE INSERT ON requests WHEN NEW.request_id = 'req-poison' "
            "BEGIN SELECT RAISE(ABORT, 'poisoned row'); END")));
    }
    QList<RequestRecord> second;
    for (int i = 0; i < 10; ++i)
        second << RecordFactory::make(1000 + i, 1767225700000LL + i);
    second[5].id = "req-poison";
    seqs.clear();
    QVERIFY(!writer.write(second, false, 0, &seqs));
    QVERIFY2(writer.errorText().contains(QLatin1String("poisoned row")),
             qPrintable(writer.errorText()));
    QVERIFY(seqs.isEmpty());
    QCOMPARE(countRows(QStringLiteral("requests")), 500);
    QCOMPARE(writer.rowCount(), 500);
    checkUsageMatchesRows(); // the failed batch added no usage either
}

void TestRequestLogWriter::lockedFileFailsTheWholeBatch()
{
    RequestLogWriter writer(dbPath());
    QVERIFY(writer.open());
    QList<qint64> seqs;
    QVERIFY(writer.write({RecordFactory::make(1, 1000)}, false, 0, &seqs));

    // Another connection holds the write lock past the writer's busy timeout.
    SqliteConnection other(dbPath(), SqliteConnection::Mode::ReadWrite, 100);
    QVERIFY(other.open());
    QVERIFY(other.exec(QStringLiteral("BEGIN IMMEDIATE")));
    seqs.clear();
    QVERIFY(!writer.write({RecordFactory::make(2, 2000), RecordFactory::make(3, 3000)}, false, 0,
                          &seqs));
    QCOMPARE(writer.problem(), SqliteProblem::Locked);
    QVERIFY(seqs.isEmpty());
    QVERIFY(other.exec(QStringLiteral("ROLLBACK")));
    QCOMPARE(countRows(QStringLiteral("requests")), 1);
    QCOMPARE(writer.rowCount(), 1);
    // Once the lock is gone the same writer goes on.
    QVERIFY2(writer.write({RecordFactory::make(4, 4000)}, false, 0, &seqs),
             qPrintable(writer.errorText()));
    QCOMPARE(countRows(QStringLiteral("requests")), 2);
}

void TestRequestLogWriter::bodiesOnlyWhenAskedAndCapped_data()
{
    insertPaths();
}

void TestRequestLogWriter::bodiesOnlyWhenAskedAndCapped()
{
    QFETCH(bool, direct);
    RequestLogWriter writer(dbPath());
    writer.setDirectInsertAllowed(direct);
    QVERIFY(writer.open());
    RequestRecord r = RecordFactory::make(1, 1000);
    r.requestBody = QByteArray(5000, 'q');
    r.responseBody = "{\"ok\":true}";
    QList<qint64> seqs;
    QVERIFY(writer.write({r}, false, 100000, &seqs));
    QCOMPARE(countRows(QStringLiteral("request_bodies")), 0);
    QVERIFY(writer.write({r}, true, 1024, &seqs));
    QCOMPARE(countRows(QStringLiteral("request_bodies")), 1);

    RequestLogReader reader(dbPath());
    StoredRecord got;
    QVERIFY(reader.record(seqs.at(0), &got));
    QVERIFY(got.record.requestBody.isEmpty());
    QVERIFY(reader.record(seqs.at(1), &got));
    QCOMPARE(got.record.requestBody, QByteArray(1024, 'q'));
    QCOMPARE(got.record.responseBody, r.responseBody);
}

void TestRequestLogWriter::retentionByAge()
{
    RequestLogWriter writer(dbPath());
    QVERIFY(writer.open());
    QList<RequestRecord> batch;
    for (int i = 0; i < 20; ++i) {
        RequestRecord r = RecordFactory::make(i, 1000000 + i * 1000);
        r.requestBody = "body " + QByteArray::number(i);
        batch << r;
    }
    QList<qint64> seqs;
    QVERIFY(writer.write(batch, true, 1000, &seqs));
    // Records started before 1,012,000 ms: 12 of them, deleted 5 at a time.
    QCOMPARE(writer.deleteOlderThan(1012000, 5), 5);
    QCOMPARE(writer.deleteOlderThan(1012000, 5), 5);
    QCOMPARE(writer.deleteOlderThan(1012000, 5), 2);
    QCOMPARE(writer.deleteOlderThan(1012000, 5), 0);
    QCOMPARE(writer.rowCount(), 8);
    QCOMPARE(countRows(QStringLiteral("requests")), 8);
    QCOMPARE(countRows(QStringLiteral("request_bodies")), 8); // the bodies went with them
    checkUsageMatchesRows();                                  // and their usage

    RequestLogReader reader(dbPath());
    QList<StoredRecord> rows;
    QVERIFY(reader.records({}, 100, &rows));
    QCOMPARE(rows.last().record.id, QByteArray("req-12"));
}

void TestRequestLogWriter::retentionByCount()
{
    RequestLogWriter writer(dbPath());
    QVERIFY(writer.open());
    QList<RequestRecord> batch;
    // Written out of start order (a long stream finishes after short calls started later).
    for (int i = 0; i < 10; ++i)
        batch << RecordFactory::make(i, 1000000 + ((i * 7) % 10) * 1000);
    QList<qint64> seqs;
    QVERIFY(writer.write(batch, false, 0, &seqs));
    QCOMPARE(writer.deleteOldest(4), 4);
    QCOMPARE(writer.rowCount(), 6);
    checkUsageMatchesRows();
    RequestLogReader reader(dbPath());
    QList<StoredRecord> rows;
    QVERIFY(reader.records({}, 100, &rows));
    QCOMPARE(rows.size(), 6);
    // The oldest by start time went, whatever their order of writing.
    for (const StoredRecord &r : std::as_const(rows))
        QVERIFY(r.record.startedAt.toMSecsSinceEpoch() >= 1004000);
    // The count is right again after another process changed the file.
    SqliteConnection other(dbPath(), SqliteConnection::Mode::ReadWrite, 1000);
    QVERIFY(other.open());
    QVERIFY(other.exec(QStringLiteral("DELETE FROM requests WHERE started_at < 1006000")));
    QVERIFY(writer.recount());
    QCOMPARE(writer.rowCount(), 4);
}

void TestRequestLogWriter::unusableDirectoryIsReported()
{
    // Where the data directory should be there is a file: nothing can be created there,
    // whoever runs the test (root ignores permissions, not this).
    QFile blocker(m_dir->filePath(QStringLiteral("data")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    RequestLogWriter writer(dbPath());
    QVERIFY(!writer.open());
    QCOMPARE(writer.problem(), SqliteProblem::ReadOnly);
    QVERIFY2(writer.errorText().contains(m_dir->filePath(QStringLiteral("data"))),
             qPrintable(writer.errorText()));
    QList<qint64> seqs;
    QVERIFY(!writer.write({RecordFactory::make(1, 1000)}, false, 0, &seqs));
}

QTEST_GUILESS_MAIN(TestRequestLogWriter)
#include "TestRequestLogWriter.moc"
