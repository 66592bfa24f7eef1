// Golden tests: Responses API client (Codex, the AI SDK, the openai SDKs) -> Chat Completions
// upstream (DeepSeek, Ollama, OpenAI-compatible servers). Fixtures in tests/data/responses/to_chat.
#include "ResponsesGolden.h"
#include "providers/responses/ReasoningCarrier.h"
#include "providers/responses/ResponsesToChatTranslator.h"

#include <QTest>

namespace {

const ResponsesGolden::GoldenSuite<ResponsesToChatTranslator> kSuite(QStringLiteral("to_chat"));

bool startRequest(ResponsesToChatTranslator &t, const QJsonObject &client,
                  QByteArray *body = nullptr)
{
    return kSuite.start(t, client, body);
}

QJsonObject readJson(const QString &name)
{
    return kSuite.readJson(name);
}

QByteArray streamOf(const QString &name)
{
    return kSuite.streamOf(name);
}

QJsonObject chunkWithDelta(const QJsonObject &delta, const QString &finish = QString())
{
    return QJsonObject{
        {QStringLiteral("id"), QStringLiteral("c")},
        {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
        {QStringLiteral("model"), QStringLiteral("m")},
        {QStringLiteral("choices"),
         QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                {QStringLiteral("delta"), delta},
                                {QStringLiteral("finish_reason"),
                                 finish.isEmpty() ? QJsonValue() : QJsonValue(finish)}}}}};
}

SseEvent dataEvent(const QJsonObject &o)
{
    SseEvent e;
    e.data = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return e;
}

} // namespace

class TestResponsesToChatTranslator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requests_data() { kSuite.addRows(QStringLiteral("request_"), QStringLiteral(".json")); }
    void requests();
    void droppedTools();
    void unsupportedContent_data();
    void unsupportedContent();
    void toolChoices_data();
    void toolChoices();
    void responses_data() { kSuite.addRows(QStringLiteral("response_"), QStringLiteral(".json")); }
    void responses();
    void garbageResponse();
    void streams_data()
    {
        kSuite.addRows(QStringLiteral("stream_"), QStringLiteral(".upstream.sse"));
    }
    void streams();
    void streamSplitAtEveryByte_data() { streams_data(); }
    void streamSplitAtEveryByte();
    void oddOrderKeepsEveryByte();
    void argumentsAsObject();
    void reasoningCarriedBack();
    void carrierRejectsForeignValues();
    void escapedDeltas();
    void emptyStream();
    void streamWithoutDone();
    void streamErrorAfterEvents();
    void streamErrorBeforeEvents();
    void upstreamErrors();
};

void TestResponsesToChatTranslator::requests()
{
    QFETCH(QString, name);
    kSuite.checkRequest(name, "/chat/completions");
}

void TestResponsesToChatTranslator::droppedTools()
{
    ResponsesToChatTranslator t;
    QVERIFY(startRequest(t, readJson(QStringLiteral("request_codex_shape.json"))
                                .value(QStringLiteral("client"))
                                .toObject()));
    QCOMPARE(t.droppedTools(), QStringList({QStringLiteral("namespace:multi_agent_v1"),
                                            QStringLiteral("web_search")}));
    ResponsesToChatTranslator u;
    QVERIFY(startRequest(u, readJson(QStringLiteral("request_images_files_tool_output.json"))
                                .value(QStringLiteral("client"))
                                .toObject()));
    QCOMPARE(u.droppedTools(), QStringList{QStringLiteral("web_search_call")});
}

void TestResponsesToChatTranslator::unsupportedContent_data()
{
    QTest::addColumn<QByteArray>("part");
    QTest::addColumn<QString>("param");
    QTest::addColumn<QString>("hint");
    QTest::newRow("image by file id")
        << QByteArray(R"({"type":"input_image","file_id":"file-1"})") << "input[0].content[1]"
        << "image_url";
    QTest::newRow("file by id") << QByteArray(R"({"type":"input_file","file_id":"file-1"})")
                                << "input[0].content[1]"
                                << "file_data";
    QTest::newRow("audio") << QByteArray(R"({"type":"input_audio","input_audio":{"data":"x"}})")
                           << "input[0].content[1].type"
                           << "input_audio";
}

void TestResponsesToChatTranslator::unsupportedContent()
{
    QFETCH(QByteArray, part);
    QFETCH(QString, param);
    QFETCH(QString, hint);
    const QJsonObject client{
        {QStringLiteral("model"), QStringLiteral("m")},
        {QStringLiteral("input"),
         QJsonArray{QJsonObject{
             {QStringLiteral("role"), QStringLiteral("user")},
             {QStringLiteral("content"),
              QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("input_text")},
                                     {QStringLiteral("text"), QStringLiteral("look")}},
                         QJsonDocument::fromJson(part).object()}}}}}};
    ResponsesToChatTranslator t;
    QByteArray body;
    GatewayError error;
    QVERIFY(!t.translateRequest(client, QStringLiteral("m"), &body, &error));
    QCOMPARE(error.code, GatewayErrorCode::InvalidRequest);
    QCOMPARE(error.param, param);
    QVERIFY2(error.message.contains(hint), qPrintable(error.message));
}

void TestResponsesToChatTranslator::toolChoices_data()
{
    QTest::addColumn<QByteArray>("responses");
    QTest::addColumn<QByteArray>("chat"); // "null": left out
    QTest::newRow("auto") << QByteArray(R"("auto")") << QByteArray(R"("auto")");
    QTest::newRow("none") << QByteArray(R"("none")") << QByteArray(R"("none")");
    QTest::newRow("required") << QByteArray(R"("required")") << QByteArray(R"("required")");
    QTest::newRow("function") << QByteArray(R"({"type":"function","name":"f"})")
                              << QByteArray(R"({"type":"function","function":{"name":"f"}})");
    QTest::newRow("allowed tools, required")
        << QByteArray(R"({"type":"allowed_tools","mode":"required","tools":[]})")
        << QByteArray(R"("required")");
    QTest::newRow("allowed tools, auto")
        << QByteArray(R"({"type":"allowed_tools","mode":"auto","tools":[]})")
        << QByteArray(R"("auto")");
    QTest::newRow("hosted tool") << QByteArray(R"({"type":"web_search"})") << QByteArray("null");
}

void TestResponsesToChatTranslator::toolChoices()
{
    QFETCH(QByteArray, responses);
    QFETCH(QByteArray, chat);
    const QJsonObject client =
        QJsonDocument::fromJson(
            R"({"model":"m","input":"hi","tools":[{"type":"function","name":"f"}],"tool_choice":)" +
            responses + "}")
            .object();
    ResponsesToChatTranslator t;
    QByteArray body;
    QVERIFY(startRequest(t, client, &body));
    const QJsonObject upstream = QJsonDocument::fromJson(body).object();
    const QJsonValue expected = QJsonDocument::fromJson("[" + chat + "]").array().first();
    QCOMPARE(upstream.value(QStringLiteral("tool_choice")),
             expected.isNull() ? QJsonValue(QJsonValue::Undefined) : expected);
    // A function without parameters gets the empty object schema Chat servers require.
    QCOMPARE(upstream.value(QStringLiteral("tools"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("function"))
                 .toObject()
                 .value(QStringLiteral("parameters"))
                 .toObject()
                 .value(QStringLiteral("type"))
                 .toString(),
             QStringLiteral("object"));
}

void TestResponsesToChatTranslator::responses()
{
    QFETCH(QString, name);
    ResponsesToChatTranslator t;
    QJsonObject fixture;
    kSuite.checkResponse(name, t, &fixture);
    if (QTest::currentTestFailed())
        return;
    // The log gets the upstream's counts, cached and reasoning tokens included.
    const QJsonObject usage = fixture.value(QStringLiteral("upstream"))
                                  .toObject()
                                  .value(QStringLiteral("usage"))
                                  .toObject();
    QCOMPARE(t.usage().promptTokens, usage.value(QStringLiteral("prompt_tokens")).toInteger());
    QCOMPARE(t.usage().completionTokens,
             usage.value(QStringLiteral("completion_tokens")).toInteger());
}

void TestResponsesToChatTranslator::garbageResponse()
{
    ResponsesToChatTranslator t;
    QVERIFY(startRequest(t, QJsonObject{{QStringLiteral("model"), QStringLiteral("m")},
                                        {QStringLiteral("input"), QStringLiteral("hi")}}));
    QByteArray body;
    GatewayError error;
    QVERIFY(!t.translateResponse("<html>Bad gateway</html>", &body, &error));
    QCOMPARE(error.code, GatewayErrorCode::UpstreamBadResponse);
    QVERIFY(!t.translateResponse(R"({"object":"chat.completion","choices":[]})", &body, &error));
    QCOMPARE(error.code, GatewayErrorCode::UpstreamBadResponse);
    QVERIFY(error.message.contains(QStringLiteral("choices")));
}

void TestResponsesToChatTranslator::streams()
{
    QFETCH(QString, name);
    kSuite.checkStream(name);
}

void TestResponsesToChatTranslator::streamSplitAtEveryByte()
{
    QFETCH(QString, name);
    kSuite.checkSplitAtEveryByte(name);
}

void TestResponsesToChatTranslator::oddOrderKeepsEveryByte()
{
    // Tool call ids and names, reasoning, argument fragments, a name in two pieces and text,
    // interleaved: every call comes out whole, with its own arguments.
    const QList<QJsonObject> events =
        ResponsesGolden::eventObjects(streamOf(QStringLiteral("stream_odd_order")));
    const QJsonObject last = events.last();
    QCOMPARE(last.value(QStringLiteral("type")).toString(), QStringLiteral("response.completed"));
    QHash<QString, QJsonObject> calls;
    QString reasoning;
    QString text;
    for (const QJsonValue &v : last.value(QStringLiteral("response"))
                                   .toObject()
                                   .value(QStringLiteral("output"))
                                   .toArray()) {
        const QJsonObject item = v.toObject();
        const QString type = item.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("function_call"))
            calls.insert(item.value(QStringLiteral("call_id")).toString(), item);
        else if (type == QLatin1String("reasoning"))
            reasoning += item.value(QStringLiteral("summary"))
                             .toArray()
                             .first()
                             .toObject()
                             .value(QStringLiteral("text"))
                             .toString();
        else
            text += item.value(QStringLiteral("content"))
                        .toArray()
                        .first()
                        .toObject()
                        .value(QStringLiteral("text"))
                        .toString();
    }
    QCOMPARE(calls.size(), 2);
    QCOMPARE(calls.value(QStringLiteral("call_a")).value(QStringLiteral("arguments")).toString(),
             QStringLiteral("{\"city\":\"Paris\"}"));
    QCOMPARE(calls.value(QStringLiteral("call_b")).value(QStringLiteral("arguments")).toString(),
             QStringLiteral("{\"city\":\"Oslo\"}"));
    QCOMPARE(calls.value(QStringLiteral("call_b")).value(QStringLiteral("name")).toString(),
             QStringLiteral("get_weather"));
    QCOMPARE(reasoning, QStringLiteral("Hmm, which city?Second thought."));
    QCOMPARE(text, QStringLiteral("Both asked."));
}

void TestResponsesToChatTranslator::argumentsAsObject()
{
    // Ollama streams a tool call's arguments as an object.
    ResponsesToChatTranslator t;
    QVERIFY(startRequest(t, QJsonObject{{QStringLiteral("model"), QStringLiteral("m")},
                                        {QStringLiteral("stream"), true},
                                        {QStringLiteral("input"), QStringLiteral("hi")}}));
    QByteArray out = t.translateEvent(dataEvent(chunkWithDelta(QJsonObject{
        {QStringLiteral("tool_calls"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("call_x")},
                                {QStringLiteral("function"),
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("f")},
                                             {QStringLiteral("arguments"),
                                              QJsonObject{{QStringLiteral("a"), 1}}}}}}}}})));
    out += t.translateEvent(dataEvent(chunkWithDelta(QJsonObject(), QStringLiteral("tool_calls"))));
    SseEvent done;
    done.data = "[DONE]";
    out += t.translateEvent(done);
    QVERIFY(t.isStreamComplete());
    const QJsonObject call = ResponsesGolden::eventObjects(out)
                                 .last()
                                 .value(QStringLiteral("response"))
                                 .toObject()
                                 .value(QStringLiteral("output"))
                                 .toArray()
                                 .first()
                                 .toObject();
    QCOMPARE(call.value(QStringLiteral("arguments")).toString(), QStringLiteral("{\"a\":1}"));
    QCOMPARE(call.value(QStringLiteral("call_id")).toString(), QStringLiteral("call_x"));
}

void TestResponsesToChatTranslator::reasoningCarriedBack()
{
    // DeepSeek's reasoning goes back as reasoning_content even when the client replays only
    // the reasoning item's encrypted_content (the AI SDK with store off) and no summary.
    const QList<QJsonObject> events =
        ResponsesGolden::eventObjects(streamOf(QStringLiteral("stream_reasoning_text_tools")));
    QJsonArray input{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                 {QStringLiteral("content"), QStringLiteral("Weather?")}}};
    for (const QJsonValue &v : events.last()
                                   .value(QStringLiteral("response"))
                                   .toObject()
                                   .value(QStringLiteral("output"))
                                   .toArray()) {
        QJsonObject item = v.toObject();
        if (item.value(QStringLiteral("type")).toString() == QLatin1String("reasoning"))
            item.insert(QStringLiteral("summary"), QJsonArray());
        input.append(item);
    }
    ResponsesToChatTranslator next;
    QByteArray body;
    QVERIFY(startRequest(next,
                         QJsonObject{{QStringLiteral("model"), QStringLiteral("deepseek-chat")},
                                     {QStringLiteral("input"), input}},
                         &body));
    const QJsonObject assistant = QJsonDocument::fromJson(body)
                                      .object()
                                      .value(QStringLiteral("messages"))
                                      .toArray()
                                      .at(1)
                                      .toObject();
    QCOMPARE(assistant.value(QStringLiteral("reasoning_content")).toString(),
             QStringLiteral("Two cities, two calls."));
    QVERIFY(!body.contains("llmgw.reasoning")); // the carrier itself never goes upstream
}

void TestResponsesToChatTranslator::carrierRejectsForeignValues()
{
    ReasoningCarrier::Reasoning reasoning;
    reasoning.text = QStringLiteral("thought");
    const QString carrier = ReasoningCarrier::encode(reasoning);
    QVERIFY(ReasoningCarrier::isCarrier(carrier));
    QCOMPARE(ReasoningCarrier::decode(carrier).text, QStringLiteral("thought"));
    QVERIFY(ReasoningCarrier::encode(ReasoningCarrier::Reasoning()).isEmpty());
    for (const QString &foreign : {QStringLiteral("gAAAAABopaque"), QString(),
                                   QStringLiteral("llmgw.reasoning.v1.!!not-base64!!"),
                                   QStringLiteral("llmgw.reasoning.v1.bm90IGpzb24")}) {
        QVERIFY(ReasoningCarrier::decode(foreign).isEmpty());
    }
}

void TestResponsesToChatTranslator::escapedDeltas()
{
    // Deltas are written without QJsonDocument: every character must survive as JSON.
    const QString nasty = QStringLiteral("quote \" backslash \\ newline \n tab \t cr \r ") +
                          QChar(0x01) + QStringLiteral(" \u00e9 \U0001F642 </script> \u2028");
    ResponsesToChatTranslator t;
    QVERIFY(startRequest(t, QJsonObject{{QStringLiteral("model"), QStringLiteral("m")},
                                        {QStringLiteral("stream"), true},
                                        {QStringLiteral("input"), QStringLiteral("hi")}}));
    QByteArray out = t.translateEvent(
        dataEvent(chunkWithDelta(QJsonObject{{QStringLiteral("reasoning_content"), nasty}})));
    out += t.translateEvent(
        dataEvent(chunkWithDelta(QJsonObject{{QStringLiteral("content"), nasty}})));
    out += t.translateEvent(dataEvent(chunkWithDelta(QJsonObject{
        {QStringLiteral("tool_calls"),
         QJsonArray{QJsonObject{
             {QStringLiteral("index"), 0},
             {QStringLiteral("id"), QStringLiteral("c")},
             {QStringLiteral("function"), QJsonObject{{QStringLiteral("name"), QStringLiteral("f")},
                                                      {QStringLiteral("arguments"), nasty}}}}}}})));
    int deltas = 0;
    for (const QJsonObject &e : ResponsesGolden::eventObjects(out)) {
        if (e.value(QStringLiteral("type")).toString().endsWith(QLatin1String(".delta"))) {
            QCOMPARE(e.value(QStringLiteral("delta")).toString(), nasty);
            ++deltas;
        }
    }
    QCOMPARE(deltas, 3);
}

void TestResponsesToChatTranslator::emptyStream()
{
    ResponsesToChatTranslator t;
    QVERIFY(startRequest(t, QJsonObject{{QStringLiteral("model"), QStringLiteral("m")},
                                        {QStringLiteral("stream"), true},
                                        {QStringLiteral("input"), QStringLiteral("hi")}}));
    QVERIFY(!t.isStreamComplete());
    SseEvent done;
    done.data = "[DONE]";
    const QByteArray out = t.translateEvent(done);
    QVERIFY(t.isStreamComplete());
    QCOMPARE(ResponsesGolden::eventTypes(out), QStringList({QStringLiteral("response.created"),
                                                            QStringLiteral("response.in_progress"),
                                                            QStringLiteral("response.completed")}));
    QVERIFY2(ResponsesGolden::checkStream(out).isEmpty(),
             qPrintable(ResponsesGolden::checkStream(out)));
    QVERIFY(t.finishStream().isEmpty()); // nothing after the end, and never [DONE]
}

void TestResponsesToChatTranslator::streamWithoutDone()
{
    // Some servers close the stream after the finish chunk without [DONE]: the answer is whole.
    ResponsesToChatTranslator t;
    QVERIFY(startRequest(t, QJsonObject{{QStringLiteral("model"), QStringLiteral("m")},
                                        {QStringLiteral("stream"), true},
                                        {QStringLiteral("input"), QStringLiteral("hi")}}));
    QByteArray out = t.translateEvent(
        dataEvent(chunkWithDelta(QJsonObject{{QStringLiteral("content"), QStringLiteral("Hi")}})));
    QVERIFY(!t.isStreamComplete());
    out += t.translateEvent(dataEvent(chunkWithDelta(QJsonObject(), QStringLiteral("stop"))));
    QVERIFY(t.isStreamComplete());
    out += t.finishStream();
    QCOMPARE(ResponsesGolden::eventTypes(out).last(), QStringLiteral("response.completed"));
    QVERIFY2(ResponsesGolden::checkStream(out).isEmpty(),
             qPrintable(ResponsesGolden::checkStream(out)));
    QVERIFY(t.finishStream().isEmpty()); // once
}

void TestResponsesToChatTranslator::streamErrorAfterEvents()
{
    ResponsesToChatTranslator t;
    QVERIFY(startRequest(t, QJsonObject{{QStringLiteral("model"), QStringLiteral("m")},
                                        {QStringLiteral("stream"), true},
                                        {QStringLiteral("input"), QStringLiteral("hi")}}));
    QByteArray out = t.translateEvent(
        dataEvent(chunkWithDelta(QJsonObject{{QStringLiteral("content"), QStringLiteral("Hel")}})));
    out += t.streamError(GatewayError::make(GatewayErrorCode::UpstreamTimeout,
                                            QStringLiteral("Provider 'x' stopped sending.")),
                         ApiFormat::OpenAi);
    QVERIFY(t.isStreamComplete());
    const QList<QJsonObject> events = ResponsesGolden::eventObjects(out);
    QCOMPARE(ResponsesGolden::eventTypes(out).mid(events.size() - 2),
             QStringList({QStringLiteral("error"), QStringLiteral("response.failed")}));
    const QJsonObject error = events.at(events.size() - 2);
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("upstream_timeout"));
    QCOMPARE(error.value(QStringLiteral("message")).toString(),
             QStringLiteral("Provider 'x' stopped sending."));
    const QJsonObject failed = events.last().value(QStringLiteral("response")).toObject();
    QCOMPARE(failed.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(
        failed.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("upstream_timeout"));
    // The text so far is still there, in the item that never finished.
    QCOMPARE(failed.value(QStringLiteral("output")).toArray().size(), 1);
    QVERIFY2(ResponsesGolden::checkStream(out).isEmpty(),
             qPrintable(ResponsesGolden::checkStream(out)));
    // Nothing follows the end.
    QVERIFY(t.translateEvent(dataEvent(chunkWithDelta(
                                 QJsonObject{{QStringLiteral("content"), QStringLiteral("lo")}})))
                .isEmpty());
}

void TestResponsesToChatTranslator::streamErrorBeforeEvents()
{
    ResponsesToChatTranslator t;
    QVERIFY(startRequest(t, QJsonObject{{QStringLiteral("model"), QStringLiteral("m")},
                                        {QStringLiteral("stream"), true},
                                        {QStringLiteral("input"), QStringLiteral("hi")}}));
    const QByteArray out = t.streamError(
        GatewayError::make(GatewayErrorCode::ServerBusy, QStringLiteral("shutting down")),
        ApiFormat::OpenAi);
    QCOMPARE(
        ResponsesGolden::eventTypes(out),
        QStringList({QStringLiteral("response.created"), QStringLiteral("response.in_progress"),
                     QStringLiteral("error"), QStringLiteral("response.failed")}));
}

void TestResponsesToChatTranslator::upstreamErrors()
{
    ResponsesToChatTranslator t;
    const GatewayError rateLimited = t.translateError(
        429,
        R"({"error":{"message":"Slow down","type":"rate_limit_error","code":"rate_limit_exceeded"}})",
        "7");
    QCOMPARE(rateLimited.httpStatus(), 429);
    QCOMPARE(rateLimited.retryAfter, QByteArray("7"));
    QCOMPARE(rateLimited.upstreamCode, QStringLiteral("rate_limit_exceeded"));
    const GatewayError failed = t.translateError(500, "oops", QByteArray());
    QCOMPARE(failed.httpStatus(), 502);
    QVERIFY(failed.message.contains(QStringLiteral("oops")));
}

QTEST_GUILESS_MAIN(TestResponsesToChatTranslator)
#include "TestResponsesToChatTranslator.moc"
