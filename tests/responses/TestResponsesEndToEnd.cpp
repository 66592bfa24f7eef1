// End to end over loopback: the real gateway (GatewayController in its own thread, port 0)
// between a raw HTTP client speaking the Responses API and fake providers that speak Chat
// Completions, Anthropic Messages and the Responses API and refuse what the real ones refuse.
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "RawHttpClient.h"
#include "ResponsesGolden.h"
#include "anthropic/FakeAnthropicUpstream.h"
#include "api/ChatRequestValidator.h"

#include <QSignalSpy>
#include <QTest>

namespace {
const QByteArray kDeepSeekKey = "sk-ds-configured-key";
const QByteArray kAnthropicKey = "sk-ant-configured-key";
const QByteArray kOpenAiKey = "sk-openai-configured-key";

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray fixture(const char *dir, const char *name)
{
    return TestData::read(ResponsesGolden::path(QLatin1String(dir), QLatin1String(name)));
}

const QJsonArray kTools = QJsonDocument::fromJson(R"([
    {"type":"function","name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}},
    {"type":"web_search"}])")
                              .array();

/// The terminal `response` of a Responses stream.
QJsonObject finalResponse(const RawHttpResponse &r)
{
    const QList<QJsonObject> events = r.sseJson();
    return events.isEmpty() ? QJsonObject()
                            : events.last().value(QStringLiteral("response")).toObject();
}

QJsonArray outputOfType(const QJsonObject &response, const QString &type)
{
    QJsonArray items;
    for (const QJsonValue &item : response.value(QStringLiteral("output")).toArray()) {
        if (item.toObject().value(QStringLiteral("type")).toString() == type)
            items.append(item);
    }
    return items;
}
} // namespace

class TestResponsesEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void chatWhole();
    void chatStream();
    void chatToolRoundTrip();
    void anthropicWhole();
    void anthropicStreamAndThinkingRoundTrip();
    void passthroughWhole();
    void passthroughStream();
    void passthroughLargeBody();
    void storedStateRefusedWhenTranslated();
    void validationErrors();
    void upstreamErrorKeepsStatus();
    void errorInsideStream();
    void streamBrokenByUpstream();
    void apiPrefixAndMethods();
    void usageInTheLog();

private:
    RawHttpResponse post(const QJsonObject &body, const QByteArray &path = "/v1/responses");

    std::unique_ptr<FakeAnthropicUpstream> m_deepSeek;
    std::unique_ptr<FakeAnthropicUpstream> m_anthropic;
    std::unique_ptr<FakeAnthropicUpstream> m_openAi;
    std::unique_ptr<FakeUpstream> m_flaky;
    std::unique_ptr<GatewayHarness> m_gateway;
};

void TestResponsesEndToEnd::init()
{
    m_deepSeek = std::make_unique<FakeAnthropicUpstream>(FakeAnthropicUpstream::Dialect::OpenAi,
                                                         kDeepSeekKey);
    m_anthropic = std::make_unique<FakeAnthropicUpstream>(FakeAnthropicUpstream::Dialect::Anthropic,
                                                          kAnthropicKey);
    m_openAi =
        std::make_unique<FakeAnthropicUpstream>(FakeAnthropicUpstream::Dialect::OpenAi, kOpenAiKey);
    m_flaky = std::make_unique<FakeUpstream>();
    QVERIFY(m_deepSeek->listen());
    QVERIFY(m_anthropic->listen());
    QVERIFY(m_openAi->listen());
    QVERIFY(m_flaky->listen());

    m_gateway = std::make_unique<GatewayHarness>();
    m_gateway->addOpenAiProvider(QStringLiteral("deepseek"), m_deepSeek->baseUrl(),
                                 QString::fromLatin1(kDeepSeekKey));
    m_gateway->addOpenAiProvider(QStringLiteral("openai"), m_openAi->baseUrl(),
                                 QString::fromLatin1(kOpenAiKey));
    m_gateway->config().providers.last().speaksResponsesApi = true;
    m_gateway->addOpenAiProvider(QStringLiteral("flaky"), m_flaky->baseUrl(),
                                 QStringLiteral("sk-flaky"));
    ProviderSettings anthropic;
    anthropic.id = QStringLiteral("anthropic");
    anthropic.displayName = QStringLiteral("Anthropic");
    anthropic.type = ProviderType::Anthropic;
    anthropic.baseUrl = m_anthropic->baseUrl();
    m_gateway->config().providers.append(anthropic);
    m_gateway->keys().insert(QStringLiteral("anthropic"), QString::fromLatin1(kAnthropicKey));
    m_gateway->addRoute(QStringLiteral("deepseek-"), QStringLiteral("deepseek"));
    m_gateway->addRoute(QStringLiteral("claude-"), QStringLiteral("anthropic"));
    m_gateway->addRoute(QStringLiteral("gpt-"), QStringLiteral("openai"));
    m_gateway->addRoute(QStringLiteral("flaky-"), QStringLiteral("flaky"));
    QVERIFY(m_gateway->start());
}

void TestResponsesEndToEnd::cleanup()
{
    m_gateway.reset();
    m_deepSeek.reset();
    m_anthropic.reset();
    m_openAi.reset();
    m_flaky.reset();
}

RawHttpResponse TestResponsesEndToEnd::post(const QJsonObject &body, const QByteArray &path)
{
    return RawHttpClient::fetch(m_gateway->baseUrl(), "POST", path, compact(body));
}

void TestResponsesEndToEnd::chatWhole()
{
    m_deepSeek->queueReply(ScriptedReply::json(R"({"id":"c1","object":"chat.completion",
        "created":1700000000,"model":"deepseek-chat","choices":[{"index":0,"message":{"role":"assistant",
        "reasoning_content":"Paris it is.","content":null,"tool_calls":[{"id":"call_1","type":"function",
        "function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},"finish_reason":"tool_calls"}],
        "usage":{"prompt_tokens":20,"completion_tokens":9,"total_tokens":29,"prompt_cache_hit_tokens":8}})"));
    const RawHttpResponse response =
        post(QJsonObject{{QStringLiteral("model"), QStringLiteral("deepseek-chat")},
                         {QStringLiteral("instructions"), QStringLiteral("Be brief.")},
                         {QStringLiteral("input"), QStringLiteral("Weather in Paris?")},
                         {QStringLiteral("tools"), kTools},
                         {QStringLiteral("max_output_tokens"), 300}});
    QCOMPARE(response.status, 200);
    QVERIFY(response.header("content-type").startsWith("application/json"));

    const ReceivedRequest upstream = m_deepSeek->lastRequest();
    QCOMPARE(upstream.path, QByteArray("/v1/chat/completions"));
    QCOMPARE(upstream.header("authorization"), "Bearer " + kDeepSeekKey);
    QVERIFY(!upstream.body.contains(GatewayHarness::accessToken()));
    QCOMPARE(upstream.json.value(QStringLiteral("max_tokens")).toInt(), 300);
    const QJsonArray messages = upstream.json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("role")).toString(),
             QStringLiteral("system"));
    QCOMPARE(messages.at(1).toObject().value(QStringLiteral("content")).toString(),
             QStringLiteral("Weather in Paris?"));
    // web_search cannot run there: left out, the function tool kept.
    QCOMPARE(upstream.json.value(QStringLiteral("tools")).toArray().size(), 1);

    const QJsonObject answer = response.json();
    QCOMPARE(answer.value(QStringLiteral("object")).toString(), QStringLiteral("response"));
    QCOMPARE(answer.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    const QJsonObject call =
        outputOfType(answer, QStringLiteral("function_call")).first().toObject();
    QCOMPARE(call.value(QStringLiteral("call_id")).toString(), QStringLiteral("call_1"));
    QCOMPARE(call.value(QStringLiteral("arguments")).toString(),
             QStringLiteral("{\"city\":\"Paris\"}"));
    const QJsonObject reasoning =
        outputOfType(answer, QStringLiteral("reasoning")).first().toObject();
    QCOMPARE(reasoning.value(QStringLiteral("summary"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("text"))
                 .toString(),
             QStringLiteral("Paris it is."));
    const QJsonObject usage = answer.value(QStringLiteral("usage")).toObject();
    QCOMPARE(usage.value(QStringLiteral("input_tokens")).toInt(), 20);
    QCOMPARE(usage.value(QStringLiteral("input_tokens_details"))
                 .toObject()
                 .value(QStringLiteral("cached_tokens"))
                 .toInt(),
             8);
}

void TestResponsesEndToEnd::chatStream()
{
    m_deepSeek->queueReply(ScriptedReply::stream(ScriptedReply::splitEvents(
        fixture("to_chat", "stream_reasoning_text_tools.upstream.sse"))));
    const RawHttpResponse response =
        post(QJsonObject{{QStringLiteral("model"), QStringLiteral("deepseek-chat")},
                         {QStringLiteral("stream"), true},
                         {QStringLiteral("input"), QStringLiteral("Weather in Paris and Oslo?")},
                         {QStringLiteral("tools"), kTools}});
    QCOMPARE(response.status, 200);
    QVERIFY(response.header("content-type").startsWith("text/event-stream"));
    QVERIFY2(response.chunks.size() > 3, "the answer must arrive event by event");
    const QString problem = ResponsesGolden::checkStream(response.body);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(!response.body.contains("[DONE]"));

    const ReceivedRequest upstream = m_deepSeek->lastRequest();
    QCOMPARE(upstream.json.value(QStringLiteral("stream")).toBool(), true);
    QCOMPARE(upstream.json.value(QStringLiteral("stream_options"))
                 .toObject()
                 .value(QStringLiteral("include_usage"))
                 .toBool(),
             true);
    QCOMPARE(upstream.header("accept"), QByteArray("text/event-stream"));

    const QJsonObject done = finalResponse(response);
    QCOMPARE(done.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(outputOfType(done, QStringLiteral("function_call")).size(), 2);
    QCOMPARE(done.value(QStringLiteral("usage"))
                 .toObject()
                 .value(QStringLiteral("total_tokens"))
                 .toInt(),
             80);
}

void TestResponsesEndToEnd::chatToolRoundTrip()
{
    // Turn 1: DeepSeek reasons and calls a tool. Turn 2: the client sends everything back
    // with the tool's output, as Codex does; DeepSeek must get its reasoning_content back.
    m_deepSeek->queueReply(ScriptedReply::stream(ScriptedReply::splitEvents(
        fixture("to_chat", "stream_reasoning_text_tools.upstream.sse"))));
    QJsonArray input{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                 {QStringLiteral("content"), QStringLiteral("Weather?")}}};
    const RawHttpResponse first =
        post(QJsonObject{{QStringLiteral("model"), QStringLiteral("deepseek-chat")},
                         {QStringLiteral("stream"), true},
                         {QStringLiteral("store"), false},
                         {QStringLiteral("input"), input},
                         {QStringLiteral("tools"), kTools}});
    QCOMPARE(first.status, 200);
    for (const QJsonValue &item : finalResponse(first).value(QStringLiteral("output")).toArray())
        input.append(item);
    for (const QString &call : {QStringLiteral("call_00_p"), QStringLiteral("call_01_o")})
        input.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("function_call_output")},
                                 {QStringLiteral("call_id"), call},
                                 {QStringLiteral("output"), QStringLiteral("sunny at ") + call}});

    m_deepSeek->queueReply(ScriptedReply::json(R"({"id":"c2","object":"chat.completion",
        "created":1700000000,"model":"deepseek-chat","choices":[{"index":0,"message":{"role":"assistant",
        "content":"Both sunny."},"finish_reason":"stop"}],"usage":{"prompt_tokens":60,"completion_tokens":3,"total_tokens":63}})"));
    const RawHttpResponse second =
        post(QJsonObject{{QStringLiteral("model"), QStringLiteral("deepseek-chat")},
                         {QStringLiteral("store"), false},
                         {QStringLiteral("input"), input},
                         {QStringLiteral("tools"), kTools}});
    QCOMPARE(second.status, 200);
    const QJsonArray messages =
        m_deepSeek->lastRequest().json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 4); // user, assistant (reasoning, text, 2 calls), 2 tool results
    const QJsonObject assistant = messages.at(1).toObject();
    QCOMPARE(assistant.value(QStringLiteral("reasoning_content")).toString(),
             QStringLiteral("Two cities, two calls."));
    QCOMPARE(assistant.value(QStringLiteral("content")).toString(),
             QStringLiteral("Checking both."));
    QCOMPARE(assistant.value(QStringLiteral("tool_calls")).toArray().size(), 2);
    QCOMPARE(messages.at(2).toObject().value(QStringLiteral("tool_call_id")).toString(),
             QStringLiteral("call_00_p"));
    QCOMPARE(messages.at(3).toObject().value(QStringLiteral("content")).toString(),
             QStringLiteral("sunny at call_01_o"));
    const QJsonObject message =
        outputOfType(second.json(), QStringLiteral("message")).first().toObject();
    QCOMPARE(message.value(QStringLiteral("content"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("text"))
                 .toString(),
             QStringLiteral("Both sunny."));
}

void TestResponsesEndToEnd::anthropicWhole()
{
    m_anthropic->queueReply(
        ScriptedReply::json(R"({"id":"msg_01","type":"message","role":"assistant",
        "model":"claude-sonnet-4-5","content":[{"type":"text","text":"Hello there."}],
        "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":4}})"));
    const RawHttpResponse response = post(
        QJsonObject{{QStringLiteral("model"), QStringLiteral("claude-sonnet-4-5")},
                    {QStringLiteral("input"),
                     QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("message")},
                                            {QStringLiteral("role"), QStringLiteral("developer")},
                                            {QStringLiteral("content"), QStringLiteral("Greet.")}},
                                QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                            {QStringLiteral("content"), QStringLiteral("Hi")}}}}});
    QCOMPARE(response.status, 200);
    const ReceivedRequest upstream = m_anthropic->lastRequest();
    QCOMPARE(upstream.path, QByteArray("/v1/messages"));
    QCOMPARE(upstream.header("x-api-key"), kAnthropicKey);
    QVERIFY(!upstream.hasHeader("authorization"));
    QCOMPARE(upstream.json.value(QStringLiteral("system")).toString(), QStringLiteral("Greet."));
    QVERIFY(upstream.json.value(QStringLiteral("max_tokens")).toInt() > 0);
    const QJsonObject answer = response.json();
    QCOMPARE(answer.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(outputOfType(answer, QStringLiteral("message"))
                 .first()
                 .toObject()
                 .value(QStringLiteral("content"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("text"))
                 .toString(),
             QStringLiteral("Hello there."));
}

void TestResponsesEndToEnd::anthropicStreamAndThinkingRoundTrip()
{
    m_anthropic->queueReply(ScriptedReply::stream(ScriptedReply::splitEvents(
        fixture("to_anthropic", "stream_thinking_text_tools.upstream.sse"))));
    QJsonArray input{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                 {QStringLiteral("content"), QStringLiteral("Weather?")}}};
    const QJsonObject request{{QStringLiteral("model"), QStringLiteral("claude-sonnet-4-5")},
                              {QStringLiteral("stream"), true},
                              {QStringLiteral("reasoning"),
                               QJsonObject{{QStringLiteral("effort"), QStringLiteral("low")},
                                           {QStringLiteral("summary"), QStringLiteral("auto")}}},
                              {QStringLiteral("input"), input},
                              {QStringLiteral("tools"), kTools}};
    const RawHttpResponse first = post(request);
    QCOMPARE(first.status, 200);
    QVERIFY2(first.chunks.size() > 3, "the answer must arrive event by event");
    const QString problem = ResponsesGolden::checkStream(first.body);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(m_anthropic->lastRequest()
                 .json.value(QStringLiteral("thinking"))
                 .toObject()
                 .value(QStringLiteral("type"))
                 .toString(),
             QStringLiteral("enabled"));

    for (const QJsonValue &item : finalResponse(first).value(QStringLiteral("output")).toArray())
        input.append(item);
    const QJsonArray calls = outputOfType(finalResponse(first), QStringLiteral("function_call"));
    QCOMPARE(calls.size(), 2);
    for (const QJsonValue &call : calls)
        input.append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("function_call_output")},
            {QStringLiteral("call_id"), call.toObject().value(QStringLiteral("call_id"))},
            {QStringLiteral("output"), QStringLiteral("sunny")}});
    m_anthropic->queueReply(
        ScriptedReply::json(R"({"id":"msg_02","type":"message","role":"assistant",
        "model":"claude-sonnet-4-5","content":[{"type":"text","text":"Sunny in both."}],
        "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":80,"output_tokens":5}})"));
    QJsonObject again = request;
    again.insert(QStringLiteral("stream"), false);
    again.insert(QStringLiteral("input"), input);
    const RawHttpResponse second = post(again);
    QCOMPARE(second.status, 200);
    // The signed thinking goes back first in the assistant turn, as Anthropic requires.
    const QJsonArray messages =
        m_anthropic->lastRequest().json.value(QStringLiteral("messages")).toArray();
    const QJsonObject thinking =
        messages.at(1).toObject().value(QStringLiteral("content")).toArray().first().toObject();
    QCOMPARE(thinking.value(QStringLiteral("type")).toString(), QStringLiteral("thinking"));
    QCOMPARE(thinking.value(QStringLiteral("signature")).toString(),
             QStringLiteral("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"));
    const QJsonArray results = messages.at(2).toObject().value(QStringLiteral("content")).toArray();
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.first().toObject().value(QStringLiteral("type")).toString(),
             QStringLiteral("tool_result"));
}

void TestResponsesEndToEnd::passthroughWhole()
{
    const QByteArray upstreamAnswer =
        R"({"id":"resp_abc","object":"response","status":"completed","model":"gpt-5","output":[{"id":"msg_1","type":"message","role":"assistant","status":"completed","content":[{"type":"output_text","text":"Hi!","annotations":[]}]}],"usage":{"input_tokens":5,"input_tokens_details":{"cached_tokens":0},"output_tokens":2,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":7}})";
    m_openAi->queueReply(ScriptedReply::json(upstreamAnswer));
    const QJsonObject request{
        {QStringLiteral("model"), QStringLiteral("gpt-5")},
        {QStringLiteral("store"), true}, // OpenAI keeps it: fine on this route
        {QStringLiteral("input"),
         QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                {QStringLiteral("content"), QStringLiteral("Hi")}},
                    // a reasoning item the gateway made for another provider: left out
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("reasoning")},
                                {QStringLiteral("summary"), QJsonArray()},
                                {QStringLiteral("encrypted_content"),
                                 QStringLiteral("llmgw.reasoning.v1.e30")}}}},
        {QStringLiteral("tools"), kTools}};
    const RawHttpResponse response = post(request);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, upstreamAnswer); // byte for byte
    const ReceivedRequest upstream = m_openAi->lastRequest();
    QCOMPARE(upstream.path, QByteArray("/v1/responses"));
    QCOMPARE(upstream.header("authorization"), "Bearer " + kOpenAiKey);
    QCOMPARE(upstream.json.value(QStringLiteral("store")).toBool(), true);
    QCOMPARE(upstream.json.value(QStringLiteral("input")).toArray().size(), 1);
    QCOMPARE(upstream.json.value(QStringLiteral("tools")).toArray(), kTools); // hosted tools kept
}

void TestResponsesEndToEnd::passthroughStream()
{
    const QList<QByteArray> events = ScriptedReply::splitEvents(TestData::read(
        TestData::path(QStringLiteral("responses/passthrough/stream_tool_call.sse"))));
    m_openAi->queueReply(ScriptedReply::stream(events));
    const RawHttpResponse response =
        post(QJsonObject{{QStringLiteral("model"), QStringLiteral("gpt-5")},
                         {QStringLiteral("stream"), true},
                         {QStringLiteral("input"), QStringLiteral("Weather?")},
                         {QStringLiteral("tools"), kTools}});
    QCOMPARE(response.status, 200);
    QVERIFY2(response.chunks.size() >= events.size() / 2, "events must arrive as they come");
    QCOMPARE(response.body, events.join()); // every event, unchanged, nothing added
}

void TestResponsesEndToEnd::passthroughLargeBody()
{
    // A large body: what goes upstream is the client's
    // own bytes, spacing and member order included, with only the model name replaced.
    QString longText;
    for (int i = 0; i < 600; ++i)
        longText += QStringLiteral("line %1: \"quoted\" \\ \u4e2d\u6587 \U0001F642\n").arg(i);
    const QByteArray longJson = QJsonDocument(QJsonArray{longText}).toJson(QJsonDocument::Compact);
    const QByteArray longString = longJson.mid(1, longJson.size() - 2);
    const QByteArray input =
        "[ {\"role\": \"user\", \"content\": [{\"type\": \"input_text\", \"text\": " + longString +
        "}]},\n  {\"type\": \"function_call_output\", \"call_id\": \"c1\", " +
        "\"output\": [{\"type\": \"input_text\", \"text\": \"x\", \"deep\": [[{\"kept\": " +
        longString + "}]]}]} ]";
    const QByteArray body = "{ \"input\": " + input + ",\n  \"model\": \"gpt-5\", \"tools\": " +
                            QJsonDocument(kTools).toJson(QJsonDocument::Compact) +
                            ", \"max_output_tokens\": 1e3 }";
    QVERIFY(body.size() > 2 * ChatRequestValidator::kLargeBodyBytes);
    const QByteArray answer =
        R"({"id":"resp_1","object":"response","status":"completed","model":"gpt-5","output":[],"usage":{"input_tokens":5,"output_tokens":2,"total_tokens":7}})";
    m_openAi->queueReply(ScriptedReply::json(answer));
    RawHttpResponse response =
        RawHttpClient::fetch(m_gateway->baseUrl(), "POST", "/v1/responses", body);
    QVERIFY2(response.status == 200, response.body.constData());
    QCOMPARE(m_openAi->lastRequest().body, body);

    // With a reasoning item the gateway made for another provider: rebuilt from the whole
    // request, without that item.
    const QByteArray carrier = "{\"type\": \"reasoning\", \"summary\": [], " +
                               QByteArray("\"encrypted_content\": \"llmgw.reasoning.v1.") +
                               QByteArray(400, 'A') + "\"}, ";
    QByteArray withCarrier = body;
    withCarrier.insert(body.indexOf("[ {") + 2, carrier);
    m_openAi->queueReply(ScriptedReply::json(answer));
    response = RawHttpClient::fetch(m_gateway->baseUrl(), "POST", "/v1/responses", withCarrier);
    QCOMPARE(response.status, 200);
    QCOMPARE(m_openAi->lastRequest().json, QJsonDocument::fromJson(body).object());
}

void TestResponsesEndToEnd::storedStateRefusedWhenTranslated()
{
    for (const QString &model :
         {QStringLiteral("deepseek-chat"), QStringLiteral("claude-sonnet-4-5")}) {
        const int before = int(m_deepSeek->requests().size() + m_anthropic->requests().size());
        const RawHttpResponse stored =
            post(QJsonObject{{QStringLiteral("model"), model},
                             {QStringLiteral("store"), true},
                             {QStringLiteral("input"), QStringLiteral("Hi")}});
        QCOMPARE(stored.status, 400);
        const QJsonObject error = stored.json().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("param")).toString(), QStringLiteral("store"));
        QCOMPARE(error.value(QStringLiteral("type")).toString(),
                 QStringLiteral("invalid_request_error"));
        QVERIFY(error.value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("full conversation")));
        const RawHttpResponse chained =
            post(QJsonObject{{QStringLiteral("model"), model},
                             {QStringLiteral("previous_response_id"), QStringLiteral("resp_1")},
                             {QStringLiteral("input"), QStringLiteral("Hi")}});
        QCOMPARE(chained.status, 400);
        QCOMPARE(chained.json()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("param"))
                     .toString(),
                 QStringLiteral("previous_response_id"));
        QCOMPARE(int(m_deepSeek->requests().size() + m_anthropic->requests().size()), before);
    }
}

void TestResponsesEndToEnd::validationErrors()
{
    const RawHttpResponse noInput =
        post(QJsonObject{{QStringLiteral("model"), QStringLiteral("deepseek-chat")}});
    QCOMPARE(noInput.status, 400);
    QCOMPARE(noInput.json()
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("param"))
                 .toString(),
             QStringLiteral("input"));
    const RawHttpResponse badJson =
        RawHttpClient::fetch(m_gateway->baseUrl(), "POST", "/v1/responses", "{\"model\":");
    QCOMPARE(badJson.status, 400);
    QVERIFY(badJson.json()
                .value(QStringLiteral("error"))
                .toObject()
                .contains(QStringLiteral("message")));
    const RawHttpResponse unknownModel =
        post(QJsonObject{{QStringLiteral("model"), QStringLiteral("nothing-routes-this")},
                         {QStringLiteral("input"), QStringLiteral("Hi")}});
    QCOMPARE(unknownModel.status, 404);
    QCOMPARE(unknownModel.json()
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toString(),
             QStringLiteral("model_not_found"));
    const RawHttpResponse fileId = post(QJsonObject{
        {QStringLiteral("model"), QStringLiteral("deepseek-chat")},
        {QStringLiteral("input"),
         QJsonArray{QJsonObject{
             {QStringLiteral("role"), QStringLiteral("user")},
             {QStringLiteral("content"),
              QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("input_image")},
                                     {QStringLiteral("file_id"), QStringLiteral("file-1")}}}}}}}});
    QCOMPARE(fileId.status, 400);
    QCOMPARE(fileId.json()
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("param"))
                 .toString(),
             QStringLiteral("input[0].content[0]"));
    QVERIFY(m_deepSeek->requests().isEmpty());
}

void TestResponsesEndToEnd::upstreamErrorKeepsStatus()
{
    ScriptedReply limited = ScriptedReply::json(
        R"({"error":{"message":"Rate limit reached","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}})",
        429);
    limited.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("12")});
    m_deepSeek->queueReply(limited);
    const RawHttpResponse response =
        post(QJsonObject{{QStringLiteral("model"), QStringLiteral("deepseek-chat")},
                         {QStringLiteral("stream"), true},
                         {QStringLiteral("input"), QStringLiteral("Hi")}});
    QCOMPARE(response.status, 429);
    QCOMPARE(response.header("retry-after"), QByteArray("12"));
    const QJsonObject error = response.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("rate_limit_exceeded"));
    QVERIFY(
        error.value(QStringLiteral("message")).toString().contains(QStringLiteral("Rate limit")));
}

void TestResponsesEndToEnd::errorInsideStream()
{
    m_anthropic->queueReply(ScriptedReply::stream(ScriptedReply::splitEvents(
        fixture("to_anthropic", "stream_error_midstream.upstream.sse"))));
    const RawHttpResponse response =
        post(QJsonObject{{QStringLiteral("model"), QStringLiteral("claude-sonnet-4-5")},
                         {QStringLiteral("stream"), true},
                         {QStringLiteral("input"), QStringLiteral("Hi")}});
    QCOMPARE(response.status, 200);
    const QStringList types = ResponsesGolden::eventTypes(response.body);
    QCOMPARE(types.mid(types.size() - 2),
             QStringList({QStringLiteral("error"), QStringLiteral("response.failed")}));
    const QJsonObject failed = finalResponse(response);
    QVERIFY(failed.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("Overloaded")));
}

void TestResponsesEndToEnd::streamBrokenByUpstream()
{
    FakeReply reply = FakeReply::contentStream(QStringLiteral("flaky-1"),
                                               FakeReply::numberedPieces(QStringLiteral("w"), 10));
    reply.breakAfterEvents = 3;
    m_flaky->setChatReply(reply);
    const RawHttpResponse response =
        post(QJsonObject{{QStringLiteral("model"), QStringLiteral("flaky-1")},
                         {QStringLiteral("stream"), true},
                         {QStringLiteral("input"), QStringLiteral("Hi")}});
    QCOMPARE(response.status, 200);
    QVERIFY(response.complete);
    const QList<QJsonObject> events = response.sseJson();
    QCOMPARE(events.last().value(QStringLiteral("type")).toString(),
             QStringLiteral("response.failed"));
    const QString problem = ResponsesGolden::checkStream(response.body);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(finalResponse(response)
                .value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("flaky")));
}

void TestResponsesEndToEnd::apiPrefixAndMethods()
{
    m_deepSeek->queueReply(ScriptedReply::json(R"({"id":"c1","object":"chat.completion",
        "created":1700000000,"model":"deepseek-chat","choices":[{"index":0,"message":{"role":"assistant",
        "content":"ok"},"finish_reason":"stop"}]})"));
    const RawHttpResponse prefixed =
        post(QJsonObject{{QStringLiteral("model"), QStringLiteral("deepseek-chat")},
                         {QStringLiteral("input"), QStringLiteral("Hi")}},
             "/api/v1/responses");
    QCOMPARE(prefixed.status, 200);
    QCOMPARE(prefixed.json().value(QStringLiteral("status")).toString(),
             QStringLiteral("completed"));
    // No usage from the upstream: the response says null rather than inventing numbers.
    QVERIFY(prefixed.json().value(QStringLiteral("usage")).isNull());
    const RawHttpResponse get = RawHttpClient::fetch(m_gateway->baseUrl(), "GET", "/v1/responses");
    QCOMPARE(get.status, 405);
    QCOMPARE(get.header("allow"), QByteArray("POST"));
}

void TestResponsesEndToEnd::usageInTheLog()
{
    QSignalSpy finished(&m_gateway->controller(), &GatewayController::callFinished);
    m_deepSeek->queueReply(ScriptedReply::stream(ScriptedReply::splitEvents(
        fixture("to_chat", "stream_reasoning_text_tools.upstream.sse"))));
    const RawHttpResponse response =
        post(QJsonObject{{QStringLiteral("model"), QStringLiteral("deepseek-chat")},
                         {QStringLiteral("stream"), true},
                         {QStringLiteral("input"), QStringLiteral("Hi")},
                         {QStringLiteral("tools"), kTools}});
    QCOMPARE(response.status, 200);
    const std::optional<RequestRecord> found =
        GatewayHarness::awaitRecord(finished, response.header("x-request-id"));
    QVERIFY(found);
    const RequestRecord record = *found;
    QCOMPARE(record.status, 200);
    QCOMPARE(record.usage.promptTokens, 50);
    QCOMPARE(record.usage.completionTokens, 30);
    QCOMPARE(record.usage.cachedTokens, 32);
    QCOMPARE(record.usage.reasoningTokens, 12);
    QVERIFY(record.firstTokenMs >= 0);
    // The tool the provider cannot run was left out, and the log line says so.
    QVERIFY2(record.notes.join(u' ').contains(QStringLiteral("web_search")),
             qPrintable(record.notes.join(u' ')));
}

QTEST_GUILESS_MAIN(TestResponsesEndToEnd)
#include "TestResponsesEndToEnd.moc"
