// Errors of the gateway sorted into what a user can act on, and said in plain words.
#include "chat/ChatError.h"

#include <QNetworkReply>
#include <QTest>

Q_DECLARE_METATYPE(ChatError::Kind)

class TestChatError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromHttp_data();
    void fromHttp();
    void rateLimitWait();
    void connectionFailures();
    void notTheGatewaysShape();
    void storageRoundTrip();
    void everyKindHasWords();
};

void TestChatError::fromHttp_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ChatError::Kind>("kind");
    QTest::newRow("local token")
        << 401
        << QByteArray(
               R"({"error":{"message":"The access token is wrong. Send the gateway's access token as ...","type":"authentication_error","param":null,"code":"invalid_api_key"}})")
        << ChatError::Kind::TokenRefused;
    QTest::newRow("upstream OpenAI 401")
        << 401
        << QByteArray(
               R"({"error":{"message":"Incorrect API key provided: sk-****.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})")
        << ChatError::Kind::ProviderKeyRefused;
    QTest::newRow("upstream DeepSeek 401")
        << 401
        << QByteArray(
               R"({"error":{"message":"Authentication Fails, Your api key: ****abcd is invalid","type":"authentication_error","param":null,"code":"invalid_request_error"}})")
        << ChatError::Kind::ProviderKeyRefused;
    QTest::newRow("no key")
        << 401
        << QByteArray(
               R"json({"error":{"message":"Missing bearer token (The gateway has no API key for provider 'openai': set OPENAI_API_KEY or store a key for it.)","type":"invalid_request_error","param":null,"code":"upstream_error"}})json")
        << ChatError::Kind::NoProviderKey;
    QTest::newRow("no route")
        << 404
        << QByteArray(
               R"({"error":{"message":"No provider serves the model 'foo'.","type":"invalid_request_error","param":"model","code":"model_not_found"}})")
        << ChatError::Kind::ModelNotFound;
    QTest::newRow("upstream unknown model")
        << 404
        << QByteArray(
               R"({"error":{"message":"The model `gpt-9` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}})")
        << ChatError::Kind::ModelNotFound;
    QTest::newRow("rate limited")
        << 429
        << QByteArray(
               R"({"error":{"message":"Rate limit reached","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}})")
        << ChatError::Kind::RateLimited;
    QTest::newRow("unreachable")
        << 502
        << QByteArray(
               R"({"error":{"message":"Provider 'openai' cannot be reached: Connection refused","type":"upstream_error","param":null,"code":"upstream_unreachable"}})")
        << ChatError::Kind::ProviderDown;
    QTest::newRow("upstream 5xx")
        << 502
        << QByteArray(
               R"({"error":{"message":"The upstream provider failed (HTTP 500): oops","type":"upstream_error","param":null,"code":"upstream_server_error"}})")
        << ChatError::Kind::ProviderDown;
    QTest::newRow("timeout")
        << 504
        << QByteArray(
               R"({"error":{"message":"Provider 'openai' did not answer within 30 s","type":"upstream_error","param":null,"code":"upstream_timeout"}})")
        << ChatError::Kind::ProviderTimeout;
    QTest::newRow("paused")
        << 503
        << QByteArray(
               R"({"error":{"message":"The gateway is paused. Resume it from the LLM Gateway tray menu or dashboard.","type":"upstream_error","param":null,"code":"server_busy"}})")
        << ChatError::Kind::GatewayPaused;
    QTest::newRow("busy")
        << 503
        << QByteArray(
               R"({"error":{"message":"Too many requests in flight (limit 4096).","type":"upstream_error","param":null,"code":"server_busy"}})")
        << ChatError::Kind::GatewayBusy;
    QTest::newRow("bad request")
        << 400
        << QByteArray(
               R"({"error":{"message":"'messages' must be a non-empty array","type":"invalid_request_error","param":"messages","code":"invalid_request"}})")
        << ChatError::Kind::RequestRefused;
    QTest::newRow("server bug")
        << 500
        << QByteArray(
               R"({"error":{"message":"internal","type":"server_error","param":null,"code":"internal_error"}})")
        << ChatError::Kind::Other;
}

void TestChatError::fromHttp()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(ChatError::Kind, kind);
    const ChatError error = ChatError::fromHttp(status, body, QByteArray());
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.httpStatus, status);
    QVERIFY(!error.detail.isEmpty());
    QVERIFY(!error.summary().isEmpty());
}

void TestChatError::rateLimitWait()
{
    const QByteArray body =
        R"({"error":{"message":"slow down","type":"rate_limit_error","code":"rate_limit_exceeded"}})";
    const ChatError withWait = ChatError::fromHttp(429, body, "20");
    QCOMPARE(withWait.retryAfterSeconds, 20);
    QVERIFY2(withWait.summary().contains(QStringLiteral("20 s")), qPrintable(withWait.summary()));
    const ChatError withoutWait = ChatError::fromHttp(429, body, QByteArray());
    QCOMPARE(withoutWait.retryAfterSeconds, -1);
    QVERIFY(withoutWait.summary().contains(QStringLiteral("moment")));
    // An HTTP date is not a number of seconds: no wait is invented.
    QCOMPARE(ChatError::fromHttp(429, body, "Wed, 21 Oct 2015 07:28:00 GMT").retryAfterSeconds, -1);
}

void TestChatError::connectionFailures()
{
    QCOMPARE(ChatError::fromConnectionFailure(QNetworkReply::ConnectionRefusedError,
                                              QStringLiteral("refused"))
                 .kind,
             ChatError::Kind::GatewayNotRunning);
    QCOMPARE(ChatError::fromConnectionFailure(QNetworkReply::RemoteHostClosedError,
                                              QStringLiteral("closed"))
                 .kind,
             ChatError::Kind::StreamBroken);
    QCOMPARE(ChatError::gatewayNotRunning().kind, ChatError::Kind::GatewayNotRunning);
}

void TestChatError::notTheGatewaysShape()
{
    const ChatError error = ChatError::fromHttp(404, "<html>Not Found</html>", QByteArray());
    QCOMPARE(error.kind, ChatError::Kind::RequestRefused);
    QCOMPARE(error.detail, QStringLiteral("<html>Not Found</html>"));
}

void TestChatError::storageRoundTrip()
{
    ChatError error = ChatError::fromHttp(
        429,
        R"({"error":{"message":"slow","type":"rate_limit_error","code":"rate_limit_exceeded"}})",
        "7");
    QCOMPARE(ChatError::fromStorageJson(error.toStorageJson()), error);
    QCOMPARE(ChatError::fromStorageJson(QJsonObject()).kind, ChatError::Kind::None);
}

void TestChatError::everyKindHasWords()
{
    for (int k = int(ChatError::Kind::GatewayNotRunning); k <= int(ChatError::Kind::Other); ++k) {
        ChatError error;
        error.kind = ChatError::Kind(k);
        QVERIFY(!error.summary().isEmpty());
        QCOMPARE(ChatError::kindFromName(ChatError::kindName(error.kind)), error.kind);
    }
}

QTEST_GUILESS_MAIN(TestChatError)
#include "TestChatError.moc"
