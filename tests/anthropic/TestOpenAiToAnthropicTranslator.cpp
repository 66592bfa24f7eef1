// Golden tests: OpenAI client -> Anthropic upstream (requests, responses, streams, errors).
#include "GoldenSuite.h"
#include "providers/anthropic/OpenAiToAnthropicTranslator.h"

#include <QJsonArray>
#include <QTest>

namespace {
constexpr qint64 kCreated = 1700000000;

const GoldenSuite<OpenAiToAnthropicTranslator> kSuite(QStringLiteral("openai_to_anthropic"),
                                                      QStringLiteral("claude-sonnet-4-5"),
                                                      [](OpenAiToAnthropicTranslator &translator) {
                                                          translator.setCreatedTimestamp(kCreated);
                                                      });
} // namespace

class TestOpenAiToAnthropicTranslator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requests_data();
    void requests();
    void toolChoiceStrings_data();
    void toolChoiceStrings();
    void untranslatableRequests_data();
    void untranslatableRequests();
    void responses_data();
    void responses();
    void garbageResponse();
    void streams_data();
    void streams();
    void streamSplitAtEveryByte_data();
    void streamSplitAtEveryByte();
    void usageChunkOnlyWhenAsked();
    void errors_data();
    void errors();
};

void TestOpenAiToAnthropicTranslator::requests_data()
{
    kSuite.addFixtureRows(QStringLiteral("request_"), QStringLiteral(".json"), 5);
}

void TestOpenAiToAnthropicTranslator::requests()
{
    QFETCH(QString, name);
    kSuite.checkRequest(name, "/v1/messages");
}

void TestOpenAiToAnthropicTranslator::toolChoiceStrings_data()
{
    QTest::addColumn<QString>("openAi");
    QTest::addColumn<QString>("anthropic");
    QTest::newRow("auto") << "auto"
                          << "auto";
    QTest::newRow("none") << "none"
                          << "none";
    QTest::newRow("required") << "required"
                              << "any";
}

void TestOpenAiToAnthropicTranslator::toolChoiceStrings()
{
    QFETCH(QString, openAi);
    QFETCH(QString, anthropic);
    const QJsonObject client{
        {QStringLiteral("model"), QStringLiteral("claude-x")},
        {QStringLiteral("messages"),
         QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                {QStringLiteral("content"), QStringLiteral("hi")}}}},
        {QStringLiteral("tools"),
         QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("function")},
                                {QStringLiteral("function"),
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("f")}}}}}},
        {QStringLiteral("tool_choice"), openAi}};
    OpenAiToAnthropicTranslator translator;
    const QJsonObject out = kSuite.translatedRequest(translator, client);
    const QJsonObject expected{{QStringLiteral("type"), anthropic}};
    QCOMPARE(out.value(QStringLiteral("tool_choice")).toObject(), expected);
}

void TestOpenAiToAnthropicTranslator::untranslatableRequests_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("param");
    QTest::newRow("n>1") << QByteArray(
                                R"({"model":"c","n":2,"messages":[{"role":"user","content":"x"}]})")
                         << "n";
    QTest::newRow("audio")
        << QByteArray(
               R"({"model":"c","messages":[{"role":"user","content":[{"type":"text","text":"x"},{"type":"input_audio","input_audio":{"data":"AAA","format":"wav"}}]}]})")
        << "messages[0].content[1]";
    QTest::newRow("ftp image")
        << QByteArray(
               R"({"model":"c","messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x/y.png"}}]}]})")
        << "messages[1].content[0]";
    QTest::newRow("file id")
        << QByteArray(
               R"({"model":"c","messages":[{"role":"user","content":[{"type":"file","file":{"file_id":"file-123"}}]}]})")
        << "messages[0].content[0]";
}

void TestOpenAiToAnthropicTranslator::untranslatableRequests()
{
    QFETCH(QByteArray, request);
    QFETCH(QString, param);
    OpenAiToAnthropicTranslator translator;
    QByteArray body;
    GatewayError error;
    QVERIFY(!translator.translateRequest(QJsonDocument::fromJson(request).object(),
                                         QStringLiteral("c"), &body, &error));
    QCOMPARE(error.code, GatewayErrorCode::InvalidRequest);
    QCOMPARE(error.httpStatus(), 400);
    QCOMPARE(error.param, param);
    QVERIFY(!error.message.isEmpty());
}

void TestOpenAiToAnthropicTranslator::responses_data()
{
    kSuite.addFixtureRows(QStringLiteral("response_"), QStringLiteral(".json"), 3);
}

void TestOpenAiToAnthropicTranslator::responses()
{
    QFETCH(QString, name);
    OpenAiToAnthropicTranslator translator;
    QJsonObject fixture;
    kSuite.checkResponse(name, translator, &fixture);
    if (QTest::currentTestFailed())
        return;
    const QJsonObject usage = fixture.value(QStringLiteral("client"))
                                  .toObject()
                                  .value(QStringLiteral("usage"))
                                  .toObject();
    QCOMPARE(translator.usage().promptTokens,
             usage.value(QStringLiteral("prompt_tokens")).toInteger());
    QCOMPARE(translator.usage().completionTokens,
             usage.value(QStringLiteral("completion_tokens")).toInteger());
}

void TestOpenAiToAnthropicTranslator::garbageResponse()
{
    OpenAiToAnthropicTranslator translator;
    QByteArray body;
    GatewayError error;
    QVERIFY(!translator.translateResponse("<html>oops</html>", &body, &error));
    QCOMPARE(error.code, GatewayErrorCode::UpstreamBadResponse);
    QCOMPARE(error.httpStatus(), 502);
}

void TestOpenAiToAnthropicTranslator::streams_data()
{
    kSuite.addFixtureRows(QStringLiteral("stream_"), QStringLiteral(".upstream.sse"), 2);
}

void TestOpenAiToAnthropicTranslator::streams()
{
    QFETCH(QString, name);
    kSuite.checkStream(name);
}

void TestOpenAiToAnthropicTranslator::streamSplitAtEveryByte_data()
{
    streams_data();
}

void TestOpenAiToAnthropicTranslator::streamSplitAtEveryByte()
{
    QFETCH(QString, name);
    kSuite.checkSplitAtEveryByte(name);
}

void TestOpenAiToAnthropicTranslator::usageChunkOnlyWhenAsked()
{
    OpenAiToAnthropicTranslator translator;
    kSuite.translatedRequest(
        translator, QJsonDocument::fromJson(
                        R"({"model":"c","stream":true,"messages":[{"role":"user","content":"x"}]})")
                        .object());
    const QByteArray out = GoldenFiles::runStream(translator,
                                                  GoldenFiles::readFile(kSuite.path(QStringLiteral(
                                                      "stream_thinking_text_tools.upstream.sse"))),
                                                  {});
    QVERIFY(!out.contains("\"usage\""));
    QVERIFY(out.endsWith("data: [DONE]\n\n"));
    QVERIFY(out.contains("\"finish_reason\":\"tool_calls\""));
    // The log still learns the usage, in OpenAI terms (cache reads included).
    QCOMPARE(translator.usage().promptTokens, 572);
    QCOMPARE(translator.usage().completionTokens, 89);
}

void TestOpenAiToAnthropicTranslator::errors_data()
{
    QTest::addColumn<int>("upstreamStatus");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<int>("clientStatus");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("messagePart");

    const auto anthropicError = [](const char *type, const char *message) {
        return QByteArray(R"({"type":"error","error":{"type":")") + type + R"(","message":")" +
               message + R"("},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"})";
    };
    QTest::newRow("400") << 400
                         << anthropicError("invalid_request_error", "max_tokens: Field required")
                         << QByteArray() << 400 << "invalid_request_error"
                         << "max_tokens: Field required";
    QTest::newRow("401") << 401 << anthropicError("authentication_error", "invalid x-api-key")
                         << QByteArray() << 401 << "authentication_error"
                         << "invalid x-api-key";
    QTest::newRow("403") << 403 << anthropicError("permission_error", "not allowed") << QByteArray()
                         << 403 << "permission_error"
                         << "not allowed";
    QTest::newRow("404") << 404 << anthropicError("not_found_error", "model: claude-nope")
                         << QByteArray() << 404 << "not_found_error"
                         << "model: claude-nope";
    QTest::newRow("413") << 413
                         << anthropicError("request_too_large", "Request exceeds the maximum size")
                         << QByteArray() << 413 << "request_too_large"
                         << "maximum size";
    QTest::newRow("429") << 429
                         << anthropicError("rate_limit_error",
                                           "Number of request tokens has exceeded your rate limit")
                         << QByteArray("17") << 429 << "rate_limit_error"
                         << "rate limit";
    QTest::newRow("500") << 500 << anthropicError("api_error", "Internal server error")
                         << QByteArray() << 502 << "upstream_error"
                         << "HTTP 500, api_error): Internal server error";
    QTest::newRow("529") << 529 << anthropicError("overloaded_error", "Overloaded") << QByteArray()
                         << 502 << "upstream_error"
                         << "HTTP 529, overloaded_error): Overloaded";
    QTest::newRow("html 502") << 502 << QByteArray("<html><body>Bad gateway</body></html>")
                              << QByteArray() << 502 << "upstream_error"
                              << "Bad gateway";
}

void TestOpenAiToAnthropicTranslator::errors()
{
    QFETCH(int, upstreamStatus);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, retryAfter);
    QFETCH(int, clientStatus);
    QFETCH(QString, type);
    QFETCH(QString, messagePart);
    OpenAiToAnthropicTranslator translator;
    const GatewayError error = translator.translateError(upstreamStatus, body, retryAfter);
    const ErrorReply reply = ErrorRenderer::reply(error, ApiFormat::OpenAi);
    QCOMPARE(reply.status, clientStatus);
    const QJsonObject e =
        QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("error")).toObject();
    QCOMPARE(e.value(QStringLiteral("type")).toString(), type);
    QVERIFY2(e.value(QStringLiteral("message")).toString().contains(messagePart),
             qPrintable(e.value(QStringLiteral("message")).toString()));
    QVERIFY(e.contains(QStringLiteral("code")));
    QVERIFY(e.contains(QStringLiteral("param")));
    bool hasRetryAfter = false;
    for (const auto &h : reply.headers)
        hasRetryAfter = hasRetryAfter || (h.first == "Retry-After" && h.second == retryAfter);
    QCOMPARE(hasRetryAfter, !retryAfter.isEmpty());
}

QTEST_GUILESS_MAIN(TestOpenAiToAnthropicTranslator)
#include "TestOpenAiToAnthropicTranslator.moc"
