// Issue 8's checklist in one program: each way the gateway was attacked, replayed against the
// built binary started as its own process (a config file, keys in the environment, port 0, as
// a user runs it headless), over real sockets. Each case asserts what the client gets, that
// GET /health keeps answering during the attack and after it, and the memory bound where the
// issue gives one (RSS from /proc/PID/status). The detailed tests of each fix live beside the
// fix; docs/hardening.md maps every item to them.
#include "BlockingUpload.h"
#include "FakeUpstream.h"
#include "GatewayProcess.h"
#include "RawHttpClient.h"
#include "Sanitizers.h"
#include "TestClock.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <memory>
#include <thread>

namespace {
constexpr int kTimeoutMs = 30000;
constexpr qint64 kMiB = 1024 * 1024;
constexpr qint64 kMB = 1000 * 1000;

QByteArray hostLine(const QUrl &base)
{
    return "Host: 127.0.0.1:" + QByteArray::number(base.port()) + "\r\n";
}

QByteArray tokenLine()
{
    return "Authorization: Bearer " + GatewayProcess::accessToken() + "\r\n";
}

QByteArray chatBody(const QByteArray &model, bool stream = false)
{
    return R"({"model":")" + model + R"(","stream":)" + (stream ? "true" : "false") +
           R"(,"messages":[{"role":"user","content":"Hi"}]})";
}

/// A complete POST with the token, as raw bytes.
QByteArray rawPost(const QUrl &base, const QByteArray &path, const QByteArray &body,
                   const QByteArray &extraHeaders = {})
{
    return "POST " + path + " HTTP/1.1\r\n" + hostLine(base) + tokenLine() + extraHeaders +
           "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\n\r\n" + body;
}

/// Asks GET /health every 200 ms, each time on a new connection, while an attack runs (as the
/// desktop app's status check does); counts the answers and the failures.
class HealthProbe
{
public:
    explicit HealthProbe(const QUrl &base) : m_base(base)
    {
        m_timer.setInterval(200);
        QObject::connect(&m_timer, &QTimer::timeout, &m_context, [this] { tick(); });
    }
    ~HealthProbe() { stop(); }

    void start()
    {
        tick();
        m_timer.start();
    }
    void stop()
    {
        m_timer.stop();
        // The last probe has not been answered yet: wait for it.
        if (m_client && !QTest::qWaitFor([this] { return !m_client; }, kTimeoutMs))
            fail();
    }
    int answered() const { return m_answered; }
    int failed() const { return m_failed; }
    qint64 slowestMs() const { return m_slowestMs; }

private:
    void tick()
    {
        if (m_client) {
            if (m_clock.elapsed() > kTimeoutMs)
                fail();
            return;
        }
        m_client = new RawHttpClient(m_base);
        m_clock.start();
        QObject::connect(m_client, &RawHttpClient::responseFinished, &m_context, [this] {
            if (m_client->response().status == 200) {
                ++m_answered;
                m_slowestMs = qMax(m_slowestMs, m_clock.elapsed());
                release();
            } else {
                fail();
            }
        });
        QObject::connect(m_client, &RawHttpClient::disconnected, &m_context, [this] {
            if (m_client)
                fail();
        });
        m_client->startConnecting();
        m_client->sendRequest("GET", "/health");
    }
    void fail()
    {
        ++m_failed;
        release();
    }
    void release()
    {
        if (!m_client)
            return;
        m_client->disconnect(&m_context);
        m_client->deleteLater(); // may be inside one of its signals
        m_client = nullptr;
    }

    QUrl m_base;
    QObject m_context;
    QTimer m_timer;
    QElapsedTimer m_clock;
    RawHttpClient *m_client = nullptr;
    int m_answered = 0;
    int m_failed = 0;
    qint64 m_slowestMs = 0;
};

/// Writes `bytes` to `client` a few at a time on a timer, as a slow (or hostile) client does.
class Trickle
{
public:
    Trickle(RawHttpClient &client, QByteArray bytes, int pieceBytes, int intervalMs)
        : m_client(client), m_bytes(std::move(bytes)), m_pieceBytes(pieceBytes)
    {
        m_timer.setInterval(intervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, &m_context, [this] {
            if (m_sent >= m_bytes.size() || m_client.wasDisconnected()) {
                m_timer.stop();
                return;
            }
            m_client.sendRaw(m_bytes.mid(m_sent, m_pieceBytes));
            m_sent += m_pieceBytes;
        });
        m_timer.start();
    }

private:
    RawHttpClient &m_client;
    QByteArray m_bytes;
    int m_pieceBytes;
    qsizetype m_sent = 0;
    QObject m_context;
    QTimer m_timer;
};

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void item2UnauthenticatedUploads();
    void item5EarlyAnswersAreRead();
    void item6SlowHeadsAndBodies();
    void item7Pipelining();
    void item8SmallOnes_data();
    void item8SmallOnes();
    void item9OpenFileLimit();

private:
    /// Starts the binary with the fake upstream as provider "fake" (models "gpt-...") and
    /// `limits` as the config's "limits" object.
    bool startGateway(const QJsonObject &limits = {});
    QUrl base() const { return m_gateway->baseUrl(); }
    /// /health answered now, on a new connection.
    bool healthy() const { return RawHttpClient::fetch(base(), "GET", "/health").status == 200; }

    FakeUpstream m_upstream;
    std::unique_ptr<GatewayProcess> m_gateway;
};

void TestFaults::initTestCase()
{
    RawHttpClient::defaultHeaders() = {
        {QByteArrayLiteral("Authorization"), "Bearer " + GatewayProcess::accessToken()}};
    QVERIFY(m_upstream.listen());
    m_upstream.setModelIds({QStringLiteral("gpt-4o-mini")});
}

void TestFaults::init()
{
    m_upstream.setChatReply(
        FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"), QStringLiteral("hello")));
    m_gateway = std::make_unique<GatewayProcess>(QStringLiteral(LLMGW_BINARY));
}

void TestFaults::cleanup()
{
    // The gateway must stop cleanly after every attack (under ASan: without a leak report).
    if (m_gateway && m_gateway->isRunning()) {
        const int exitCode = m_gateway->stop();
        QVERIFY2(exitCode == 0, m_gateway->log().right(3000).constData());
    }
    m_gateway.reset();
}

bool TestFaults::startGateway(const QJsonObject &limits)
{
    QJsonObject config{
        {QStringLiteral("version"), 1},
        {QStringLiteral("providers"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("fake")},
                                {QStringLiteral("type"), QStringLiteral("openai")},
                                {QStringLiteral("baseUrl"), m_upstream.baseUrl().toString()}}}},
        {QStringLiteral("routes"),
         QJsonArray{QJsonObject{{QStringLiteral("prefix"), QStringLiteral("gpt-")},
                                {QStringLiteral("provider"), QStringLiteral("fake")}}}},
    };
    if (!limits.isEmpty())
        config.insert(QStringLiteral("limits"), limits);
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("FAKE_API_KEY"), QStringLiteral("sk-fake-0123456789"));
    if (!m_gateway->start(config, environment)) {
        qWarning("%s", m_gateway->log().constData());
        return false;
    }
    return true;
}

void TestFaults::item2UnauthenticatedUploads()
{
    // 40 connections without a token, each announcing 32 MiB and sending all but the last
    // byte: refused from the head (401), drained without being kept, memory bounded.
    QVERIFY(startGateway());
    QVERIFY(healthy());
    const qint64 before = m_gateway->rssBytes();
    QVERIFY(m_gateway->resetPeak());
    const qint64 peakBefore = m_gateway->peakRssBytes();

    constexpr int kClients = 40;
    constexpr qint64 kAnnounced = 32 * kMiB;
    const QByteArray head =
        "POST /v1/chat/completions HTTP/1.1\r\n" + hostLine(base()) +
        "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(kAnnounced) +
        "\r\n\r\n";
    HealthProbe probe(base());
    probe.start();
    std::vector<BlockingUploadResult> results(kClients);
    std::vector<std::thread> threads;
    std::atomic<int> finished{0};
    const quint16 port = quint16(base().port());
    for (int i = 0; i < kClients; ++i) {
        threads.emplace_back([&, i] {
            results[size_t(i)] = blockingUpload(port, head, kAnnounced - 1, 60);
            ++finished;
        });
    }
    const bool allFinished = QTest::qWaitFor([&] { return finished == kClients; }, 180000);
    for (std::thread &thread : threads)
        thread.join();
    probe.stop();
    QVERIFY(allFinished);

    for (const BlockingUploadResult &result : results)
        QVERIFY2(result.received.startsWith("HTTP/1.1 401"), result.received.left(200).constData());
    QVERIFY2(probe.answered() >= 1 && probe.failed() == 0,
             qPrintable(QStringLiteral("/health during the uploads: %1 answered, %2 failed")
                            .arg(probe.answered())
                            .arg(probe.failed())));
    const qint64 growth = m_gateway->peakRssBytes() - peakBefore;
    qInfo("item 2: 40 unauthenticated 32 MiB uploads: peak RSS +%.1f MB; /health answered %d "
          "times during them, slowest %lld ms",
          growth / 1e6, probe.answered(), probe.slowestMs());
    if (!kSanitizedBuild) {
        QVERIFY2(growth < 32 * kMB, qPrintable(QString::number(growth)));
        // What the attack took is given back: RSS near where it was within 10 s.
        QVERIFY2(QTest::qWaitFor([&] { return m_gateway->rssBytes() < before + 32 * kMB; }, 10000),
                 qPrintable(QString::number(m_gateway->rssBytes() - before)));
    }
    QVERIFY(healthy());
}

void TestFaults::item5EarlyAnswersAreRead()
{
    // Three clients each send a 65 MiB body (over maxBodyBytes) before they read: each reads
    // the 413, none gets a reset (the issue saw 0 bytes in 2 runs of 3).
    QVERIFY(startGateway());
    constexpr qint64 kBody = 65 * kMiB;
    const QByteArray head =
        "POST /v1/chat/completions HTTP/1.1\r\n" + hostLine(base()) + tokenLine() +
        "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(kBody) +
        "\r\n\r\n";
    HealthProbe probe(base());
    probe.start();
    std::vector<BlockingUploadResult> results(3);
    std::vector<std::thread> threads;
    std::atomic<int> finished{0};
    const quint16 port = quint16(base().port());
    for (size_t i = 0; i < results.size(); ++i) {
        threads.emplace_back([&, i] {
            results[i] = blockingUpload(port, head, kBody, 60);
            ++finished;
        });
    }
    const bool allFinished = QTest::qWaitFor([&] { return finished == 3; }, 120000);
    for (std::thread &thread : threads)
        thread.join();
    probe.stop();
    QVERIFY(allFinished);
    for (const BlockingUploadResult &result : results) {
        QCOMPARE(result.sendError, 0);
        QCOMPARE(result.receiveError, 0);
        QVERIFY2(result.received.startsWith("HTTP/1.1 413"), result.received.left(200).constData());
        QVERIFY(result.received.contains("maxBodyBytes"));
    }
    QVERIFY(probe.answered() >= 1 && probe.failed() == 0);
    QVERIFY(healthy());
}

void TestFaults::item6SlowHeadsAndBodies()
{
    // One byte of head every 300 ms never completes a head within headTimeoutMs; a body at
    // 2 KB/s is under minBodyBytesPerSecond. Both get 408, set from the config file.
    QVERIFY(startGateway(QJsonObject{{QStringLiteral("headTimeoutMs"), 2000},
                                     {QStringLiteral("minBodyBytesPerSecond"), 8192}}));
    HealthProbe probe(base());
    probe.start();

    RawHttpClient slowHead(base());
    QVERIFY(slowHead.connectToServer());
    QElapsedTimer headClock;
    headClock.start();
    Trickle headTrickle(slowHead,
                        "GET /health HTTP/1.1\r\n" + hostLine(base()) + tokenLine() +
                            "X-Padding: " + QByteArray(200, 'p') + "\r\n\r\n",
                        1, 300);

    RawHttpClient slowBody(base());
    QVERIFY(slowBody.connectToServer());
    slowBody.sendRaw("POST /v1/chat/completions HTTP/1.1\r\n" + hostLine(base()) + tokenLine() +
                     "Content-Type: application/json\r\nContent-Length: 1048576\r\n\r\n");
    Trickle bodyTrickle(slowBody, QByteArray(1048576, ' '), 1024, 500);

    QVERIFY(slowHead.waitForResponse(kTimeoutMs));
    QCOMPARE(slowHead.response().status, 408);
    QVERIFY(slowHead.response().body.contains("headTimeoutMs"));
    // The deadline is for the whole head: it ended well before the head could have.
    QVERIFY2(headClock.elapsed() < 20000, qPrintable(QString::number(headClock.elapsed())));
    QVERIFY(slowBody.waitForResponse(kTimeoutMs));
    QCOMPARE(slowBody.response().status, 408);
    QVERIFY(slowBody.response().body.contains("minBodyBytesPerSecond"));
    QVERIFY(slowHead.waitForDisconnected());
    probe.stop();
    QVERIFY(probe.answered() >= 1 && probe.failed() == 0);
    QVERIFY(healthy());
}

void TestFaults::item7Pipelining()
{
    // Two chat requests in one write, then 50 health checks in one write: every one answered,
    // in order, and both chats reached the provider once each.
    QVERIFY(startGateway());
    const int before = int(m_upstream.chatRequests().size());
    RawHttpClient client(base());
    QVERIFY(client.connectToServer());
    client.sendRaw(rawPost(base(), "/v1/chat/completions", chatBody("gpt-4o-mini")) +
                   rawPost(base(), "/v1/chat/completions", chatBody("gpt-4o-mini")));
    QVERIFY(client.waitForResponse(kTimeoutMs, 1));
    QCOMPARE(client.response(0).status, 200);
    QCOMPARE(client.response(1).status, 200);
    QCOMPARE(m_upstream.chatRequests().size(), before + 2);

    QByteArray health;
    for (int i = 0; i < 50; ++i)
        health += "GET /health HTTP/1.1\r\n" + hostLine(base()) + tokenLine() + "\r\n";
    RawHttpClient checks(base());
    QVERIFY(checks.connectToServer());
    checks.sendRaw(health);
    QVERIFY(checks.waitForResponse(kTimeoutMs, 49));
    for (const RawHttpResponse &response : checks.responses())
        QCOMPARE(response.status, 200);
    QCOMPARE(checks.responses().size(), 50);
    QVERIFY(healthy());
}

void TestFaults::item8SmallOnes_data()
{
    QTest::addColumn<QByteArray>("request"); // with HOST and TOKEN placeholders
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("bodyless"); // the answer has no body (HEAD)
    QTest::addColumn<bool>("closes");   // the gateway closes the connection after it
    QTest::addColumn<bool>("reachesUpstream");

    const QByteArray start = "POST /v1/chat/completions HTTP/1.1\r\nHOST\r\nTOKEN\r\n";
    const QByteArray body = chatBody("gpt-4o-mini");
    QTest::newRow("Content-Length with a space before the colon: 400")
        << start + "Content-Length : " + QByteArray::number(body.size()) + "\r\n\r\n" + body << 400
        << false << true << false;
    QByteArray many;
    for (int i = 0; i < 5000; ++i)
        many += "X-H" + QByteArray::number(i) + ": 1\r\n";
    QTest::newRow("5,000 small headers: 431")
        << "GET /health HTTP/1.1\r\nHOST\r\nTOKEN\r\n" + many + "\r\n"
        << 431 << false << false << false;
    QTest::newRow("NUL in a forwarded header: 400, never sent upstream")
        << start + "anthropic-beta: a" + QByteArray(1, '\0') +
               "b\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body
        << 400 << false << false << false;
    QTest::newRow("HEAD /health: 200 without a body")
        << QByteArray("HEAD /health HTTP/1.1\r\nHOST\r\nTOKEN\r\n\r\n") << 200 << true << false
        << false;
    QTest::newRow("Connection: close: answered, then closed")
        << start + "Connection: close\r\nContent-Length: " + QByteArray::number(body.size()) +
               "\r\n\r\n" + body
        << 200 << false << true << true;
}

void TestFaults::item8SmallOnes()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(bool, bodyless);
    QFETCH(bool, closes);
    QFETCH(bool, reachesUpstream);

    QVERIFY(startGateway());
    request.replace("HOST\r\n", hostLine(base()));
    request.replace("TOKEN\r\n", tokenLine());
    const int before = int(m_upstream.chatRequests().size());
    RawHttpClient client(base());
    QVERIFY(client.connectToServer());
    if (bodyless)
        client.expectHeadResponse();
    client.sendRaw(request);
    QVERIFY(client.waitForResponse(kTimeoutMs));
    QCOMPARE(client.response().status, status);
    if (bodyless) {
        QVERIFY(client.response().body.isEmpty());
        QVERIFY(client.response().header("content-length").toInt() > 0);
    } else if (status >= 400) {
        QVERIFY2(!client.response().json().value(QStringLiteral("error")).toObject().isEmpty(),
                 client.response().body.constData());
    }
    if (closes)
        QVERIFY(client.waitForDisconnected());
    QCOMPARE(m_upstream.chatRequests().size(), before + (reachesUpstream ? 1 : 0));
    QVERIFY(healthy());
}

void TestFaults::item9OpenFileLimit()
{
    // A desktop session's soft limit of 1024 (here 256) is raised to the hard limit at start.
    m_gateway->setShellPrefix(QStringLiteral("ulimit -Sn 256"));
    QVERIFY(startGateway());
    QFile limits(QStringLiteral("/proc/%1/limits").arg(m_gateway->pid()));
    QVERIFY(limits.open(QIODevice::ReadOnly));
    QByteArray line;
    for (const QByteArray &l : limits.readAll().split('\n')) {
        if (l.startsWith("Max open files"))
            line = l;
    }
    const QList<QByteArray> fields = line.mid(14).simplified().split(' ');
    QVERIFY2(fields.size() >= 2, line.constData());
    QCOMPARE(fields[0], fields[1]); // soft == hard
    if (fields[1] != "256")
        QVERIFY2(m_gateway->log().contains("Open-file limit raised from 256 to " + fields[1]),
                 m_gateway->log().constData());
    QVERIFY(healthy());
}

QTEST_GUILESS_MAIN(TestFaults)
#include "TestFaults.moc"
