#include "providers/OpenAiPassthroughTranslator.h"
#include "sse/SseParser.h"
#include "support/TestData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

Q_DECLARE_METATYPE(GatewayErrorCode)

namespace {

QByteArray readFixture(const QString &name)
{
    return TestData::read(TestData::path(QStringLiteral("sse/") + name));
}

QJsonObject parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", json.constData());
    return doc.object();
}

/// A translator that has seen a streaming request; `clientUsage` is the client's
/// stream_options (absent when empty).
void startStream(OpenAiPassthroughTranslator &translator, const QJsonObject &clientUsage)
{
    QJsonObject request{{QStringLiteral("model"), QStringLiteral("gpt-4o-mini")},
                        {QStringLiteral("stream"), true},
                        {QStringLiteral("messages"), QJsonArray{}}};
    if (!clientUsage.isEmpty())
        request.insert(QStringLiteral("stream_options"), clientUsage);
    QByteArray body;
    GatewayError error;
    if (!translator.translateRequest(request, QStringLiteral("gpt-4o-mini"), &body, &error))
        qFatal("translateRequest failed");
}

struct RelayResult
{
    QByteArray clientBytes;
    QList<SseEvent> upstreamEvents;
    QByteArrayList perEvent; ///< what each upstream event turned into
};

RelayResult relay(OpenAiPassthroughTranslator &translator, const QByteArray &wire)
{
    RelayResult result;
    SseParser parser;
    result.upstreamEvents = parser.feed(wire);
    for (const SseEvent &event : result.upstreamEvents) {
        const QByteArray out = translator.translateEvent(event);
        result.perEvent.append(out);
        result.clientBytes += out;
    }
    if (translator.isStreamComplete())
        result.clientBytes += translator.finishStream();
    return result;
}

bool isUsageOnlyChunk(const SseEvent &event)
{
    if (event.isComment || event.data == "[DONE]")
        return false;
    const QJsonObject chunk = parseObject(event.data);
    return chunk.value(QStringLiteral("choices")).toArray().isEmpty() &&
           chunk.value(QStringLiteral("usage")).isObject();
}

} // namespace

/// OpenAI-compatible upstreams: bodies and stream events pass through; only the model name,
/// the usage request and the usage-only chunk are touched.
class TestOpenAiPassthroughTranslator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void upstreamPath();
    void requestReplacesModelAndKeepsTheRest();
    void requestFromBytesKeepsNumbersAndOrder();
    void requestAsksForUsageWhenStreaming_data();
    void requestAsksForUsageWhenStreaming();
    void streamRelay_data();
    void streamRelay();
    void usageChunkWithChoicesIsKept();
    void nullUsageLeavesUsageUnknown();
    void namedAndMultiLineEventsKeepTheirFraming();
    void streamIncompleteWithoutDone();
    void responsePassesBytesThrough();
    void responseUsageAsQtReadsIt_data();
    void responseUsageAsQtReadsIt();
    void responseRejectsNonJson_data();
    void responseRejectsNonJson();
    void parseUsage();
    void upstreamErrors_data();
    void upstreamErrors();
};

void TestOpenAiPassthroughTranslator::upstreamPath()
{
    OpenAiPassthroughTranslator translator;
    for (const bool stream : {false, true}) {
        const UpstreamPath where = translator.upstreamPath(QStringLiteral("gpt-4o"), stream);
        QCOMPARE(where.path, QByteArray("/chat/completions"));
        QVERIFY(where.query.isEmpty());
    }
}

void TestOpenAiPassthroughTranslator::requestReplacesModelAndKeepsTheRest()
{
    const QByteArray clientBytes =
        R"({"model":"deepseek/deepseek-reasoner","messages":[{"role":"user","content":"Hi",)"
        R"("reasoning_content":"r"}],"temperature":0.2,"max_tokens":50,)"
        R"("thinking":{"type":"enabled"},"tools":[{"type":"function","function":{"name":"f"}}],)"
        R"("x_vendor_field":[1,"two",null]})";
    const QJsonObject client = parseObject(clientBytes);
    // From the parsed tree alone, and from the client's bytes (the gateway's way: spliced).
    for (const bool fromBytes : {false, true}) {
        OpenAiPassthroughTranslator translator;
        if (fromBytes)
            translator.setClientBodyBytes(clientBytes);
        QByteArray body;
        GatewayError error;
        QVERIFY(translator.translateRequest(client, QStringLiteral("deepseek-reasoner"), &body,
                                            &error));
        QJsonObject upstream = parseObject(body);
        QCOMPARE(upstream.value(QStringLiteral("model")).toString(),
                 QStringLiteral("deepseek-reasoner"));
        // Not streaming: nothing about usage is added.
        QVERIFY(!upstream.contains(QStringLiteral("stream_options")));
        QVERIFY(!upstream.contains(QStringLiteral("stream")));
        upstream.insert(QStringLiteral("model"), client.value(QStringLiteral("model")));
        QCOMPARE(upstream, client);
        QVERIFY(!body.contains('\n')); // compact: no wasted bytes upstream
        if (fromBytes) {
            // Only the model's value changed; the rest is the client's bytes.
            QByteArray expected = clientBytes;
            expected.replace("deepseek/deepseek-reasoner", "deepseek-reasoner");
            QCOMPARE(body, expected);
        }
    }
}

void TestOpenAiPassthroughTranslator::requestFromBytesKeepsNumbersAndOrder()
{
    // What a re-serialised tree would change: member order, 1e3, 64-bit integers beyond a
    // double's precision, escapes. The splice leaves them as the client wrote them.
    const QByteArray clientBytes =
        R"({"stream":true,"max_tokens":1e3,"seed":9007199254740993,"model":"alias",)"
        R"("messages":[{"role":"user","content":"caf\u00e9 \/ \"q\""}]})";
    OpenAiPassthroughTranslator translator;
    translator.setClientBodyBytes(clientBytes);
    QByteArray body;
    GatewayError error;
    QVERIFY(translator.translateRequest(parseObject(clientBytes), QStringLiteral("gpt-4o"), &body,
                                        &error));
    QCOMPARE(body,
             QByteArray(R"({"stream":true,"max_tokens":1e3,"seed":9007199254740993,)"
                        R"("model":"gpt-4o","messages":[{"role":"user","content":)"
                        R"("caf\u00e9 \/ \"q\""}],"stream_options":{"include_usage":true}})"));
}

void TestOpenAiPassthroughTranslator::requestAsksForUsageWhenStreaming_data()
{
    QTest::addColumn<QByteArray>("clientExtra");
    QTest::addColumn<bool>("expectStreamOptions");
    QTest::addColumn<QJsonObject>("expectedOptions");
    QTest::addColumn<bool>("usageChunkForwarded");
    QTest::addColumn<bool>("fromBytes");

    const QJsonObject usageOnly{{QStringLiteral("include_usage"), true}};
    for (const bool fromBytes : {false, true}) {
        const char *how = fromBytes ? " (spliced)" : " (tree)";
        QTest::addRow("stream without options%s", how)
            << QByteArray(R"("stream":true)") << true << usageOnly << false << fromBytes;
        QTest::addRow("client asked for usage%s", how)
            << QByteArray(R"("stream":true,"stream_options":{"include_usage":true})") << true
            << usageOnly << true << fromBytes;
        QTest::addRow("client said no usage, other option kept%s", how)
            << QByteArray(R"("stream":true,"stream_options":{"include_usage":false,"x":1})") << true
            << QJsonObject{{QStringLiteral("include_usage"), true}, {QStringLiteral("x"), 1}}
            << false << fromBytes;
        QTest::addRow("options not an object%s", how)
            << QByteArray(R"("stream":true,"stream_options":null)") << true << usageOnly << false
            << fromBytes;
        QTest::addRow("stream false leaves options alone%s", how)
            << QByteArray(R"("stream":false,"stream_options":{"include_usage":false})") << true
            << QJsonObject{{QStringLiteral("include_usage"), false}} << false << fromBytes;
        QTest::addRow("no stream%s", how)
            << QByteArray(R"("temperature":1)") << false << QJsonObject() << false << fromBytes;
    }
}

void TestOpenAiPassthroughTranslator::requestAsksForUsageWhenStreaming()
{
    QFETCH(QByteArray, clientExtra);
    QFETCH(bool, expectStreamOptions);
    QFETCH(QJsonObject, expectedOptions);
    QFETCH(bool, usageChunkForwarded);

    QFETCH(bool, fromBytes);
    const QByteArray clientBytes =
        R"({"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],)" + clientExtra + "}";
    const QJsonObject client = parseObject(clientBytes);
    OpenAiPassthroughTranslator translator;
    if (fromBytes)
        translator.setClientBodyBytes(clientBytes);
    QByteArray body;
    GatewayError error;
    QVERIFY(translator.translateRequest(client, QStringLiteral("gpt-4o"), &body, &error));
    const QJsonObject upstream = parseObject(body);
    QCOMPARE(upstream.contains(QStringLiteral("stream_options")), expectStreamOptions);
    if (expectStreamOptions)
        QCOMPARE(upstream.value(QStringLiteral("stream_options")).toObject(), expectedOptions);

    // What the translator remembered shows in what it does with the usage-only chunk.
    SseEvent usage;
    usage.data = R"({"id":"c","object":"chat.completion.chunk","choices":[],)"
                 R"("usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}})";
    const QByteArray forwarded = translator.translateEvent(usage);
    QCOMPARE(!forwarded.isEmpty(), usageChunkForwarded);
    if (usageChunkForwarded)
        QCOMPARE(forwarded, "data: " + usage.data + "\n\n");
    // The log gets the numbers either way.
    QCOMPARE(translator.usage().promptTokens, qint64(3));
    QCOMPARE(translator.usage().completionTokens, qint64(4));
}

void TestOpenAiPassthroughTranslator::streamRelay_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<bool>("clientWantsUsage");
    QTest::addColumn<qint64>("promptTokens");
    QTest::addColumn<qint64>("completionTokens");

    QTest::newRow("openai") << QStringLiteral("openai-chat-stream.sse") << false << qint64(12)
                            << qint64(9);
    QTest::newRow("openai with usage")
        << QStringLiteral("openai-chat-stream.sse") << true << qint64(12) << qint64(9);
    QTest::newRow("deepseek reasoning")
        << QStringLiteral("deepseek-reasoner-stream.sse") << false << qint64(14) << qint64(31);
    QTest::newRow("deepseek reasoning with usage")
        << QStringLiteral("deepseek-reasoner-stream.sse") << true << qint64(14) << qint64(31);
    QTest::newRow("tool calls") << QStringLiteral("openai-tool-calls-stream.sse") << false
                                << qint64(80) << qint64(40);
}

void TestOpenAiPassthroughTranslator::streamRelay()
{
    QFETCH(QString, fixture);
    QFETCH(bool, clientWantsUsage);
    QFETCH(qint64, promptTokens);
    QFETCH(qint64, completionTokens);

    OpenAiPassthroughTranslator translator;
    startStream(translator, clientWantsUsage ? QJsonObject{{QStringLiteral("include_usage"), true}}
                                             : QJsonObject());
    QVERIFY(!translator.isStreamComplete());
    QVERIFY(!translator.usage().isKnown());

    const QByteArray wire = readFixture(fixture);
    const RelayResult result = relay(translator, wire);
    QVERIFY(translator.isStreamComplete());
    QCOMPARE(translator.usage().promptTokens, promptTokens);
    QCOMPARE(translator.usage().completionTokens, completionTokens);

    // Event by event: comments and chunks byte-identical, [DONE] left to finishStream.
    QByteArray expected;
    int usageChunks = 0;
    for (qsizetype i = 0; i < result.upstreamEvents.size(); ++i) {
        const SseEvent &event = result.upstreamEvents.at(i);
        const QByteArray &out = result.perEvent.at(i);
        if (event.isComment) {
            QCOMPARE(out, ":" + event.comment + "\n\n");
        } else if (event.data == "[DONE]") {
            QVERIFY(out.isEmpty());
        } else if (isUsageOnlyChunk(event)) {
            ++usageChunks;
            QCOMPARE(out, clientWantsUsage ? "data: " + event.data + "\n\n" : QByteArray());
        } else {
            QCOMPARE(out, "data: " + event.data + "\n\n");
        }
        expected += out;
    }
    QCOMPARE(usageChunks, 1);
    QCOMPARE(translator.finishStream(), QByteArray("data: [DONE]\n\n"));
    expected += "data: [DONE]\n\n";
    QCOMPARE(result.clientBytes, expected);

    // With usage asked for, the client's stream is the upstream's, byte for byte.
    if (clientWantsUsage)
        QCOMPARE(result.clientBytes, wire);

    // reasoning_content and tool_calls survive as the upstream wrote them (escapes included).
    if (fixture.startsWith(QLatin1String("deepseek")))
        QVERIFY(result.clientBytes.contains(R"("reasoning_content":" asks for 2+2.")"));
    if (fixture.contains(QLatin1String("tool")))
        QVERIFY(result.clientBytes.contains(R"("arguments":"{\"city\": "})"));
}

void TestOpenAiPassthroughTranslator::usageChunkWithChoicesIsKept()
{
    // vLLM's continuous usage stats and DeepSeek's finish chunk carry usage beside a choice:
    // that chunk has content the client needs, so it is never dropped.
    OpenAiPassthroughTranslator translator;
    startStream(translator, {});
    SseEvent event;
    event.data = R"({"choices":[{"index":0,"delta":{"content":"x"},"finish_reason":"stop"}],)"
                 R"("usage":{"prompt_tokens":5,"completion_tokens":1}})";
    QCOMPARE(translator.translateEvent(event), "data: " + event.data + "\n\n");
    QCOMPARE(translator.usage().promptTokens, qint64(5));
    QCOMPARE(translator.usage().completionTokens, qint64(1));
}

void TestOpenAiPassthroughTranslator::nullUsageLeavesUsageUnknown()
{
    OpenAiPassthroughTranslator translator;
    startStream(translator, {});
    SseEvent event;
    event.data = R"({"choices":[{"index":0,"delta":{"content":"usage"}}],"usage" : null})";
    QCOMPARE(translator.translateEvent(event), "data: " + event.data + "\n\n");
    QVERIFY(!translator.usage().isKnown());
}

void TestOpenAiPassthroughTranslator::namedAndMultiLineEventsKeepTheirFraming()
{
    OpenAiPassthroughTranslator translator;
    startStream(translator, {});
    SseEvent named;
    named.event = "vendor_event";
    named.id = "7";
    named.data = "{}";
    QCOMPARE(translator.translateEvent(named),
             QByteArray("event: vendor_event\nid: 7\ndata: {}\n\n"));
    SseEvent multi;
    multi.data = "{\n\"a\":1}";
    QCOMPARE(translator.translateEvent(multi), QByteArray("data: {\ndata: \"a\":1}\n\n"));
    QVERIFY(!translator.isStreamComplete());
}

void TestOpenAiPassthroughTranslator::streamIncompleteWithoutDone()
{
    // A stream cut before [DONE] must not look complete: the gateway then reports the break.
    OpenAiPassthroughTranslator translator;
    startStream(translator, {});
    QByteArray wire = readFixture(QStringLiteral("openai-chat-stream.sse"));
    wire.truncate(wire.indexOf("data: [DONE]"));
    relay(translator, wire);
    QVERIFY(!translator.isStreamComplete());
    QVERIFY(translator.usage().isKnown());
}

void TestOpenAiPassthroughTranslator::responsePassesBytesThrough()
{
    // Odd spacing, key order, escapes and unknown fields: the client gets exactly these bytes.
    const QByteArray upstream =
        "{ \"id\": \"chatcmpl-1\", \"object\": \"chat.completion\",\n"
        "  \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", "
        "\"content\": \"caf\\u00e9 \\\"ok\\\"\", \"reasoning_content\": \"hmm\"}, "
        "\"finish_reason\": \"stop\"}],\n"
        "  \"usage\": {\"prompt_tokens\": 10, \"completion_tokens\": 2, \"total_tokens\": 12,"
        " \"prompt_cache_hit_tokens\": 0}, \"model\": \"deepseek-chat\" }\n";
    OpenAiPassthroughTranslator translator;
    QByteArray client;
    GatewayError error;
    QVERIFY(translator.translateResponse(upstream, &client, &error));
    QCOMPARE(client, upstream);
    QCOMPARE(translator.usage().promptTokens, qint64(10));
    QCOMPARE(translator.usage().completionTokens, qint64(2));

    // No usage object: the numbers stay unknown.
    OpenAiPassthroughTranslator second;
    QVERIFY(second.translateResponse(R"({"choices":[]})", &client, &error));
    QCOMPARE(client, QByteArray(R"({"choices":[]})"));
    QVERIFY(!second.usage().isKnown());
}

/// The answer's usage is read from its JsonTree (only the usage object goes through Qt's
/// parser): every number must be the one Qt's reading of the whole answer gives.
void TestOpenAiPassthroughTranslator::responseUsageAsQtReadsIt_data()
{
    QTest::addColumn<QByteArray>("body");
    const QByteArray usage =
        R"("usage":{"prompt_tokens":1200,"completion_tokens":35,"total_tokens":1235,)"
        R"("prompt_tokens_details":{"cached_tokens":1024},)"
        R"("completion_tokens_details":{"reasoning_tokens":12}})";
    QTest::newRow("OpenAI's details") << QByteArray(R"({"id":"a","choices":[],)" + usage + "}");
    QTest::newRow("DeepSeek's cache hits")
        << QByteArray(R"({"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":3,)"
                      R"("prompt_cache_hit_tokens":8,"prompt_cache_miss_tokens":1}})");
    QTest::newRow("usage first, spaced") << QByteArray("{ " + usage + " ,\n \"choices\" : [] }");
    QTest::newRow("a raw control character in the content (Qt reads it)")
        << QByteArray("{\"choices\":[{\"message\":{\"content\":\"a\tb\x01\"}}]," + usage + "}");
    QTest::newRow("usage given twice: the last one")
        << QByteArray(R"({"usage":{"prompt_tokens":1},"choices":[],"usage":{"prompt_tokens":2}})");
    QTest::newRow("numbers with fractions and exponents")
        << QByteArray(R"({"usage":{"prompt_tokens":1e3,"completion_tokens":2.5,)"
                      R"("prompt_tokens_details":{"cached_tokens":-0}}})");
    QTest::newRow("usage not an object") << QByteArray(R"({"usage":[1,2],"choices":[]})");
    QTest::newRow("usage null") << QByteArray(R"({"usage":null})");
    QTest::newRow("escaped key") << QByteArray(R"({"\u0075sage":{"prompt_tokens":4}})");
    // The usage's own members, now read from the tree as well.
    QTest::newRow("a usage member given twice")
        << QByteArray(R"({"usage":{"prompt_tokens":1,"completion_tokens":5,"prompt_tokens":2}})");
    QTest::newRow("details given twice")
        << QByteArray(R"({"usage":{"prompt_tokens_details":{"cached_tokens":3},)"
                      R"("prompt_tokens_details":{"cached_tokens":4}}})");
    QTest::newRow("details not objects, counts as strings") << QByteArray(
        R"({"usage":{"prompt_tokens":"12","completion_tokens":null,)"
        R"("prompt_tokens_details":[{"cached_tokens":1}],"prompt_cache_hit_tokens":7,)"
        R"("completion_tokens_details":"r"}})");
    QTest::newRow("cached tokens not a number: DeepSeek's count instead")
        << QByteArray(R"({"usage":{"prompt_tokens_details":{"cached_tokens":"1"},)"
                      R"("prompt_cache_hit_tokens":6}})");
    QTest::newRow("counts past 2^53 and past qint64")
        << QByteArray(R"({"usage":{"prompt_tokens":9007199254740993,)"
                      R"("completion_tokens":92233720368547758070,"prompt_cache_hit_tokens":-3}})");
    QTest::newRow("escaped nested key, true and false")
        << QByteArray(R"({"usage":{"prompt_\u0074okens":8,"completion_tokens":true,)"
                      R"("completion_tokens_details":{"reasoning_tokens":false}}})");
    QByteArray deep = R"({"usage":{"prompt_tokens":6},"x":)";
    deep += QByteArray(700, '[') + QByteArray(700, ']') + "}";
    QTest::newRow("nested deeper than JsonTree goes") << deep;
}

void TestOpenAiPassthroughTranslator::responseUsageAsQtReadsIt()
{
    QFETCH(QByteArray, body);
    const QJsonDocument whole = QJsonDocument::fromJson(body);
    QVERIFY2(whole.isObject(), body.constData());
    const TokenUsage expected = OpenAiPassthroughTranslator::parseUsage(
        whole.object().value(QStringLiteral("usage")).toObject());
    OpenAiPassthroughTranslator translator;
    QByteArray client;
    GatewayError error;
    QVERIFY2(translator.translateResponse(body, &client, &error), qPrintable(error.message));
    QCOMPARE(client, body);
    const TokenUsage read = translator.usage();
    QCOMPARE(read.promptTokens, expected.promptTokens);
    QCOMPARE(read.completionTokens, expected.completionTokens);
    QCOMPARE(read.cachedTokens, expected.cachedTokens);
    QCOMPARE(read.reasoningTokens, expected.reasoningTokens);
}

void TestOpenAiPassthroughTranslator::responseRejectsNonJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("html") << QByteArray("<html><body>502 Bad Gateway</body></html>")
                          << QStringLiteral("502 Bad Gateway");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("not a JSON object");
    QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("[1,2]");
    QTest::newRow("truncated") << QByteArray(R"({"choices":[{"index":0)")
                               << QStringLiteral("not a JSON object");
    QTest::newRow("long text is shortened") << QByteArray(5000, 'x') << QStringLiteral("xxx...");
}

void TestOpenAiPassthroughTranslator::responseRejectsNonJson()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, messagePart);
    OpenAiPassthroughTranslator translator;
    QByteArray client = "untouched";
    GatewayError error;
    QVERIFY(!translator.translateResponse(body, &client, &error));
    QCOMPARE(error.code, GatewayErrorCode::UpstreamBadResponse);
    QCOMPARE(error.httpStatus(), 502);
    QVERIFY2(error.message.contains(messagePart), qPrintable(error.message));
    QVERIFY(error.message.size() < 600); // a 5000-byte body is not pasted whole
    QCOMPARE(client, QByteArray("untouched"));
}

void TestOpenAiPassthroughTranslator::parseUsage()
{
    TokenUsage usage = OpenAiPassthroughTranslator::parseUsage(
        parseObject(R"({"prompt_tokens":100,"completion_tokens":0,"total_tokens":100})"));
    QCOMPARE(usage.promptTokens, qint64(100));
    QCOMPARE(usage.completionTokens, qint64(0));
    QVERIFY(usage.isKnown());

    usage = OpenAiPassthroughTranslator::parseUsage(parseObject(R"({"completion_tokens":7})"));
    QCOMPARE(usage.promptTokens, qint64(-1));
    QCOMPARE(usage.completionTokens, qint64(7));

    usage = OpenAiPassthroughTranslator::parseUsage({});
    QVERIFY(!usage.isKnown());
    QCOMPARE(usage.cachedTokens, qint64(-1));
    QCOMPARE(usage.reasoningTokens, qint64(-1));

    // OpenAI's details.
    usage = OpenAiPassthroughTranslator::parseUsage(
        parseObject(R"({"prompt_tokens":2000,"completion_tokens":300,"total_tokens":2300,)"
                    R"("prompt_tokens_details":{"cached_tokens":1920,"audio_tokens":0},)"
                    R"("completion_tokens_details":{"reasoning_tokens":256,"audio_tokens":0}})"));
    QCOMPARE(usage.cachedTokens, qint64(1920));
    QCOMPARE(usage.reasoningTokens, qint64(256));
    // DeepSeek's own cache field, and details that say zero.
    usage = OpenAiPassthroughTranslator::parseUsage(parseObject(
        R"({"prompt_tokens":300,"completion_tokens":5,"prompt_cache_hit_tokens":256,)"
        R"("prompt_cache_miss_tokens":44,"completion_tokens_details":{"reasoning_tokens":0}})"));
    QCOMPARE(usage.cachedTokens, qint64(256));
    QCOMPARE(usage.reasoningTokens, qint64(0));
}

void TestOpenAiPassthroughTranslator::upstreamErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<GatewayErrorCode>("code");
    QTest::addColumn<int>("clientStatus");
    QTest::addColumn<QString>("message"); ///< exact, or a part when it starts with '~'
    QTest::addColumn<QString>("type");    ///< the OpenAI error type the client sees
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("param");

    using C = GatewayErrorCode;
    const auto row = [](const char *name, int status, const QByteArray &body,
                        const QByteArray &retryAfter, C code, int clientStatus, const char *message,
                        const char *type, const char *errorCode, const char *param) {
        QTest::newRow(name) << status << body << retryAfter << code << clientStatus
                            << QString::fromUtf8(message) << QString::fromLatin1(type)
                            << QString::fromLatin1(errorCode) << QString::fromLatin1(param);
    };

    row("401 openai", 401,
        R"({"error":{"message":"Incorrect API key provided: sk-abc***xyz.","type":)"
        R"("invalid_request_error","param":null,"code":"invalid_api_key"}})",
        {}, C::UpstreamStatus, 401, "Incorrect API key provided: sk-abc***xyz.",
        "invalid_request_error", "invalid_api_key", "");
    row("404 model", 404,
        R"({"error":{"message":"The model `gpt-5x` does not exist or you do not have access )"
        R"(to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}})",
        {}, C::UpstreamStatus, 404,
        "The model `gpt-5x` does not exist or you do not have access to it.",
        "invalid_request_error", "model_not_found", "");
    row("400 with param", 400,
        R"({"error":{"message":"Invalid type for 'temperature'.","type":)"
        R"("invalid_request_error","param":"temperature","code":"invalid_type"}})",
        {}, C::UpstreamStatus, 400, "Invalid type for 'temperature'.", "invalid_request_error",
        "invalid_type", "temperature");
    row("402 deepseek balance", 402,
        R"({"error":{"message":"Insufficient Balance","type":"unknown_error","param":null,)"
        R"("code":"invalid_request_error"}})",
        {}, C::UpstreamStatus, 402, "Insufficient Balance", "unknown_error",
        "invalid_request_error", "");
    row("422 numeric code", 422, R"({"error":{"message":"Bad input","code":1234}})", {},
        C::UpstreamStatus, 422, "Bad input", "invalid_request_error", "1234", "");
    row("429 with retry-after", 429,
        R"({"error":{"message":"Rate limit reached for gpt-4o","type":"requests",)"
        R"("param":null,"code":"rate_limit_exceeded"}})",
        "20", C::UpstreamRateLimited, 429, "Rate limit reached for gpt-4o", "requests",
        "rate_limit_exceeded", "");
    row("429 plain text", 429, "Too Many Requests", "1", C::UpstreamRateLimited, 429,
        "Too Many Requests", "rate_limit_error", "rate_limit_exceeded", "");
    row("500 openai", 500,
        R"({"error":{"message":"The server had an error while processing your request.",)"
        R"("type":"server_error","param":null,"code":null}})",
        {}, C::UpstreamFailed, 502, "~The server had an error while processing your request.",
        "upstream_error", "upstream_server_error", "");
    row("503 plain text", 503, "Service Unavailable\n", {}, C::UpstreamFailed, 502,
        "~Service Unavailable", "upstream_error", "upstream_server_error", "");
    row("500 empty body", 500, "", {}, C::UpstreamFailed, 502, "~without a message",
        "upstream_error", "upstream_server_error", "");
    row("ollama string error", 404,
        R"({"error":"model \"llama9\" not found, try pulling it first"})", {}, C::UpstreamStatus,
        404, "model \"llama9\" not found, try pulling it first", "invalid_request_error",
        "upstream_error", "");
    row("top-level message", 400, R"({"message":"messages: field required","code":400})", {},
        C::UpstreamStatus, 400, "messages: field required", "invalid_request_error",
        "upstream_error", "");
    row("html 403", 403, "<html><body><h1>403 Forbidden</h1></body></html>", {}, C::UpstreamStatus,
        403, "~403 Forbidden", "invalid_request_error", "upstream_error", "");
    row("empty 404", 404, "", {}, C::UpstreamStatus, 404, "~HTTP 404 without a message",
        "invalid_request_error", "upstream_error", "");
    row("long body shortened", 400, QByteArray(3000, 'y'), {}, C::UpstreamStatus, 400, "~yyy...",
        "invalid_request_error", "upstream_error", "");
    row("redirect", 302, "", {}, C::UpstreamBadResponse, 502, "~base URL", "upstream_error",
        "upstream_bad_response", "");
}

void TestOpenAiPassthroughTranslator::upstreamErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, retryAfter);
    QFETCH(GatewayErrorCode, code);
    QFETCH(int, clientStatus);
    QFETCH(QString, message);
    QFETCH(QString, type);
    QFETCH(QString, errorCode);
    QFETCH(QString, param);

    const OpenAiPassthroughTranslator translator;
    const GatewayError error = translator.translateError(status, body, retryAfter);
    QCOMPARE(error.code, code);
    QCOMPARE(error.upstreamStatus, status);
    QCOMPARE(error.httpStatus(), clientStatus);
    if (message.startsWith(QLatin1Char('~')))
        QVERIFY2(error.message.contains(message.mid(1)), qPrintable(error.message));
    else
        QCOMPARE(error.message, message);
    QVERIFY(error.message.size() < 600);
    if (clientStatus == 502 && status >= 500)
        QVERIFY2(error.message.contains(QString::number(status)), qPrintable(error.message));

    // As the client receives it.
    const ErrorReply reply = ErrorRenderer::reply(error, ApiFormat::OpenAi);
    QCOMPARE(reply.status, clientStatus);
    const QJsonObject e =
        QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("error")).toObject();
    QCOMPARE(e.value(QStringLiteral("message")).toString(), error.message);
    QCOMPARE(e.value(QStringLiteral("type")).toString(), type);
    QCOMPARE(e.value(QStringLiteral("code")).toString(), errorCode);
    QCOMPARE(e.value(QStringLiteral("param")).toString(), param);
    QByteArray retryHeader;
    for (const auto &header : reply.headers) {
        if (header.first.compare("Retry-After", Qt::CaseInsensitive) == 0)
            retryHeader = header.second;
    }
    QCOMPARE(retryHeader, retryAfter);
}

QTEST_GUILESS_MAIN(TestOpenAiPassthroughTranslator)
#include "TestOpenAiPassthroughTranslator.moc"
