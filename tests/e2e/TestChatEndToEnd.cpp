// End to end: a real HTTP client -> the real gateway (its own thread) -> fake OpenAI and
// DeepSeek upstreams on loopback, for the happy paths of SPEC §3 and §4.
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "RawHttpClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {
constexpr int kTimeoutMs = 20000;
const QString kOpenAiKey = QStringLiteral("sk-test-openai-key");
const QString kDeepSeekKey = QStringLiteral("sk-test-deepseek-key");

QByteArray chatBody(const QString &model, bool stream, const QJsonObject &extra = {})
{
    return GatewayHarness::chatBody(model, stream, extra);
}

QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

/// The text of every `delta.<field>` of an OpenAI stream, joined.
QString joinedDeltas(const QList<QJsonObject> &chunks, const QString &field)
{
    QString text;
    for (const QJsonObject &chunk : chunks) {
        for (const QJsonValue &choice : chunk.value(QStringLiteral("choices")).toArray())
            text +=
                choice.toObject().value(QStringLiteral("delta")).toObject().value(field).toString();
    }
    return text;
}
} // namespace

class TestChatEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void nonStreamingCompletion();
    void streamArrivesWhileUpstreamStillSends();
    void usageChunkOnlyWhenAsked_data();
    void usageChunkOnlyWhenAsked();
    void reasoningContentInResponses();
    void reasoningContentSentBackUntouched();
    void toolCallsPassThrough();
    void modelRouting_data();
    void modelRouting();
    void apiPrefix_data();
    void apiPrefix();
    void health();
    void modelListAggregated();
    void modelListAnthropicFormat();
    void modelListWithOneProviderDown();
    void clientCredentialsNotForwarded();
    void keepAliveConnectionServesSeveralCalls();
    void largeBodyPassesThroughWhole();

private:
    RawHttpResponse post(const QByteArray &body, const QByteArray &path = "/v1/chat/completions",
                         const RawHttpClient::HeaderList &headers = {});

    FakeUpstream m_openAi;
    FakeUpstream m_deepSeek;
    GatewayHarness m_gateway;
};

void TestChatEndToEnd::initTestCase()
{
    QVERIFY(m_openAi.listen());
    QVERIFY(m_deepSeek.listen());
    m_openAi.setModelIds({QStringLiteral("gpt-4o-mini"), QStringLiteral("gpt-4.1")});
    m_deepSeek.setModelIds({QStringLiteral("deepseek-chat"), QStringLiteral("deepseek-reasoner")});
    m_gateway.addOpenAiProvider(QStringLiteral("openai"), m_openAi.baseUrl(), kOpenAiKey);
    m_gateway.addOpenAiProvider(QStringLiteral("deepseek"), m_deepSeek.baseUrl(), kDeepSeekKey);
    m_gateway.addRoute(QStringLiteral("gpt-"), QStringLiteral("openai"));
    m_gateway.addRoute(QStringLiteral("oa-"), QStringLiteral("openai"), true);
    m_gateway.addRoute(QStringLiteral("deepseek-"), QStringLiteral("deepseek"));
    m_gateway.addAlias(QStringLiteral("fast"), QStringLiteral("deepseek"),
                       QStringLiteral("deepseek-chat"));
    QVERIFY(m_gateway.start());
    QVERIFY(m_gateway.baseUrl().port() > 0);
}

void TestChatEndToEnd::init()
{
    m_openAi.setChatReply(FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"),
                                                    QStringLiteral("Hello from OpenAI")));
    m_deepSeek.setChatReply(FakeReply::chatCompletion(QStringLiteral("deepseek-chat"),
                                                      QStringLiteral("Hello from DeepSeek")));
}

RawHttpResponse TestChatEndToEnd::post(const QByteArray &body, const QByteArray &path,
                                       const RawHttpClient::HeaderList &headers)
{
    return RawHttpClient::fetch(m_gateway.baseUrl(), "POST", path, body, headers, kTimeoutMs);
}

void TestChatEndToEnd::nonStreamingCompletion()
{
    const FakeReply upstream =
        FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"), QStringLiteral("Bonjour !"));
    m_openAi.setChatReply(upstream);
    const RawHttpResponse response = post(chatBody(QStringLiteral("gpt-4o-mini"), false));

    QCOMPARE(response.status, 200);
    QVERIFY(response.complete);
    QVERIFY(response.header("content-type").startsWith("application/json"));
    QCOMPARE(response.header("content-length").toLongLong(), response.body.size());
    // An OpenAI-compatible answer is passed on as the upstream wrote it.
    QCOMPARE(parse(response.body), parse(upstream.body));
    QCOMPARE(response.json()["choices"][0]["message"]["content"].toString(),
             QStringLiteral("Bonjour !"));

    const RecordedRequest received = m_openAi.lastChatRequest();
    QCOMPARE(received.method, QByteArray("POST"));
    QCOMPARE(received.path, QByteArray("/v1/chat/completions"));
    QCOMPARE(received.json.value(QStringLiteral("model")).toString(),
             QStringLiteral("gpt-4o-mini"));
    QCOMPARE(received.json.value(QStringLiteral("messages")).toArray().size(), 1);
    QVERIFY(!received.json.contains(QStringLiteral("stream_options")));
}

void TestChatEndToEnd::streamArrivesWhileUpstreamStillSends()
{
    const QStringList pieces{QStringLiteral("One"),    QStringLiteral(" two"),
                             QStringLiteral(" three"), QStringLiteral(" four"),
                             QStringLiteral(" five"),  QStringLiteral(" six")};
    constexpr int kIntervalMs = 150;
    m_openAi.setChatReply(FakeReply::contentStream(QStringLiteral("gpt-4o"), pieces, kIntervalMs));

    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRequest("POST", "/v1/chat/completions", chatBody(QStringLiteral("gpt-4o"), true));
    QVERIFY(client.waitForResponse(kTimeoutMs));
    const RawHttpResponse response = client.response();

    QCOMPARE(response.status, 200);
    QVERIFY(response.header("content-type").startsWith("text/event-stream"));
    QVERIFY(response.chunked);
    const QList<QByteArray> data = response.sseData();
    QVERIFY(!data.isEmpty());
    QCOMPARE(data.last(), QByteArray("[DONE]"));
    QCOMPARE(data.count("[DONE]"), 1);
    QCOMPARE(joinedDeltas(response.sseJson(), QStringLiteral("content")), pieces.join(QString()));

    // Timing: the upstream wrote its events over ~(n-1) * interval. The client must have its
    // first chunk before the upstream wrote its last event (no buffering), and its chunks
    // must spread over time like the upstream's.
    const QList<qint64> sent = m_openAi.lastStreamEventTimes();
    QVERIFY2(sent.size() >= pieces.size() + 2, QByteArray::number(sent.size()));
    const qint64 upstreamSpan = sent.last() - sent.first();
    QVERIFY2(upstreamSpan >= (pieces.size() - 1) * kIntervalMs / 2,
             qPrintable(QString::number(upstreamSpan)));
    QVERIFY(response.chunks.size() >= pieces.size());
    const qint64 firstArrival = response.chunkTimes.first();
    const qint64 clientSpan = response.chunkTimes.last() - firstArrival;
    qInfo("upstream wrote its events over %lld ms; the client got %lld chunks over %lld ms, the "
          "first %lld ms after the upstream's first event",
          upstreamSpan, qint64(response.chunks.size()), clientSpan, firstArrival - sent.first());
    QVERIFY2(firstArrival < sent.last(), "the first chunk waited for the end of the stream");
    QVERIFY(firstArrival < sent.first() + upstreamSpan / 2);
    QVERIFY(clientSpan >= upstreamSpan / 2);
}

void TestChatEndToEnd::usageChunkOnlyWhenAsked_data()
{
    QTest::addColumn<QJsonValue>("streamOptions");
    QTest::addColumn<bool>("clientSeesUsage");

    QTest::newRow("asked") << QJsonValue(QJsonObject{{QStringLiteral("include_usage"), true}})
                           << true;
    QTest::newRow("asked false") << QJsonValue(
                                        QJsonObject{{QStringLiteral("include_usage"), false}})
                                 << false;
    QTest::newRow("not asked") << QJsonValue(QJsonValue::Undefined) << false;
}

void TestChatEndToEnd::usageChunkOnlyWhenAsked()
{
    QFETCH(QJsonValue, streamOptions);
    QFETCH(bool, clientSeesUsage);

    m_openAi.setChatReply(FakeReply::contentStream(QStringLiteral("gpt-4o-mini"),
                                                   {QStringLiteral("a"), QStringLiteral("b")}));
    QJsonObject extra;
    if (!streamOptions.isUndefined())
        extra.insert(QStringLiteral("stream_options"), streamOptions);
    const RawHttpResponse response = post(chatBody(QStringLiteral("gpt-4o-mini"), true, extra));
    QCOMPARE(response.status, 200);
    QVERIFY(response.complete);

    // The gateway always asks upstream for usage (for its log)...
    const RecordedRequest received = m_openAi.lastChatRequest();
    QCOMPARE(received.json["stream_options"]["include_usage"].toBool(), true);

    // ...but passes the usage-only chunk on only when the client asked for it.
    int usageChunks = 0;
    for (const QJsonObject &chunk : response.sseJson()) {
        if (chunk.value(QStringLiteral("usage")).isObject()) {
            ++usageChunks;
            QVERIFY(chunk.value(QStringLiteral("choices")).toArray().isEmpty());
            QCOMPARE(chunk["usage"]["prompt_tokens"].toInt(), 9);
            QCOMPARE(chunk["usage"]["completion_tokens"].toInt(), 2);
        }
    }
    QCOMPARE(usageChunks, clientSeesUsage ? 1 : 0);
    QCOMPARE(joinedDeltas(response.sseJson(), QStringLiteral("content")), QStringLiteral("ab"));
    QCOMPARE(response.sseData().last(), QByteArray("[DONE]"));
}

void TestChatEndToEnd::reasoningContentInResponses()
{
    // DeepSeek's reasoner: reasoning_content deltas first, content after, and ": keep-alive"
    // comments while it is busy.
    const QString model = QStringLiteral("deepseek-reasoner");
    FakeReply stream;
    stream.kind = FakeReply::Kind::Stream;
    stream.contentType = "text/event-stream; charset=utf-8";
    stream.intervalMs = 20;
    stream.events = {
        QByteArrayLiteral(": keep-alive\n\n"),
        FakeReply::chunkEvent(model,
                              R"({"role":"assistant","content":null,"reasoning_content":""})"),
        FakeReply::chunkEvent(model, R"({"content":null,"reasoning_content":"The user greets;"})"),
        QByteArrayLiteral(": keep-alive\n\n"),
        FakeReply::chunkEvent(model, R"({"content":null,"reasoning_content":" answer kindly."})"),
        FakeReply::chunkEvent(model, R"({"content":"Hello","reasoning_content":null})"),
        FakeReply::chunkEvent(model, R"({"content":"!","reasoning_content":null})"),
        FakeReply::chunkEvent(model, R"({"content":"","reasoning_content":null})", "stop"),
    };
    stream.usageEvent = FakeReply::usageChunkEvent(model, 10, 20);
    m_deepSeek.setChatReply(stream);

    const RawHttpResponse streamed = post(chatBody(model, true));
    QCOMPARE(streamed.status, 200);
    const QList<QJsonObject> chunks = streamed.sseJson();
    QCOMPARE(joinedDeltas(chunks, QStringLiteral("reasoning_content")),
             QStringLiteral("The user greets; answer kindly."));
    QCOMPARE(joinedDeltas(chunks, QStringLiteral("content")), QStringLiteral("Hello!"));
    QCOMPARE(streamed.sseData().last(), QByteArray("[DONE]"));
    QVERIFY(!streamed.body.contains("\"error\""));

    // Non-streamed: message.reasoning_content reaches the client untouched.
    const QByteArray body =
        R"({"id":"a1b2","object":"chat.completion","created":1767225600,)"
        R"("model":"deepseek-reasoner",)"
        R"("choices":[{"index":0,"message":{"role":"assistant","content":"Hello!",)"
        R"("reasoning_content":"The user greets; answer kindly."},"logprobs":null,)"
        R"("finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":20,)"
        R"("total_tokens":30,"prompt_cache_hit_tokens":0,"prompt_cache_miss_tokens":10}})";
    m_deepSeek.setChatReply(FakeReply::json(200, body));
    const RawHttpResponse whole = post(chatBody(model, false));
    QCOMPARE(whole.status, 200);
    QCOMPARE(whole.json()["choices"][0]["message"]["reasoning_content"].toString(),
             QStringLiteral("The user greets; answer kindly."));
    QCOMPARE(whole.json(), parse(body));
}

void TestChatEndToEnd::reasoningContentSentBackUntouched()
{
    // DeepSeek requires the reasoning_content of a tool-call turn to be sent back.
    const QByteArray messagesJson = R"([
        {"role":"system","content":"You are terse."},
        {"role":"user","content":"Weather in Paris?"},
        {"role":"assistant","content":"","reasoning_content":"Need the weather tool for Paris.",
         "tool_calls":[{"id":"call_0_abc","type":"function",
                        "function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
        {"role":"tool","tool_call_id":"call_0_abc","content":"{\"celsius\":21}"}
    ])";
    const QByteArray toolsJson = R"([{"type":"function","function":{"name":"get_weather",
        "description":"Current weather","parameters":{"type":"object",
        "properties":{"city":{"type":"string"}},"required":["city"]}}}])";
    const QJsonArray messages = QJsonDocument::fromJson(messagesJson).array();
    const QJsonArray tools = QJsonDocument::fromJson(toolsJson).array();
    QCOMPARE(messages.size(), 4);
    QCOMPARE(tools.size(), 1);

    const RawHttpResponse response =
        post(chatBody(QStringLiteral("deepseek-chat"), false,
                      {{QStringLiteral("messages"), messages},
                       {QStringLiteral("tools"), tools},
                       {QStringLiteral("tool_choice"), QStringLiteral("auto")}}));
    QCOMPARE(response.status, 200);
    const RecordedRequest received = m_deepSeek.lastChatRequest();
    QCOMPARE(received.json.value(QStringLiteral("messages")).toArray(), messages);
    QCOMPARE(received.json.value(QStringLiteral("tools")).toArray(), tools);
    QCOMPARE(received.json["messages"][2]["reasoning_content"].toString(),
             QStringLiteral("Need the weather tool for Paris."));
    QCOMPARE(received.json.value(QStringLiteral("tool_choice")).toString(), QStringLiteral("auto"));
}

void TestChatEndToEnd::toolCallsPassThrough()
{
    const QString model = QStringLiteral("gpt-4o");
    FakeReply stream;
    stream.kind = FakeReply::Kind::Stream;
    stream.contentType = "text/event-stream";
    stream.events = {
        FakeReply::chunkEvent(model,
                              R"({"role":"assistant","content":null,"tool_calls":[{"index":0,)"
                              R"("id":"call_Xyz","type":"function","function":{"name":)"
                              R"("get_weather","arguments":""}}],"refusal":null})"),
        FakeReply::chunkEvent(model,
                              R"({"tool_calls":[{"index":0,"function":{"arguments":"{\"ci"}}]})"),
        FakeReply::chunkEvent(
            model, R"({"tool_calls":[{"index":0,"function":{"arguments":"ty\": \"Paris\"}"}}]})"),
        FakeReply::chunkEvent(model, "{}", "tool_calls"),
    };
    m_openAi.setChatReply(stream);
    const RawHttpResponse streamed = post(chatBody(model, true));
    QCOMPARE(streamed.status, 200);
    QString arguments;
    QString id;
    QString name;
    QString finishReason;
    for (const QJsonObject &chunk : streamed.sseJson()) {
        const QJsonObject choice = chunk["choices"][0].toObject();
        if (choice.value(QStringLiteral("finish_reason")).isString())
            finishReason = choice.value(QStringLiteral("finish_reason")).toString();
        const QJsonObject call = choice["delta"]["tool_calls"][0].toObject();
        if (call.isEmpty())
            continue;
        QCOMPARE(call.value(QStringLiteral("index")).toInt(), 0);
        if (call.contains(QStringLiteral("id")))
            id = call.value(QStringLiteral("id")).toString();
        if (call["function"]["name"].isString())
            name = call["function"]["name"].toString();
        arguments += call["function"]["arguments"].toString();
    }
    QCOMPARE(id, QStringLiteral("call_Xyz"));
    QCOMPARE(name, QStringLiteral("get_weather"));
    QCOMPARE(arguments, QStringLiteral("{\"city\": \"Paris\"}"));
    QCOMPARE(finishReason, QStringLiteral("tool_calls"));
    QCOMPARE(streamed.sseData().last(), QByteArray("[DONE]"));

    const QByteArray whole =
        R"({"id":"chatcmpl-9","object":"chat.completion","created":1767225600,"model":"gpt-4o",)"
        R"("choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[)"
        R"({"id":"call_Xyz","type":"function","function":{"name":"get_weather",)"
        R"("arguments":"{\"city\": \"Paris\"}"}}],"refusal":null},"logprobs":null,)"
        R"("finish_reason":"tool_calls"}],"usage":{"prompt_tokens":80,"completion_tokens":17,)"
        R"("total_tokens":97}})";
    m_openAi.setChatReply(FakeReply::json(200, whole));
    const RawHttpResponse response = post(chatBody(model, false));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json(), parse(whole));
}

void TestChatEndToEnd::modelRouting_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("upstreamModel");

    QTest::newRow("prefix") << "gpt-4o-mini"
                            << "openai"
                            << "gpt-4o-mini";
    QTest::newRow("prefix stripped") << "oa-gpt-4.1"
                                     << "openai"
                                     << "gpt-4.1";
    QTest::newRow("other provider") << "deepseek-chat"
                                    << "deepseek"
                                    << "deepseek-chat";
    QTest::newRow("alias") << "fast"
                           << "deepseek"
                           << "deepseek-chat";
    QTest::newRow("explicit") << "deepseek/deepseek-reasoner"
                              << "deepseek"
                              << "deepseek-reasoner";
    QTest::newRow("explicit beats prefix") << "openai/deepseek-v9"
                                           << "openai"
                                           << "deepseek-v9";
}

void TestChatEndToEnd::modelRouting()
{
    QFETCH(QString, model);
    QFETCH(QString, provider);
    QFETCH(QString, upstreamModel);

    FakeUpstream &expected = provider == QLatin1String("openai") ? m_openAi : m_deepSeek;
    FakeUpstream &other = provider == QLatin1String("openai") ? m_deepSeek : m_openAi;
    const qsizetype expectedBefore = expected.chatRequests().size();
    const qsizetype otherBefore = other.chatRequests().size();

    for (const bool stream : {false, true}) {
        expected.setChatReply(stream
                                  ? FakeReply::contentStream(upstreamModel, {QStringLiteral("ok")})
                                  : FakeReply::chatCompletion(upstreamModel, QStringLiteral("ok")));
        const RawHttpResponse response = post(chatBody(model, stream));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.header("x-llm-gateway-provider"), provider.toUtf8());
        const RecordedRequest received = expected.lastChatRequest();
        QCOMPARE(received.json.value(QStringLiteral("model")).toString(), upstreamModel);
        // The provider's key, never another provider's.
        const QString key = provider == QLatin1String("openai") ? kOpenAiKey : kDeepSeekKey;
        QCOMPARE(received.header("authorization"), "Bearer " + key.toUtf8());
    }
    QCOMPARE(expected.chatRequests().size(), expectedBefore + 2);
    QCOMPARE(other.chatRequests().size(), otherBefore);
}

void TestChatEndToEnd::apiPrefix_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");

    QTest::newRow("chat") << QByteArray("POST") << QByteArray("/api/v1/chat/completions");
    QTest::newRow("models") << QByteArray("GET") << QByteArray("/api/v1/models");
    QTest::newRow("health") << QByteArray("GET") << QByteArray("/api/health");
}

void TestChatEndToEnd::apiPrefix()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);

    const QByteArray body =
        method == "POST" ? chatBody(QStringLiteral("gpt-4o-mini"), false) : QByteArray();
    const RawHttpResponse prefixed =
        RawHttpClient::fetch(m_gateway.baseUrl(), method, path, body, {}, kTimeoutMs);
    const RawHttpResponse plain =
        RawHttpClient::fetch(m_gateway.baseUrl(), method, path.mid(4), body, {}, kTimeoutMs);
    QCOMPARE(prefixed.status, 200);
    QCOMPARE(plain.status, 200);
    QVERIFY(!prefixed.json().isEmpty());
    QCOMPARE(prefixed.json().keys(), plain.json().keys());
}

void TestChatEndToEnd::health()
{
    const RawHttpResponse response =
        RawHttpClient::fetch(m_gateway.baseUrl(), "GET", "/health", {}, {}, kTimeoutMs);
    QCOMPARE(response.status, 200);
    QVERIFY(response.header("content-type").startsWith("application/json"));
    const QJsonObject health = response.json();
    QCOMPARE(health.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QStringList ids;
    for (const QJsonValue &p : health.value(QStringLiteral("providers")).toArray())
        ids.append(p.toObject().value(QStringLiteral("id")).toString());
    QCOMPARE(ids, QStringList({QStringLiteral("openai"), QStringLiteral("deepseek")}));
    // It reports whether a key is present, never the key.
    QVERIFY(!response.body.contains(kOpenAiKey.toUtf8()));
}

void TestChatEndToEnd::modelListAggregated()
{
    const RawHttpResponse response =
        RawHttpClient::fetch(m_gateway.baseUrl(), "GET", "/v1/models", {}, {}, kTimeoutMs);
    QCOMPARE(response.status, 200);
    const QJsonObject list = response.json();
    QCOMPARE(list.value(QStringLiteral("object")).toString(), QStringLiteral("list"));
    QHash<QString, QString> owners;
    for (const QJsonValue &entry : list.value(QStringLiteral("data")).toArray()) {
        const QJsonObject model = entry.toObject();
        QCOMPARE(model.value(QStringLiteral("object")).toString(), QStringLiteral("model"));
        owners.insert(model.value(QStringLiteral("id")).toString(),
                      model.value(QStringLiteral("owned_by")).toString());
    }
    // From each upstream's own /models, plus the alias; every name routes back to its owner.
    QCOMPARE(owners.value(QStringLiteral("gpt-4o-mini")), QStringLiteral("openai"));
    QCOMPARE(owners.value(QStringLiteral("gpt-4.1")), QStringLiteral("openai"));
    QCOMPARE(owners.value(QStringLiteral("deepseek-chat")), QStringLiteral("deepseek"));
    QCOMPARE(owners.value(QStringLiteral("deepseek-reasoner")), QStringLiteral("deepseek"));
    QCOMPARE(owners.value(QStringLiteral("fast")), QStringLiteral("deepseek"));
    QCOMPARE(owners.size(), 5);

    bool askedOpenAi = false;
    for (const RecordedRequest &r : m_openAi.requests()) {
        if (r.method == "GET" && r.path == "/v1/models") {
            askedOpenAi = true;
            QCOMPARE(r.header("authorization"), "Bearer " + kOpenAiKey.toUtf8());
        }
    }
    QVERIFY(askedOpenAi);
}

void TestChatEndToEnd::modelListAnthropicFormat()
{
    const RawHttpResponse response =
        RawHttpClient::fetch(m_gateway.baseUrl(), "GET", "/v1/models", {},
                             {{"anthropic-version", "2023-06-01"}}, kTimeoutMs);
    QCOMPARE(response.status, 200);
    const QJsonObject list = response.json();
    QVERIFY(list.contains(QStringLiteral("has_more")));
    QStringList ids;
    for (const QJsonValue &entry : list.value(QStringLiteral("data")).toArray()) {
        QCOMPARE(entry["type"].toString(), QStringLiteral("model"));
        ids.append(entry["id"].toString());
    }
    // Same models as the OpenAI list (their names may carry a prefix for Claude Code).
    QCOMPARE(ids.size(), 5);
    QVERIFY2(ids.join(QLatin1Char(' ')).contains(QStringLiteral("deepseek-reasoner")),
             response.body.constData());
    QVERIFY(ids.join(QLatin1Char(' ')).contains(QStringLiteral("fast")));
}

void TestChatEndToEnd::modelListWithOneProviderDown()
{
    GatewayHarness gateway;
    gateway.addOpenAiProvider(QStringLiteral("openai"), m_openAi.baseUrl(), kOpenAiKey);
    gateway.addOpenAiProvider(
        QStringLiteral("local"),
        QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(GatewayHarness::closedPort())));
    gateway.addRoute(QStringLiteral("gpt-"), QStringLiteral("openai"));
    QVERIFY(gateway.start());

    const RawHttpResponse response =
        RawHttpClient::fetch(gateway.baseUrl(), "GET", "/v1/models", {}, {}, kTimeoutMs);
    QCOMPARE(response.status, 200);
    QStringList ids;
    for (const QJsonValue &entry : response.json().value(QStringLiteral("data")).toArray())
        ids.append(entry["id"].toString());
    QVERIFY2(ids.contains(QStringLiteral("gpt-4o-mini")), response.body.constData());
    QVERIFY(ids.contains(QStringLiteral("gpt-4.1")));
    QVERIFY(response.body.contains("local"));
}

void TestChatEndToEnd::clientCredentialsNotForwarded()
{
    const qsizetype before = m_openAi.chatRequests().size();
    // api_base in the body must not choose the upstream (SSRF): the call still reaches the
    // configured provider.
    const QByteArray body =
        chatBody(QStringLiteral("gpt-4o-mini"), false,
                 {{QStringLiteral("api_base"),
                   QStringLiteral("http://127.0.0.1:%1/v1").arg(GatewayHarness::closedPort())}});
    // The client's Authorization carries the local token (RawHttpClient's default headers).
    const RawHttpResponse response = post(body, "/v1/chat/completions",
                                          {{"x-api-key", GatewayHarness::accessToken()},
                                           {"Cookie", "session=client-cookie"},
                                           {"Proxy-Authorization", "Basic Y2xpZW50OnNlY3JldA=="}});
    QCOMPARE(response.status, 200);
    QCOMPARE(m_openAi.chatRequests().size(), before + 1);

    const RecordedRequest received = m_openAi.lastChatRequest();
    QCOMPARE(received.header("authorization"), "Bearer " + kOpenAiKey.toUtf8());
    QVERIFY(!received.hasHeader("x-api-key"));
    QVERIFY(!received.hasHeader("cookie"));
    QVERIFY(!received.hasHeader("proxy-authorization"));
    for (const auto &header : received.headers) {
        QVERIFY2(!header.second.contains(GatewayHarness::accessToken()), header.first.constData());
        QVERIFY2(!header.second.contains("client-cookie"), header.first.constData());
        QVERIFY2(!header.second.contains("Y2xpZW50OnNlY3JldA"), header.first.constData());
    }
    QVERIFY(!received.body.contains(GatewayHarness::accessToken()));
}

void TestChatEndToEnd::keepAliveConnectionServesSeveralCalls()
{
    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    m_openAi.queueChatReply(
        FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"), QStringLiteral("one")));
    m_openAi.queueChatReply(
        FakeReply::contentStream(QStringLiteral("gpt-4o-mini"), {QStringLiteral("two")}));
    m_openAi.queueChatReply(
        FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"), QStringLiteral("three")));
    for (int i = 0; i < 3; ++i) {
        client.sendRequest("POST", "/v1/chat/completions",
                           chatBody(QStringLiteral("gpt-4o-mini"), i == 1));
        QVERIFY(client.waitForResponse(kTimeoutMs, i));
        QCOMPARE(client.response(i).status, 200);
    }
    QVERIFY(client.isConnected());
    QCOMPARE(client.response(0).json()["choices"][0]["message"]["content"].toString(),
             QStringLiteral("one"));
    QCOMPARE(client.response(1).sseData().last(), QByteArray("[DONE]"));
    QCOMPARE(client.response(2).json()["choices"][0]["message"]["content"].toString(),
             QStringLiteral("three"));
}

void TestChatEndToEnd::largeBodyPassesThroughWhole()
{
    // A large body is checked and routed on its tree, never built into Qt's containers;
    // upstream it is the client's bytes with the model name changed and usage asked for, whole.
    QString longText;
    for (int i = 0; i < 500; ++i)
        longText += QStringLiteral("line %1: \"quoted\" \\ \u4e2d\u6587\n").arg(i);
    QJsonArray messages;
    for (const char *role : {"system", "user", "assistant", "user"})
        messages.append(QJsonObject{{QStringLiteral("role"), QLatin1String(role)},
                                    {QStringLiteral("content"), longText}});
    const QJsonObject options{{QStringLiteral("include_usage"), false},
                              {QStringLiteral("x_note"), longText}};
    const QJsonObject body{{QStringLiteral("model"), QStringLiteral("oa-gpt-4.1")},
                           {QStringLiteral("stream"), true},
                           {QStringLiteral("stream_options"), options},
                           {QStringLiteral("messages"), messages}};
    const QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
    QVERIFY(bytes.size() > 4 * 16 * 1024);
    m_openAi.setChatReply(FakeReply::contentStream(QStringLiteral("gpt-4.1"),
                                                   {QStringLiteral("a"), QStringLiteral("b")}));
    const RawHttpResponse response = post(bytes);
    QCOMPARE(response.status, 200);
    QVERIFY(response.complete);
    QJsonObject expected = body;
    expected.insert(QStringLiteral("model"), QStringLiteral("gpt-4.1"));
    QJsonObject usageAsked = options;
    usageAsked.insert(QStringLiteral("include_usage"), true);
    expected.insert(QStringLiteral("stream_options"), usageAsked);
    QCOMPARE(m_openAi.lastChatRequest().json, expected);
    QVERIFY(!response.body.contains("\"usage\":{")); // the client did not ask for it
}

QTEST_GUILESS_MAIN(TestChatEndToEnd)
#include "TestChatEndToEnd.moc"
