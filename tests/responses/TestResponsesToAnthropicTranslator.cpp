// Golden tests: Responses API client -> Anthropic upstream (through the Chat translator).
// Fixtures in tests/data/responses/to_anthropic.
#include "ResponsesGolden.h"
#include "providers/responses/ReasoningCarrier.h"
#include "providers/responses/ResponsesToAnthropicTranslator.h"

#include <QTest>

namespace {
const ResponsesGolden::GoldenSuite<ResponsesToAnthropicTranslator>
    kSuite(QStringLiteral("to_anthropic"));

QJsonObject lastResponse(const QByteArray &sse)
{
    return ResponsesGolden::eventObjects(sse).last().value(QStringLiteral("response")).toObject();
}
} // namespace

class TestResponsesToAnthropicTranslator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requests_data() { kSuite.addRows(QStringLiteral("request_"), QStringLiteral(".json")); }
    void requests();
    void responses_data() { kSuite.addRows(QStringLiteral("response_"), QStringLiteral(".json")); }
    void responses();
    void streams_data()
    {
        kSuite.addRows(QStringLiteral("stream_"), QStringLiteral(".upstream.sse"));
    }
    void streams();
    void streamSplitAtEveryByte_data() { streams_data(); }
    void streamSplitAtEveryByte();
    void thinkingRoundTrip();
    void foreignReasoningNeverSigned();
    void streamUsageForTheLog();
    void upstreamErrors();
};

void TestResponsesToAnthropicTranslator::requests()
{
    QFETCH(QString, name);
    kSuite.checkRequest(name, "/v1/messages");
}

void TestResponsesToAnthropicTranslator::responses()
{
    QFETCH(QString, name);
    ResponsesToAnthropicTranslator t;
    QJsonObject fixture;
    kSuite.checkResponse(name, t, &fixture);
    if (QTest::currentTestFailed())
        return;
    // Anthropic's input_tokens exclude cache reads; the log's prompt tokens include them.
    const QJsonObject usage = fixture.value(QStringLiteral("upstream"))
                                  .toObject()
                                  .value(QStringLiteral("usage"))
                                  .toObject();
    QCOMPARE(t.usage().promptTokens,
             usage.value(QStringLiteral("input_tokens")).toInteger() +
                 usage.value(QStringLiteral("cache_read_input_tokens")).toInteger());
}

void TestResponsesToAnthropicTranslator::streams()
{
    QFETCH(QString, name);
    kSuite.checkStream(name);
}

void TestResponsesToAnthropicTranslator::streamSplitAtEveryByte()
{
    QFETCH(QString, name);
    kSuite.checkSplitAtEveryByte(name);
}

void TestResponsesToAnthropicTranslator::thinkingRoundTrip()
{
    // The signed thinking a stream delivers comes back, byte for byte, when the client
    // replays the reasoning item on its next turn.
    const QJsonObject response =
        lastResponse(kSuite.streamOf(QStringLiteral("stream_thinking_text_tools")));
    QJsonArray input{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                 {QStringLiteral("content"), QStringLiteral("Weather?")}}};
    QJsonObject reasoning;
    for (const QJsonValue &item : response.value(QStringLiteral("output")).toArray()) {
        input.append(item);
        if (item.toObject().value(QStringLiteral("type")).toString() == QLatin1String("reasoning"))
            reasoning = item.toObject();
    }
    QVERIFY(ReasoningCarrier::isCarrier(
        reasoning.value(QStringLiteral("encrypted_content")).toString()));
    const QJsonArray blocks =
        ReasoningCarrier::decode(reasoning.value(QStringLiteral("encrypted_content")).toString())
            .thinkingBlocks;
    QCOMPARE(blocks.size(), 1);
    QCOMPARE(blocks.first().toObject().value(QStringLiteral("signature")).toString(),
             QStringLiteral("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"));

    ResponsesToAnthropicTranslator next;
    QByteArray body;
    QVERIFY(kSuite.start(next,
                         QJsonObject{{QStringLiteral("model"), QStringLiteral("claude-sonnet-4-5")},
                                     {QStringLiteral("input"), input}},
                         &body));
    const QJsonArray messages =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("messages")).toArray();
    const QJsonArray assistant =
        messages.at(1).toObject().value(QStringLiteral("content")).toArray();
    QCOMPARE(assistant.first().toObject(), blocks.first().toObject());
    QCOMPARE(assistant.last().toObject().value(QStringLiteral("type")).toString(),
             QStringLiteral("tool_use"));
}

void TestResponsesToAnthropicTranslator::foreignReasoningNeverSigned()
{
    // A reasoning item from another provider (no carrier) reaches Anthropic as nothing:
    // thinking without a valid signature would be refused.
    ResponsesToAnthropicTranslator t;
    QByteArray body;
    const QJsonObject client = QJsonDocument::fromJson(R"({"model":"claude-sonnet-4-5","input":[
        {"role":"user","content":"Hi"},
        {"type":"reasoning","summary":[{"type":"summary_text","text":"DeepSeek thought this."}],"encrypted_content":null},
        {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Hello."}]},
        {"role":"user","content":"Again"}]})")
                                   .object();
    QVERIFY(kSuite.start(t, client, &body));
    QVERIFY(!body.contains("DeepSeek thought this."));
    QVERIFY(!body.contains("\"thinking\""));
}

void TestResponsesToAnthropicTranslator::streamUsageForTheLog()
{
    ResponsesToAnthropicTranslator t;
    ResponsesGolden::GoldenSuite<ResponsesToAnthropicTranslator>::pin(t);
    QVERIFY(kSuite.start(
        t, kSuite.readJson(QStringLiteral("stream_thinking_text_tools.request.json"))));
    GoldenFiles::runStream(t,
                           TestData::read(ResponsesGolden::path(
                               QStringLiteral("to_anthropic"),
                               QStringLiteral("stream_thinking_text_tools.upstream.sse"))),
                           {});
    QVERIFY(t.isStreamComplete());
    QCOMPARE(t.usage().promptTokens, 572); // 472 input + 100 read from the cache
    QCOMPARE(t.usage().cachedTokens, 100);
    QVERIFY(t.usage().completionTokens > 0);
}

void TestResponsesToAnthropicTranslator::upstreamErrors()
{
    ResponsesToAnthropicTranslator t;
    const GatewayError overloaded = t.translateError(
        529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})", {});
    QCOMPARE(overloaded.httpStatus(), 502);
    QVERIFY(overloaded.message.contains(QStringLiteral("Overloaded")));
    const GatewayError invalid = t.translateError(
        400,
        R"({"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: too large"}})",
        {});
    QCOMPARE(invalid.httpStatus(), 400);
    QVERIFY(invalid.message.contains(QStringLiteral("max_tokens")));
}

QTEST_GUILESS_MAIN(TestResponsesToAnthropicTranslator)
#include "TestResponsesToAnthropicTranslator.moc"
