// End to end: the gateway's own answers and guards (SPEC §4, §5):
// each error status in the OpenAI shape, limits answered before the body is buffered, idle
// and stalled connections closed, HEAD without a body.
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "RawHttpClient.h"
#include "TestClock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {
constexpr int kTimeoutMs = 20000;

QByteArray chatBody(const QString &model)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("model"), model},
                                     {QStringLiteral("messages"),
                                      QJsonArray{QJsonObject{
                                          {QStringLiteral("role"), QStringLiteral("user")},
                                          {QStringLiteral("content"), QStringLiteral("Hi")}}}}})
        .toJson(QJsonDocument::Compact);
}

/// The head of a request with the access token, for tests that write raw bytes.
QByteArray rawHead(const QByteArray &requestLine, const QUrl &base, const QByteArray &extra = {})
{
    return requestLine + "\r\nHost: 127.0.0.1:" + QByteArray::number(base.port()) +
           "\r\nAuthorization: Bearer " + GatewayHarness::accessToken() + "\r\n" + extra + "\r\n";
}

/// Checks the OpenAI error shape: {"error":{"message","type","param","code"}}.
void verifyOpenAiError(const RawHttpResponse &response, int status, const QString &code)
{
    QCOMPARE(response.status, status);
    QVERIFY(response.header("content-type").startsWith("application/json"));
    const QJsonObject error = response.json().value(QStringLiteral("error")).toObject();
    QVERIFY2(!error.isEmpty(), response.body.constData());
    QVERIFY(error.value(QStringLiteral("message")).isString());
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    QVERIFY(error.value(QStringLiteral("type")).isString());
    QVERIFY(error.contains(QStringLiteral("param")));
    QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
}
} // namespace

class TestHttpGuards : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void unknownPathIs404();
    void methodNotAllowedIs405WithAllow_data();
    void methodNotAllowedIs405WithAllow();
    void invalidRequestIs400NamingTheField_data();
    void invalidRequestIs400NamingTheField();
    void unknownModelIs404ModelNotFound();
    void missingOrWrongTokenIs401_data();
    void missingOrWrongTokenIs401();
    void announcedOversizedBodyRefusedBeforeItIsSent();
    void oversizedBodySentAtOnceRefused();
    void chunkedRequestBodyRefused();
    void oversizedHeadersAre431_data();
    void oversizedHeadersAre431();
    void headGetsNoBody();
    void idleConnectionClosed();
    void stalledRequestGets408();

private:
    FakeUpstream m_upstream;
    GatewayHarness m_gateway;
};

void TestHttpGuards::initTestCase()
{
    QVERIFY(m_upstream.listen());
    m_gateway.addOpenAiGptRoute(m_upstream.baseUrl());
    m_gateway.config().limits.maxBodyBytes = 4096;
    m_gateway.config().limits.maxHeaderBytes = 2048;
    QVERIFY(m_gateway.start());
}

void TestHttpGuards::unknownPathIs404()
{
    for (const QByteArray path : {"/v2/chat/completions", "/nope", "/api/v1/embeddingz"}) {
        const RawHttpResponse response =
            RawHttpClient::fetch(m_gateway.baseUrl(), "GET", path, {}, {}, kTimeoutMs);
        verifyOpenAiError(response, 404, QStringLiteral("unknown_url"));
        QVERIFY(response.json().value(QStringLiteral("error"))["message"].toString().contains(
            QString::fromLatin1(path)));
    }
    QCOMPARE(m_upstream.chatRequests().size(), 0);
}

void TestHttpGuards::methodNotAllowedIs405WithAllow_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("allow");

    QTest::newRow("GET chat") << QByteArray("GET") << QByteArray("/v1/chat/completions")
                              << QByteArray("POST");
    QTest::newRow("PUT chat /api")
        << QByteArray("PUT") << QByteArray("/api/v1/chat/completions") << QByteArray("POST");
    QTest::newRow("POST health") << QByteArray("POST") << QByteArray("/health")
                                 << QByteArray("GET");
    QTest::newRow("DELETE models")
        << QByteArray("DELETE") << QByteArray("/v1/models") << QByteArray("GET");
}

void TestHttpGuards::methodNotAllowedIs405WithAllow()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, allow);

    const QByteArray body = method == "GET" || method == "DELETE" ? QByteArray() : "{}";
    const RawHttpResponse response =
        RawHttpClient::fetch(m_gateway.baseUrl(), method, path, body, {}, kTimeoutMs);
    verifyOpenAiError(response, 405, QStringLiteral("method_not_allowed"));
    QVERIFY2(response.header("allow").contains(allow), response.header("allow").constData());
}

void TestHttpGuards::invalidRequestIs400NamingTheField_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("param");
    QTest::addColumn<QString>("messageMentions");

    QTest::newRow("not JSON") << QByteArray("{\"model\": ") << QString() << "JSON";
    QTest::newRow("array") << QByteArray("[1,2]") << QString() << "object";
    QTest::newRow("empty") << QByteArray() << QString() << "empty";
    QTest::newRow("no model") << QByteArray(R"({"messages":[{"role":"user","content":"x"}]})")
                              << "model"
                              << "model";
    QTest::newRow("model not a string")
        << QByteArray(R"({"model":42,"messages":[{"role":"user","content":"x"}]})") << "model"
        << "model";
    QTest::newRow("no messages") << QByteArray(R"({"model":"gpt-4o"})") << "messages"
                                 << "messages";
    QTest::newRow("messages not an array")
        << QByteArray(R"({"model":"gpt-4o","messages":"hi"})") << "messages"
        << "messages";
    QTest::newRow("bad role")
        << QByteArray(R"({"model":"gpt-4o","messages":[{"role":"wizard","content":"x"}]})")
        << "messages[0].role"
        << "role";
    QTest::newRow("stream not a boolean")
        << QByteArray(
               R"({"model":"gpt-4o","stream":"yes","messages":[{"role":"user","content":"x"}]})")
        << "stream"
        << "stream";
}

void TestHttpGuards::invalidRequestIs400NamingTheField()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, param);
    QFETCH(QString, messageMentions);

    const RawHttpResponse response = RawHttpClient::fetch(
        m_gateway.baseUrl(), "POST", "/v1/chat/completions", body, {}, kTimeoutMs);
    verifyOpenAiError(response, 400, QStringLiteral("invalid_request"));
    const QJsonObject error = response.json().value(QStringLiteral("error")).toObject();
    if (param.isEmpty())
        QVERIFY(error.value(QStringLiteral("param")).isNull());
    else
        QCOMPARE(error.value(QStringLiteral("param")).toString(), param);
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(messageMentions),
             qPrintable(error.value(QStringLiteral("message")).toString()));
    QCOMPARE(m_upstream.chatRequests().size(), 0);
}

void TestHttpGuards::unknownModelIs404ModelNotFound()
{
    const RawHttpResponse response =
        RawHttpClient::fetch(m_gateway.baseUrl(), "POST", "/v1/chat/completions",
                             chatBody(QStringLiteral("llama-unrouted-7b")), {}, kTimeoutMs);
    verifyOpenAiError(response, 404, QStringLiteral("model_not_found"));
    const QString message = response.json().value(QStringLiteral("error"))["message"].toString();
    QVERIFY2(message.contains(QStringLiteral("llama-unrouted-7b")), qPrintable(message));
    QCOMPARE(response.json().value(QStringLiteral("error"))["param"].toString(),
             QStringLiteral("model"));
    QCOMPARE(m_upstream.chatRequests().size(), 0);
}

void TestHttpGuards::missingOrWrongTokenIs401_data()
{
    QTest::addColumn<QByteArray>("credentials");

    QTest::newRow("none") << QByteArray();
    QTest::newRow("wrong bearer") << QByteArray("Authorization: Bearer not-the-token\r\n");
    QTest::newRow("wrong x-api-key") << QByteArray("x-api-key: not-the-token\r\n");
}

void TestHttpGuards::missingOrWrongTokenIs401()
{
    QFETCH(QByteArray, credentials);

    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    const QByteArray body = chatBody(QStringLiteral("gpt-4o-mini"));
    client.sendRaw("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" +
                   QByteArray::number(m_gateway.baseUrl().port()) + "\r\n" + credentials +
                   "Content-Type: application/json\r\nContent-Length: " +
                   QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QVERIFY(client.waitForResponse(kTimeoutMs));
    const RawHttpResponse response = client.response();
    QCOMPARE(response.status, 401);
    const QJsonObject error = response.json().value(QStringLiteral("error")).toObject();
    QVERIFY2(!error.value(QStringLiteral("message")).toString().isEmpty(), response.body);
    QVERIFY(error.contains(QStringLiteral("type")));
    QVERIFY(error.contains(QStringLiteral("code")));
    QVERIFY(!response.body.contains("not-the-token"));
    QCOMPARE(m_upstream.chatRequests().size(), 0);
}

void TestHttpGuards::announcedOversizedBodyRefusedBeforeItIsSent()
{
    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    // Only the head: a Content-Length of 10 MB against a 4 KB limit. The answer must come
    // without the body ever being sent.
    client.sendRaw(rawHead("POST /v1/chat/completions HTTP/1.1", m_gateway.baseUrl(),
                           "Content-Type: application/json\r\nContent-Length: 10485760\r\n"));
    QVERIFY(client.waitForResponse(kTimeoutMs));
    verifyOpenAiError(client.response(), 413, QStringLiteral("request_too_large"));
    QVERIFY(client.response().json().value(QStringLiteral("error"))["message"].toString().contains(
        QStringLiteral("4096")));
    QVERIFY(client.waitForDisconnected(kTimeoutMs));
    QCOMPARE(m_upstream.chatRequests().size(), 0);
}

void TestHttpGuards::oversizedBodySentAtOnceRefused()
{
    const QByteArray padding(8000, 'x');
    const QByteArray body =
        R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":")" + padding + "\"}]}";
    const RawHttpResponse response = RawHttpClient::fetch(
        m_gateway.baseUrl(), "POST", "/v1/chat/completions", body, {}, kTimeoutMs);
    verifyOpenAiError(response, 413, QStringLiteral("request_too_large"));
    QCOMPARE(m_upstream.chatRequests().size(), 0);

    // The gateway is unharmed.
    QCOMPARE(RawHttpClient::fetch(m_gateway.baseUrl(), "GET", "/health").status, 200);
}

void TestHttpGuards::chunkedRequestBodyRefused()
{
    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRaw(rawHead("POST /v1/chat/completions HTTP/1.1", m_gateway.baseUrl(),
                           "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n") +
                   "2\r\n{}\r\n0\r\n\r\n");
    QVERIFY(client.waitForResponse(kTimeoutMs));
    verifyOpenAiError(client.response(), 411, QStringLiteral("length_required"));
}

void TestHttpGuards::oversizedHeadersAre431_data()
{
    QTest::addColumn<bool>("complete");

    QTest::newRow("complete head") << true;
    QTest::newRow("head never ends") << false;
}

void TestHttpGuards::oversizedHeadersAre431()
{
    QFETCH(bool, complete);

    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    QByteArray head =
        "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + QByteArray(3000, 'a') + "\r\n";
    if (complete)
        head += "\r\n";
    client.sendRaw(head);
    QVERIFY(client.waitForResponse(kTimeoutMs));
    verifyOpenAiError(client.response(), 431, QStringLiteral("headers_too_large"));
    QVERIFY(client.waitForDisconnected(kTimeoutMs));
}

void TestHttpGuards::headGetsNoBody()
{
    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRequest("HEAD", "/health");
    QVERIFY(client.waitForResponse(kTimeoutMs));
    const RawHttpResponse head = client.response();
    QVERIFY(head.status >= 200);
    QVERIFY(head.body.isEmpty());
    // Any stray body bytes would be parsed as the next status line and break this answer.
    client.sendRequest("GET", "/health");
    QVERIFY(client.waitForResponse(kTimeoutMs, 1));
    QCOMPARE(client.response(1).status, 200);
    QCOMPARE(client.response(1).json().value(QStringLiteral("status")).toString(),
             QStringLiteral("ok"));
    QCOMPARE(client.responses().size(), 2);
}

void TestHttpGuards::idleConnectionClosed()
{
    GatewayHarness gateway;
    gateway.config().limits.clientIdleTimeoutMs = 600;
    QVERIFY(gateway.start());

    // A connection that never sends a byte.
    RawHttpClient silent(gateway.baseUrl());
    const qint64 started = monotonicNowMs();
    QVERIFY(silent.connectToServer());
    QVERIFY(silent.waitForDisconnected(kTimeoutMs));
    QVERIFY2(silent.disconnectedAt() - started >= 400,
             qPrintable(QString::number(silent.disconnectedAt() - started)));

    // A keep-alive connection left idle after an answer.
    RawHttpClient idle(gateway.baseUrl());
    QVERIFY(idle.connectToServer());
    idle.sendRequest("GET", "/health");
    QVERIFY(idle.waitForResponse(kTimeoutMs));
    QCOMPARE(idle.response().status, 200);
    const qint64 answered = monotonicNowMs();
    QVERIFY(idle.waitForDisconnected(kTimeoutMs));
    QVERIFY(idle.disconnectedAt() - answered >= 400);
    QCOMPARE(idle.responses().size(), 1);
}

void TestHttpGuards::stalledRequestGets408()
{
    GatewayHarness gateway;
    gateway.config().limits.clientIdleTimeoutMs = 600;
    QVERIFY(gateway.start());

    RawHttpClient client(gateway.baseUrl());
    QVERIFY(client.connectToServer());
    // The head promises 100 bytes; only one arrives.
    client.sendRaw(rawHead("POST /v1/chat/completions HTTP/1.1", gateway.baseUrl(),
                           "Content-Type: application/json\r\nContent-Length: 100\r\n") +
                   "{");
    QVERIFY(client.waitForResponse(kTimeoutMs));
    verifyOpenAiError(client.response(), 408, QStringLiteral("request_timeout"));
    QVERIFY(client.waitForDisconnected(kTimeoutMs));
}

QTEST_GUILESS_MAIN(TestHttpGuards)
#include "TestHttpGuards.moc"
