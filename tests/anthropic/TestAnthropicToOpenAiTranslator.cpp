// Golden tests: Anthropic client (Claude Code, Anthropic SDK) -> OpenAI-compatible upstream.
#include "GoldenSuite.h"
#include "providers/anthropic/AnthropicToOpenAiTranslator.h"

#include <QJsonArray>
#include <QTest>

namespace {
/// The key the fixtures' gateway signatures were made with.
const QByteArray kGoldenReasoningKey = "golden-test-reasoning-key";

const GoldenSuite<AnthropicToOpenAiTranslator> kSuite(
    QStringLiteral("anthropic_to_openai"), QStringLiteral("deepseek-chat"),
    [](AnthropicToOpenAiTranslator &translator) {
        translator.setReasoningSigner(std::make_shared<const ReasoningSigner>(kGoldenReasoningKey),
                                      QStringLiteral("deepseek"));
    });

/// The Anthropic event names of an SSE stream, comments left out.
QList<QByteArray> eventNames(const QByteArray &sse)
{
    QList<QByteArray> names;
    for (const SseEvent &e : GoldenFiles::parseSse(sse)) {
        if (!e.isComment)
            names.append(e.event);
    }
    return names;
}
} // namespace

class TestAnthropicToOpenAiTranslator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requests_data();
    void requests();
    void toolChoices_data();
    void toolChoices();
    void responses_data();
    void responses();
    void garbageResponse();
    void streams_data();
    void streams();
    void streamSplitAtEveryByte_data();
    void streamSplitAtEveryByte();
    void streamInvariants_data();
    void streamInvariants();
    void emptyStreamStillWellFormed();
    void errors_data();
    void errors();
};

void TestAnthropicToOpenAiTranslator::requests_data()
{
    kSuite.addFixtureRows(QStringLiteral("request_"), QStringLiteral(".json"), 4);
}

void TestAnthropicToOpenAiTranslator::requests()
{
    QFETCH(QString, name);
    kSuite.checkRequest(name, "/chat/completions");
}

void TestAnthropicToOpenAiTranslator::toolChoices_data()
{
    QTest::addColumn<QString>("anthropic");
    QTest::addColumn<QString>("openAi");
    QTest::newRow("auto") << "auto"
                          << "auto";
    QTest::newRow("none") << "none"
                          << "none";
    QTest::newRow("any") << "any"
                         << "required";
}

void TestAnthropicToOpenAiTranslator::toolChoices()
{
    QFETCH(QString, anthropic);
    QFETCH(QString, openAi);
    const QJsonObject client{
        {QStringLiteral("model"), QStringLiteral("x")},
        {QStringLiteral("max_tokens"), 10},
        {QStringLiteral("messages"),
         QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                {QStringLiteral("content"), QStringLiteral("hi")}}}},
        {QStringLiteral("tools"),
         QJsonArray{
             QJsonObject{{QStringLiteral("name"), QStringLiteral("f")},
                         {QStringLiteral("input_schema"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}}}}},
        {QStringLiteral("tool_choice"), QJsonObject{{QStringLiteral("type"), anthropic}}}};
    AnthropicToOpenAiTranslator translator;
    const QJsonObject out = kSuite.translatedRequest(translator, client);
    QCOMPARE(out.value(QStringLiteral("tool_choice")).toString(), openAi);
    QVERIFY(!out.contains(QStringLiteral("parallel_tool_calls")));
}

void TestAnthropicToOpenAiTranslator::responses_data()
{
    kSuite.addFixtureRows(QStringLiteral("response_"), QStringLiteral(".json"), 3);
}

void TestAnthropicToOpenAiTranslator::responses()
{
    QFETCH(QString, name);
    AnthropicToOpenAiTranslator translator;
    QJsonObject fixture;
    kSuite.checkResponse(name, translator, &fixture);
    if (QTest::currentTestFailed())
        return;
    const QJsonObject usage = fixture.value(QStringLiteral("upstream"))
                                  .toObject()
                                  .value(QStringLiteral("usage"))
                                  .toObject();
    QCOMPARE(translator.usage().promptTokens,
             usage.value(QStringLiteral("prompt_tokens")).toInteger());
    const QJsonObject details = usage.value(QStringLiteral("prompt_tokens_details")).toObject();
    QCOMPARE(translator.usage().cachedTokens,
             details.contains(QStringLiteral("cached_tokens"))
                 ? details.value(QStringLiteral("cached_tokens")).toInteger()
                 : qint64(-1));
    const QJsonObject completion =
        usage.value(QStringLiteral("completion_tokens_details")).toObject();
    QCOMPARE(translator.usage().reasoningTokens,
             completion.contains(QStringLiteral("reasoning_tokens"))
                 ? completion.value(QStringLiteral("reasoning_tokens")).toInteger()
                 : qint64(-1));
}

void TestAnthropicToOpenAiTranslator::garbageResponse()
{
    AnthropicToOpenAiTranslator translator;
    QByteArray body;
    GatewayError error;
    QVERIFY(!translator.translateResponse(R"({"object":"list"})", &body, &error));
    QCOMPARE(error.code, GatewayErrorCode::UpstreamBadResponse);
}

void TestAnthropicToOpenAiTranslator::streams_data()
{
    kSuite.addFixtureRows(QStringLiteral("stream_"), QStringLiteral(".upstream.sse"), 3);
}

void TestAnthropicToOpenAiTranslator::streams()
{
    QFETCH(QString, name);
    kSuite.checkStream(name);
}

void TestAnthropicToOpenAiTranslator::streamSplitAtEveryByte_data()
{
    streams_data();
}

void TestAnthropicToOpenAiTranslator::streamSplitAtEveryByte()
{
    QFETCH(QString, name);
    kSuite.checkSplitAtEveryByte(name);
}

void TestAnthropicToOpenAiTranslator::streamInvariants_data()
{
    streams_data();
}

void TestAnthropicToOpenAiTranslator::streamInvariants()
{
    // What Claude Code relies on, checked on every fixture whatever its details.
    QFETCH(QString, name);
    const QByteArray out = kSuite.streamOf(name);
    const QList<QByteArray> names = eventNames(out);
    QCOMPARE(names.count("message_start"), 1);
    QCOMPARE(names.first(), QByteArray("message_start"));
    if (names.contains("error"))
        return; // an error event ends the stream
    QCOMPARE(names.last(), QByteArray("message_stop"));
    QCOMPARE(names.count("message_delta"), 1);
    QCOMPARE(names.at(names.size() - 2), QByteArray("message_delta"));
    // Blocks open and close in order, one at a time, and deltas match their block's kind.
    int open = -1;
    QString openType;
    bool signedOpenBlock = false;
    for (const SseEvent &e : GoldenFiles::parseSse(out)) {
        const QJsonObject data = QJsonDocument::fromJson(e.data).object();
        if (e.event == "content_block_start") {
            QCOMPARE(open, -1);
            open = data.value(QStringLiteral("index")).toInt();
            openType = data.value(QStringLiteral("content_block"))
                           .toObject()
                           .value(QStringLiteral("type"))
                           .toString();
        } else if (e.event == "content_block_delta") {
            QCOMPARE(data.value(QStringLiteral("index")).toInt(), open);
            const QString deltaType = data.value(QStringLiteral("delta"))
                                          .toObject()
                                          .value(QStringLiteral("type"))
                                          .toString();
            const QString expected =
                openType == QLatin1String("thinking") ? QStringLiteral("thinking_delta")
                : openType == QLatin1String("text")   ? QStringLiteral("text_delta")
                                                      : QStringLiteral("input_json_delta");
            if (deltaType == QLatin1String("signature_delta")) {
                QCOMPARE(openType, QStringLiteral("thinking"));
                QVERIFY(!signedOpenBlock);
                signedOpenBlock = true;
                QVERIFY(data.value(QStringLiteral("delta"))
                            .toObject()
                            .value(QStringLiteral("signature"))
                            .toString()
                            .startsWith(QLatin1String(ReasoningSigner::kPrefix)));
            } else {
                QVERIFY(!signedOpenBlock); // the signature comes last
                QCOMPARE(deltaType, expected);
            }
        } else if (e.event == "content_block_stop") {
            QCOMPARE(data.value(QStringLiteral("index")).toInt(), open);
            // Every thinking block ends signed, so clients keep it and send it back.
            QCOMPARE(signedOpenBlock, openType == QLatin1String("thinking"));
            open = -1;
            signedOpenBlock = false;
        }
    }
    QCOMPARE(open, -1);
}

void TestAnthropicToOpenAiTranslator::emptyStreamStillWellFormed()
{
    AnthropicToOpenAiTranslator translator;
    kSuite.translatedRequest(
        translator,
        QJsonDocument::fromJson(
            R"({"model":"x","max_tokens":5,"stream":true,"messages":[{"role":"user","content":"x"}]})")
            .object());
    const QByteArray out = GoldenFiles::runStream(translator, "data: [DONE]\n\n", {});
    QVERIFY(translator.isStreamComplete());
    QCOMPARE(eventNames(out),
             (QList<QByteArray>{"message_start", "message_delta", "message_stop"}));
}

void TestAnthropicToOpenAiTranslator::errors_data()
{
    QTest::addColumn<int>("upstreamStatus");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("clientStatus");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("400")
        << 400
        << QByteArray(
               R"({"error":{"message":"This model's maximum context length is 65536 tokens","type":"invalid_request_error","param":null,"code":"context_length_exceeded"}})")
        << 400 << "invalid_request_error"
        << "maximum context length";
    QTest::newRow("401")
        << 401
        << QByteArray(
               R"({"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}})")
        << 401 << "authentication_error"
        << "Incorrect API key";
    QTest::newRow("402 deepseek")
        << 402
        << QByteArray(R"({"error":{"message":"Insufficient Balance","type":"unknown_error"}})")
        << 402 << "invalid_request_error"
        << "Insufficient Balance";
    QTest::newRow("404")
        << 404
        << QByteArray(
               R"({"error":{"message":"The model `gpt-9` does not exist","type":"invalid_request_error","code":"model_not_found"}})")
        << 404 << "not_found_error"
        << "gpt-9";
    QTest::newRow("429")
        << 429
        << QByteArray(
               R"({"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}})")
        << 429 << "rate_limit_error"
        << "Rate limit reached";
    QTest::newRow("503") << 503 << QByteArray(R"({"error":"model is loading"})") << 502
                         << "api_error"
                         << "model is loading";
}

void TestAnthropicToOpenAiTranslator::errors()
{
    QFETCH(int, upstreamStatus);
    QFETCH(QByteArray, body);
    QFETCH(int, clientStatus);
    QFETCH(QString, type);
    QFETCH(QString, messagePart);
    AnthropicToOpenAiTranslator translator;
    const GatewayError error = translator.translateError(upstreamStatus, body, "3");
    const ErrorReply reply = ErrorRenderer::reply(error, ApiFormat::Anthropic);
    QCOMPARE(reply.status, clientStatus);
    const QJsonObject root = QJsonDocument::fromJson(reply.body).object();
    QCOMPARE(root.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
    const QJsonObject e = root.value(QStringLiteral("error")).toObject();
    QCOMPARE(e.value(QStringLiteral("type")).toString(), type);
    QVERIFY2(e.value(QStringLiteral("message")).toString().contains(messagePart),
             qPrintable(e.value(QStringLiteral("message")).toString()));
}

QTEST_GUILESS_MAIN(TestAnthropicToOpenAiTranslator)
#include "TestAnthropicToOpenAiTranslator.moc"
