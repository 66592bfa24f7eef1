// The budget of request-body bytes held across all connections (limits.maxBufferedBodyBytes).
#include "http/BodyBudget.h"

#include <QTest>

class TestBodyBudget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void leasesCountAgainstTheCap();
    void releaseHookSeesEveryLease();
    void leaseOutlivesTheBudget();
    void lowerCapRefusesNewLeasesOnly();
};

void TestBodyBudget::leasesCountAgainstTheCap()
{
    BodyBudget budget(100);
    auto a = budget.reserve(60);
    QVERIFY(a);
    QCOMPARE(budget.inUse(), 60);
    QVERIFY(!budget.reserve(41));
    auto b = budget.reserve(40);
    QVERIFY(b);
    QCOMPARE(budget.inUse(), 100);
    QVERIFY(!budget.reserve(1));
    QVERIFY(budget.reserve(0)); // a body-less request always fits
    a.reset();
    QCOMPARE(budget.inUse(), 40);
    QVERIFY(budget.reserve(60));
    QVERIFY(!budget.reserve(-1));
}

void TestBodyBudget::releaseHookSeesEveryLease()
{
    BodyBudget budget(1000);
    QList<qint64> released;
    budget.setReleaseHook([&](qint64 bytes) { released.append(bytes); });
    {
        auto a = budget.reserve(10);
        auto b = budget.reserve(500);
        auto shared = b; // a copy of the request: released with the last one
        b.reset();
        QVERIFY(released.isEmpty());
    }
    QCOMPARE(released.size(), 2);
    QVERIFY(released.contains(10));
    QVERIFY(released.contains(500));
    QCOMPARE(budget.inUse(), 0);
}

void TestBodyBudget::leaseOutlivesTheBudget()
{
    std::shared_ptr<BodyBudget::Lease> lease;
    {
        BodyBudget budget(10);
        lease = budget.reserve(5);
    }
    QCOMPARE(lease->bytes(), 5);
    lease.reset(); // must not touch freed memory (ASan would say)
}

void TestBodyBudget::lowerCapRefusesNewLeasesOnly()
{
    BodyBudget budget(100);
    auto a = budget.reserve(80);
    budget.setCap(50);
    QCOMPARE(budget.cap(), 50);
    QVERIFY(!budget.reserve(1));
    a.reset();
    QVERIFY(budget.reserve(50));
}

QTEST_GUILESS_MAIN(TestBodyBudget)
#include "TestBodyBudget.moc"
