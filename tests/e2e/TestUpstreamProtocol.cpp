// End to end: upstream HTTP the gateway must read right whatever client carries it (issue 8
// item 8). Interim 102/103 answers before the real one (QNetworkAccessManager in Qt 6.4 takes
// them for the final answer: the gateway then asks again on its own client); a stray answer
// sent on a kept-alive connection never becomes the next request's answer; a malformed chunk
// is reported as a malformed answer, not as an unreachable provider; a header holding CR, LF
// or NUL is never sent upstream. Runs on both clients, plain and TLS.
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "RawHttpClient.h"

#include <QSignalSpy>
#include <QTest>

namespace {
constexpr int kTimeoutMs = 20000;

bool onQtNetwork()
{
    return qEnvironmentVariable("LLMGW_TEST_UPSTREAM_CLIENT") == QLatin1String("qt");
}

QString errorMessage(const RawHttpResponse &response)
{
    return response.json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

QString contentOf(const RawHttpResponse &response)
{
    if (!response.chunked)
        return response.json()["choices"][0]["message"]["content"].toString();
    QString text;
    for (const QJsonObject &chunk : response.sseJson())
        text += chunk.value(QStringLiteral("choices"))[0]["delta"]["content"].toString();
    return text;
}
} // namespace

class TestUpstreamProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void interimAnswersAreSkipped_data();
    void interimAnswersAreSkipped();
    void strayAnswerNeverReachesTheNextRequest();
    void malformedChunkIsAMalformedAnswer();
    void invalidStatusLineIsAMalformedAnswer_data();
    void invalidStatusLineIsAMalformedAnswer();
    void headersWithLineBreaksAreNeverSent_data();
    void headersWithLineBreaksAreNeverSent();

private:
    RawHttpResponse chat(bool stream);

    FakeUpstream m_upstream;
    GatewayHarness m_gateway;
};

void TestUpstreamProtocol::initTestCase()
{
    QVERIFY(m_upstream.listen());
    m_gateway.addOpenAiGptRoute(m_upstream.baseUrl());
    QVERIFY(m_gateway.start());
}

RawHttpResponse TestUpstreamProtocol::chat(bool stream)
{
    return RawHttpClient::fetch(m_gateway.baseUrl(), "POST", "/v1/chat/completions",
                                GatewayHarness::chatBody(QStringLiteral("gpt-4o-mini"), stream), {},
                                kTimeoutMs);
}

void TestUpstreamProtocol::interimAnswersAreSkipped_data()
{
    QTest::addColumn<QByteArray>("interim");
    QTest::addColumn<bool>("stream");
    const QByteArray processing = "HTTP/1.1 102 Processing\r\n\r\n";
    const QByteArray earlyHints =
        "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n";
    QTest::newRow("102") << processing << false;
    QTest::newRow("103") << earlyHints << false;
    QTest::newRow("102 twice, stream") << processing + processing << true;
    QTest::newRow("103, stream") << earlyHints << true;
    QTest::newRow("100") << QByteArray("HTTP/1.1 100 Continue\r\n\r\n") << false;
}

void TestUpstreamProtocol::interimAnswersAreSkipped()
{
    QFETCH(QByteArray, interim);
    QFETCH(bool, stream);
    FakeReply reply =
        stream ? FakeReply::contentStream(QStringLiteral("gpt-4o-mini"),
                                          {QStringLiteral("after "), QStringLiteral("hints")})
               : FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"),
                                           QStringLiteral("after hints"));
    reply.interim = interim;
    m_upstream.setChatReply(reply);
    const qsizetype before = m_upstream.chatRequests().size();
    QSignalSpy finished(&m_gateway.controller(), &GatewayController::callFinished);

    const RawHttpResponse response = chat(stream);
    QVERIFY2(response.status == 200, response.body.constData());
    QCOMPARE(contentOf(response), QStringLiteral("after hints"));

    // Qt's client drops the real answer after a 102/103: the request went out once more, on
    // the gateway's own client, and the log says so.
    const bool qtLostIt = onQtNetwork() && !interim.startsWith("HTTP/1.1 100");
    QCOMPARE(m_upstream.chatRequests().size() - before, qtLostIt ? 2 : 1);
    const std::optional<RequestRecord> found =
        GatewayHarness::awaitRecord(finished, response.header("x-request-id"), kTimeoutMs);
    QVERIFY(found);
    const RequestRecord record = *found;
    QCOMPARE(record.status, 200);
    QCOMPARE(record.notes.join(QLatin1Char(' ')).contains(QLatin1String("interim")), qtLostIt);
}

void TestUpstreamProtocol::strayAnswerNeverReachesTheNextRequest()
{
    // After its answer the upstream sends a second one nobody asked for, on the same
    // kept-alive connection; the next request must get its own answer.
    if (onQtNetwork())
        QSKIP("QNetworkAccessManager (Qt 6.4) reads such bytes as the next request's answer; "
              "the gateway's own client, the default for every upstream, discards the "
              "connection");
    const QByteArray strayBody =
        R"({"id":"chatcmpl-stray","object":"chat.completion","created":1,"model":"gpt-4o-mini",)"
        R"("choices":[{"index":0,"message":{"role":"assistant","content":"STRAY"},)"
        R"("finish_reason":"stop"}]})";
    FakeReply first =
        FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"), QStringLiteral("first"));
    first.strayAfter = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                       QByteArray::number(strayBody.size()) + "\r\n\r\n" + strayBody;
    first.strayDelayMs = 20;
    m_upstream.queueChatReply(first);
    m_upstream.queueChatReply(
        FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"), QStringLiteral("second")));
    const int straysBefore = m_upstream.straysSent();

    const RawHttpResponse one = chat(false);
    QCOMPARE(contentOf(one), QStringLiteral("first"));
    QVERIFY(QTest::qWaitFor([&] { return m_upstream.straysSent() > straysBefore; }, kTimeoutMs));
    const RawHttpResponse two = chat(false);
    QVERIFY2(two.status == 200, two.body.constData());
    QCOMPARE(contentOf(two), QStringLiteral("second"));
    QVERIFY(!two.body.contains("STRAY"));
}

void TestUpstreamProtocol::malformedChunkIsAMalformedAnswer()
{
    if (onQtNetwork())
        QSKIP("QNetworkAccessManager (Qt 6.4) reads this chunk size without complaint");
    FakeReply broken;
    broken.kind = FakeReply::Kind::Raw;
    broken.body = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                  "Transfer-Encoding: chunked\r\n\r\nzz-not-hex\r\n{}\r\n0\r\n\r\n";
    m_upstream.queueChatReply(broken);
    const RawHttpResponse response = chat(false);
    QCOMPARE(response.status, 502);
    const QString message = errorMessage(response);
    QVERIFY2(!message.contains(QLatin1String("Cannot reach")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("malformed")), qPrintable(message));
}

void TestUpstreamProtocol::invalidStatusLineIsAMalformedAnswer_data()
{
    QTest::addColumn<QByteArray>("statusLine");
    QTest::addColumn<QString>("words");
    // Found by fuzz_upstream_response: "HTTP/1.1#101 ..." was read as a final answer with
    // status 101, and the call ended without an error.
    QTest::newRow("no space after the version")
        << QByteArray("HTTP/1.1#200 OK") << QStringLiteral("invalid status line");
    QTest::newRow("status with four digits")
        << QByteArray("HTTP/1.1 2000 OK") << QStringLiteral("invalid status line");
    QTest::newRow("status beyond 599") << QByteArray("HTTP/1.1 999 Odd") << QStringLiteral("999");
    QTest::newRow("101 without an upgrade asked")
        << QByteArray("HTTP/1.1 101 Switching Protocols") << QStringLiteral("101");
}

void TestUpstreamProtocol::invalidStatusLineIsAMalformedAnswer()
{
    QFETCH(QByteArray, statusLine);
    QFETCH(QString, words);
    if (onQtNetwork())
        QSKIP("the status line is read by QNetworkAccessManager there");
    FakeReply broken;
    broken.kind = FakeReply::Kind::Raw;
    broken.body = statusLine + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
    m_upstream.queueChatReply(broken);
    const RawHttpResponse response = chat(false);
    QCOMPARE(response.status, 502);
    const QString message = errorMessage(response);
    QVERIFY2(message.contains(words), qPrintable(message));
}

void TestUpstreamProtocol::headersWithLineBreaksAreNeverSent_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("CR LF") << QByteArray("team-a\r\nX-Injected: 1");
    QTest::newRow("LF") << QByteArray("team-a\nX-Injected: 1");
    QTest::newRow("NUL") << QByteArray("team-a\0tail", 11);
}

void TestUpstreamProtocol::headersWithLineBreaksAreNeverSent()
{
    QFETCH(QByteArray, value);
    GatewayHarness gateway;
    gateway.addOpenAiGptRoute(m_upstream.baseUrl());
    gateway.config().providers.first().extraHeaders.append({"X-Team", value});
    QVERIFY(gateway.start());
    const qsizetype before = m_upstream.requests().size();
    const RawHttpResponse response = RawHttpClient::fetch(
        gateway.baseUrl(), "POST", "/v1/chat/completions",
        GatewayHarness::chatBody(QStringLiteral("gpt-4o-mini"), false), {}, kTimeoutMs);
    QCOMPARE(response.status, 502);
    QVERIFY2(errorMessage(response).contains(QLatin1String("X-Team")) &&
                 errorMessage(response).contains(QLatin1String("not sent")),
             qPrintable(errorMessage(response)));
    QCOMPARE(m_upstream.requests().size(), before);
}

QTEST_GUILESS_MAIN(TestUpstreamProtocol)
#include "TestUpstreamProtocol.moc"
