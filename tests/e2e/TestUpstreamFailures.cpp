// End to end: every way an upstream can fail, and what the client gets for it (SPEC §4):
// the upstream's own 4xx with its status and message, 429 with its Retry-After, 5xx as 502
// with the upstream's message, refused -> 502, silence -> 504, garbage -> 502, and a final
// SSE error event once a stream has begun.
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "RawHttpClient.h"
#include "TestClock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {
constexpr int kTimeoutMs = 20000;
constexpr int kShortUpstreamTimeoutMs = 500;

QByteArray chatBody(const QString &model, bool stream)
{
    return GatewayHarness::chatBody(model, stream);
}

QJsonObject errorOf(const QJsonObject &body)
{
    return body.value(QStringLiteral("error")).toObject();
}

/// A stream that began must end with one SSE event carrying an OpenAI-shaped error, then
/// the end of the chunked body; never with [DONE].
QJsonObject finalErrorEvent(const RawHttpResponse &response)
{
    if (response.status != 200 || !response.complete || response.sseData().isEmpty())
        return {};
    if (response.sseData().contains("[DONE]"))
        return {};
    return errorOf(QJsonDocument::fromJson(response.sseData().last()).object());
}

FakeReply slowStream(int events)
{
    return FakeReply::contentStream(QStringLiteral("gpt-4o-mini"),
                                    FakeReply::numberedPieces(QStringLiteral("p"), events), 30);
}
} // namespace

class TestUpstreamFailures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void upstreamErrorPassedOn_data();
    void upstreamErrorPassedOn();
    void missingKeyNamedOnUpstream401();
    void upstreamRefusedIs502_data();
    void upstreamRefusedIs502();
    void upstreamClosesWithoutAnswerIs502();
    void upstreamGarbageIs502();
    void upstreamGarbageOnStreamIsErrorEvent();
    void midStreamBreakEndsWithErrorEvent();
    void upstreamSilentIs504_data();
    void upstreamSilentIs504();
    void upstreamStallsMidStreamEndsWithErrorEvent();

private:
    FakeUpstream m_upstream;
    FakeUpstream m_keyless;
    GatewayHarness m_gateway;
    quint16 m_closedPort = 0;
};

void TestUpstreamFailures::initTestCase()
{
    QVERIFY(m_upstream.listen());
    QVERIFY(m_keyless.listen());
    m_closedPort = GatewayHarness::closedPort();
    QVERIFY(m_closedPort > 0);
    m_gateway.addOpenAiGptRoute(m_upstream.baseUrl());
    m_gateway.addOpenAiProvider(QStringLiteral("keyless"), m_keyless.baseUrl());
    m_gateway.addOpenAiProvider(QStringLiteral("down"),
                                QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(m_closedPort)),
                                QStringLiteral("sk-down"));
    QVERIFY(m_gateway.start());
}

void TestUpstreamFailures::upstreamErrorPassedOn_data()
{
    QTest::addColumn<FakeReply>("upstream");
    QTest::addColumn<bool>("stream");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QByteArray>("retryAfter");

    const QString badKey = QStringLiteral("Incorrect API key provided: sk-test. You can find "
                                          "your API key at https://platform.openai.com.");
    FakeReply rateLimited =
        FakeReply::error(429,
                         QStringLiteral("Rate limit reached for "
                                        "gpt-4o-mini: 3 RPM."),
                         QStringLiteral("requests"), QStringLiteral("rate_limit_exceeded"));
    rateLimited.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("7")});
    const FakeReply tooLong = FakeReply::error(
        400, QStringLiteral("This model's maximum context length is 8192 tokens."),
        QStringLiteral("invalid_request_error"), QStringLiteral("context_length_exceeded"));
    const FakeReply serverError = FakeReply::error(
        500, QStringLiteral("The server had an error while processing your request."),
        QStringLiteral("server_error"), QString());
    const FakeReply ollamaStyle =
        FakeReply::json(404, R"({"error":"model \"gpt-4o-mini\" not found, try pulling it"})");
    const FakeReply overloaded = FakeReply::json(503, R"({"message":"Service overloaded"})");

    for (const bool stream : {false, true}) {
        const char *kind = stream ? " stream" : "";
        QTest::addRow("401%s", kind)
            << FakeReply::error(401, badKey, QStringLiteral("invalid_request_error"),
                                QStringLiteral("invalid_api_key"))
            << stream << 401 << badKey << "invalid_api_key" << QByteArray();
        QTest::addRow("429%s", kind)
            << rateLimited << stream << 429 << "Rate limit reached for gpt-4o-mini"
            << "rate_limit_exceeded" << QByteArray("7");
        QTest::addRow("400%s", kind)
            << tooLong << stream << 400 << "maximum context length is 8192 tokens"
            << "context_length_exceeded" << QByteArray();
        QTest::addRow("404 Ollama%s", kind)
            << ollamaStyle << stream << 404 << "not found, try pulling it" << QString()
            << QByteArray();
        QTest::addRow("500%s", kind)
            << serverError << stream << 502 << "The server had an error while processing"
            << QString() << QByteArray();
        QTest::addRow("503%s", kind)
            << overloaded << stream << 502 << "Service overloaded" << QString() << QByteArray();
    }
}

void TestUpstreamFailures::upstreamErrorPassedOn()
{
    QFETCH(FakeReply, upstream);
    QFETCH(bool, stream);
    QFETCH(int, status);
    QFETCH(QString, message);
    QFETCH(QString, code);
    QFETCH(QByteArray, retryAfter);

    m_upstream.setChatReply(upstream);
    const RawHttpResponse response =
        RawHttpClient::fetch(m_gateway.baseUrl(), "POST", "/v1/chat/completions",
                             chatBody(QStringLiteral("gpt-4o-mini"), stream), {}, kTimeoutMs);
    // The upstream failed before any byte of answer: a plain HTTP error, even for a stream.
    QCOMPARE(response.status, status);
    QVERIFY(response.header("content-type").startsWith("application/json"));
    const QJsonObject error = errorOf(response.json());
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(message),
             response.body.constData());
    QVERIFY(error.value(QStringLiteral("type")).isString());
    QVERIFY(error.contains(QStringLiteral("param")));
    if (!code.isEmpty())
        QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
    if (status == 502) // the client must see that the fault is upstream
        QVERIFY(error.value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("upstream"), Qt::CaseInsensitive));
    QCOMPARE(response.header("retry-after"), retryAfter);
}

void TestUpstreamFailures::missingKeyNamedOnUpstream401()
{
    m_keyless.setChatReply(FakeReply::error(401, QStringLiteral("Missing bearer authentication."),
                                            QStringLiteral("invalid_request_error"),
                                            QStringLiteral("invalid_api_key")));
    const RawHttpResponse response =
        RawHttpClient::fetch(m_gateway.baseUrl(), "POST", "/v1/chat/completions",
                             chatBody(QStringLiteral("keyless/some-model"), false), {}, kTimeoutMs);
    QCOMPARE(response.status, 401);
    QVERIFY(!m_keyless.lastChatRequest().hasHeader("authorization"));
    const QString message = errorOf(response.json()).value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("Missing bearer authentication.")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("no API key")), qPrintable(message));
}

void TestUpstreamFailures::upstreamRefusedIs502_data()
{
    QTest::addColumn<bool>("stream");

    QTest::newRow("non-streaming") << false;
    QTest::newRow("streaming") << true;
}

void TestUpstreamFailures::upstreamRefusedIs502()
{
    QFETCH(bool, stream);

    const RawHttpResponse response =
        RawHttpClient::fetch(m_gateway.baseUrl(), "POST", "/v1/chat/completions",
                             chatBody(QStringLiteral("down/gpt-4o-mini"), stream), {}, kTimeoutMs);
    QCOMPARE(response.status, 502);
    const QJsonObject error = errorOf(response.json());
    QCOMPARE(error.value(QStringLiteral("code")).toString(),
             QStringLiteral("upstream_unreachable"));
    const QString message = error.value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("'down'")), qPrintable(message));
    QVERIFY2(message.contains(QString::number(m_closedPort)), qPrintable(message));
    QVERIFY(!response.body.contains("sk-down"));
}

void TestUpstreamFailures::upstreamClosesWithoutAnswerIs502()
{
    m_upstream.setChatReply(FakeReply::closeAtOnce());
    const RawHttpResponse response =
        RawHttpClient::fetch(m_gateway.baseUrl(), "POST", "/v1/chat/completions",
                             chatBody(QStringLiteral("gpt-4o-mini"), false), {}, kTimeoutMs);
    QCOMPARE(response.status, 502);
    QVERIFY(errorOf(response.json())
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("'openai'")));
}

void TestUpstreamFailures::upstreamGarbageIs502()
{
    FakeReply garbage = FakeReply::json(200, "<html><body>Welcome to nginx!</body></html>");
    garbage.contentType = "text/html";
    m_upstream.setChatReply(garbage);
    const RawHttpResponse response =
        RawHttpClient::fetch(m_gateway.baseUrl(), "POST", "/v1/chat/completions",
                             chatBody(QStringLiteral("gpt-4o-mini"), false), {}, kTimeoutMs);
    QCOMPARE(response.status, 502);
    const QJsonObject error = errorOf(response.json());
    QCOMPARE(error.value(QStringLiteral("code")).toString(),
             QStringLiteral("upstream_bad_response"));
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("nginx")),
             response.body.constData());
}

void TestUpstreamFailures::upstreamGarbageOnStreamIsErrorEvent()
{
    FakeReply garbage = FakeReply::json(200, "Service temporarily moved. Have a nice day.");
    garbage.contentType = "text/plain";
    m_upstream.setChatReply(garbage);
    const RawHttpResponse response =
        RawHttpClient::fetch(m_gateway.baseUrl(), "POST", "/v1/chat/completions",
                             chatBody(QStringLiteral("gpt-4o-mini"), true), {}, kTimeoutMs);
    QVERIFY(response.complete);
    if (response.status == 200) {
        const QJsonObject error = finalErrorEvent(response);
        QVERIFY2(!error.isEmpty(), response.body.constData());
        QCOMPARE(error.value(QStringLiteral("code")).toString(),
                 QStringLiteral("upstream_bad_response"));
    } else {
        QCOMPARE(response.status, 502);
    }
}

void TestUpstreamFailures::midStreamBreakEndsWithErrorEvent()
{
    FakeReply broken = slowStream(10);
    broken.breakAfterEvents = 4;
    m_upstream.setChatReply(broken);

    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRequest("POST", "/v1/chat/completions",
                       chatBody(QStringLiteral("gpt-4o-mini"), true));
    QVERIFY(client.waitForResponse(kTimeoutMs));
    const RawHttpResponse response = client.response();

    QCOMPARE(response.status, 200);
    // The four events that made it, then the error event, then a proper end of stream.
    const QList<QJsonObject> events = response.sseJson();
    QCOMPARE(events.size(), 5);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(events[i]["choices"][0]["delta"]["content"].toString(),
                 QStringLiteral("p%1 ").arg(i));
    const QJsonObject error = finalErrorEvent(response);
    QVERIFY2(!error.isEmpty(), response.body.constData());
    QCOMPARE(error.value(QStringLiteral("code")).toString(),
             QStringLiteral("upstream_bad_response"));
    QVERIFY(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("'openai'")));
    // The connection stays usable: the chunked body ended cleanly.
    QVERIFY(client.isConnected());
    client.sendRequest("GET", "/health");
    QVERIFY(client.waitForResponse(kTimeoutMs, 1));
    QCOMPARE(client.response(1).status, 200);
}

void TestUpstreamFailures::upstreamSilentIs504_data()
{
    QTest::addColumn<bool>("stream");

    QTest::newRow("non-streaming") << false;
    QTest::newRow("streaming") << true;
}

void TestUpstreamFailures::upstreamSilentIs504()
{
    QFETCH(bool, stream);

    FakeUpstream silent;
    QVERIFY(silent.listen());
    silent.setChatReply(FakeReply::hang());
    GatewayHarness gateway;
    gateway.addOpenAiProvider(QStringLiteral("slow"), silent.baseUrl(), QStringLiteral("sk"));
    gateway.config().limits.upstreamConnectTimeoutMs = kShortUpstreamTimeoutMs;
    QVERIFY(gateway.start());

    const qint64 sent = monotonicNowMs();
    const RawHttpResponse response =
        RawHttpClient::fetch(gateway.baseUrl(), "POST", "/v1/chat/completions",
                             chatBody(QStringLiteral("slow/m"), stream), {}, kTimeoutMs);
    const qint64 waited = monotonicNowMs() - sent;
    QCOMPARE(response.status, 504);
    const QJsonObject error = errorOf(response.json());
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("upstream_timeout"));
    QVERIFY(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("'slow'")));
    QVERIFY2(waited >= kShortUpstreamTimeoutMs - 50, qPrintable(QString::number(waited)));
    // The gateway gave up on the upstream request: its connection is closed.
    QTRY_COMPARE_WITH_TIMEOUT(silent.answeringConnections(), 0, kTimeoutMs);
}

void TestUpstreamFailures::upstreamStallsMidStreamEndsWithErrorEvent()
{
    FakeUpstream stalling;
    QVERIFY(stalling.listen());
    FakeReply stream = slowStream(10);
    stream.stallAfterEvents = 3;
    stalling.setChatReply(stream);
    GatewayHarness gateway;
    gateway.addOpenAiProvider(QStringLiteral("slow"), stalling.baseUrl(), QStringLiteral("sk"));
    gateway.config().limits.upstreamIdleTimeoutMs = kShortUpstreamTimeoutMs;
    QVERIFY(gateway.start());

    const RawHttpResponse response =
        RawHttpClient::fetch(gateway.baseUrl(), "POST", "/v1/chat/completions",
                             chatBody(QStringLiteral("slow/m"), true), {}, kTimeoutMs);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.sseJson().size(), 4); // three events, then the error
    const QJsonObject error = finalErrorEvent(response);
    QVERIFY2(!error.isEmpty(), response.body.constData());
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("upstream_timeout"));
    QTRY_COMPARE_WITH_TIMEOUT(stalling.answeringConnections(), 0, kTimeoutMs);
}

QTEST_GUILESS_MAIN(TestUpstreamFailures)
#include "TestUpstreamFailures.moc"
