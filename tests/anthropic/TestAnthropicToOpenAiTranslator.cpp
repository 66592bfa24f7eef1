// Golden tests: Anthropic client (Claude Code, Anthropic SDK) -> OpenAI-compatible upstream.
#include "GoldenSuite.h"
#include "api/JsonTree.h"
#include "providers/anthropic/AnthropicToOpenAiTranslator.h"

#include <QJsonArray>
#include <QJsonDocument>
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
    void clientTextAsWritten();
    void rawControlCharacters();
    void responses_data();
    void responses();
    void garbageResponse();
    void answerEdges_data();
    void answerEdges();
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

/// The gateway gives the client's own bytes, and the request is written from them: pieces are
/// copied as the client wrote them (spacing, escapes, member order), so every shape must come
/// out right from text no JSON writer of ours produced.
void TestAnthropicToOpenAiTranslator::clientTextAsWritten()
{
    const QByteArray client = R"({
  "model" : "claude-sonnet-4-5",
  "max_tokens" : 8192.0,
  "temperature" : 0.70,
  "top_p" : 1e0,
  "stop_sequences" : [ "\u0045ND", "</done>" ],
  "metadata" : { "user_id" : "user-\u00e9-7" },
  "stream" : true,
  "system" : [
    { "type" : "text", "text" : "x-anthropic-billing-header: cc_version=2.1.37;\n\nFirst \"rule\"" },
    { "type" : "text", "text" : "  \n\t " },
    { "type" : "text", "text" : "\u3000" },
    { "cache_control" : { "type" : "ephemeral" }, "text" : "Second\\rule \u00e9 \ud83d\ude00", "type" : "text" }
  ],
  "messages" : [
    { "role" : "user", "content" : [
      { "type" : "text", "text" : "Read \"a.txt\"\n" },
      { "type" : "document", "title" : "Spec \u00e9", "source" : { "type" : "base64", "media_type" : "application/pdf", "data" : "JVBERi0x" } },
      { "type" : "document", "source" : { "type" : "text", "media_type" : "text/plain", "data" : "plain\tdoc" } },
      { "type" : "image", "source" : { "type" : "url", "url" : "https://e.com/a.png" } }
    ] },
    { "role" : "assistant", "content" : [
      { "type" : "thinking", "thinking" : "I should \"read\" it", "signature" : "" },
      { "type" : "text", "text" : "" },
      { "type" : "tool_use", "id" : "toolu_1", "name" : "Write", "input" : {
          "path" : "C:\\dir\\a.txt",
          "content" : "line\n\"quoted\" \u00e9 \/",
          "n" : [ 1, 2.5, true, null ],
          "nested" : { "deep" : { "deeper" : [ { "k" : "v" } ] } }
      } },
      { "type" : "tool_use", "id" : "toolu_2", "name" : "Ls", "input" : { } }
    ] },
    { "role" : "user", "content" : [
      { "type" : "tool_result", "tool_use_id" : "toolu_1", "is_error" : true, "content" : [
        { "type" : "text", "text" : "denied" },
        { "type" : "text", "text" : "twice" },
        { "type" : "image", "source" : { "type" : "base64", "media_type" : "image/png", "data" : "iVBOR" } }
      ] },
      { "type" : "tool_result", "tool_use_id" : "toolu_2", "content" : "a\nb" },
      { "type" : "text", "text" : "Go on" }
    ] },
    { "role" : "system", "content" : "Mid \"system\"" },
    { "role" : "user", "content" : [
      { "type" : "text", "text" : "one" },
      { "type" : "document", "source" : { "type" : "text", "data" : "two" } }
    ] }
  ],
  "tools" : [
    { "name" : "Write", "description" : "Writes \"files\"", "input_schema" : {
        "$schema" : "http://json-schema.org/draft-07/schema#",
        "type" : "object",
        "properties" : { "path" : { "type" : "string", "description" : "A \"path\"" } },
        "required" : [ "path" ] } },
    { "name" : "Ls", "input_schema" : { "type" : "object" } },
    { "type" : "web_search_20250305", "name" : "web_search" }
  ],
  "tool_choice" : { "type" : "any", "disable_parallel_tool_use" : true }
})";
    const QByteArray expected = R"({
  "model": "deepseek-chat",
  "max_tokens": 8192,
  "temperature": 0.7,
  "top_p": 1,
  "stop": ["END", "</done>"],
  "user": "user-\u00e9-7",
  "stream": true,
  "stream_options": {"include_usage": true},
  "messages": [
    {"role": "system", "content": "First \"rule\"\n\nSecond\\rule \u00e9 \ud83d\ude00"},
    {"role": "user", "content": [
      {"type": "text", "text": "Read \"a.txt\"\n"},
      {"type": "file", "file": {"filename": "Spec \u00e9", "file_data": "data:application/pdf;base64,JVBERi0x"}},
      {"type": "text", "text": "plain\tdoc"},
      {"type": "image_url", "image_url": {"url": "https://e.com/a.png"}}
    ]},
    {"role": "assistant", "content": null, "reasoning_content": "I should \"read\" it",
     "tool_calls": [
      {"id": "toolu_1", "type": "function", "function": {"name": "Write", "arguments": "ARGS1"}},
      {"id": "toolu_2", "type": "function", "function": {"name": "Ls", "arguments": "{}"}}
    ]},
    {"role": "tool", "tool_call_id": "toolu_1", "content": "Error: denied\ntwice"},
    {"role": "tool", "tool_call_id": "toolu_2", "content": "a\nb"},
    {"role": "user", "content": [
      {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBOR"}},
      {"type": "text", "text": "Go on"}
    ]},
    {"role": "system", "content": "Mid \"system\""},
    {"role": "user", "content": "one\n\ntwo"}
  ],
  "tools": [
    {"type": "function", "function": {"name": "Write", "description": "Writes \"files\"",
      "parameters": {"type": "object", "properties": {"path": {"type": "string", "description": "A \"path\""}}, "required": ["path"]}}},
    {"type": "function", "function": {"name": "Ls", "parameters": {"type": "object"}}}
  ],
  "tool_choice": "required",
  "parallel_tool_calls": false
})";
    // Given as the gateway gives a large request: the bytes, their checked tree, and only
    // the top-level scalars as the request object.
    auto tree = JsonTree::parseChecked(client);
    QVERIFY(tree);
    const auto clientTree = std::make_shared<const JsonTree>(std::move(*tree));
    AnthropicToOpenAiTranslator translator;
    translator.setClientBodyBytes(client);
    translator.setClientTree(clientTree);
    QByteArray body;
    GatewayError error;
    QVERIFY(translator.translateRequest(clientTree->scalarMembers(),
                                        QStringLiteral("deepseek-chat"), &body, &error));
    QJsonParseError parseError;
    const QJsonObject actual = QJsonDocument::fromJson(body, &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, body.constData());

    // The arguments are the input as compact JSON, in the client's member order: compared
    // as JSON, then as text.
    const QJsonValue clientValue(QJsonDocument::fromJson(client).object());
    const QJsonObject input = clientValue["messages"][1]["content"][2]["input"].toObject();
    QVERIFY(!input.isEmpty());
    const QString arguments =
        QJsonValue(actual)["messages"][2]["tool_calls"][0]["function"]["arguments"].toString();
    QCOMPARE(QJsonDocument::fromJson(arguments.toUtf8()).object(), input);
    QCOMPARE(arguments,
             QStringLiteral(R"({"path":"C:\\dir\\a.txt","content":"line\n\"quoted\" \u00e9 \/",)"
                            R"("n":[1,2.5,true,null],"nested":{"deep":{"deeper":[{"k":"v"}]}}})"));
    QJsonObject wanted = QJsonDocument::fromJson(expected, &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    QJsonArray messages = wanted[QStringLiteral("messages")].toArray();
    QJsonObject assistant = messages[2].toObject();
    QJsonArray calls = assistant[QStringLiteral("tool_calls")].toArray();
    QJsonObject call = calls[0].toObject();
    QJsonObject function = call[QStringLiteral("function")].toObject();
    function[QStringLiteral("arguments")] = arguments;
    call[QStringLiteral("function")] = function;
    calls[0] = call;
    assistant[QStringLiteral("tool_calls")] = calls;
    messages[2] = assistant;
    wanted[QStringLiteral("messages")] = messages;
    const QString diff = GoldenFiles::compareJson(actual, wanted);
    QVERIFY2(diff.isEmpty(), qPrintable(diff + QStringLiteral("\n") + QString::fromUtf8(body)));

    // The stream's first event estimates the input from the same text.
    SseEvent chunk;
    chunk.data = R"({"id":"c1","model":"deepseek-chat","choices":[]})";
    const QByteArray first = translator.translateEvent(chunk);
    const QJsonValue start(
        QJsonDocument::fromJson(GoldenFiles::parseSse(first).first().data).object());
    const qint64 estimate = start["message"]["usage"]["input_tokens"].toInteger();
    // Five images and documents at 1,600 each, and the texts.
    QVERIFY2(estimate > 8000 && estimate < 8500, first.constData());
}

/// Qt's parser takes raw control characters inside strings (JSON does not allow them); the
/// upstream must still get valid JSON, with them escaped.
void TestAnthropicToOpenAiTranslator::rawControlCharacters()
{
    const QByteArray client = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                              "\"content\":\"a\tb\x01"
                              "c\"}]}";
    const QJsonObject parsed = QJsonDocument::fromJson(client).object();
    QVERIFY(!parsed.isEmpty());
    AnthropicToOpenAiTranslator translator;
    translator.setClientBodyBytes(client);
    QByteArray body;
    GatewayError error;
    QVERIFY(translator.translateRequest(parsed, QStringLiteral("deepseek-chat"), &body, &error));
    QJsonParseError parseError;
    const QJsonObject upstream = QJsonDocument::fromJson(body, &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QVERIFY2(!body.contains('\t') && !body.contains('\x01'), body.constData());
    QCOMPARE(QJsonValue(upstream)["messages"][0]["content"].toString(), QStringLiteral("a\tb\x01"
                                                                                       "c"));
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

void TestAnthropicToOpenAiTranslator::answerEdges_data()
{
    // An upstream answer and the Anthropic message it must become (compared as JSON). The
    // answer is read from its bytes: odd shapes must come out as they did through Qt's tree.
    QTest::addColumn<QByteArray>("upstream");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray usage = R"("usage":{"prompt_tokens":7,"completion_tokens":3})";
    const QByteArray anthropicUsage =
        R"("usage":{"input_tokens":7,"output_tokens":3,"cache_creation_input_tokens":0,)"
        R"("cache_read_input_tokens":0})";
    QTest::newRow("parts, thinking blocks, tool calls of every shape")
        << QByteArray(
               R"({"id":"c1","model":"m1","choices":[{"index":0,"finish_reason":"stop",)"
               R"("message":{"role":"assistant","reasoning_content":"unused",)"
               R"("thinking_blocks":[{"type":"thinking","thinking":"t","signature":"s"}],)"
               R"("content":[{"type":"text","text":"a\u00e9\n"},{"type":"image_url"},)"
               R"({"type":"refusal","refusal":"no"}],"tool_calls":[)"
               R"({"id":"call_1","function":{"name":"Read","arguments":"{\"b\": 1, \"a\": [true]}"}},)"
               R"({"function":{"name":"Ollama","arguments":{"x":{"y":null}}}},)"
               R"({"id":"call_3","function":{"name":"Broken","arguments":"{oops"}},)"
               R"({"id":"call_4","function":{"name":"List","arguments":"[1]"}},)"
               R"(7]}}],)" +
               usage + "}")
        << QByteArray(
               R"({"id":"c1","type":"message","role":"assistant","model":"m1","content":[)"
               R"({"type":"thinking","thinking":"t","signature":"s"},)"
               R"({"type":"text","text":"a\u00e9\n\n\nno"},)"
               R"({"type":"tool_use","id":"call_1","name":"Read","input":{"a":[true],"b":1}},)"
               R"({"type":"tool_use","id":"toolu_1","name":"Ollama","input":{"x":{"y":null}}},)"
               R"({"type":"tool_use","id":"call_3","name":"Broken","input":{}},)"
               R"({"type":"tool_use","id":"call_4","name":"List","input":{}},)"
               R"({"type":"tool_use","id":"toolu_4","name":"","input":{}}],)"
               R"("stop_reason":"tool_use","stop_sequence":null,)" +
               anthropicUsage + "}");
    QTest::newRow("a refusal alone")
        << QByteArray(R"({"id":"c2","model":7,"choices":[{"finish_reason":"stop","message":)"
                      R"({"content":null,"refusal":"I can't."}}],)" +
                      usage + "}")
        << QByteArray(R"({"id":"c2","type":"message","role":"assistant","model":"upstream-m",)"
                      R"("content":[{"type":"text","text":"I can't."}],"stop_reason":"refusal",)"
                      R"("stop_sequence":null,)" +
                      anthropicUsage + "}");
    QTest::newRow("reasoning under vLLM's name, a length stop")
        << QByteArray(R"({"choices":[{"finish_reason":"length","message":{"reasoning":"r",)"
                      R"("content":"x"}}],)" +
                      usage + "}")
        << QByteArray(R"({"id":"","type":"message","role":"assistant","model":"upstream-m",)"
                      R"("content":[{"type":"thinking","thinking":"r","signature":""},)"
                      R"({"type":"text","text":"x"}],"stop_reason":"max_tokens",)"
                      R"("stop_sequence":null,)" +
                      anthropicUsage + "}");
    QTest::newRow("a choice that is not an object, no usage")
        << QByteArray(R"({"id":"c4","choices":[5]})")
        << QByteArray(R"({"id":"c4","type":"message","role":"assistant","model":"upstream-m",)"
                      R"("content":[],"stop_reason":"end_turn","stop_sequence":null,)"
                      R"("usage":{"input_tokens":1,"output_tokens":0,)"
                      R"("cache_creation_input_tokens":0,"cache_read_input_tokens":0}})");
    QTest::newRow("a raw control character in the text (read through Qt's writing)")
        << QByteArray("{\"choices\":[{\"message\":{\"content\":\"a\tb\"}}]," + usage + "}")
        << QByteArray(R"({"id":"","type":"message","role":"assistant","model":"upstream-m",)"
                      R"("content":[{"type":"text","text":"a\tb"}],"stop_reason":"end_turn",)"
                      R"("stop_sequence":null,)" +
                      anthropicUsage + "}");
}

void TestAnthropicToOpenAiTranslator::answerEdges()
{
    QFETCH(QByteArray, upstream);
    QFETCH(QByteArray, expected);
    AnthropicToOpenAiTranslator translator;
    QByteArray request;
    GatewayError error;
    QVERIFY(
        translator.translateRequest(QJsonObject(), QStringLiteral("upstream-m"), &request, &error));
    QByteArray body;
    QVERIFY2(translator.translateResponse(upstream, &body, &error), qPrintable(error.message));
    QJsonParseError parseError;
    const QJsonObject actual = QJsonDocument::fromJson(body, &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, body.constData());
    const QJsonObject wanted = QJsonDocument::fromJson(expected, &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, expected.constData());
    QVERIFY2(actual == wanted, body.constData());
    // Written in Anthropic's order: id first, usage last.
    QVERIFY2(body.startsWith("{\"id\":") && body.contains(",\"usage\":{"), body.constData());
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
