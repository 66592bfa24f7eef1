// Reading the log: each filter (in SQL, and the same rule for live records), pages newest
// first without gaps or repeats, usage sums per provider and model, tokens per local day,
// the command line's --since/--status forms, and the JSON keys of SPEC §6.
#include "RecordFactory.h"
#include "requestlog/RequestLogReader.h"
#include "requestlog/RequestLogWriter.h"
#include "requestlog/RequestRecordJson.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>

Q_DECLARE_METATYPE(RequestLogFilter)

namespace {
// 2026-01-01T00:00:00Z; the test runs at UTC+8, where that is 08:00 on Jan 1.
constexpr qint64 kT0 = 1767225600000LL;
constexpr qint64 kHour = 3600 * 1000;
} // namespace

class TestRequestLogReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void missingFileIsSaidPlainly();
    void newestFirstInPages();
    void filters_data();
    void filters();
    void usageSums();
    void usageOfAnyRangeMatchesTheRecords();
    void dailyTokensByLocalDay();
    void parseStatus_data();
    void parseStatus();
    void parseSince_data();
    void parseSince();
    void jsonHasTheSpecKeys();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("requests.db")); }
    void write(const QList<RequestRecord> &records);
    /// The sample used by filters(): a mix of providers, models, statuses and clients.
    QList<RequestRecord> sample() const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRequestLogReader::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestRequestLogReader::write(const QList<RequestRecord> &records)
{
    RequestLogWriter writer(dbPath());
    QVERIFY2(writer.open(), qPrintable(writer.errorText()));
    QList<qint64> seqs;
    QVERIFY2(writer.write(records, false, 0, &seqs), qPrintable(writer.errorText()));
}

QList<RequestRecord> TestRequestLogReader::sample() const
{
    QList<RequestRecord> list;
    const QString providers[] = {QStringLiteral("openai"), QStringLiteral("anthropic"),
                                 QStringLiteral("deepseek")};
    const QString models[] = {QStringLiteral("gpt-4o"), QStringLiteral("claude-sonnet-4-5"),
                              QStringLiteral("deepseek-chat")};
    const int statuses[] = {200, 200, 404, 429, 502, 499};
    for (int i = 0; i < 60; ++i) {
        RequestRecord r = RecordFactory::make(i, kT0 + i * kHour, statuses[i % 6], providers[i % 3],
                                              models[i % 3]);
        r.userAgent = i % 4 == 0 ? QStringLiteral("claude-cli/2.0.1")
                                 : QStringLiteral("OpenAI/Python 1.54.0");
        if (i == 42)
            r.errorMessage = QStringLiteral("Upstream said 100%_sure");
        list << r;
    }
    return list;
}

void TestRequestLogReader::missingFileIsSaidPlainly()
{
    RequestLogReader reader(dbPath());
    QVERIFY(!reader.open());
    QVERIFY2(reader.errorText().contains(dbPath()), qPrintable(reader.errorText()));
    QList<StoredRecord> rows;
    QVERIFY(!reader.records({}, 10, &rows));
    QVERIFY(!QFileInfo::exists(dbPath())); // a reader never creates the file
}

void TestRequestLogReader::newestFirstInPages()
{
    // Several records share a start time: the row number breaks the tie, so paging neither
    // repeats nor skips one.
    QList<RequestRecord> records;
    for (int i = 0; i < 95; ++i)
        records << RecordFactory::make(i, kT0 + (i / 4) * 1000);
    write(records);
    RequestLogReader reader(dbPath());
    QList<StoredRecord> all;
    RequestLogReader::Cursor cursor;
    for (int page = 0; page < 10; ++page) {
        QList<StoredRecord> rows;
        QVERIFY2(reader.records({}, 10, &rows, page == 0 ? nullptr : &cursor),
                 qPrintable(reader.errorText()));
        all += rows;
        if (rows.size() < 10)
            break;
        cursor = {rows.last().record.startedAt.toMSecsSinceEpoch(), rows.last().seq};
    }
    QCOMPARE(all.size(), 95);
    QSet<QByteArray> ids;
    for (int i = 0; i < all.size(); ++i) {
        ids.insert(all.at(i).record.id);
        if (i > 0) {
            const auto &a = all.at(i - 1);
            const auto &b = all.at(i);
            QVERIFY(a.record.startedAt > b.record.startedAt ||
                    (a.record.startedAt == b.record.startedAt && a.seq > b.seq));
        }
    }
    QCOMPARE(ids.size(), 95);
    QCOMPARE(all.first().record.id, QByteArray("req-94"));

    int visited = 0;
    QVERIFY(reader.forEach({}, [&](const StoredRecord &) { return ++visited < 50; }));
    QCOMPARE(visited, 50);
}

void TestRequestLogReader::filters_data()
{
    QTest::addColumn<RequestLogFilter>("filter");
    RequestLogFilter f;
    QTest::newRow("none") << f;
    f = {};
    f.sinceMs = kT0 + 50 * kHour;
    QTest::newRow("since") << f;
    f = {};
    f.sinceMs = kT0 + 10 * kHour;
    f.untilMs = kT0 + 20 * kHour;
    QTest::newRow("range") << f;
    f = {};
    f.statusMin = 400;
    f.statusMax = 499;
    QTest::newRow("4xx") << f;
    f = {};
    f.statusMin = f.statusMax = 502;
    QTest::newRow("502") << f;
    f = {};
    f.provider = QStringLiteral("anthropic");
    QTest::newRow("provider") << f;
    f = {};
    f.modelPrefix = QStringLiteral("deepseek-");
    QTest::newRow("model prefix") << f;
    f = {};
    f.modelPrefix = QStringLiteral("gpt-4o");
    QTest::newRow("model prefix, whole name") << f;
    f = {};
    f.clientPrefix = QStringLiteral("claude-cli");
    QTest::newRow("client") << f;
    f = {};
    f.text = QStringLiteral("REQ-1"); // ids req-1, req-10..19
    QTest::newRow("text in id, any case") << f;
    f = {};
    f.text = QStringLiteral("100%_s");
    QTest::newRow("text with LIKE wildcards") << f;
    f = {};
    f.text = QStringLiteral("python");
    f.provider = QStringLiteral("openai");
    f.statusMin = 200;
    f.statusMax = 299;
    f.sinceMs = kT0 + 5 * kHour;
    QTest::newRow("combined") << f;
}

void TestRequestLogReader::filters()
{
    QFETCH(RequestLogFilter, filter);
    const QList<RequestRecord> records = sample();
    write(records);
    QList<QByteArray> expected;
    for (auto it = records.crbegin(); it != records.crend(); ++it) {
        if (filter.matches(*it))
            expected << it->id;
    }
    RequestLogReader reader(dbPath());
    QList<StoredRecord> rows;
    QVERIFY2(reader.records(filter, 1000, &rows), qPrintable(reader.errorText()));
    QList<QByteArray> got;
    for (const StoredRecord &r : std::as_const(rows))
        got << r.record.id;
    QCOMPARE(got, expected);
    // Every row filtered in is one the filter names (the test is not vacuous).
    if (!filter.isEmpty())
        QVERIFY(got.size() < records.size());
    QVERIFY(!got.isEmpty());
}

void TestRequestLogReader::usageSums()
{
    QList<RequestRecord> records;
    // openai gpt-4o: 3 calls of 100+10 tokens, one cached 40, one with unknown usage.
    for (int i = 0; i < 3; ++i) {
        RequestRecord r = RecordFactory::make(i, kT0 + i);
        r.usage = {};
        r.usage.promptTokens = 100;
        r.usage.completionTokens = 10;
        r.usage.cachedTokens = i == 0 ? 40 : -1;
        r.usage.reasoningTokens = i == 1 ? 3 : -1;
        records << r;
    }
    RequestRecord unknown = RecordFactory::make(3, kT0 + 3);
    unknown.usage = {};
    unknown.status = 502;
    records << unknown;
    // An alias: requested "fast", billed as deepseek-chat by deepseek.
    RequestRecord alias =
        RecordFactory::make(4, kT0 + 4, 200, QStringLiteral("deepseek"), QStringLiteral("fast"));
    alias.upstreamModel = QStringLiteral("deepseek-chat");
    alias.usage = {};
    alias.usage.promptTokens = 1000;
    alias.usage.completionTokens = 500;
    records << alias;
    // A refusal that never reached a provider.
    RequestRecord refused =
        RecordFactory::make(5, kT0 + 5, 404, QString(), QStringLiteral("nope-1"));
    refused.upstreamModel.clear();
    refused.usage = {};
    records << refused;
    // Outside the range asked for below.
    records << RecordFactory::make(6, kT0 - 10 * kHour);
    write(records);

    RequestLogReader reader(dbPath());
    QList<UsageTotals> totals;
    QVERIFY2(reader.usage(kT0, -1, &totals), qPrintable(reader.errorText()));
    QCOMPARE(totals.size(), 3);
    // Most tokens first.
    QCOMPARE(totals.at(0).provider, QStringLiteral("deepseek"));
    QCOMPARE(totals.at(0).model, QStringLiteral("deepseek-chat"));
    QCOMPARE(totals.at(0).requests, 1);
    QCOMPARE(totals.at(0).totalTokens(), 1500);
    const UsageTotals &gpt = totals.at(1);
    QCOMPARE(gpt.provider, QStringLiteral("openai"));
    QCOMPARE(gpt.model, QStringLiteral("gpt-4o"));
    QCOMPARE(gpt.requests, 4);
    QCOMPARE(gpt.errors, 1);
    QCOMPARE(gpt.promptTokens, 300);
    QCOMPARE(gpt.completionTokens, 30);
    QCOMPARE(gpt.cachedTokens, 40);
    QCOMPARE(gpt.reasoningTokens, 3);
    QCOMPARE(totals.at(2).provider, QString());
    QCOMPARE(totals.at(2).model, QStringLiteral("nope-1"));
    QCOMPARE(totals.at(2).errors, 1);

    // The cost estimate: 260 uncached prompt tokens at 2.5, 40 cached at 1.25, 30 out at 10.
    ModelPrice price;
    price.inputPerMillion = 2.5;
    price.outputPerMillion = 10;
    price.cachedInputPerMillion = 1.25;
    QCOMPARE(gpt.estimatedCost(price), (260 * 2.5 + 40 * 1.25 + 30 * 10) / 1e6);
    price.cachedInputPerMillion = -1; // none given: cached tokens at the input price
    QCOMPARE(gpt.estimatedCost(price), (300 * 2.5 + 30 * 10) / 1e6);

    // An upper bound leaves the later rows out.
    totals.clear();
    QVERIFY(reader.usage(kT0 - 20 * kHour, kT0, &totals));
    QCOMPARE(totals.size(), 1);
    QCOMPARE(totals.at(0).requests, 1);
}

void TestRequestLogReader::usageOfAnyRangeMatchesTheRecords()
{
    // Random records over two days, then random ranges: whole buckets come from the sums,
    // the cut ends from the rows, and the total must be the rows' sum whatever the range.
    QRandomGenerator random(20260101);
    QList<RequestRecord> records;
    const char *models[] = {"gpt-4o", "gpt-4o-mini", "deepseek-chat"};
    for (int i = 0; i < 600; ++i) {
        RequestRecord r =
            RecordFactory::make(i, kT0 + random.bounded(48 * 60) * 60000LL + random.bounded(60000),
                                random.bounded(10) == 0 ? 429 : 200,
                                i % 3 == 2 ? QStringLiteral("deepseek") : QStringLiteral("openai"),
                                QString::fromLatin1(models[i % 3]));
        r.usage.promptTokens = random.bounded(1000);
        r.usage.completionTokens = random.bounded(100);
        records << r;
    }
    write(records);
    RequestLogReader reader(dbPath());
    for (int round = 0; round < 60; ++round) {
        qint64 since = round % 10 == 0 ? -1 : kT0 + random.bounded(48 * 60 * 60) * 1000LL;
        qint64 until = round % 7 == 0 ? -1 : kT0 + random.bounded(48 * 60 * 60) * 1000LL;
        if (round % 5 == 1 && since >= 0) // within one bucket
            until = since + random.bounded(10 * 60) * 1000LL;
        if (since >= 0 && until >= 0 && until < since)
            std::swap(since, until);
        QList<UsageTotals> totals;
        QVERIFY2(reader.usage(since, until, &totals), qPrintable(reader.errorText()));
        QMap<QString, QList<qint64>> expected;
        for (const RequestRecord &r : std::as_const(records)) {
            const qint64 t = r.startedAt.toMSecsSinceEpoch();
            if ((since >= 0 && t < since) || (until >= 0 && t >= until))
                continue;
            QList<qint64> &e = expected[r.providerId + QLatin1Char('/') + r.upstreamModel];
            if (e.isEmpty())
                e = {0, 0, 0, 0};
            e[0] += 1;
            e[1] += r.status >= 400;
            e[2] += r.usage.promptTokens;
            e[3] += r.usage.completionTokens;
        }
        QMap<QString, QList<qint64>> got;
        for (const UsageTotals &t : std::as_const(totals))
            got[t.provider + QLatin1Char('/') + t.model] = {t.requests, t.errors, t.promptTokens,
                                                            t.completionTokens};
        QVERIFY2(got == expected,
                 qPrintable(QStringLiteral("range %1 .. %2").arg(since).arg(until)));
    }
}

void TestRequestLogReader::dailyTokensByLocalDay()
{
    QList<RequestRecord> records;
    // At UTC+8: 2026-01-01 08:00 and 23:30 are Jan 1; 16:30Z is 00:30 on Jan 2.
    const qint64 times[] = {kT0, kT0 + 15 * kHour + 30 * 60000, kT0 + 16 * kHour + 30 * 60000,
                            kT0 + 50 * kHour};
    for (int i = 0; i < 4; ++i) {
        RequestRecord r = RecordFactory::make(i + 1, times[i]);
        r.usage = {};
        r.usage.promptTokens = 100 * (i + 1);
        r.usage.completionTokens = i + 1;
        records << r;
    }
    write(records);
    RequestLogReader reader(dbPath());
    QList<DailyTokens> days;
    QVERIFY2(reader.dailyTokens(kT0 - kHour, &days), qPrintable(reader.errorText()));
    QCOMPARE(days.size(), 3);
    QCOMPARE(days.at(0).day, QDate(2026, 1, 1));
    QCOMPARE(days.at(0).requests, 2);
    QCOMPARE(days.at(0).promptTokens, 300);
    QCOMPARE(days.at(0).completionTokens, 3);
    QCOMPARE(days.at(1).day, QDate(2026, 1, 2));
    QCOMPARE(days.at(1).promptTokens, 300);
    QCOMPARE(days.at(2).day, QDate(2026, 1, 3));
    // The same days as QDateTime's local time (what the GUI shows) gives.
    QCOMPARE(QDateTime::fromMSecsSinceEpoch(times[2]).date(), QDate(2026, 1, 2));
}

void TestRequestLogReader::parseStatus_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("min");
    QTest::addColumn<int>("max");
    QTest::newRow("4xx") << "4xx" << true << 400 << 499;
    QTest::newRow("5XX") << "5XX" << true << 500 << 599;
    QTest::newRow("404") << "404" << true << 404 << 404;
    QTest::newRow("200") << " 200 " << true << 200 << 200;
    QTest::newRow("6xx") << "6xx" << false << 0 << 0;
    QTest::newRow("40") << "40" << false << 0 << 0;
    QTest::newRow("4x4") << "4x4" << false << 0 << 0;
    QTest::newRow("error") << "error" << false << 0 << 0;
}

void TestRequestLogReader::parseStatus()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(int, min);
    QFETCH(int, max);
    int gotMin = 0;
    int gotMax = 0;
    QCOMPARE(RequestLogFilter::parseStatus(text, &gotMin, &gotMax), ok);
    if (ok) {
        QCOMPARE(gotMin, min);
        QCOMPARE(gotMax, max);
    }
}

void TestRequestLogReader::parseSince_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("90s") << "90s" << true << kT0 - 90000;
    QTest::newRow("30m") << "30m" << true << kT0 - 30 * 60000;
    QTest::newRow("1h") << "1h" << true << kT0 - kHour;
    QTest::newRow("2d") << "2d" << true << kT0 - 48 * kHour;
    QTest::newRow("1w") << "1w" << true << kT0 - 7 * 24 * kHour;
    QTest::newRow("ISO UTC") << "2025-12-31T12:00:00Z" << true << kT0 - 12 * kHour;
    QTest::newRow("ISO offset") << "2025-12-31T20:00:00+08:00" << true << kT0 - 12 * kHour;
    // Without a zone: local time (UTC+8 here).
    QTest::newRow("ISO local") << "2026-01-01T08:00:00" << true << kT0;
    QTest::newRow("date") << "2026-01-01" << true << kT0 - 8 * kHour;
    QTest::newRow("no unit") << "12" << false << qint64(0);
    QTest::newRow("bad unit") << "3y" << false << qint64(0);
    QTest::newRow("words") << "yesterday" << false << qint64(0);
}

void TestRequestLogReader::parseSince()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(qint64, ms);
    qint64 got = 0;
    QCOMPARE(RequestLogFilter::parseSince(text, QDateTime::fromMSecsSinceEpoch(kT0, Qt::UTC), &got),
             ok);
    if (ok)
        QCOMPARE(got, ms);
}

void TestRequestLogReader::jsonHasTheSpecKeys()
{
    RequestRecord r = RecordFactory::make(2, kT0 + 123, 200);
    r.requestBody = "{\"a\":1}";
    const QJsonObject o = RequestRecordJson::toJson(r);
    QStringList keys = o.keys();
    keys.sort();
    QStringList expected = RequestRecordJson::fieldNames();
    expected.sort();
    QCOMPARE(keys, expected);
    QCOMPARE(o.value(QStringLiteral("id")).toString(), QStringLiteral("req-2"));
    QCOMPARE(o.value(QStringLiteral("started_at")).toString(),
             QStringLiteral("2026-01-01T00:00:00.123Z"));
    QCOMPARE(o.value(QStringLiteral("stream")).toBool(), false);
    QVERIFY(o.value(QStringLiteral("ttft_ms")).isNull());
    QVERIFY(o.value(QStringLiteral("error")).isNull());
    QVERIFY(o.value(QStringLiteral("reasoning_tokens")).isNull());
    QCOMPARE(o.value(QStringLiteral("prompt_tokens")).toInt(), 20);
    QVERIFY(o.value(QStringLiteral("cached_tokens")).isNull()); // make(2) has none
    QVERIFY(!o.contains(QStringLiteral("request_body")));
    QCOMPARE(RequestRecordJson::toJson(r, true).value(QStringLiteral("request_body")).toString(),
             QStringLiteral("{\"a\":1}"));
}

int main(int argc, char *argv[])
{
    // Local days are UTC+8 in this test (a POSIX zone: no tz database needed), so that day
    // boundaries differ from UTC's.
    qputenv("TZ", "XST-8");
    tzset();
    QCoreApplication app(argc, argv);
    TestRequestLogReader test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestRequestLogReader.moc"
