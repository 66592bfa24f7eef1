// End to end over sockets: real HTTP clients -> the real gateway (its own thread) -> fake
// OpenAI and Anthropic upstreams, with the request log store as the gateway's sink. N
// requests of each kind end as exactly N rows with the right fields and the ids the clients
// saw in x-request-id: JSON, a stream with and without include_usage, an Anthropic stream,
// upstream errors, a client that leaves, refusals (no token, unknown model); every one
// announced live when admitted.
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "RawHttpClient.h"
#include "anthropic/FakeAnthropicUpstream.h"
#include "requestlog/RequestLogReader.h"
#include "requestlog/RequestLogStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr int kPerKind = 3;
constexpr int kTimeoutMs = 20000;
const QByteArray kAnthropicKey = "sk-ant-e2e-key";

QByteArray anthropicStream()
{
    return QByteArrayLiteral(
        "event: message_start\n"
        "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
        "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],"
        "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,"
        "\"cache_read_input_tokens\":5,\"output_tokens\":1}}}\n\n"
        "event: content_block_start\n"
        "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":"
        "\"text\",\"text\":\"\"}}\n\n"
        "event: content_block_delta\n"
        "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
        "\"text\":\"Hello\"}}\n\n"
        "event: content_block_stop\n"
        "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        "event: message_delta\n"
        "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
        "\"stop_sequence\":null},\"usage\":{\"output_tokens\":12}}\n\n"
        "event: message_stop\n"
        "data: {\"type\":\"message_stop\"}\n\n");
}
} // namespace

class TestRequestLogEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void everyKindOfAnswerIsOneRow();
    void recordsAppearLiveWhileServing();

private:
    RawHttpResponse post(const QByteArray &path, const QByteArray &body, const QByteArray &client,
                         const RawHttpClient::HeaderList &extra = {});
    QList<StoredRecord> rowsFor(const QByteArray &clientPrefix);
    /// Notes the x-request-id the client `name` got.
    void noteId(const QByteArray &name, const RawHttpResponse &response);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeUpstream> m_openAi;
    std::unique_ptr<FakeAnthropicUpstream> m_anthropic;
    std::unique_ptr<GatewayHarness> m_gateway;
    std::shared_ptr<RequestLogStore> m_store;
    QList<StoredRecord> m_rows;
    QHash<QString, QByteArray> m_idsSeen; ///< client name -> the x-request-id it got
};

void TestRequestLogEndToEnd::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_openAi = std::make_unique<FakeUpstream>();
    QVERIFY(m_openAi->listen());
    m_anthropic = std::make_unique<FakeAnthropicUpstream>(FakeAnthropicUpstream::Dialect::Anthropic,
                                                          kAnthropicKey);
    QVERIFY(m_anthropic->listen());

    RequestLogStore::Options options;
    options.flushIntervalMs = 50;
    m_store =
        std::make_shared<RequestLogStore>(m_dir->filePath(QStringLiteral("requests.db")), options);
    RequestLogSettings settings;
    m_store->start(settings);

    m_gateway = std::make_unique<GatewayHarness>();
    m_gateway->addOpenAiGptRoute(m_openAi->baseUrl());
    ProviderSettings anthropic;
    anthropic.id = QStringLiteral("anthropic");
    anthropic.displayName = QStringLiteral("Anthropic");
    anthropic.type = ProviderType::Anthropic;
    anthropic.baseUrl = m_anthropic->baseUrl();
    m_gateway->config().providers.append(anthropic);
    m_gateway->keys().insert(QStringLiteral("anthropic"), QString::fromLatin1(kAnthropicKey));
    m_gateway->addRoute(QStringLiteral("claude-"), QStringLiteral("anthropic"));
    m_gateway->controller().setRequestLogSink(m_store);
    QVERIFY(m_gateway->start());
}

void TestRequestLogEndToEnd::cleanup()
{
    m_gateway.reset(); // the gateway first: it holds the sink
    if (m_store)
        m_store->stop();
    m_store.reset();
    m_openAi.reset();
    m_anthropic.reset();
    m_dir.reset();
    m_rows.clear();
}

RawHttpResponse TestRequestLogEndToEnd::post(const QByteArray &path, const QByteArray &body,
                                             const QByteArray &client,
                                             const RawHttpClient::HeaderList &extra)
{
    RawHttpClient::HeaderList headers{{"User-Agent", client}};
    headers += extra;
    return RawHttpClient::fetch(m_gateway->baseUrl(), "POST", path, body, headers, kTimeoutMs);
}

QList<StoredRecord> TestRequestLogEndToEnd::rowsFor(const QByteArray &clientPrefix)
{
    QList<StoredRecord> found;
    for (const StoredRecord &r : std::as_const(m_rows)) {
        if (r.record.userAgent.startsWith(QString::fromLatin1(clientPrefix)))
            found << r;
    }
    return found;
}

void TestRequestLogEndToEnd::noteId(const QByteArray &name, const RawHttpResponse &response)
{
    const QByteArray id = response.header("x-request-id");
    QVERIFY2(!id.isEmpty(), name.constData());
    QVERIFY2(!m_idsSeen.contains(QString::fromLatin1(name)), name.constData());
    m_idsSeen.insert(QString::fromLatin1(name), id);
}

void TestRequestLogEndToEnd::everyKindOfAnswerIsOneRow()
{
    QList<QByteArray> announced;
    connect(m_store.get(), &RequestLogStore::requestBegan, this,
            [&announced](const RequestRecord &record) { announced << record.id; });
    // Each client names itself in its User-Agent (the record's `client`), one name per
    // request, so every row can be matched to the request that made it.
    for (int i = 0; i < kPerKind; ++i) {
        m_openAi->queueChatReply(
            FakeReply::chatCompletion(QStringLiteral("gpt-4o"), QStringLiteral("Hi")));
        const RawHttpResponse json =
            post("/v1/chat/completions", GatewayHarness::chatBody(QStringLiteral("gpt-4o"), false),
                 "e2e-json/" + QByteArray::number(i));
        QCOMPARE(json.status, 200);
        noteId("e2e-json/" + QByteArray::number(i), json);

        m_openAi->queueChatReply(FakeReply::contentStream(
            QStringLiteral("gpt-4o"), {QStringLiteral("a"), QStringLiteral("b")}));
        const RawHttpResponse withUsage =
            post("/v1/chat/completions",
                 GatewayHarness::chatBody(QStringLiteral("gpt-4o"), true,
                                          {{QStringLiteral("stream_options"),
                                            QJsonObject{{QStringLiteral("include_usage"), true}}}}),
                 "e2e-stream-usage/" + QByteArray::number(i));
        QCOMPARE(withUsage.status, 200);
        noteId("e2e-stream-usage/" + QByteArray::number(i), withUsage);
        QVERIFY(withUsage.body.contains("\"usage\""));

        m_openAi->queueChatReply(FakeReply::contentStream(
            QStringLiteral("gpt-4o"),
            {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        const RawHttpResponse noUsage =
            post("/v1/chat/completions", GatewayHarness::chatBody(QStringLiteral("gpt-4o"), true),
                 "e2e-stream-plain/" + QByteArray::number(i));
        QCOMPARE(noUsage.status, 200);
        noteId("e2e-stream-plain/" + QByteArray::number(i), noUsage);
        QVERIFY(!noUsage.body.contains("\"usage\"")); // asked upstream, not sent to the client

        m_anthropic->queueReply(
            ScriptedReply::stream(ScriptedReply::splitEvents(anthropicStream())));
        const QJsonObject messages{
            {QStringLiteral("model"), QStringLiteral("claude-sonnet-4-5")},
            {QStringLiteral("max_tokens"), 100},
            {QStringLiteral("stream"), true},
            {QStringLiteral("messages"),
             QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                    {QStringLiteral("content"), QStringLiteral("Hi")}}}}};
        const RawHttpResponse anthropic = post(
            "/v1/messages", QJsonDocument(messages).toJson(QJsonDocument::Compact),
            "e2e-anthropic-stream/" + QByteArray::number(i), {{"anthropic-version", "2023-06-01"}});
        QCOMPARE(anthropic.status, 200);
        noteId("e2e-anthropic-stream/" + QByteArray::number(i), anthropic);
        QVERIFY(anthropic.body.contains("message_stop"));

        FakeReply limited =
            FakeReply::error(429, QStringLiteral("Slow down"), QStringLiteral("rate_limit_error"),
                             QStringLiteral("rate_limit_exceeded"));
        limited.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("7")});
        m_openAi->queueChatReply(limited);
        const RawHttpResponse refused =
            post("/v1/chat/completions", GatewayHarness::chatBody(QStringLiteral("gpt-4o"), false),
                 "e2e-upstream-429/" + QByteArray::number(i));
        QCOMPARE(refused.status, 429);
        noteId("e2e-upstream-429/" + QByteArray::number(i), refused);

        m_openAi->queueChatReply(FakeReply::error(500, QStringLiteral("Internal trouble"),
                                                  QStringLiteral("server_error"), QString()));
        const RawHttpResponse broken =
            post("/v1/chat/completions", GatewayHarness::chatBody(QStringLiteral("gpt-4o"), false),
                 "e2e-upstream-500/" + QByteArray::number(i));
        QCOMPARE(broken.status, 502);
        noteId("e2e-upstream-500/" + QByteArray::number(i), broken);

        // Refused by the gateway itself: an unknown model, and a client without the token.
        const RawHttpResponse unknown = post(
            "/v1/chat/completions", GatewayHarness::chatBody(QStringLiteral("nothing-9"), false),
            "e2e-model-not-found/" + QByteArray::number(i));
        QCOMPARE(unknown.status, 404);
        noteId("e2e-model-not-found/" + QByteArray::number(i), unknown);
        const RawHttpClient::HeaderList withToken = RawHttpClient::defaultHeaders();
        RawHttpClient::defaultHeaders().clear();
        const RawHttpResponse noToken =
            post("/v1/chat/completions", GatewayHarness::chatBody(QStringLiteral("gpt-4o"), false),
                 "e2e-no-token/" + QByteArray::number(i));
        RawHttpClient::defaultHeaders() = withToken;
        QCOMPARE(noToken.status, 401);
        noteId("e2e-no-token/" + QByteArray::number(i), noToken);

        // A client that leaves in the middle of a slow stream.
        m_openAi->queueChatReply(FakeReply::contentStream(
            QStringLiteral("gpt-4o"), FakeReply::numberedPieces(QStringLiteral("w"), 50), 100));
        RawHttpClient leaving(m_gateway->baseUrl());
        QVERIFY(leaving.connectToServer());
        leaving.sendRequest("POST", "/v1/chat/completions",
                            GatewayHarness::chatBody(QStringLiteral("gpt-4o"), true),
                            {{"User-Agent", "e2e-abort/" + QByteArray::number(i)}});
        QVERIFY(leaving.waitForChunks(1, kTimeoutMs));
        noteId("e2e-abort/" + QByteArray::number(i), leaving.response());
        leaving.abort();
        // The gateway notices and records 499; the next request must not race it.
        QTRY_VERIFY_WITH_TIMEOUT(m_openAi->answeringConnections() == 0, kTimeoutMs);
    }

    constexpr int kKinds = 9;
    QTRY_COMPARE_WITH_TIMEOUT(m_store->status().written, qint64(kKinds * kPerKind), kTimeoutMs);
    QVERIFY(m_store->flush(kTimeoutMs));
    RequestLogReader reader(m_store->path());
    QVERIFY2(reader.records({}, 1000, &m_rows), qPrintable(reader.errorText()));
    QCOMPARE(m_rows.size(), kKinds * kPerKind); // exactly: nothing twice, nothing missing
    QCOMPARE(m_store->status().dropped, 0);

    // Every row carries the id its client saw, and every request was announced when admitted.
    QCOMPARE(m_idsSeen.size(), kKinds * kPerKind);
    QSet<QByteArray> rowIds;
    for (const StoredRecord &s : std::as_const(m_rows)) {
        QVERIFY2(
            m_idsSeen.value(s.record.userAgent) == s.record.id,
            qPrintable(s.record.userAgent + QLatin1Char(' ') + QString::fromLatin1(s.record.id)));
        rowIds.insert(s.record.id);
    }
    QCOMPARE(rowIds.size(), kKinds * kPerKind);
    QTRY_COMPARE_WITH_TIMEOUT(announced.size(), kKinds * kPerKind, kTimeoutMs);
    QCOMPARE(QSet<QByteArray>(announced.begin(), announced.end()), rowIds);

    for (const StoredRecord &s : std::as_const(m_rows)) {
        const RequestRecord &r = s.record;
        QCOMPARE(r.method, QStringLiteral("POST"));
        QCOMPARE(r.format, r.path == QLatin1String("/v1/messages") ? QStringLiteral("anthropic")
                                                                   : QStringLiteral("openai"));
        QVERIFY(r.latencyMs >= 0);
        // A request refused from its head is answered before its body is read.
        QVERIFY(r.requestBytes > 0 || r.userAgent.startsWith(QLatin1String("e2e-no-token")));
        QVERIFY(r.responseBytes > 0 || r.userAgent.startsWith(QLatin1String("e2e-abort")));
        QVERIFY(qAbs(r.startedAt.msecsTo(QDateTime::currentDateTimeUtc())) < 10 * 60 * 1000);
        QVERIFY(r.requestBody.isEmpty()); // bodies are off by default
    }
    QList<StoredRecord> kind = rowsFor("e2e-json/");
    QCOMPARE(kind.size(), kPerKind);
    for (const StoredRecord &s : std::as_const(kind)) {
        QCOMPARE(s.record.status, 200);
        QCOMPARE(s.record.path, QStringLiteral("/v1/chat/completions"));
        QCOMPARE(s.record.requestedModel, QStringLiteral("gpt-4o"));
        QCOMPARE(s.record.providerId, QStringLiteral("openai"));
        QCOMPARE(s.record.upstreamModel, QStringLiteral("gpt-4o"));
        QCOMPARE(s.record.stream, false);
        QCOMPARE(s.record.usage.promptTokens, 9);
        QCOMPARE(s.record.usage.completionTokens, 12);
        QCOMPARE(s.record.firstTokenMs, -1);
        QVERIFY(s.record.errorMessage.isEmpty());
    }
    for (const QByteArray &name :
         {QByteArray("e2e-stream-usage/"), QByteArray("e2e-stream-plain/")}) {
        kind = rowsFor(name);
        QCOMPARE(kind.size(), kPerKind);
        for (const StoredRecord &s : std::as_const(kind)) {
            QCOMPARE(s.record.status, 200);
            QCOMPARE(s.record.stream, true);
            QVERIFY(s.record.firstTokenMs >= 0);
            QVERIFY(s.record.firstTokenMs <= s.record.latencyMs);
            // The gateway asks upstream for usage whether or not the client did.
            QCOMPARE(s.record.usage.promptTokens, 9);
            QCOMPARE(s.record.usage.completionTokens, name.contains("usage") ? 2 : 3);
        }
    }
    kind = rowsFor("e2e-anthropic-stream/");
    QCOMPARE(kind.size(), kPerKind);
    for (const StoredRecord &s : std::as_const(kind)) {
        QCOMPARE(s.record.status, 200);
        QCOMPARE(s.record.path, QStringLiteral("/v1/messages"));
        QCOMPARE(s.record.providerId, QStringLiteral("anthropic"));
        QCOMPARE(s.record.requestedModel, QStringLiteral("claude-sonnet-4-5"));
        QCOMPARE(s.record.stream, true);
        QVERIFY(s.record.firstTokenMs >= 0);
        QCOMPARE(s.record.usage.promptTokens, 30); // input + cache read, OpenAI's terms
        QCOMPARE(s.record.usage.completionTokens, 12);
    }
    kind = rowsFor("e2e-upstream-429/");
    QCOMPARE(kind.size(), kPerKind);
    for (const StoredRecord &s : std::as_const(kind)) {
        QCOMPARE(s.record.status, 429);
        QVERIFY2(s.record.errorMessage.contains(QLatin1String("Slow down")),
                 qPrintable(s.record.errorMessage));
    }
    kind = rowsFor("e2e-upstream-500/");
    QCOMPARE(kind.size(), kPerKind);
    for (const StoredRecord &s : std::as_const(kind)) {
        QCOMPARE(s.record.status, 502);
        QVERIFY2(s.record.errorMessage.contains(QLatin1String("Internal trouble")),
                 qPrintable(s.record.errorMessage));
    }
    kind = rowsFor("e2e-model-not-found/");
    QCOMPARE(kind.size(), kPerKind);
    for (const StoredRecord &s : std::as_const(kind)) {
        QCOMPARE(s.record.status, 404);
        QCOMPARE(s.record.requestedModel, QStringLiteral("nothing-9"));
        QVERIFY(s.record.providerId.isEmpty());
        QVERIFY2(s.record.errorMessage.contains(QLatin1String("nothing-9")),
                 qPrintable(s.record.errorMessage));
    }
    kind = rowsFor("e2e-no-token/");
    QCOMPARE(kind.size(), kPerKind);
    for (const StoredRecord &s : std::as_const(kind)) {
        QCOMPARE(s.record.status, 401);
        QVERIFY(s.record.providerId.isEmpty());
        QVERIFY(!s.record.errorMessage.isEmpty());
    }
    kind = rowsFor("e2e-abort/");
    QCOMPARE(kind.size(), kPerKind);
    for (const StoredRecord &s : std::as_const(kind)) {
        QCOMPARE(s.record.status, 499);
        QCOMPARE(s.record.stream, true);
        QVERIFY(!s.record.errorMessage.isEmpty());
    }
}

void TestRequestLogEndToEnd::recordsAppearLiveWhileServing()
{
    QList<StoredRecord> live;
    connect(m_store.get(), &RequestLogStore::recordsStored, this,
            [&live](const QList<StoredRecord> &records) { live += records; });
    m_openAi->queueChatReply(
        FakeReply::chatCompletion(QStringLiteral("gpt-4o"), QStringLiteral("Hi")));
    const RawHttpResponse json =
        post("/v1/chat/completions", GatewayHarness::chatBody(QStringLiteral("gpt-4o"), false),
             "e2e-live/1");
    QCOMPARE(json.status, 200);
    // No flush: the writer commits within its flush interval and says so.
    QTRY_COMPARE_WITH_TIMEOUT(live.size(), 1, kTimeoutMs);
    QCOMPARE(live.first().record.userAgent, QStringLiteral("e2e-live/1"));
    QVERIFY(live.first().seq > 0);
    RequestLogReader reader(m_store->path());
    StoredRecord stored;
    QVERIFY(reader.record(live.first().seq, &stored));
    QCOMPARE(stored.record.userAgent, QStringLiteral("e2e-live/1"));
}

QTEST_GUILESS_MAIN(TestRequestLogEndToEnd)
#include "TestRequestLogEndToEnd.moc"
