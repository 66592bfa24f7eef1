// The hand-over from the gateway thread to the writer: bounded by count and by bytes (a full
// queue drops and counts, never grows), order kept, producers on other threads, and the
// waits the writer and flush() use.
#include "RecordFactory.h"
#include "requestlog/RecordQueue.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

class TestRecordQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void boundedByCount();
    void boundedByBytes();
    void takeKeepsOrderAndFreesRoom();
    void producersOnOtherThreads();
    void waitForRecordsEndsWhenARecordArrives();
    void sleepIgnoresRecordsButNotWake();
    void waitUntilHandled();
};

void TestRecordQueue::boundedByCount()
{
    RecordQueue queue(5, 1LL << 30);
    for (int i = 0; i < 5; ++i)
        QVERIFY(queue.push(RecordFactory::make(i, 1000)));
    QVERIFY(!queue.push(RecordFactory::make(5, 1000)));
    QVERIFY(!queue.push(RecordFactory::make(6, 1000)));
    QCOMPARE(queue.size(), 5);
    QCOMPARE(queue.droppedWhenFull(), 2);
    QCOMPARE(queue.accepted(), 5);
}

void TestRecordQueue::boundedByBytes()
{
    RequestRecord big = RecordFactory::make(1, 1000);
    big.requestBody = QByteArray(100 * 1024, 'x');
    const qint64 bigBytes = RecordQueue::footprint(big);
    const qint64 smallBytes = RecordQueue::footprint(RecordFactory::make(2, 1000));
    QVERIFY(bigBytes > 100 * 1024);
    QVERIFY(smallBytes < 2048);
    // Room for three big records and one small one, by bytes; plenty by count.
    RecordQueue queue(1000, 3 * bigBytes + smallBytes);
    for (int i = 0; i < 3; ++i)
        QVERIFY(queue.push(RequestRecord(big)));
    QVERIFY(!queue.push(RequestRecord(big)));
    QVERIFY(queue.push(RecordFactory::make(2, 1000)));
    QVERIFY(!queue.push(RecordFactory::make(3, 1000)));
    QCOMPARE(queue.droppedWhenFull(), 2);
    // Taking gives the bytes back.
    QList<RequestRecord> out;
    QCOMPARE(queue.take(&out, 1), 1);
    QVERIFY(queue.push(RequestRecord(big)));
}

void TestRecordQueue::takeKeepsOrderAndFreesRoom()
{
    RecordQueue queue(4, 1LL << 30);
    for (int i = 0; i < 4; ++i)
        QVERIFY(queue.push(RecordFactory::make(i, 1000)));
    QList<RequestRecord> out;
    QCOMPARE(queue.take(&out, 3), 3);
    QCOMPARE(out.size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(out.at(i).id, "req-" + QByteArray::number(i));
    QVERIFY(queue.push(RecordFactory::make(4, 1000)));
    QVERIFY(queue.push(RecordFactory::make(5, 1000)));
    out.clear();
    QCOMPARE(queue.take(&out, 100), 3);
    QCOMPARE(out.at(0).id, QByteArray("req-3"));
    QCOMPARE(out.at(2).id, QByteArray("req-5"));
    QCOMPARE(queue.take(&out, 100), 0);
    QCOMPARE(queue.droppedWhenFull(), 0);
}

void TestRecordQueue::producersOnOtherThreads()
{
    constexpr int kThreads = 4;
    constexpr int kEach = 5000;
    RecordQueue queue(kThreads * kEach / 2, 1LL << 40);
    QList<QThread *> threads;
    std::atomic<int> refused{0};
    for (int t = 0; t < kThreads; ++t) {
        threads << QThread::create([&queue, &refused, t] {
            for (int i = 0; i < kEach; ++i) {
                if (!queue.push(RecordFactory::make(t * kEach + i, 1000)))
                    ++refused;
            }
        });
    }
    // The consumer takes while they push; whatever it cannot take in time is dropped.
    QList<RequestRecord> taken;
    for (QThread *t : threads)
        t->start();
    bool running = true;
    while (running) {
        queue.take(&taken, 100);
        running = false;
        for (QThread *t : threads)
            running = running || !t->isFinished();
    }
    queue.take(&taken, INT_MAX);
    for (QThread *t : threads) {
        t->wait();
        delete t;
    }
    QCOMPARE(qint64(taken.size()), queue.accepted());
    QCOMPARE(queue.droppedWhenFull(), qint64(refused.load()));
    QCOMPARE(taken.size() + refused.load(), kThreads * kEach);
    // Each producer's records stay in its order.
    QList<int> last(kThreads, -1);
    for (const RequestRecord &r : std::as_const(taken)) {
        const int n = r.id.mid(4).toInt();
        QVERIFY(n > last[n / kEach]);
        last[n / kEach] = n;
    }
}

void TestRecordQueue::waitForRecordsEndsWhenARecordArrives()
{
    RecordQueue queue(10, 1LL << 30);
    QElapsedTimer clock;
    clock.start();
    QThread *producer = QThread::create([&queue] {
        QThread::msleep(100);
        queue.push(RecordFactory::make(1, 1000));
    });
    producer->start();
    queue.waitForRecords(QDeadlineTimer(60000));
    QCOMPARE(queue.size(), 1); // woken by the record, long before the deadline
    QVERIFY(clock.elapsed() < 60000);
    producer->wait();
    delete producer;
    // With nothing queued and nobody pushing, the deadline ends the wait.
    QList<RequestRecord> out;
    queue.take(&out, 10);
    clock.restart();
    queue.waitForRecords(QDeadlineTimer(50));
    QVERIFY(clock.elapsed() >= 45);
}

void TestRecordQueue::sleepIgnoresRecordsButNotWake()
{
    RecordQueue queue(10, 1LL << 30);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(queue.push(RecordFactory::make(1, 1000)));
    queue.sleep(QDeadlineTimer(150)); // a queued record does not end a sleep
    QVERIFY(clock.elapsed() >= 140);

    QThread *waker = QThread::create([&queue] {
        QThread::msleep(50);
        queue.wake();
    });
    clock.restart();
    waker->start();
    queue.sleep(QDeadlineTimer(60000));
    QVERIFY(clock.elapsed() < 60000);
    waker->wait();
    delete waker;
    // A wake() that came while nobody waited ends the next wait at once.
    queue.wake();
    clock.restart();
    queue.sleep(QDeadlineTimer(60000));
    QVERIFY(clock.elapsed() < 60000);
}

void TestRecordQueue::waitUntilHandled()
{
    RecordQueue queue(10, 1LL << 30);
    QVERIFY(queue.waitUntilHandled(QDeadlineTimer(0))); // nothing queued: done
    QVERIFY(queue.push(RecordFactory::make(1, 1000)));
    QVERIFY(queue.push(RecordFactory::make(2, 1000)));
    QVERIFY(!queue.waitUntilHandled(QDeadlineTimer(20)));
    QThread *writer = QThread::create([&queue] {
        QList<RequestRecord> out;
        queue.take(&out, 1);
        queue.markHandled(1);
        QThread::msleep(50);
        queue.take(&out, 1);
        queue.markHandled(1);
    });
    writer->start();
    QVERIFY(queue.waitUntilHandled(QDeadlineTimer(60000)));
    QCOMPARE(queue.size(), 0);
    writer->wait();
    delete writer;
}

QTEST_GUILESS_MAIN(TestRecordQueue)
#include "TestRecordQueue.moc"
