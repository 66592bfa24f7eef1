// End to end: no key reaches a client, even when an upstream echoes it (SPEC §4, issue 8 item
// 3). A hostile upstream puts every configured provider key (not only the one it was sent)
// and the gateway's access token, raw, JSON-escaped and URL-encoded, into every place an
// answer has: each error field (message, type, param, code), Retry-After, non-stream bodies,
// stream events and stream errors, on all four paths (OpenAI passthrough, Anthropic
// passthrough, both translators). The client's bytes (head and body) must hold none of them.
#include "../anthropic/FakeAnthropicUpstream.h"
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "RawHttpClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {
constexpr int kTimeoutMs = 20000;
// Keys with the characters that JSON and URLs spell differently.
const QByteArray kOpenAiKey = "sk-live/abc+def=0123456789";
const QByteArray kAnthropicKey = "sk-ant-api03-Abc_def-0123456789xyz";
const QByteArray kUnusedKey = "sk-other-provider-9876543210";

/// Every spelling of every secret a client could be shown, written out by hand.
QList<QByteArray> forbidden()
{
    return {kOpenAiKey,
            "sk-live\\/abc+def=0123456789",
            "sk-live%2Fabc%2Bdef%3D0123456789",
            "sk-live%2fabc%2bdef%3d0123456789",
            kAnthropicKey,
            kUnusedKey,
            GatewayHarness::accessToken()};
}

/// What the hostile upstream writes wherever it can (already JSON text: `\/` is an escape).
QByteArray echo()
{
    return "echo " + kOpenAiKey + " | sk-live\\/abc+def=0123456789 | " +
           "sk-live%2Fabc%2Bdef%3D0123456789 | " + kAnthropicKey + " | " + kUnusedKey + " | " +
           GatewayHarness::accessToken() + " end";
}

QByteArray openAiError()
{
    return R"({"error":{"message":")" + echo() + R"(","type":")" + echo() + R"(","param":")" +
           echo() + R"(","code":")" + echo() + R"("}})";
}

QByteArray anthropicError()
{
    return R"({"type":"error","error":{"type":"invalid_request_error","message":")" + echo() +
           R"("}})";
}

QByteArray anthropicEvent(const QByteArray &name, const QByteArray &data)
{
    return "event: " + name + "\ndata: " + data + "\n\n";
}

QList<QByteArray> anthropicStream(bool errorAtEnd)
{
    QList<QByteArray> events{
        anthropicEvent("message_start",
                       R"({"type":"message_start","message":{"id":"msg_1","type":"message",)"
                       R"("role":"assistant","model":"claude-x","content":[],"stop_reason":null,)"
                       R"("stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}})"),
        anthropicEvent("content_block_start", R"({"type":"content_block_start","index":0,)"
                                              R"("content_block":{"type":"text","text":""}})"),
        anthropicEvent("content_block_delta",
                       R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta",)"
                       R"("text":")" +
                           echo() + R"("}})"),
        anthropicEvent("content_block_stop", R"({"type":"content_block_stop","index":0})")};
    if (errorAtEnd) {
        events.append(anthropicEvent("error", anthropicError()));
        return events;
    }
    events.append(anthropicEvent("message_delta",
                                 R"({"type":"message_delta","delta":{"stop_reason":"end_turn",)"
                                 R"("stop_sequence":null},"usage":{"output_tokens":3}})"));
    events.append(anthropicEvent("message_stop", R"({"type":"message_stop"})"));
    return events;
}

FakeReply openAiStream(bool errorAtEnd)
{
    FakeReply reply;
    reply.kind = FakeReply::Kind::Stream;
    reply.contentType = "text/event-stream";
    reply.events = {FakeReply::chunkEvent(QStringLiteral("gpt-x"),
                                          R"({"role":"assistant","content":")" + echo() + R"("})"),
                    FakeReply::chunkEvent(QStringLiteral("gpt-x"), R"({"content":" more"})")};
    if (errorAtEnd) {
        reply.events.append("data: " + openAiError() + "\n\n");
        reply.sendDone = false;
    } else {
        reply.events.append(FakeReply::chunkEvent(QStringLiteral("gpt-x"), "{}", "stop"));
    }
    return reply;
}

QByteArray openAiCompletion()
{
    return R"({"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-x",)"
           R"("choices":[{"index":0,"message":{"role":"assistant","content":")" +
           echo() +
           R"("},"finish_reason":"stop"}],)"
           R"("usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}})";
}

QByteArray anthropicMessage()
{
    return R"({"id":"msg_1","type":"message","role":"assistant","model":"claude-x",)"
           R"("content":[{"type":"text","text":")" +
           echo() +
           R"("}],"stop_reason":"end_turn","stop_sequence":null,)"
           R"("usage":{"input_tokens":5,"output_tokens":3}})";
}
} // namespace

class TestSecretRedaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void echoedSecretsNeverReachTheClient_data();
    void echoedSecretsNeverReachTheClient();
    void retryAfterOnlyWhenValid_data();
    void retryAfterOnlyWhenValid();

private:
    /// Sends `body` to `path` and returns every byte the client received (head and body).
    QByteArray exchange(const QByteArray &path, const QJsonObject &body, int *status);

    FakeUpstream m_openAi;
    std::unique_ptr<FakeAnthropicUpstream> m_anthropic;
    GatewayHarness m_gateway;
};

void TestSecretRedaction::initTestCase()
{
    m_anthropic = std::make_unique<FakeAnthropicUpstream>(FakeAnthropicUpstream::Dialect::Anthropic,
                                                          kAnthropicKey);
    QVERIFY(m_openAi.listen());
    QVERIFY(m_anthropic->listen());
    m_gateway.addOpenAiProvider(QStringLiteral("openai"), m_openAi.baseUrl(),
                                QString::fromLatin1(kOpenAiKey));
    ProviderSettings anthropic;
    anthropic.id = QStringLiteral("anthropic");
    anthropic.displayName = QStringLiteral("Anthropic");
    anthropic.type = ProviderType::Anthropic;
    anthropic.baseUrl = m_anthropic->baseUrl();
    m_gateway.config().providers.append(anthropic);
    m_gateway.keys().insert(QStringLiteral("anthropic"), QString::fromLatin1(kAnthropicKey));
    // A provider never called: its key is a secret all the same.
    m_gateway.addOpenAiProvider(QStringLiteral("other"),
                                QUrl(QStringLiteral("http://127.0.0.1:9/v1")),
                                QString::fromLatin1(kUnusedKey));
    m_gateway.addRoute(QStringLiteral("gpt-"), QStringLiteral("openai"));
    m_gateway.addRoute(QStringLiteral("claude-"), QStringLiteral("anthropic"));
    QVERIFY(m_gateway.start());
}

QByteArray TestSecretRedaction::exchange(const QByteArray &path, const QJsonObject &body,
                                         int *status)
{
    RawHttpClient client(m_gateway.baseUrl());
    if (!client.connectToServer())
        return {};
    client.sendRequest("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact),
                       {{"anthropic-version", "2023-06-01"}});
    if (!client.waitForResponse(kTimeoutMs))
        return {};
    *status = client.response().status;
    return client.received();
}

void TestSecretRedaction::echoedSecretsNeverReachTheClient_data()
{
    QTest::addColumn<QString>("provider"); // which fake answers
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("stream");
    QTest::addColumn<int>("kind"); // 0: success, 1: error answer, 2: error event in a stream
    QTest::addColumn<int>("status");

    struct Path
    {
        const char *name;
        const char *provider;
        const char *path;
        const char *model;
    };
    const Path paths[] = {
        {"OpenAI passthrough", "openai", "/v1/chat/completions", "gpt-x"},
        {"OpenAI client, Anthropic provider", "anthropic", "/v1/chat/completions", "claude-x"},
        {"Anthropic passthrough", "anthropic", "/v1/messages", "claude-x"},
        {"Anthropic client, OpenAI provider", "openai", "/v1/messages", "gpt-x"},
    };
    for (const Path &p : paths) {
        const QString provider = QString::fromLatin1(p.provider);
        const QString model = QString::fromLatin1(p.model);
        QTest::addRow("%s: body", p.name)
            << provider << QByteArray(p.path) << model << false << 0 << 200;
        QTest::addRow("%s: stream", p.name)
            << provider << QByteArray(p.path) << model << true << 0 << 200;
        QTest::addRow("%s: error", p.name)
            << provider << QByteArray(p.path) << model << false << 1 << 400;
        QTest::addRow("%s: error, stream asked", p.name)
            << provider << QByteArray(p.path) << model << true << 1 << 400;
        QTest::addRow("%s: error event in a stream", p.name)
            << provider << QByteArray(p.path) << model << true << 2 << 200;
    }
}

void TestSecretRedaction::echoedSecretsNeverReachTheClient()
{
    QFETCH(QString, provider);
    QFETCH(QByteArray, path);
    QFETCH(QString, model);
    QFETCH(bool, stream);
    QFETCH(int, kind);
    QFETCH(int, status);

    const QList<QPair<QByteArray, QByteArray>> hostileHeaders{{"Retry-After", kOpenAiKey},
                                                              {"X-Echo", kAnthropicKey}};
    if (provider == QLatin1String("openai")) {
        FakeReply reply =
            kind == 0   ? (stream ? openAiStream(false) : FakeReply::json(200, openAiCompletion()))
            : kind == 1 ? FakeReply::json(400, openAiError())
                        : openAiStream(true);
        reply.headers = hostileHeaders;
        m_openAi.queueChatReply(reply);
    } else {
        ScriptedReply reply = kind == 0   ? (stream ? ScriptedReply::stream(anthropicStream(false))
                                                    : ScriptedReply::json(anthropicMessage()))
                              : kind == 1 ? ScriptedReply::json(anthropicError(), 400)
                                          : ScriptedReply::stream(anthropicStream(true));
        reply.headers = hostileHeaders;
        m_anthropic->queueReply(reply);
    }

    QJsonObject body{{QStringLiteral("model"), model},
                     {QStringLiteral("stream"), stream},
                     {QStringLiteral("max_tokens"), 100},
                     {QStringLiteral("messages"),
                      QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                             {QStringLiteral("content"), QStringLiteral("Hi")}}}}};
    int received = 0;
    const QByteArray bytes = exchange(path, body, &received);
    QVERIFY(!bytes.isEmpty());
    QCOMPARE(received, status);
    for (const QByteArray &secret : forbidden())
        QVERIFY2(!bytes.contains(secret),
                 qPrintable(QStringLiteral("%1 reached the client: %2")
                                .arg(QString::fromLatin1(secret), QString::fromUtf8(bytes))));
    // What was around the secrets still arrived: redacted, not dropped.
    QVERIFY2(bytes.contains("echo [redacted]") && bytes.contains("[redacted] end"),
             bytes.constData());
}

void TestSecretRedaction::retryAfterOnlyWhenValid_data()
{
    QTest::addColumn<QByteArray>("upstream");
    QTest::addColumn<QByteArray>("client");
    QTest::newRow("seconds") << QByteArray("7") << QByteArray("7");
    QTest::newRow("HTTP date") << QByteArray("Wed, 21 Oct 2026 07:28:00 GMT")
                               << QByteArray("Wed, 21 Oct 2026 07:28:00 GMT");
    QTest::newRow("a key") << kOpenAiKey << QByteArray();
    QTest::newRow("seconds and more") << QByteArray("7; " + kUnusedKey) << QByteArray();
    QTest::newRow("not a date") << QByteArray("tomorrow") << QByteArray();
}

void TestSecretRedaction::retryAfterOnlyWhenValid()
{
    QFETCH(QByteArray, upstream);
    QFETCH(QByteArray, client);
    FakeReply limited =
        FakeReply::error(429, QStringLiteral("Rate limit reached."), QStringLiteral("requests"),
                         QStringLiteral("rate_limit_exceeded"));
    limited.headers.append({"Retry-After", upstream});
    m_openAi.queueChatReply(limited);
    const RawHttpResponse response = RawHttpClient::fetch(
        m_gateway.baseUrl(), "POST", "/v1/chat/completions",
        GatewayHarness::chatBody(QStringLiteral("gpt-x"), false), {}, kTimeoutMs);
    QCOMPARE(response.status, 429);
    QCOMPARE(response.header("retry-after"), client);
    QCOMPARE(response.hasHeader("retry-after"), !client.isEmpty());
}

QTEST_GUILESS_MAIN(TestSecretRedaction)
#include "TestSecretRedaction.moc"
