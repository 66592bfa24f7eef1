// End to end: no concurrency cap. QNetworkAccessManager opens at most 6 HTTP/1.1 connections
// per host, so a naive gateway would run a 7th stream to the same provider only after one of
// the first six ended. 64 slow streams to ONE provider must all progress together and finish
// in about the time of one.
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "RawHttpClient.h"
#include "TestClock.h"
#include "TestTls.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

namespace {
constexpr int kStreams = 64;
constexpr int kChunks = 10;
/// Over TLS the 64 connections cost 64 handshakes on each side (a few ms of CPU each, on a
/// shared machine): a slower stream keeps "early in it" meaningful.
const int kIntervalMs = TestTls::upstreamsUseTls() ? 400 : 100;
constexpr int kTimeoutMs = 60000;

QByteArray streamBody()
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("model"), QStringLiteral("gpt-4o-mini")},
                           {QStringLiteral("stream"), true},
                           {QStringLiteral("messages"),
                            QJsonArray{QJsonObject{
                                {QStringLiteral("role"), QStringLiteral("user")},
                                {QStringLiteral("content"), QStringLiteral("Count to ten")}}}}})
        .toJson(QJsonDocument::Compact);
}

QString expectedText()
{
    QString text;
    for (int i = 0; i < kChunks; ++i)
        text += QStringLiteral("%1 ").arg(i + 1);
    return text;
}

QString streamedText(const RawHttpResponse &response)
{
    QString text;
    for (const QJsonObject &chunk : response.sseJson())
        text += chunk.value(QStringLiteral("choices"))[0]["delta"]["content"].toString();
    return text;
}
} // namespace

class TestConcurrentStreams : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void manySlowStreamsToOneProviderRunTogether();

private:
    FakeUpstream m_upstream;
    GatewayHarness m_gateway;
};

void TestConcurrentStreams::initTestCase()
{
    QVERIFY(m_upstream.listen());
    m_upstream.setChatReply(
        FakeReply::contentStream(QStringLiteral("gpt-4o-mini"),
                                 FakeReply::numberedPieces(QString(), kChunks, 1), kIntervalMs));
    m_gateway.addOpenAiGptRoute(m_upstream.baseUrl());
    QVERIFY(m_gateway.start());
}

void TestConcurrentStreams::manySlowStreamsToOneProviderRunTogether()
{
    // One stream alone: the reference time.
    qint64 single = 0;
    {
        RawHttpClient client(m_gateway.baseUrl());
        QVERIFY(client.connectToServer());
        const qint64 started = monotonicNowMs();
        client.sendRequest("POST", "/v1/chat/completions", streamBody());
        QVERIFY(client.waitForResponse(kTimeoutMs));
        single = client.response().finishedAt - started;
        QCOMPARE(client.response().status, 200);
        QCOMPARE(streamedText(client.response()), expectedText());
    }
    QVERIFY(single >= (kChunks - 1) * kIntervalMs / 2);

    // 64 at once, as IDE agents do: 64 connections opened together, each sending its request
    // as soon as it is connected, all to the same provider.
    QCOMPARE(m_upstream.peakActiveStreams(), 1);
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    const qint64 started = monotonicNowMs();
    for (int i = 0; i < kStreams; ++i) {
        clients.push_back(std::make_unique<RawHttpClient>(m_gateway.baseUrl()));
        clients.back()->startConnecting();
    }
    for (const auto &client : clients) {
        QVERIFY(client->connectToServer(kTimeoutMs));
        client->sendRequest("POST", "/v1/chat/completions", streamBody());
    }
    for (const auto &client : clients)
        QVERIFY(client->waitForResponse(kTimeoutMs));

    qint64 lastFinish = 0;
    qint64 firstFinish = std::numeric_limits<qint64>::max();
    qint64 lastFirstChunk = 0;
    for (const auto &client : clients) {
        const RawHttpResponse response = client->response();
        QCOMPARE(response.status, 200);
        QCOMPARE(response.sseData().last(), QByteArray("[DONE]"));
        QCOMPARE(streamedText(response), expectedText());
        lastFinish = std::max(lastFinish, response.finishedAt - started);
        firstFinish = std::min(firstFinish, response.finishedAt - started);
        lastFirstChunk = std::max(lastFirstChunk, response.chunkTimes.first() - started);
    }
    qint64 lastArrival = 0;
    const QList<RecordedRequest> received = m_upstream.chatRequests();
    QCOMPARE(received.size(), kStreams + 1);
    for (qsizetype i = 1; i < received.size(); ++i)
        lastArrival = std::max(lastArrival, received[i].receivedAt - started);
    qInfo(
        "%d concurrent streams of %d chunks %d ms apart to one provider: single stream "
        "%lld ms; all %d done after %lld ms (%.2fx single); first stream done after %lld ms; "
        "every stream had its first chunk by %lld ms; the upstream had all requests by %lld ms and "
        "saw %d streams at once",
        kStreams, kChunks, kIntervalMs, single, kStreams, lastFinish,
        double(lastFinish) / double(single), firstFinish, lastFirstChunk, lastArrival,
        m_upstream.peakActiveStreams());

    // All upstream streams were open at the same time: none waited for a free connection.
    QCOMPARE(m_upstream.peakActiveStreams(), kStreams);
    // All progressed together: every stream had begun before the first one ended, indeed
    // early in it (a stream held back, e.g. by a full listen backlog, starts 1 s late).
    QVERIFY(lastFirstChunk < firstFinish);
    QVERIFY2(lastFirstChunk < single / 2,
             qPrintable(QStringLiteral("%1 ms vs %2 ms").arg(lastFirstChunk).arg(single)));
    // And together they took about as long as one.
    QVERIFY2(lastFinish < single * 5 / 2,
             qPrintable(QStringLiteral("%1 ms vs %2 ms").arg(lastFinish).arg(single)));
}

QTEST_GUILESS_MAIN(TestConcurrentStreams)
#include "TestConcurrentStreams.moc"
