// POST /v1/embeddings end to end: routed by model to an OpenAI-compatible provider and passed
// through; an Anthropic-type provider, a bad body or an upstream error get clear answers.
#include "GatewayHarness.h"
#include "RawHttpClient.h"
#include "anthropic/FakeAnthropicUpstream.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

namespace {
const QByteArray kKey = "sk-embed-test-key";
const QByteArray kEmbeddings =
    R"({"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0023064255,-0.009327292,0.015797347]},)"
    R"({"object":"embedding","index":1,"embedding":[0.1,0.2,0.3]}],)"
    R"("model":"text-embedding-3-small","usage":{"prompt_tokens":8,"total_tokens":8}})";
} // namespace

class TestEmbeddingsEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void passedThrough_data();
    void passedThrough();
    void anthropicProviderRefused();
    void badBodies_data();
    void badBodies();
    void upstreamErrorKeepsItsStatus();
    void wrongMethod();

private:
    RawHttpResponse post(const QByteArray &path, const QByteArray &body)
    {
        return RawHttpClient::fetch(m_gateway->baseUrl(), "POST", path, body);
    }

    std::unique_ptr<FakeAnthropicUpstream> m_openAi;
    std::unique_ptr<FakeAnthropicUpstream> m_anthropic;
    std::unique_ptr<GatewayHarness> m_gateway;
};

void TestEmbeddingsEndToEnd::init()
{
    m_openAi =
        std::make_unique<FakeAnthropicUpstream>(FakeAnthropicUpstream::Dialect::OpenAi, kKey);
    m_anthropic = std::make_unique<FakeAnthropicUpstream>(FakeAnthropicUpstream::Dialect::Anthropic,
                                                          "sk-ant-key");
    QVERIFY(m_openAi->listen());
    QVERIFY(m_anthropic->listen());
    m_gateway = std::make_unique<GatewayHarness>();
    m_gateway->addOpenAiProvider(QStringLiteral("openai"), m_openAi->baseUrl(),
                                 QString::fromLatin1(kKey));
    ProviderSettings anthropic;
    anthropic.id = QStringLiteral("anthropic");
    anthropic.type = ProviderType::Anthropic;
    anthropic.baseUrl = m_anthropic->baseUrl();
    m_gateway->config().providers.append(anthropic);
    m_gateway->keys().insert(QStringLiteral("anthropic"), QStringLiteral("sk-ant-key"));
    m_gateway->addRoute(QStringLiteral("text-embedding-"), QStringLiteral("openai"));
    m_gateway->addRoute(QStringLiteral("claude-"), QStringLiteral("anthropic"));
    m_gateway->addAlias(QStringLiteral("embed"), QStringLiteral("openai"),
                        QStringLiteral("text-embedding-3-large"));
    QVERIFY(m_gateway->start());
}

void TestEmbeddingsEndToEnd::cleanup()
{
    m_gateway.reset();
    m_openAi.reset();
    m_anthropic.reset();
}

void TestEmbeddingsEndToEnd::passedThrough_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("upstreamModel");
    QTest::newRow("v1") << QByteArray("/v1/embeddings") << "text-embedding-3-small"
                        << "text-embedding-3-small";
    QTest::newRow("under /api") << QByteArray("/api/v1/embeddings") << "openai/nomic-embed-text"
                                << "nomic-embed-text";
    QTest::newRow("alias") << QByteArray("/v1/embeddings") << "embed"
                           << "text-embedding-3-large";
}

void TestEmbeddingsEndToEnd::passedThrough()
{
    QFETCH(QByteArray, path);
    QFETCH(QString, model);
    QFETCH(QString, upstreamModel);
    m_openAi->queueReply(ScriptedReply::json(kEmbeddings));
    QSignalSpy records(&m_gateway->controller(), &GatewayController::callFinished);
    const QByteArray body =
        R"({"model":")" + model.toUtf8() +
        R"(","input":["first text","second"],"encoding_format":"float","dimensions":3,"stream":true})";
    const RawHttpResponse response = post(path, body);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, kEmbeddings); // byte for byte
    QCOMPARE(response.header("x-llm-gateway-provider"), QByteArray("openai"));

    const ReceivedRequest upstream = m_openAi->lastRequest();
    QCOMPARE(upstream.method, QByteArray("POST"));
    QCOMPARE(upstream.path, QByteArray("/v1/embeddings"));
    QCOMPARE(upstream.header("authorization"), "Bearer " + kKey);
    QCOMPARE(upstream.json.value(QStringLiteral("model")).toString(), upstreamModel);
    QCOMPARE(upstream.json.value(QStringLiteral("input")).toArray().size(), 2);
    QCOMPARE(upstream.json.value(QStringLiteral("dimensions")).toInt(), 3);
    QVERIFY(!upstream.body.contains(GatewayHarness::accessToken()));

    const std::optional<RequestRecord> found =
        GatewayHarness::awaitRecord(records, response.header("x-request-id"));
    QVERIFY(found);
    const RequestRecord record = *found;
    QCOMPARE(record.status, 200);
    QCOMPARE(record.usage.promptTokens, 8);
    QCOMPARE(record.stream, false); // embeddings never stream, whatever the body says
}

void TestEmbeddingsEndToEnd::anthropicProviderRefused()
{
    const RawHttpResponse response =
        post("/v1/embeddings", R"({"model":"claude-sonnet-4-5","input":"hi"})");
    QCOMPARE(response.status, 400);
    const QJsonObject error = response.json().value(QStringLiteral("error")).toObject();
    const QString message = error.value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("'anthropic'")) &&
                 message.contains(QStringLiteral("embeddings")) &&
                 message.contains(QStringLiteral("Route this model")),
             qPrintable(message));
    QCOMPARE(error.value(QStringLiteral("type")).toString(),
             QStringLiteral("invalid_request_error"));
    QVERIFY(m_anthropic->requests().isEmpty());
}

void TestEmbeddingsEndToEnd::badBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("param");
    QTest::newRow("no input") << QByteArray(R"({"model":"text-embedding-3-small"})") << 400
                              << "input";
    QTest::newRow("not JSON") << QByteArray("input=hi") << 400 << "";
    QTest::newRow("unknown model")
        << QByteArray(R"({"model":"mystery-embed","input":"x"})") << 404 << "model";
}

void TestEmbeddingsEndToEnd::badBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, param);
    const RawHttpResponse response = post("/v1/embeddings", body);
    QCOMPARE(response.status, status);
    const QJsonObject error = response.json().value(QStringLiteral("error")).toObject();
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    if (!param.isEmpty())
        QCOMPARE(error.value(QStringLiteral("param")).toString(), param);
    QVERIFY(m_openAi->requests().isEmpty());
}

void TestEmbeddingsEndToEnd::upstreamErrorKeepsItsStatus()
{
    m_openAi->queueReply(ScriptedReply::json(
        R"({"error":{"message":"This model's maximum context length is 8192 tokens","type":"invalid_request_error","param":"input","code":null}})",
        400));
    RawHttpResponse response =
        post("/v1/embeddings", R"({"model":"text-embedding-3-small","input":"long"})");
    QCOMPARE(response.status, 400);
    QVERIFY(response.json()
                .value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("maximum context length")));
    // Garbage from upstream: 502 that says so.
    m_openAi->queueReply(ScriptedReply::json(R"({"object":"list"})"));
    response = post("/v1/embeddings", R"({"model":"text-embedding-3-small","input":"x"})");
    QCOMPARE(response.status, 502);
    QVERIFY(response.body.contains("without a 'data' array"));
}

void TestEmbeddingsEndToEnd::wrongMethod()
{
    const RawHttpResponse response =
        RawHttpClient::fetch(m_gateway->baseUrl(), "GET", "/v1/embeddings");
    QCOMPARE(response.status, 405);
    QCOMPARE(response.header("allow"), QByteArray("POST"));
}

QTEST_GUILESS_MAIN(TestEmbeddingsEndToEnd)
#include "TestEmbeddingsEndToEnd.moc"
