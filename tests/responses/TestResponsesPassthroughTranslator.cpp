// The Responses passthrough (providers that serve the Responses API, OpenAI): bodies and
// events unchanged, the gateway's own reasoning items left out, usage and completion read.
#include "ResponsesGolden.h"
#include "providers/ProviderRegistry.h"
#include "providers/responses/ReasoningCarrier.h"
#include "providers/responses/ResponsesPassthroughTranslator.h"

#include <QTest>

namespace {
QByteArray streamFixture()
{
    return TestData::read(
        TestData::path(QStringLiteral("responses/passthrough/stream_tool_call.sse")));
}
} // namespace

class TestResponsesPassthroughTranslator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestKeepsEverythingButTheModel();
    void ownReasoningLeftOut();
    void streamUnchangedAndUsageRead();
    void streamIncompleteWithoutTerminalEvent();
    void streamErrorContinuesTheSequence();
    void wholeAnswer();
    void registryPicksByProvider_data();
    void registryPicksByProvider();
};

void TestResponsesPassthroughTranslator::requestKeepsEverythingButTheModel()
{
    const QJsonObject client = QJsonDocument::fromJson(R"({"model":"openai/gpt-5","input":"Hi",
        "store":true,"previous_response_id":"resp_1","tools":[{"type":"web_search"}],
        "include":["reasoning.encrypted_content"],"text":{"verbosity":"low"}})")
                                   .object();
    ResponsesPassthroughTranslator t;
    QByteArray body;
    GatewayError error;
    QVERIFY(t.translateRequest(client, QStringLiteral("gpt-5"), &body, &error));
    QJsonObject expected = client;
    expected.insert(QStringLiteral("model"), QStringLiteral("gpt-5"));
    QCOMPARE(QJsonDocument::fromJson(body).object(), expected);
    QCOMPARE(t.upstreamPath(QStringLiteral("gpt-5"), true).path, QByteArray("/responses"));
}

void TestResponsesPassthroughTranslator::ownReasoningLeftOut()
{
    ReasoningCarrier::Reasoning deepSeek;
    deepSeek.text = QStringLiteral("thought elsewhere");
    const QJsonObject client{
        {QStringLiteral("model"), QStringLiteral("gpt-5")},
        {QStringLiteral("input"),
         QJsonArray{
             QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                         {QStringLiteral("content"), QStringLiteral("Hi")}},
             QJsonObject{{QStringLiteral("type"), QStringLiteral("reasoning")},
                         {QStringLiteral("summary"), QJsonArray()},
                         {QStringLiteral("encrypted_content"), ReasoningCarrier::encode(deepSeek)}},
             QJsonObject{
                 {QStringLiteral("type"), QStringLiteral("reasoning")},
                 {QStringLiteral("summary"), QJsonArray()},
                 {QStringLiteral("encrypted_content"), QStringLiteral("gAAAAAB-openai")}}}}};
    ResponsesPassthroughTranslator t;
    QByteArray body;
    GatewayError error;
    QVERIFY(t.translateRequest(client, QStringLiteral("gpt-5"), &body, &error));
    const QJsonArray input =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("input")).toArray();
    QCOMPARE(input.size(), 2); // OpenAI's own reasoning stays
    QCOMPARE(input.last().toObject().value(QStringLiteral("encrypted_content")).toString(),
             QStringLiteral("gAAAAAB-openai"));
}

void TestResponsesPassthroughTranslator::streamUnchangedAndUsageRead()
{
    ResponsesPassthroughTranslator t;
    const QByteArray upstream = streamFixture();
    const QByteArray out = GoldenFiles::runStream(t, upstream, {37, 400});
    QCOMPARE(out, upstream);
    QVERIFY(t.isStreamComplete());
    QCOMPARE(t.usage().promptTokens, 45);
    QCOMPARE(t.usage().completionTokens, 25);
    QCOMPARE(t.usage().cachedTokens, 0);
    QCOMPARE(t.usage().reasoningTokens, 8);
}

void TestResponsesPassthroughTranslator::streamIncompleteWithoutTerminalEvent()
{
    ResponsesPassthroughTranslator t;
    QByteArray upstream = streamFixture();
    upstream.truncate(upstream.lastIndexOf("event: response.completed"));
    GoldenFiles::runStream(t, upstream, {});
    QVERIFY(!t.isStreamComplete()); // the gateway reports the broken stream
}

void TestResponsesPassthroughTranslator::streamErrorContinuesTheSequence()
{
    ResponsesPassthroughTranslator t;
    QByteArray upstream = streamFixture();
    upstream.truncate(upstream.indexOf("event: response.function_call_arguments.done"));
    QByteArray out = GoldenFiles::runStream(t, upstream, {});
    out += t.streamError(GatewayError::make(GatewayErrorCode::UpstreamTimeout,
                                            QStringLiteral("Provider 'openai' stopped sending.")),
                         ApiFormat::OpenAi);
    const QString problem = ResponsesGolden::checkStream(out);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QList<QJsonObject> events = ResponsesGolden::eventObjects(out);
    const QJsonObject failed = events.last().value(QStringLiteral("response")).toObject();
    QCOMPARE(failed.value(QStringLiteral("id")).toString(), QStringLiteral("resp_0775"));
    QCOMPARE(failed.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(
        failed.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("upstream_timeout"));
}

void TestResponsesPassthroughTranslator::wholeAnswer()
{
    ResponsesPassthroughTranslator t;
    const QByteArray body =
        R"({"id":"resp_1","object":"response","status":"completed","output":[],"usage":{"input_tokens":3,"output_tokens":4,"total_tokens":7}})";
    QByteArray client;
    GatewayError error;
    QVERIFY(t.translateResponse(body, &client, &error));
    QCOMPARE(client, body);
    QCOMPARE(t.usage().promptTokens, 3);
    QVERIFY(!t.translateResponse("not json", &client, &error));
    QCOMPARE(error.code, GatewayErrorCode::UpstreamBadResponse);
}

void TestResponsesPassthroughTranslator::registryPicksByProvider_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<bool>("responsesApi");
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("OpenAI itself: passed through")
        << int(ProviderType::OpenAi) << true << QByteArray("/responses");
    QTest::newRow("OpenAI-compatible: Chat Completions")
        << int(ProviderType::OpenAi) << false << QByteArray("/chat/completions");
    QTest::newRow("Anthropic: Messages")
        << int(ProviderType::Anthropic) << false << QByteArray("/v1/messages");
    QTest::newRow("Anthropic ignores the flag")
        << int(ProviderType::Anthropic) << true << QByteArray("/v1/messages");
}

void TestResponsesPassthroughTranslator::registryPicksByProvider()
{
    QFETCH(int, type);
    QFETCH(bool, responsesApi);
    QFETCH(QByteArray, path);
    ProviderSettings provider;
    provider.id = QStringLiteral("p");
    provider.type = ProviderType(type);
    provider.speaksResponsesApi = responsesApi;
    TranslatorContext context;
    context.provider = &provider;
    GatewayError error;
    const auto translator =
        ProviderRegistry::createTranslator(ClientApi::Responses, context, &error);
    QVERIFY2(translator, qPrintable(error.message));
    QCOMPARE(translator->upstreamPath(QStringLiteral("m"), true).path, path);
}

QTEST_GUILESS_MAIN(TestResponsesPassthroughTranslator)
#include "TestResponsesPassthroughTranslator.moc"
