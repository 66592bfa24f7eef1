// End to end: clients that leave early or misbehave on an open stream. Writing after the
// client left must not crash, a request pipelined during an open stream must wait for the
// stream's end (never be answered inside it), and the upstream connection must close as soon
// as the client is gone.
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "RawHttpClient.h"
#include "TestClock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

namespace {
constexpr int kTimeoutMs = 20000;
/// How soon the upstream connection must close after the client left. Generous for a loaded
/// machine; a gateway that waited for the upstream to finish would take the whole stream
/// (kLongStreamEvents * interval = 20 s).
constexpr int kPromptCloseMs = 5000;
constexpr int kLongStreamEvents = 200;

QByteArray chatBody(bool stream)
{
    return GatewayHarness::chatBody(QStringLiteral("gpt-4o-mini"), stream);
}

FakeReply longStream()
{
    return FakeReply::contentStream(
        QStringLiteral("gpt-4o-mini"),
        FakeReply::numberedPieces(QStringLiteral("w"), kLongStreamEvents), 100);
}
} // namespace

class TestClientDisconnects : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void clientLeavesBeforeUpstreamAnswers_data();
    void clientLeavesBeforeUpstreamAnswers();
    void clientLeavesRightAfterSending();
    void clientLeavesDuringStream();
    void pipelinedRequestDuringStreamAnsweredAfterIt();
    void manyClientsLeavingAtRandomMoments();

private:
    void verifyGatewayStillServes();

    FakeUpstream m_upstream;
    GatewayHarness m_gateway;
};

void TestClientDisconnects::initTestCase()
{
    QVERIFY(m_upstream.listen());
    m_gateway.addOpenAiGptRoute(m_upstream.baseUrl());
    QVERIFY(m_gateway.start());
}

void TestClientDisconnects::init()
{
    m_upstream.setChatReply(
        FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"), QStringLiteral("ok")));
}

void TestClientDisconnects::cleanup()
{
    // Nothing left running upstream once the test's clients are gone.
    QTRY_COMPARE_WITH_TIMEOUT(m_upstream.activeStreams(), 0, kTimeoutMs);
}

void TestClientDisconnects::verifyGatewayStillServes()
{
    const RawHttpResponse health = RawHttpClient::fetch(m_gateway.baseUrl(), "GET", "/health");
    QCOMPARE(health.status, 200);
    m_upstream.setChatReply(
        FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"), QStringLiteral("still here")));
    const RawHttpResponse chat = RawHttpClient::fetch(
        m_gateway.baseUrl(), "POST", "/v1/chat/completions", chatBody(false), {}, kTimeoutMs);
    QCOMPARE(chat.status, 200);
    QCOMPARE(chat.json().value(QStringLiteral("choices"))[0]["message"]["content"].toString(),
             QStringLiteral("still here"));
}

void TestClientDisconnects::clientLeavesBeforeUpstreamAnswers_data()
{
    QTest::addColumn<bool>("stream");

    QTest::newRow("non-streaming") << false;
    QTest::newRow("streaming") << true;
}

void TestClientDisconnects::clientLeavesBeforeUpstreamAnswers()
{
    QFETCH(bool, stream);

    m_upstream.setChatReply(FakeReply::hang());
    QSignalSpy received(&m_upstream, &FakeUpstream::requestReceived);
    QSignalSpy closed(&m_upstream, &FakeUpstream::connectionClosed);
    QCOMPARE(m_upstream.answeringConnections(), 0);
    {
        RawHttpClient client(m_gateway.baseUrl());
        QVERIFY(client.connectToServer());
        client.sendRequest("POST", "/v1/chat/completions", chatBody(stream));
        QTRY_VERIFY_WITH_TIMEOUT(!received.isEmpty(), kTimeoutMs);
        QCOMPARE(m_upstream.answeringConnections(), 1);
        QCOMPARE(client.responses().size(), 0);
        client.abort();
    }
    const qint64 left = monotonicNowMs();
    // The gateway aborts its upstream request: the hanging upstream sees its connection end.
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), kPromptCloseMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_upstream.answeringConnections(), 0, kPromptCloseMs);
    qInfo("upstream connection closed %lld ms after the client left", monotonicNowMs() - left);
    verifyGatewayStillServes();
}

void TestClientDisconnects::clientLeavesRightAfterSending()
{
    // Clients that vanish at once, before the gateway has even dispatched their request.
    m_upstream.setChatReply(longStream());
    for (int i = 0; i < 20; ++i) {
        RawHttpClient client(m_gateway.baseUrl());
        QVERIFY(client.connectToServer());
        client.sendRequest("POST", "/v1/chat/completions", chatBody(i % 2 == 0));
        client.abort();
    }
    verifyGatewayStillServes();
}

void TestClientDisconnects::clientLeavesDuringStream()
{
    m_upstream.setChatReply(longStream());
    QSignalSpy closed(&m_upstream, &FakeUpstream::connectionClosed);
    const int finishedBefore = m_upstream.finishedStreams();

    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRequest("POST", "/v1/chat/completions", chatBody(true));
    QVERIFY(client.waitForChunks(3, kTimeoutMs));
    QCOMPARE(client.response().status, 200);
    QCOMPARE(m_upstream.activeStreams(), 1);
    client.abort();
    const qint64 left = monotonicNowMs();

    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), kPromptCloseMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_upstream.answeringConnections(), 0, kPromptCloseMs);
    const qint64 closedAfter = monotonicNowMs() - left;
    qInfo("upstream connection closed %lld ms after the client left mid-stream", closedAfter);
    QCOMPARE(m_upstream.activeStreams(), 0);
    // The upstream stream was cut, not run to its end.
    QCOMPARE(m_upstream.finishedStreams(), finishedBefore);
    verifyGatewayStillServes();
}

void TestClientDisconnects::pipelinedRequestDuringStreamAnsweredAfterIt()
{
    // HTTP/1.1 lets a client send its next request before the answer to the previous one is
    // complete (issue 8 item 7: closing the connection lost paid answers). The second
    // request must be answered after the stream, never inside it.
    m_upstream.setChatReply(FakeReply::contentStream(
        QStringLiteral("gpt-4o-mini"), FakeReply::numberedPieces(QStringLiteral("w"), 20), 30));

    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRequest("POST", "/v1/chat/completions", chatBody(true));
    QVERIFY(client.waitForChunks(2, kTimeoutMs));
    // A second request on the same connection while the stream is open.
    client.sendRequest("GET", "/health");
    QVERIFY(client.waitForResponse(kTimeoutMs, 1));

    QCOMPARE(client.responses().size(), 2);
    const RawHttpResponse stream = client.response(0);
    QVERIFY(stream.complete);
    QVERIFY(!stream.body.contains("\"status\""));
    QVERIFY(!stream.body.contains("HTTP/1.1"));
    const QList<QByteArray> data = stream.sseData();
    QVERIFY(!data.isEmpty());
    QCOMPARE(data.last(), QByteArray("[DONE]"));
    for (qsizetype i = 0; i + 1 < data.size(); ++i)
        QVERIFY2(data[i].startsWith("{\"id\""), data[i].constData());
    const RawHttpResponse health = client.response(1);
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    // The health answer began only after the stream's last chunk.
    QVERIFY(health.headersAt >= stream.finishedAt);
    QVERIFY(!client.wasDisconnected());
    verifyGatewayStillServes();
}

void TestClientDisconnects::manyClientsLeavingAtRandomMoments()
{
    // 24 streams, each client leaving after a different number of chunks (0 = before any).
    FakeReply stream = longStream();
    stream.intervalMs = 30;
    m_upstream.setChatReply(stream);
    QList<RawHttpClient *> clients;
    for (int i = 0; i < 24; ++i) {
        auto *client = new RawHttpClient(m_gateway.baseUrl(), this);
        QVERIFY(client->connectToServer());
        client->sendRequest("POST", "/v1/chat/completions", chatBody(true));
        clients.append(client);
    }
    for (int round = 0; round < 6; ++round) {
        for (int i = round; i < clients.size(); i += 6) {
            QVERIFY(clients[i]->waitForChunks(round, kTimeoutMs) || round == 0);
            clients[i]->abort();
        }
    }
    qDeleteAll(clients);
    QTRY_COMPARE_WITH_TIMEOUT(m_upstream.activeStreams(), 0, kTimeoutMs);
    verifyGatewayStillServes();
}

QTEST_GUILESS_MAIN(TestClientDisconnects)
#include "TestClientDisconnects.moc"
