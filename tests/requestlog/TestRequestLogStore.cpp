// The store on its own thread: records handed over from another thread (as the gateway's)
// are written in order and in batches; a full queue drops and counts; retention runs in the
// background; `enabled: false` writes nothing; stop() writes what is queued; an unusable
// directory, a locked file and a damaged file are reported (status + signal) and the store
// recovers when the cause goes.
#include "RecordFactory.h"
#include "requestlog/RequestLogReader.h"
#include "requestlog/RequestLogStore.h"
#include "requestlog/RequestLogWriter.h"
#include "requestlog/SqliteConnection.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

namespace {
constexpr int kWaitMs = 20000;

RequestLogSettings defaultSettings()
{
    RequestLogSettings s;
    s.retentionDays = 0;
    s.maxRecords = 0;
    return s;
}

/// Hands records over from a thread of its own, as the gateway thread does.
void pushFromThread(RequestLogSink &sink, int first, int count, qint64 startMs)
{
    QThread *t = QThread::create([&sink, first, count, startMs] {
        for (int i = first; i < first + count; ++i)
            sink.requestFinished(RecordFactory::make(i, startMs + i));
    });
    t->start();
    t->wait();
    delete t;
}
} // namespace

class TestRequestLogStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void recordsFromAnotherThreadAreWrittenInBatches();
    void fullQueueDropsAndCounts();
    void disabledWritesNothing();
    void stopWritesWhatIsQueued();
    void retentionByCountRunsInTheBackground();
    void retentionByAgeRunsAtStart();
    void bodiesFollowTheSetting();
    void liveSignalsReachTheMainThread();
    void unusableDirectoryIsReportedAndRecovers();
    void lockedFileIsReportedAndRecovers();
    void damagedFileIsSetAside();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("data/requests.db")); }
    qint64 rows();
    QList<QByteArray> ids();
    RequestLogStore::Options fastOptions() const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRequestLogStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

RequestLogStore::Options TestRequestLogStore::fastOptions() const
{
    RequestLogStore::Options o;
    o.flushIntervalMs = 50;
    o.reopenIntervalMs = 100;
    return o;
}

qint64 TestRequestLogStore::rows()
{
    SqliteConnection db(dbPath(), SqliteConnection::Mode::ReadOnly, 1000);
    if (!db.open())
        return -1;
    const QVariant n = db.scalar(QStringLiteral("SELECT count(*) FROM requests"));
    return n.isValid() ? n.toLongLong() : -1;
}

QList<QByteArray> TestRequestLogStore::ids()
{
    RequestLogReader reader(dbPath());
    QList<QByteArray> list;
    reader.forEach({}, [&](const StoredRecord &r) {
        list.prepend(r.record.id); // oldest first
        return true;
    });
    return list;
}

void TestRequestLogStore::recordsFromAnotherThreadAreWrittenInBatches()
{
    RequestLogStore::Options options;
    options.flushIntervalMs = 200;
    RequestLogStore store(dbPath(), options);
    QSignalSpy stored(&store, &RequestLogStore::recordsStored);
    store.start(defaultSettings());
    constexpr int kCount = 3000;
    QElapsedTimer clock;
    clock.start();
    pushFromThread(store, 0, kCount, 1767225600000LL);
    const qint64 pushMs = clock.elapsed();
    QVERIFY(store.flush(kWaitMs));
    QCOMPARE(rows(), kCount);
    const QList<QByteArray> written = ids();
    QCOMPARE(written.size(), kCount);
    for (int i = 0; i < kCount; ++i)
        QCOMPARE(written.at(i), "req-" + QByteArray::number(i));
    QCOMPARE(store.status().written, kCount);
    QCOMPARE(store.status().dropped, 0);
    QCOMPARE(store.status().state, RequestLogStatus::State::Writing);

    // Batches: one transaction per flush interval (or per 2,000 records), not per record.
    QTRY_VERIFY_WITH_TIMEOUT(!stored.isEmpty(), kWaitMs);
    qint64 signalled = 0;
    for (const QList<QVariant> &args : std::as_const(stored))
        signalled += args.at(0).value<QList<StoredRecord>>().size();
    QCOMPARE(signalled, kCount);
    const qint64 maxBatches = pushMs / options.flushIntervalMs + kCount / options.maxBatch + 2;
    QVERIFY2(stored.size() <= maxBatches,
             qPrintable(QStringLiteral("%1 batches for %2 records pushed in %3 ms")
                            .arg(stored.size())
                            .arg(kCount)
                            .arg(pushMs)));
    // The signalled records carry their row numbers, in order.
    const auto first = stored.first().at(0).value<QList<StoredRecord>>();
    QCOMPARE(first.first().record.id, QByteArray("req-0"));
    QVERIFY(first.first().seq > 0);
}

void TestRequestLogStore::fullQueueDropsAndCounts()
{
    RequestLogStore::Options options = fastOptions();
    options.queueRecords = 10;
    RequestLogStore store(dbPath(), options);
    // The writer is not running yet: the queue fills and then drops.
    pushFromThread(store, 0, 15, 1767225600000LL);
    QCOMPARE(store.status().dropped, 5);
    QSignalSpy changed(&store, &RequestLogStore::statusChanged);
    store.start(defaultSettings());
    QVERIFY(store.flush(kWaitMs));
    QCOMPARE(rows(), 10);
    QCOMPARE(ids().first(), QByteArray("req-0"));
    QCOMPARE(ids().last(), QByteArray("req-9"));
    QCOMPARE(store.status().dropped, 5);
    QCOMPARE(store.status().written, 10);
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), kWaitMs);
    QCOMPARE(changed.last().at(0).value<RequestLogStatus>().dropped, 5);
}

void TestRequestLogStore::disabledWritesNothing()
{
    RequestLogStore store(dbPath(), fastOptions());
    RequestLogSettings off = defaultSettings();
    off.enabled = false;
    store.start(off);
    QCOMPARE(store.status().state, RequestLogStatus::State::Off);
    pushFromThread(store, 0, 20, 1767225600000LL);
    QVERIFY(store.flush(kWaitMs));
    QVERIFY(rows() <= 0);
    QCOMPARE(store.status().dropped, 0); // not written by choice: not "lost"

    store.applySettings(defaultSettings());
    pushFromThread(store, 100, 3, 1767225600000LL);
    QVERIFY(store.flush(kWaitMs));
    QCOMPARE(ids(), QList<QByteArray>({"req-100", "req-101", "req-102"}));
    QCOMPARE(store.status().state, RequestLogStatus::State::Writing);
}

void TestRequestLogStore::stopWritesWhatIsQueued()
{
    RequestLogStore::Options options;
    options.flushIntervalMs = 60 * 1000; // nothing would be written before a minute
    {
        RequestLogStore store(dbPath(), options);
        store.start(defaultSettings());
        pushFromThread(store, 0, 1, 1767225600000LL);
        QVERIFY(store.flush(kWaitMs)); // the first batch goes at once
        pushFromThread(store, 1, 500, 1767225600000LL);
        store.stop();
    }
    QCOMPARE(rows(), 501);
}

void TestRequestLogStore::retentionByCountRunsInTheBackground()
{
    RequestLogStore store(dbPath(), fastOptions());
    RequestLogSettings settings = defaultSettings();
    settings.maxRecords = 50;
    store.start(settings);
    for (int round = 0; round < 4; ++round) {
        pushFromThread(store, round * 50, 50, 1767225600000LL);
        QVERIFY(store.flush(kWaitMs));
    }
    QTRY_COMPARE_WITH_TIMEOUT(rows(), 50, kWaitMs);
    const QList<QByteArray> kept = ids();
    QCOMPARE(kept.first(), QByteArray("req-150"));
    QCOMPARE(kept.last(), QByteArray("req-199"));

    // Lowering the limit applies without new records.
    settings.maxRecords = 20;
    store.applySettings(settings);
    QTRY_COMPARE_WITH_TIMEOUT(rows(), 20, kWaitMs);
}

void TestRequestLogStore::retentionByAgeRunsAtStart()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 day = 24LL * 3600 * 1000;
    {
        RequestLogWriter writer(dbPath());
        QVERIFY(writer.open());
        QList<RequestRecord> records;
        for (int i = 0; i < 10; ++i) // ages 0.5 to 9.5 days
            records << RecordFactory::make(i, now - i * day - day / 2);
        QList<qint64> seqs;
        QVERIFY(writer.write(records, false, 0, &seqs));
    }
    RequestLogStore store(dbPath(), fastOptions());
    RequestLogSettings settings = defaultSettings();
    settings.retentionDays = 3;
    store.start(settings);
    QTRY_COMPARE_WITH_TIMEOUT(rows(), 3, kWaitMs);
    QCOMPARE(ids(), QList<QByteArray>({"req-2", "req-1", "req-0"}));
}

void TestRequestLogStore::bodiesFollowTheSetting()
{
    RequestLogStore store(dbPath(), fastOptions());
    RequestLogSettings settings = defaultSettings();
    store.start(settings);
    RequestRecord r = RecordFactory::make(1, 1767225600000LL);
    r.requestBody = QByteArray(3000, 'b');
    store.requestFinished(r);
    QVERIFY(store.flush(kWaitMs));
    settings.recordBodies = true;
    settings.maxBodyBytes = 1000;
    store.applySettings(settings);
    r.id = "req-2";
    store.requestFinished(r);
    QVERIFY(store.flush(kWaitMs));

    RequestLogReader reader(dbPath());
    QList<StoredRecord> list;
    QVERIFY(reader.records({}, 10, &list));
    QCOMPARE(list.size(), 2);
    StoredRecord full;
    for (const StoredRecord &s : std::as_const(list)) {
        QVERIFY(reader.record(s.seq, &full));
        if (s.record.id == "req-1")
            QVERIFY(full.record.requestBody.isEmpty());
        else
            QCOMPARE(full.record.requestBody, QByteArray(1000, 'b'));
    }
}

void TestRequestLogStore::liveSignalsReachTheMainThread()
{
    RequestLogStore store(dbPath(), fastOptions());
    QList<QByteArray> began;
    QList<QByteArray> ended;
    connect(&store, &RequestLogStore::requestBegan, this, [&](const RequestRecord &r) {
        QCOMPARE(QThread::currentThread(), thread());
        began << r.id;
    });
    connect(&store, &RequestLogStore::requestEnded, this, [&](const QByteArray &id) {
        QCOMPARE(QThread::currentThread(), thread());
        ended << id;
    });
    store.start(defaultSettings());
    QThread *gateway = QThread::create([&store] {
        RequestRecord r = RecordFactory::make(7, 1767225600000LL);
        store.requestStarted(r);
        store.requestFinished(r);
    });
    gateway->start();
    gateway->wait();
    delete gateway;
    QTRY_COMPARE_WITH_TIMEOUT(began, QList<QByteArray>({"req-7"}), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(ended, QList<QByteArray>({"req-7"}), kWaitMs);
}

void TestRequestLogStore::unusableDirectoryIsReportedAndRecovers()
{
    // A file where the data directory should be: nothing can be created (also as root).
    const QString dataDir = m_dir->filePath(QStringLiteral("data"));
    QFile blocker(dataDir);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();

    RequestLogStore store(dbPath(), fastOptions());
    QSignalSpy changed(&store, &RequestLogStore::statusChanged);
    store.start(defaultSettings());
    QTRY_COMPARE_WITH_TIMEOUT(store.status().state, RequestLogStatus::State::Failing, kWaitMs);
    const RequestLogStatus failing = store.status();
    QVERIFY2(failing.problem.contains(dataDir), qPrintable(failing.problem));
    QVERIFY2(failing.problem.contains(QLatin1String("cannot be written")),
             qPrintable(failing.problem));
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.last().at(0).value<RequestLogStatus>().state,
             RequestLogStatus::State::Failing);

    // Records handed over meanwhile are lost and counted; handing over never blocks.
    pushFromThread(store, 0, 5, 1767225600000LL);
    QVERIFY(store.flush(kWaitMs));
    QCOMPARE(store.status().dropped, 5);

    // The cause goes away: the store opens the file by itself and writes again.
    QVERIFY(QFile::remove(dataDir));
    QTRY_COMPARE_WITH_TIMEOUT(store.status().state, RequestLogStatus::State::Writing, kWaitMs);
    QVERIFY(store.status().problem.isEmpty());
    pushFromThread(store, 10, 2, 1767225600000LL);
    QVERIFY(store.flush(kWaitMs));
    QCOMPARE(ids(), QList<QByteArray>({"req-10", "req-11"}));
    QCOMPARE(store.status().dropped, 5);
}

void TestRequestLogStore::lockedFileIsReportedAndRecovers()
{
    RequestLogStore store(dbPath(), fastOptions());
    store.start(defaultSettings());
    pushFromThread(store, 0, 1, 1767225600000LL);
    QVERIFY(store.flush(kWaitMs));
    QCOMPARE(rows(), 1);

    SqliteConnection other(dbPath(), SqliteConnection::Mode::ReadWrite, 100);
    QVERIFY(other.open());
    QVERIFY(other.exec(QStringLiteral("BEGIN EXCLUSIVE")));
    pushFromThread(store, 1, 3, 1767225600000LL);
    QVERIFY(store.flush(kWaitMs));
    const RequestLogStatus locked = store.status();
    QCOMPARE(locked.state, RequestLogStatus::State::Failing);
    QVERIFY2(locked.problem.contains(QLatin1String("locked")), qPrintable(locked.problem));
    QCOMPARE(locked.dropped, 3);
    QVERIFY(other.exec(QStringLiteral("ROLLBACK")));

    pushFromThread(store, 4, 2, 1767225600000LL);
    QVERIFY(store.flush(kWaitMs));
    QCOMPARE(store.status().state, RequestLogStatus::State::Writing);
    QCOMPARE(ids(), QList<QByteArray>({"req-0", "req-4", "req-5"}));
}

void TestRequestLogStore::damagedFileIsSetAside()
{
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("data"))));
    QFile damaged(dbPath());
    QVERIFY(damaged.open(QIODevice::WriteOnly));
    damaged.write(QByteArray(8192, '\x5a')); // not a database
    damaged.close();

    RequestLogStore store(dbPath(), fastOptions());
    store.start(defaultSettings());
    pushFromThread(store, 0, 2, 1767225600000LL);
    QVERIFY(store.flush(kWaitMs));
    const RequestLogStatus status = store.status();
    QCOMPARE(status.state, RequestLogStatus::State::Writing);
    QVERIFY2(status.notice.contains(QLatin1String("damaged")), qPrintable(status.notice));
    QCOMPARE(ids(), QList<QByteArray>({"req-0", "req-1"}));
    const QStringList aside = QDir(m_dir->filePath(QStringLiteral("data")))
                                  .entryList({QStringLiteral("requests.db.damaged-*")});
    QCOMPARE(aside.size(), 1);
    QVERIFY2(status.notice.contains(aside.first()), qPrintable(status.notice));
    QFile kept(m_dir->filePath(QStringLiteral("data/") + aside.first()));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray(8192, '\x5a')); // the damaged file is kept as it was
}

QTEST_GUILESS_MAIN(TestRequestLogStore)
#include "TestRequestLogStore.moc"
