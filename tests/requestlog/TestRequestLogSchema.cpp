// The request log's layout: a new file gets the current version; a file of an older version
// is upgraded with its rows kept; a newer file is refused; a step that fails leaves the file
// at the version it had.
#include "RecordFactory.h"
#include "requestlog/RequestLogReader.h"
#include "requestlog/RequestLogSchema.h"
#include "requestlog/RequestLogWriter.h"
#include "requestlog/SqliteConnection.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestRequestLogSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void newFileGetsTheCurrentLayout();
    void olderFileIsUpgradedKeepingItsRows();
    void version2IsUpgradedWithUsageSums();
    void olderFileIsReadBeforeTheUpgrade_data();
    void olderFileIsReadBeforeTheUpgrade();
    void newerFileIsRefused();
    void failedStepLeavesThePreviousVersion();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("requests.db")); }
    static QStringList objectNames(SqliteConnection &db, const QString &type);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRequestLogSchema::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QStringList TestRequestLogSchema::objectNames(SqliteConnection &db, const QString &type)
{
    QSqlQuery q(db.database());
    q.prepare(QStringLiteral("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE "
                             "'sqlite_%' ORDER BY name"));
    q.bindValue(0, type);
    q.exec();
    QStringList names;
    while (q.next())
        names << q.value(0).toString();
    return names;
}

void TestRequestLogSchema::newFileGetsTheCurrentLayout()
{
    SqliteConnection db(dbPath(), SqliteConnection::Mode::ReadWrite, 1000);
    QVERIFY(db.open());
    QCOMPARE(RequestLogSchema::version(db), 0);
    QString error;
    QVERIFY2(RequestLogSchema::migrate(db, &error), qPrintable(error));
    QCOMPARE(RequestLogSchema::version(db), RequestLogSchema::kCurrentVersion);
    QCOMPARE(objectNames(db, QStringLiteral("table")),
             QStringList({QStringLiteral("request_bodies"), QStringLiteral("requests"),
                          QStringLiteral("usage_buckets")}));
    // An index for each filter of the Logs page (time, status, provider, model, client).
    QCOMPARE(
        objectNames(db, QStringLiteral("index")),
        QStringList({QStringLiteral("requests_by_client"), QStringLiteral("requests_by_model"),
                     QStringLiteral("requests_by_provider"), QStringLiteral("requests_by_status"),
                     QStringLiteral("requests_by_time")}));
    // Migrating again is a no-op.
    QVERIFY2(RequestLogSchema::migrate(db, &error), qPrintable(error));
    QCOMPARE(RequestLogSchema::version(db), RequestLogSchema::kCurrentVersion);
}

void TestRequestLogSchema::olderFileIsUpgradedKeepingItsRows()
{
    {
        // A file as the first layout left it, with rows written in that layout.
        SqliteConnection db(dbPath(), SqliteConnection::Mode::ReadWrite, 1000);
        QVERIFY(db.open());
        QString error;
        QVERIFY2(RequestLogSchema::migrate(db, &error, 1), qPrintable(error));
        QCOMPARE(RequestLogSchema::version(db), 1);
        QCOMPARE(objectNames(db, QStringLiteral("table")),
                 QStringList({QStringLiteral("requests")}));
        for (int i = 1; i <= 3; ++i) {
            QVERIFY(db.exec(
                QStringLiteral("INSERT INTO requests (request_id, started_at, model, provider, "
                               "status, prompt_tokens) VALUES ('old-%1', %2, 'gpt-4o', "
                               "'openai', 200, %3)")
                    .arg(i)
                    .arg(1700000000000LL + i)
                    .arg(i * 10)));
        }
    }
    // The writer upgrades it on open and writes in the new layout.
    RequestLogWriter writer(dbPath());
    QVERIFY2(writer.open(), qPrintable(writer.errorText()));
    QCOMPARE(writer.rowCount(), 3);
    RequestRecord withBody = RecordFactory::make(4, 1700000000004LL);
    withBody.requestBody = "{\"model\":\"gpt-4o\"}";
    QList<qint64> seqs;
    QVERIFY2(writer.write({withBody}, true, 1000, &seqs), qPrintable(writer.errorText()));

    SqliteConnection check(dbPath(), SqliteConnection::Mode::ReadOnly, 1000);
    QVERIFY(check.open());
    QCOMPARE(RequestLogSchema::version(check), RequestLogSchema::kCurrentVersion);

    RequestLogReader reader(dbPath());
    QList<StoredRecord> rows;
    QVERIFY2(reader.records({}, 10, &rows), qPrintable(reader.errorText()));
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows.at(0).record.id, QByteArray("req-4"));
    QCOMPARE(rows.at(3).record.id, QByteArray("old-1"));
    QCOMPARE(rows.at(3).record.usage.promptTokens, 10);
    QCOMPARE(rows.at(3).record.usage.completionTokens, -1); // NULL in the old row
    StoredRecord full;
    QVERIFY(reader.record(seqs.first(), &full));
    QCOMPARE(full.record.requestBody, withBody.requestBody);
}

void TestRequestLogSchema::version2IsUpgradedWithUsageSums()
{
    // Records written in layout 2, by the writer of that layout's statements.
    QList<RequestRecord> records;
    for (int i = 0; i < 40; ++i) {
        records << RecordFactory::make(
            i, 1767225600000LL + i * 7 * 60000, i % 5 == 0 ? 502 : 200,
            i % 2 ? QStringLiteral("openai") : QStringLiteral("deepseek"),
            i % 2 ? QStringLiteral("gpt-4o") : QStringLiteral("deepseek-chat"));
    }
    {
        SqliteConnection db(dbPath(), SqliteConnection::Mode::ReadWrite, 1000);
        QVERIFY(db.open());
        QString error;
        QVERIFY2(RequestLogSchema::migrate(db, &error, 2), qPrintable(error));
        QSqlQuery q(db.database());
        QVERIFY(q.prepare(QStringLiteral(
            "INSERT INTO requests (request_id, started_at, provider, model, upstream_model, "
            "status, prompt_tokens, completion_tokens, cached_tokens) VALUES "
            "(?,?,?,?,?,?,?,?,?)")));
        for (const RequestRecord &r : std::as_const(records)) {
            q.bindValue(0, QString::fromLatin1(r.id));
            q.bindValue(1, r.startedAt.toMSecsSinceEpoch());
            q.bindValue(2, r.providerId);
            q.bindValue(3, r.requestedModel);
            q.bindValue(4, r.upstreamModel);
            q.bindValue(5, r.status);
            q.bindValue(6, r.usage.promptTokens);
            q.bindValue(7, r.usage.completionTokens);
            q.bindValue(8, r.usage.cachedTokens >= 0 ? QVariant(r.usage.cachedTokens)
                                                     : QVariant(QMetaType::fromType<qint64>()));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
    }
    RequestLogWriter writer(dbPath());
    QVERIFY2(writer.open(), qPrintable(writer.errorText()));
    RequestLogReader reader(dbPath());
    QList<UsageTotals> totals;
    QVERIFY2(reader.usage(-1, -1, &totals), qPrintable(reader.errorText()));
    QCOMPARE(totals.size(), 2);
    for (const UsageTotals &t : std::as_const(totals)) {
        UsageTotals expected;
        for (const RequestRecord &r : std::as_const(records)) {
            if (r.providerId != t.provider)
                continue;
            ++expected.requests;
            expected.errors += r.status >= 400;
            expected.promptTokens += r.usage.promptTokens;
            expected.completionTokens += r.usage.completionTokens;
            expected.cachedTokens += qMax<qint64>(0, r.usage.cachedTokens);
        }
        QCOMPARE(t.requests, expected.requests);
        QCOMPARE(t.errors, expected.errors);
        QCOMPARE(t.promptTokens, expected.promptTokens);
        QCOMPARE(t.completionTokens, expected.completionTokens);
        QCOMPARE(t.cachedTokens, expected.cachedTokens);
    }
    // The old rows read back with the new column empty.
    QList<StoredRecord> rows;
    QVERIFY(reader.records({}, 1, &rows));
    QVERIFY(rows.first().record.notes.isEmpty());
}

void TestRequestLogSchema::olderFileIsReadBeforeTheUpgrade_data()
{
    QTest::addColumn<int>("version");
    for (int v = 1; v < RequestLogSchema::kCurrentVersion; ++v)
        QTest::addRow("layout %d", v) << v;
}

void TestRequestLogSchema::olderFileIsReadBeforeTheUpgrade()
{
    // `llm-gateway logs` from a new build, before a gateway of that build opened the file.
    QFETCH(int, version);
    {
        SqliteConnection db(dbPath(), SqliteConnection::Mode::ReadWrite, 1000);
        QVERIFY(db.open());
        QString error;
        QVERIFY2(RequestLogSchema::migrate(db, &error, version), qPrintable(error));
        for (int i = 1; i <= 3; ++i) {
            QVERIFY(db.exec(QStringLiteral("INSERT INTO requests (request_id, started_at, model, "
                                           "provider, upstream_model, status, prompt_tokens, "
                                           "completion_tokens) VALUES ('old-%1', %2, 'gpt-4o', "
                                           "'openai', 'gpt-4o', %3, %4, 5)")
                                .arg(i)
                                .arg(1767225600000LL + i * 1000)
                                .arg(i == 3 ? 502 : 200)
                                .arg(i * 10)));
        }
    }
    RequestLogReader reader(dbPath());
    QList<StoredRecord> rows;
    QVERIFY2(reader.records({}, 10, &rows), qPrintable(reader.errorText()));
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.first().record.id, QByteArray("old-3"));
    StoredRecord one;
    QVERIFY2(reader.record(rows.first().seq, &one), qPrintable(reader.errorText()));
    QCOMPARE(one.record.status, 502);
    QList<UsageTotals> totals;
    QVERIFY2(reader.usage(-1, -1, &totals), qPrintable(reader.errorText()));
    QCOMPARE(totals.size(), 1);
    QCOMPARE(totals.first().requests, 3);
    QCOMPARE(totals.first().errors, 1);
    QCOMPARE(totals.first().promptTokens, 60);
    QList<DailyTokens> days;
    QVERIFY2(reader.dailyTokens(0, &days), qPrintable(reader.errorText()));
    QCOMPARE(days.size(), 1);
    QCOMPARE(days.first().promptTokens, 60);
    // The reader left the file as it was.
    SqliteConnection check(dbPath(), SqliteConnection::Mode::ReadOnly, 1000);
    QVERIFY(check.open());
    QCOMPARE(RequestLogSchema::version(check), version);
}

void TestRequestLogSchema::newerFileIsRefused()
{
    {
        SqliteConnection db(dbPath(), SqliteConnection::Mode::ReadWrite, 1000);
        QVERIFY(db.open());
        QVERIFY(db.exec(
            QStringLiteral("PRAGMA user_version = %1").arg(RequestLogSchema::kCurrentVersion + 1)));
    }
    RequestLogWriter writer(dbPath());
    QVERIFY(!writer.open());
    QVERIFY2(writer.errorText().contains(QLatin1String("newer")), qPrintable(writer.errorText()));
    // Nothing was created in the newer file.
    SqliteConnection check(dbPath(), SqliteConnection::Mode::ReadOnly, 1000);
    QVERIFY(check.open());
    QCOMPARE(objectNames(check, QStringLiteral("table")), QStringList());
}

void TestRequestLogSchema::failedStepLeavesThePreviousVersion()
{
    SqliteConnection db(dbPath(), SqliteConnection::Mode::ReadWrite, 1000);
    QVERIFY(db.open());
    QString error;
    QVERIFY(RequestLogSchema::migrate(db, &error, 1));
    // Something in the way of step 2: an object with the name its index wants.
    QVERIFY(db.exec(QStringLiteral("CREATE TABLE requests_by_client (x)")));
    QVERIFY(!RequestLogSchema::migrate(db, &error));
    QVERIFY2(error.contains(QLatin1String("requests_by_client")), qPrintable(error));
    QCOMPARE(RequestLogSchema::version(db), 1);
    // The step's earlier statements were rolled back with it.
    QVERIFY(!objectNames(db, QStringLiteral("table")).contains(QStringLiteral("request_bodies")));
    QVERIFY(
        !objectNames(db, QStringLiteral("index")).contains(QStringLiteral("requests_by_status")));
}

QTEST_GUILESS_MAIN(TestRequestLogSchema)
#include "TestRequestLogSchema.moc"
