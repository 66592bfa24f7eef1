// End to end: the request log's feed (SPEC §6, issue 11). Every answer the gateway gives has
// exactly one finished record, announced when its head was admitted, whose id is the
// x-request-id the client saw: calls to providers, refusals of every kind, /v1/models, the
// token-count estimate, 503 while paused or busy; health checks only when asked for. Bodies
// are recorded only when turned on, capped, with the keys and the token redacted.
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "RawHttpClient.h"
#include "RecordingSink.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <cstdlib>

namespace {
constexpr int kTimeoutMs = 20000;
const QString kProviderKey = QStringLiteral("sk-provider-secret-0123456789");

QByteArray chatBody(bool stream = false)
{
    return GatewayHarness::chatBody(QStringLiteral("gpt-4o-mini"), stream);
}

QByteArray messagesBody()
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("model"), QStringLiteral("gpt-4o-mini")},
                           {QStringLiteral("max_tokens"), 64},
                           {QStringLiteral("messages"),
                            QJsonArray{QJsonObject{
                                {QStringLiteral("role"), QStringLiteral("user")},
                                {QStringLiteral("content"), QStringLiteral("count me")}}}}})
        .toJson(QJsonDocument::Compact);
}

QByteArray hostLine(const QUrl &base)
{
    return "Host: 127.0.0.1:" + QByteArray::number(base.port()) + "\r\n";
}

/// A raw request's answer (for heads the RawHttpClient would not write).
RawHttpResponse sendRaw(const QUrl &base, const QByteArray &bytes)
{
    RawHttpClient client(base);
    if (!client.connectToServer())
        return {};
    client.sendRaw(bytes);
    client.waitForResponse(kTimeoutMs);
    return client.response();
}

} // namespace

class TestRequestRecords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void chatCallRecorded_data();
    void chatCallRecorded();
    void everyKindOfAnswerRecordedOnce_data();
    void everyKindOfAnswerRecordedOnce();
    void upstreamErrorRecorded();
    void pausedAndBusyRecorded();
    void healthChecksOnlyWhenAsked();
    void clientLeavingDuringItsBodyRecorded499();
    void bodiesOnlyWhenAskedCappedAndRedacted();
    void secretsInFieldsRedacted();
    void nothingWhenTheLogIsOff();

private:
    /// Checks the records for the answer `response`: one started, one finished, same id.
    RequestRecord recordOf(const RawHttpResponse &response);

    FakeUpstream m_upstream;
    std::unique_ptr<GatewayHarness> m_gateway;
    std::shared_ptr<RecordingSink> m_sink;
};

void TestRequestRecords::initTestCase()
{
    QVERIFY(m_upstream.listen());
    m_upstream.setModelIds({QStringLiteral("gpt-4o-mini"), QStringLiteral("gpt-4o")});
}

void TestRequestRecords::init()
{
    m_upstream.setChatReply(
        FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"), QStringLiteral("hello")));
    m_sink = std::make_shared<RecordingSink>();
    m_gateway = std::make_unique<GatewayHarness>();
    m_gateway->addOpenAiProvider(QStringLiteral("openai"), m_upstream.baseUrl(), kProviderKey);
    m_gateway->addRoute(QStringLiteral("gpt-"), QStringLiteral("openai"));
    m_gateway->config().limits.maxBodyBytes = 64 * 1024;
    m_gateway->controller().setRequestLogSink(m_sink);
}

void TestRequestRecords::cleanup()
{
    m_gateway.reset();
    m_sink.reset();
}

RequestRecord TestRequestRecords::recordOf(const RawHttpResponse &response)
{
    const QByteArray id = response.header("x-request-id");
    [&] { QVERIFY2(id.startsWith("req_") && id.size() == 32, id.constData()); }();
    // The time it was made (ms, 12 hex digits), then 16 random hex digits, in lower case.
    [&] {
        for (const char c : id.sliced(4))
            QVERIFY2((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'), id.constData());
        const qint64 madeAt = id.mid(4, 12).toLongLong(nullptr, 16);
        QVERIFY2(std::abs(QDateTime::currentMSecsSinceEpoch() - madeAt) < 600000, id.constData());
    }();
    [&] { QVERIFY(m_sink->waitForFinished(id)); }();
    const QList<RequestRecord> finished = m_sink->finishedWithId(id);
    [&] { QCOMPARE(finished.size(), 1); }();
    int started = 0;
    for (const RequestRecord &record : m_sink->started())
        started += record.id == id ? 1 : 0;
    [&] { QCOMPARE(started, 1); }();
    return finished.value(0);
}

void TestRequestRecords::chatCallRecorded_data()
{
    QTest::addColumn<bool>("stream");
    QTest::newRow("json") << false;
    QTest::newRow("stream") << true;
}

void TestRequestRecords::chatCallRecorded()
{
    QFETCH(bool, stream);
    if (stream)
        m_upstream.setChatReply(FakeReply::contentStream(
            QStringLiteral("gpt-4o-mini"), {QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(m_gateway->start());
    const QByteArray body = chatBody(stream);
    const RawHttpResponse response =
        RawHttpClient::fetch(m_gateway->baseUrl(), "POST", "/api/v1/chat/completions", body,
                             {{QByteArrayLiteral("User-Agent"), QByteArrayLiteral("records/1.0")}});
    QCOMPARE(response.status, 200);
    const RequestRecord record = recordOf(response);
    QCOMPARE(record.status, 200);
    QCOMPARE(record.method, QStringLiteral("POST"));
    QCOMPARE(record.path, QStringLiteral("/api/v1/chat/completions"));
    QCOMPARE(record.format, QStringLiteral("openai"));
    QCOMPARE(record.userAgent, QStringLiteral("records/1.0"));
    QCOMPARE(record.requestedModel, QStringLiteral("gpt-4o-mini"));
    QCOMPARE(record.providerId, QStringLiteral("openai"));
    QCOMPARE(record.upstreamModel, QStringLiteral("gpt-4o-mini"));
    QCOMPARE(record.stream, stream);
    QVERIFY(record.errorMessage.isEmpty());
    QCOMPARE(record.requestBytes, body.size());
    QVERIFY(record.responseBytes > response.body.size());
    QVERIFY(record.latencyMs >= 0);
    QVERIFY(record.startedAt.isValid());
    QCOMPARE(record.startedAt.timeSpec(), Qt::UTC);
    QCOMPARE(record.usage.promptTokens, 9);
    if (stream)
        QVERIFY(record.firstTokenMs >= 0);
    else
        QCOMPARE(record.usage.completionTokens, 12);
    // Bodies are off by default.
    QVERIFY(record.requestBody.isEmpty());
    QVERIFY(record.responseBody.isEmpty());
}

void TestRequestRecords::everyKindOfAnswerRecordedOnce_data()
{
    QTest::addColumn<QByteArray>("head"); // request line and headers; HOST and TOKEN filled in
    QTest::addColumn<QByteArray>("body"); // sent with its Content-Length when not empty
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<bool>("hasError");

    QTest::newRow("401 no token") << QByteArray("POST /v1/chat/completions HTTP/1.1\r\nHOST")
                                  << chatBody() << 401 << "openai" << QString() << QString()
                                  << true;
    QTest::newRow("403 foreign Host")
        << QByteArray("GET /v1/models HTTP/1.1\r\nHost: evil.example\r\nTOKEN") << QByteArray()
        << 403 << QString() << QString() << QString() << true;
    QTest::newRow("404 unknown path")
        << QByteArray("GET /v2/nothing HTTP/1.1\r\nHOSTTOKEN") << QByteArray() << 404 << QString()
        << QString() << QString() << true;
    QTest::newRow("404 model_not_found")
        << QByteArray("POST /v1/chat/completions HTTP/1.1\r\nHOSTTOKEN")
        << QByteArray(R"({"model":"nope-1","messages":[{"role":"user","content":"x"}]})") << 404
        << "openai"
        << "nope-1" << QString() << true;
    QTest::newRow("405") << QByteArray("GET /v1/chat/completions HTTP/1.1\r\nHOSTTOKEN")
                         << QByteArray() << 405 << "openai" << QString() << QString() << true;
    QTest::newRow("413 announced")
        << QByteArray("POST /v1/messages HTTP/1.1\r\nHOSTTOKENContent-Length: 999999\r\n")
        << QByteArray() << 413 << "anthropic" << QString() << QString() << true;
    QTest::newRow("400 bad JSON") << QByteArray("POST /v1/chat/completions HTTP/1.1\r\nHOSTTOKEN")
                                  << QByteArray("{x}") << 400 << "openai" << QString() << QString()
                                  << true;
    QTest::newRow("400 malformed head")
        << QByteArray("POST /v1/messages HTTP/1.1\r\nHOSTTOKENX-Bad : 1\r\n") << QByteArray() << 400
        << "anthropic" << QString() << QString() << true;
    QTest::newRow("models") << QByteArray("GET /v1/models HTTP/1.1\r\nHOSTTOKEN") << QByteArray()
                            << 200 << QString() << QString() << QString() << false;
    QTest::newRow("count_tokens estimate")
        << QByteArray("POST /v1/messages/count_tokens HTTP/1.1\r\nHOSTTOKEN") << messagesBody()
        << 200 << "anthropic"
        << "gpt-4o-mini"
        << "openai" << false;
    QTest::newRow("preflight") << QByteArray("OPTIONS /v1/chat/completions HTTP/1.1\r\nHOST"
                                             "Origin: http://localhost:5173\r\n"
                                             "Access-Control-Request-Method: POST\r\n")
                               << QByteArray() << 204 << "openai" << QString() << QString()
                               << false;
}

void TestRequestRecords::everyKindOfAnswerRecordedOnce()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, format);
    QFETCH(QString, model);
    QFETCH(QString, provider);
    QFETCH(bool, hasError);

    m_gateway->config().allowedOrigins = {QStringLiteral("http://localhost:5173")};
    QVERIFY(m_gateway->start());
    head.replace("HOST", hostLine(m_gateway->baseUrl()));
    head.replace("TOKEN", "Authorization: Bearer " + GatewayHarness::accessToken() + "\r\n");
    if (!body.isEmpty())
        head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    const int before = int(m_upstream.chatRequests().size());
    const RawHttpResponse response = sendRaw(m_gateway->baseUrl(), head + "\r\n" + body);
    QCOMPARE(response.status, status);
    const RequestRecord record = recordOf(response);
    QCOMPARE(record.status, status);
    QCOMPARE(record.format, format);
    QCOMPARE(record.requestedModel, model);
    QCOMPARE(record.providerId, provider);
    QCOMPARE(!record.errorMessage.isEmpty(), hasError);
    QVERIFY(record.responseBytes > 0);
    QCOMPARE(m_upstream.chatRequests().size(), before);
    // One record in all: nothing else was logged for this request.
    QCOMPARE(m_sink->finished().size(), 1);
    QCOMPARE(m_sink->started().size(), 1);
}

void TestRequestRecords::upstreamErrorRecorded()
{
    m_upstream.setChatReply(FakeReply::error(500, QStringLiteral("the provider broke"),
                                             QStringLiteral("server_error"), QString()));
    QVERIFY(m_gateway->start());
    const RawHttpResponse response =
        RawHttpClient::fetch(m_gateway->baseUrl(), "POST", "/v1/chat/completions", chatBody());
    QCOMPARE(response.status, 502);
    const RequestRecord record = recordOf(response);
    QCOMPARE(record.status, 502);
    QVERIFY2(record.errorMessage.contains(QStringLiteral("the provider broke")),
             qPrintable(record.errorMessage));
    QCOMPARE(record.providerId, QStringLiteral("openai"));
}

void TestRequestRecords::pausedAndBusyRecorded()
{
    m_gateway->config().limits.maxConcurrentRequests = 1;
    m_upstream.setChatReply(FakeReply::hang());
    QVERIFY(m_gateway->start());

    // One call holds the only slot; the next one is turned away.
    RawHttpClient holder(m_gateway->baseUrl());
    QVERIFY(holder.connectToServer());
    holder.sendRequest("POST", "/v1/chat/completions", chatBody());
    QTRY_COMPARE_WITH_TIMEOUT(m_upstream.answeringConnections(), 1, kTimeoutMs);
    const RawHttpResponse busy =
        RawHttpClient::fetch(m_gateway->baseUrl(), "POST", "/v1/chat/completions", chatBody());
    QCOMPARE(busy.status, 503);
    QCOMPARE(recordOf(busy).status, 503);
    QVERIFY(recordOf(busy).errorMessage.contains(QStringLiteral("maxConcurrentRequests")));

    m_gateway->controller().setPaused(true);
    const RawHttpResponse paused =
        RawHttpClient::fetch(m_gateway->baseUrl(), "POST", "/v1/messages", messagesBody());
    QCOMPARE(paused.status, 503);
    const RequestRecord record = recordOf(paused);
    QCOMPARE(record.status, 503);
    QCOMPARE(record.format, QStringLiteral("anthropic"));
    QVERIFY(record.errorMessage.contains(QStringLiteral("paused")));

    // The held call ends when its client leaves: recorded as 499.
    const int finishedBefore = int(m_sink->finished().size());
    holder.abort();
    QVERIFY(m_sink->waitForFinishedCount(finishedBefore + 1));
    QCOMPARE(m_sink->finished().last().status, 499);
}

void TestRequestRecords::healthChecksOnlyWhenAsked()
{
    QVERIFY(m_gateway->start());
    const RawHttpResponse unrecorded = RawHttpClient::fetch(m_gateway->baseUrl(), "GET", "/health");
    QCOMPARE(unrecorded.status, 200);
    QVERIFY(unrecorded.header("x-request-id").startsWith("req_"));
    // A request after it is recorded; the health check before it never is.
    const RawHttpResponse models = RawHttpClient::fetch(m_gateway->baseUrl(), "GET", "/v1/models");
    recordOf(models);
    QCOMPARE(m_sink->finished().size(), 1);
    QCOMPARE(m_sink->started().size(), 1);

    m_gateway->stop();
    m_sink->clear();
    m_gateway->config().requestLog.healthChecks = true;
    QVERIFY(m_gateway->start());
    const RawHttpResponse recorded = RawHttpClient::fetch(m_gateway->baseUrl(), "GET", "/health");
    const RequestRecord record = recordOf(recorded);
    QCOMPARE(record.status, 200);
    QCOMPARE(record.path, QStringLiteral("/health"));
    QVERIFY(record.format.isEmpty());
}

void TestRequestRecords::clientLeavingDuringItsBodyRecorded499()
{
    QVERIFY(m_gateway->start());
    RawHttpClient client(m_gateway->baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRaw("POST /v1/chat/completions HTTP/1.1\r\n" + hostLine(m_gateway->baseUrl()) +
                   "Authorization: Bearer " + GatewayHarness::accessToken() +
                   "\r\nContent-Length: 5000\r\n\r\n{\"model\":");
    QTRY_COMPARE_WITH_TIMEOUT(m_sink->started().size(), 1, kTimeoutMs);
    client.abort();
    QVERIFY(m_sink->waitForFinishedCount(1));
    const RequestRecord record = m_sink->finished().first();
    QCOMPARE(record.id, m_sink->started().first().id);
    QCOMPARE(record.status, 499);
    QCOMPARE(record.format, QStringLiteral("openai"));
}

void TestRequestRecords::bodiesOnlyWhenAskedCappedAndRedacted()
{
    m_gateway->config().requestLog.recordBodies = true;
    m_gateway->config().requestLog.maxBodyBytes = 300;
    // The upstream echoes the key it was sent, as some providers do in their errors.
    m_upstream.setChatReply(FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"),
                                                      QStringLiteral("you sent ") + kProviderKey));
    QVERIFY(m_gateway->start());

    // The request carries the access token and the key in its text, and is longer than the cap.
    const QByteArray body = GatewayHarness::chatBody(
        QStringLiteral("gpt-4o-mini"), false,
        QJsonObject{{QStringLiteral("messages"),
                     QJsonArray{QJsonObject{
                         {QStringLiteral("role"), QStringLiteral("user")},
                         {QStringLiteral("content"),
                          QStringLiteral("token %1 key %2 url-encoded %3 then %4")
                              .arg(QString::fromLatin1(GatewayHarness::accessToken()), kProviderKey,
                                   QString::fromLatin1(kProviderKey.toUtf8().toPercentEncoding()),
                                   QString(600, QLatin1Char('z')))}}}}});
    QVERIFY(body.size() > 600);
    const RawHttpResponse response =
        RawHttpClient::fetch(m_gateway->baseUrl(), "POST", "/v1/chat/completions", body);
    QCOMPARE(response.status, 200);
    const RequestRecord record = recordOf(response);
    // The cap applies to the redacted text, which is shorter than what was sent.
    QVERIFY2(record.requestBody.size() <= 300 && record.requestBody.size() > 200,
             qPrintable(QString::number(record.requestBody.size())));
    QVERIFY(record.requestBody.contains("then zzz"));
    QVERIFY(record.requestBody.startsWith(body.left(body.indexOf("token ") + 6)));
    QVERIFY(record.requestBody.contains("[redacted]"));
    QVERIFY(!record.requestBody.contains(GatewayHarness::accessToken()));
    QVERIFY(!record.requestBody.contains(kProviderKey.toUtf8()));
    QVERIFY(!record.requestBody.contains(kProviderKey.toUtf8().left(12)));
    QVERIFY(!record.responseBody.isEmpty());
    QVERIFY(record.responseBody.size() <= 300);
    QVERIFY(record.responseBody.contains("you sent [redacted]"));
    QVERIFY(!record.responseBody.contains(kProviderKey.toUtf8()));

    // A refusal's body is recorded too.
    const RawHttpResponse refused = RawHttpClient::fetch(m_gateway->baseUrl(), "GET", "/nope");
    QCOMPARE(recordOf(refused).responseBody, refused.body);
}

void TestRequestRecords::secretsInFieldsRedacted()
{
    // A client may put the token or a key anywhere: in a model name, its user agent, a path.
    QVERIFY(m_gateway->start());
    const QByteArray token = GatewayHarness::accessToken();
    const QByteArray body =
        GatewayHarness::chatBody(QStringLiteral("no-such-") + QString::fromLatin1(token), false);
    const RawHttpResponse response =
        RawHttpClient::fetch(m_gateway->baseUrl(), "POST", "/v1/chat/completions", body,
                             {{QByteArrayLiteral("User-Agent"), "agent " + kProviderKey.toUtf8()}});
    QCOMPARE(response.status, 404);
    const RequestRecord record = recordOf(response);
    QCOMPARE(record.requestedModel, QStringLiteral("no-such-[redacted]"));
    QCOMPARE(record.userAgent, QStringLiteral("agent [redacted]"));
    QVERIFY(!record.errorMessage.contains(QString::fromLatin1(token)));
    QVERIFY(record.errorMessage.contains(QStringLiteral("[redacted]")));
    for (const RequestRecord &started : m_sink->started())
        QCOMPARE(started.userAgent, QStringLiteral("agent [redacted]"));

    const RawHttpResponse path =
        RawHttpClient::fetch(m_gateway->baseUrl(), "GET", "/v1/" + kProviderKey.toUtf8());
    QCOMPARE(path.status, 404);
    QCOMPARE(recordOf(path).path, QStringLiteral("/v1/[redacted]"));
}

void TestRequestRecords::nothingWhenTheLogIsOff()
{
    m_gateway->config().requestLog.enabled = false;
    QVERIFY(m_gateway->start());
    const RawHttpResponse response =
        RawHttpClient::fetch(m_gateway->baseUrl(), "POST", "/v1/chat/completions", chatBody());
    QCOMPARE(response.status, 200);
    QVERIFY(response.header("x-request-id").startsWith("req_")); // the id is sent all the same
    const RawHttpResponse refused = RawHttpClient::fetch(m_gateway->baseUrl(), "GET", "/nope");
    QCOMPARE(refused.status, 404);
    // The controller still sees the record (for the log output) after the sink would have.
    QSignalSpy finished(&m_gateway->controller(), &GatewayController::callFinished);
    QCOMPARE(RawHttpClient::fetch(m_gateway->baseUrl(), "GET", "/v1/models").status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kTimeoutMs);
    QVERIFY(m_sink->started().isEmpty());
    QVERIFY(m_sink->finished().isEmpty());
}

QTEST_GUILESS_MAIN(TestRequestRecords)
#include "TestRequestRecords.moc"
