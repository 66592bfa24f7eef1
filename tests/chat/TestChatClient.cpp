// The chat client against the real gateway (in its own thread, port 0, token on) and fake
// providers over loopback sockets: streamed replies assembled exactly, reasoning apart, usage
// read, Stop closing the provider's connection, every error in plain words, images in the
// shape each provider type takes, and the model list.
#include "../anthropic/FakeAnthropicUpstream.h"
#include "ChatTestSupport.h"
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "chat/ChatCall.h"
#include "chat/ChatClient.h"
#include "chat/ChatModelListModel.h"
#include "chat/ChatRequestBuilder.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace ChatTestSupport;

namespace {
const QString kAnthropicKey = QStringLiteral("sk-ant-chat-test");

QJsonObject userRequest(const QString &model, const QString &text,
                        const QList<ChatImage> &images = {})
{
    return ChatRequestBuilder::build(model, QString(), {ChatMessage::user(text, images)});
}
} // namespace

Q_DECLARE_METATYPE(ChatError::Kind)

class TestChatClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void streamedReplyAssembledExactly();
    void reasoningSeparatedAndUsageRead();
    void stopAbortsTheProviderRequest();
    void providerErrorsInPlainWords_data();
    void providerErrorsInPlainWords();
    void brokenStreamKeepsWhatArrived();
    void modelNotFound();
    void tokenRefused();
    void gatewayNotRunning();
    void gatewayPaused();
    void imageReachesOpenAiProvider();
    void imageReachesAnthropicProviderAndThinkingIsReasoning();
    void modelListGroupedByProvider();
    void requestLogSeesTheChatsCalls();

private:
    ChatClient *client() { return m_client.get(); }

    FakeUpstream m_openAi;
    FakeUpstream m_noKey;
    FakeAnthropicUpstream m_anthropic{FakeAnthropicUpstream::Dialect::Anthropic,
                                      kAnthropicKey.toUtf8()};
    GatewayHarness m_gateway;
    std::unique_ptr<ChatClient> m_client;
};

void TestChatClient::initTestCase()
{
    QVERIFY(m_openAi.listen());
    QVERIFY(m_noKey.listen());
    QVERIFY(m_anthropic.listen());
    m_openAi.setModelIds({QStringLiteral("gpt-4o-mini"), QStringLiteral("deepseek-reasoner")});
    m_anthropic.setModelIds({QStringLiteral("claude-sonnet-4-5")});
    m_gateway.addOpenAiGptRoute(m_openAi.baseUrl());
    m_gateway.addRoute(QStringLiteral("deepseek-"), QStringLiteral("openai"));
    m_gateway.addOpenAiProvider(QStringLiteral("nokey"), m_noKey.baseUrl());
    m_gateway.addRoute(QStringLiteral("local-"), QStringLiteral("nokey"));
    m_gateway.addOpenAiProvider(
        QStringLiteral("down"),
        QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(GatewayHarness::closedPort())),
        QStringLiteral("sk-down"));
    m_gateway.addRoute(QStringLiteral("down-"), QStringLiteral("down"));
    ProviderSettings anthropic;
    anthropic.id = QStringLiteral("anthropic");
    anthropic.displayName = QStringLiteral("Anthropic");
    anthropic.type = ProviderType::Anthropic;
    anthropic.baseUrl = m_anthropic.baseUrl();
    anthropic.enabled = true;
    m_gateway.config().providers.append(anthropic);
    m_gateway.keys().insert(QStringLiteral("anthropic"), kAnthropicKey);
    m_gateway.addRoute(QStringLiteral("claude-"), QStringLiteral("anthropic"));
    QVERIFY(m_gateway.start());
}

void TestChatClient::init()
{
    m_gateway.controller().setPaused(false);
    m_client = std::make_unique<ChatClient>();
    m_client->setEndpoint(
        GatewayEndpoint{m_gateway.baseUrl(), QString::fromLatin1(GatewayHarness::accessToken())});
}

void TestChatClient::streamedReplyAssembledExactly()
{
    QStringList pieces = FakeReply::numberedPieces(QStringLiteral("word"), 400);
    pieces.insert(7, QStringLiteral("— 你好 🌍\n\n```cpp\nint x;\n```\n"));
    m_openAi.queueChatReply(FakeReply::contentStream(QStringLiteral("gpt-4o-mini"), pieces, 1));
    const int requestsBefore = int(m_openAi.chatRequests().size());

    ChatCall *call = client()->startCompletion(
        userRequest(QStringLiteral("gpt-4o-mini"), QStringLiteral("Count")), this);
    Received received;
    QVERIFY(collect(call, &received));
    QCOMPARE(call->state(), ChatMessage::State::Complete);
    QVERIFY2(!call->error().isError(), qPrintable(call->error().detail));
    QCOMPARE(received.content, pieces.join(QString()));
    QVERIFY(received.reasoning.isEmpty());
    QVERIFY2(received.updates > 10, "the reply must arrive in pieces, not at the end");
    QCOMPARE(call->usage().promptTokens, 9);
    QCOMPARE(call->usage().completionTokens, pieces.size());
    QCOMPARE(call->finishReason(), QStringLiteral("stop"));
    QVERIFY(call->durationMs() >= call->firstTokenMs());
    QVERIFY(call->firstTokenMs() >= 0);

    // The provider was asked for a stream with usage, with the provider's key, not the token.
    QCOMPARE(m_openAi.chatRequests().size(), requestsBefore + 1);
    const RecordedRequest upstream = m_openAi.lastChatRequest();
    QCOMPARE(upstream.json.value(QStringLiteral("stream")).toBool(), true);
    QCOMPARE(upstream.json.value(QStringLiteral("stream_options"))
                 .toObject()
                 .value(QStringLiteral("include_usage"))
                 .toBool(),
             true);
    QCOMPARE(upstream.header("authorization"), QByteArray("Bearer sk-test"));
    delete call;
}

void TestChatClient::reasoningSeparatedAndUsageRead()
{
    m_openAi.queueChatReply(deepSeekReasonerReply(2));
    ChatCall *call = client()->startCompletion(
        userRequest(QStringLiteral("deepseek-reasoner"), QStringLiteral("2+2?")), this);
    Received received;
    QVERIFY(collect(call, &received));
    QCOMPARE(call->state(), ChatMessage::State::Complete);
    QCOMPARE(received.reasoning, QStringLiteral("The user asks for 2+2."));
    QCOMPARE(received.content, QStringLiteral("2 + 2 = 4."));
    QCOMPARE(call->usage().promptTokens, 14);
    QCOMPARE(call->usage().completionTokens, 31);
    QCOMPARE(call->usage().reasoningTokens, 24);
    delete call;
}

void TestChatClient::stopAbortsTheProviderRequest()
{
    FakeReply endless = FakeReply::contentStream(
        QStringLiteral("gpt-4o-mini"), FakeReply::numberedPieces(QStringLiteral("w"), 5000), 20);
    m_openAi.queueChatReply(endless);
    const int finishedBefore = m_openAi.finishedStreams();
    QSignalSpy closed(&m_openAi, &FakeUpstream::connectionClosed);

    ChatCall *call = client()->startCompletion(
        userRequest(QStringLiteral("gpt-4o-mini"), QStringLiteral("Go on")), this);
    Received received;
    connect(call, &ChatCall::received, this,
            [&received](const ChatStreamUpdate &update) { received.content += update.content; });
    QVERIFY(QTest::qWaitFor([&] { return received.content.size() > 20; }, kTimeoutMs));
    QCOMPARE(m_openAi.activeStreams(), 1);

    QSignalSpy finished(call, &ChatCall::finished);
    call->stop();
    QCOMPARE(finished.size(), 1); // at once, not after the provider noticed
    QCOMPARE(call->state(), ChatMessage::State::Stopped);
    QVERIFY(!call->error().isError());
    const QString kept = received.content;
    QVERIFY(kept.startsWith(QStringLiteral("w0 w1 ")));

    // The gateway drops the provider's request: the fake provider sees its connection close
    // long before the 5000 pieces (100 s) would have been sent.
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_openAi.activeStreams(), 0, kTimeoutMs);
    QCOMPARE(m_openAi.finishedStreams(), finishedBefore);
    QCOMPARE(received.content, kept); // nothing after Stop
    delete call;
}

void TestChatClient::providerErrorsInPlainWords_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<FakeReply>("reply");
    QTest::addColumn<ChatError::Kind>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detailContains");
    FakeReply limited =
        FakeReply::error(429, QStringLiteral("Rate limit reached for gpt-4o-mini"),
                         QStringLiteral("requests"), QStringLiteral("rate_limit_exceeded"));
    limited.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("17")});
    QTest::newRow("rate limited, with the wait")
        << QStringLiteral("gpt-4o-mini") << limited << ChatError::Kind::RateLimited << 429
        << QStringLiteral("Rate limit");
    QTest::newRow("key refused") << QStringLiteral("gpt-4o-mini")
                                 << FakeReply::error(
                                        401, QStringLiteral("Incorrect API key provided: sk-t***."),
                                        QStringLiteral("invalid_request_error"),
                                        QStringLiteral("invalid_api_key"))
                                 << ChatError::Kind::ProviderKeyRefused << 401
                                 << QStringLiteral("Incorrect API key");
    QTest::newRow("no key") << QStringLiteral("local-llama")
                            << FakeReply::error(401,
                                                QStringLiteral("You didn't provide an API key."),
                                                QStringLiteral("invalid_request_error"), QString())
                            << ChatError::Kind::NoProviderKey << 401 << QStringLiteral("nokey");
    QTest::newRow("provider failed")
        << QStringLiteral("gpt-4o-mini")
        << FakeReply::error(500, QStringLiteral("The server had an error"),
                            QStringLiteral("server_error"), QString())
        << ChatError::Kind::ProviderDown << 502 << QStringLiteral("server had an error");
    QTest::newRow("provider unreachable")
        << QStringLiteral("down-model") << FakeReply() << ChatError::Kind::ProviderDown << 502
        << QStringLiteral("down");
    QTest::newRow("provider does not know the model")
        << QStringLiteral("gpt-9")
        << FakeReply::error(
               404,
               QStringLiteral("The model `gpt-9` does not exist or you do not have access to it."),
               QStringLiteral("invalid_request_error"), QStringLiteral("model_not_found"))
        << ChatError::Kind::ModelNotFound << 404 << QStringLiteral("gpt-9");
}

void TestChatClient::providerErrorsInPlainWords()
{
    QFETCH(QString, model);
    QFETCH(FakeReply, reply);
    QFETCH(ChatError::Kind, kind);
    QFETCH(int, status);
    QFETCH(QString, detailContains);
    if (model.startsWith(QLatin1String("local-")))
        m_noKey.queueChatReply(reply);
    else if (!model.startsWith(QLatin1String("down-")))
        m_openAi.queueChatReply(reply);

    ChatCall *call = client()->startCompletion(userRequest(model, QStringLiteral("Hi")), this);
    Received received;
    QVERIFY(collect(call, &received));
    QCOMPARE(call->state(), ChatMessage::State::Failed);
    QCOMPARE(call->error().kind, kind);
    QCOMPARE(call->error().httpStatus, status);
    QVERIFY2(call->error().detail.contains(detailContains, Qt::CaseInsensitive),
             qPrintable(call->error().detail));
    QVERIFY(!call->error().summary().isEmpty());
    if (kind == ChatError::Kind::RateLimited) {
        QCOMPARE(call->error().retryAfterSeconds, 17);
        QVERIFY2(call->error().summary().contains(QStringLiteral("17")),
                 qPrintable(call->error().summary()));
    }
    delete call;
}

void TestChatClient::brokenStreamKeepsWhatArrived()
{
    FakeReply broken = FakeReply::contentStream(
        QStringLiteral("gpt-4o-mini"), FakeReply::numberedPieces(QStringLiteral("p"), 50), 1);
    broken.breakAfterEvents = 5;
    m_openAi.queueChatReply(broken);
    ChatCall *call = client()->startCompletion(
        userRequest(QStringLiteral("gpt-4o-mini"), QStringLiteral("Hi")), this);
    Received received;
    QVERIFY(collect(call, &received));
    QCOMPARE(call->state(), ChatMessage::State::Failed);
    QCOMPARE(call->error().kind, ChatError::Kind::StreamBroken);
    QCOMPARE(received.content, QStringLiteral("p0 p1 p2 p3 p4 "));
    delete call;
}

void TestChatClient::modelNotFound()
{
    ChatCall *call = client()->startCompletion(
        userRequest(QStringLiteral("mystery-model"), QStringLiteral("Hi")), this);
    Received received;
    QVERIFY(collect(call, &received));
    QCOMPARE(call->error().kind, ChatError::Kind::ModelNotFound);
    QCOMPARE(call->error().httpStatus, 404);
    QVERIFY(call->error().detail.contains(QStringLiteral("mystery-model")));
    delete call;
}

void TestChatClient::tokenRefused()
{
    client()->setEndpoint(GatewayEndpoint{m_gateway.baseUrl(), QStringLiteral("not-the-token")});
    ChatCall *call = client()->startCompletion(
        userRequest(QStringLiteral("gpt-4o-mini"), QStringLiteral("Hi")), this);
    Received received;
    QVERIFY(collect(call, &received));
    QCOMPARE(call->error().kind, ChatError::Kind::TokenRefused);
    QCOMPARE(call->error().httpStatus, 401);
    delete call;

    client()->setEndpoint(GatewayEndpoint{m_gateway.baseUrl(), QString()});
    bool done = false;
    GatewayModelList list;
    client()->fetchModels(this, [&](const GatewayModelList &answer) {
        list = answer;
        done = true;
    });
    QVERIFY(QTest::qWaitFor([&] { return done; }, kTimeoutMs));
    QCOMPARE(list.error.kind, ChatError::Kind::TokenRefused);
}

void TestChatClient::gatewayNotRunning()
{
    // Nothing listens at the address.
    client()->setEndpoint(GatewayEndpoint{
        QUrl(QStringLiteral("http://127.0.0.1:%1").arg(GatewayHarness::closedPort())),
        QStringLiteral("t")});
    ChatCall *call = client()->startCompletion(
        userRequest(QStringLiteral("gpt-4o-mini"), QStringLiteral("Hi")), this);
    Received received;
    QVERIFY(collect(call, &received));
    QCOMPARE(call->state(), ChatMessage::State::Failed);
    QCOMPARE(call->error().kind, ChatError::Kind::GatewayNotRunning);
    delete call;

    // The gateway has no address at all (not started, or it failed).
    client()->setEndpoint(GatewayEndpoint{});
    call = client()->startCompletion(
        userRequest(QStringLiteral("gpt-4o-mini"), QStringLiteral("Hi")), this);
    QSignalSpy finished(call, &ChatCall::finished);
    QVERIFY(finished.wait(kTimeoutMs));
    QCOMPARE(call->error().kind, ChatError::Kind::GatewayNotRunning);
    delete call;
}

void TestChatClient::gatewayPaused()
{
    m_gateway.controller().setPaused(true);
    ChatCall *call = nullptr;
    // The pause reaches the gateway thread through a queued call.
    QVERIFY(QTest::qWaitFor(
        [&] {
            delete call;
            call = client()->startCompletion(
                userRequest(QStringLiteral("gpt-4o-mini"), QStringLiteral("Hi")), this);
            Received received;
            collect(call, &received);
            return call->error().kind == ChatError::Kind::GatewayPaused;
        },
        kTimeoutMs));
    QCOMPARE(call->error().httpStatus, 503);
    delete call;
    m_gateway.controller().setPaused(false);
}

void TestChatClient::imageReachesOpenAiProvider()
{
    m_openAi.queueChatReply(
        FakeReply::contentStream(QStringLiteral("gpt-4o-mini"), {QStringLiteral("A red pixel.")}));
    const ChatImage image{"image/png", tinyPng()};
    ChatCall *call = client()->startCompletion(
        userRequest(QStringLiteral("gpt-4o-mini"), QStringLiteral("What is this?"), {image}), this);
    Received received;
    QVERIFY(collect(call, &received));
    QCOMPARE(call->state(), ChatMessage::State::Complete);
    const QJsonArray parts = m_openAi.lastChatRequest()
                                 .json.value(QStringLiteral("messages"))
                                 .toArray()
                                 .last()
                                 .toObject()
                                 .value(QStringLiteral("content"))
                                 .toArray();
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts[0].toObject().value(QStringLiteral("text")).toString(),
             QStringLiteral("What is this?"));
    QCOMPARE(parts[1].toObject().value(QStringLiteral("type")).toString(),
             QStringLiteral("image_url"));
    QCOMPARE(parts[1]
                 .toObject()
                 .value(QStringLiteral("image_url"))
                 .toObject()
                 .value(QStringLiteral("url"))
                 .toString(),
             QStringLiteral("data:image/png;base64,") + QString::fromLatin1(tinyPng().toBase64()));
    delete call;
}

void TestChatClient::imageReachesAnthropicProviderAndThinkingIsReasoning()
{
    m_anthropic.queueReply(ScriptedReply::stream(ScriptedReply::splitEvents(
        TestData::read(TestData::path(QStringLiteral("chat/claude-thinking-stream.sse"))))));
    const ChatImage image{"image/png", tinyPng()};
    QJsonObject body =
        userRequest(QStringLiteral("claude-sonnet-4-5"), QStringLiteral("What is this?"), {image});
    body.insert(QStringLiteral("reasoning_effort"), QStringLiteral("low"));
    ChatCall *call = client()->startCompletion(body, this);
    Received received;
    QVERIFY(collect(call, &received));
    QVERIFY2(call->state() == ChatMessage::State::Complete, qPrintable(call->error().detail));

    // Anthropic's shape: a base64 image block after the text, with its media type.
    const ReceivedRequest upstream = m_anthropic.lastRequest();
    QCOMPARE(upstream.path, QByteArray("/v1/messages"));
    const QJsonArray content = upstream.json.value(QStringLiteral("messages"))
                                   .toArray()
                                   .first()
                                   .toObject()
                                   .value(QStringLiteral("content"))
                                   .toArray();
    QCOMPARE(content.size(), 2);
    QCOMPARE(content[0].toObject().value(QStringLiteral("type")).toString(),
             QStringLiteral("text"));
    const QJsonObject imageBlock = content[1].toObject();
    QCOMPARE(imageBlock.value(QStringLiteral("type")).toString(), QStringLiteral("image"));
    const QJsonObject source = imageBlock.value(QStringLiteral("source")).toObject();
    QCOMPARE(source.value(QStringLiteral("type")).toString(), QStringLiteral("base64"));
    QCOMPARE(source.value(QStringLiteral("media_type")).toString(), QStringLiteral("image/png"));
    QCOMPARE(source.value(QStringLiteral("data")).toString(),
             QString::fromLatin1(tinyPng().toBase64()));
    // reasoning_effort asked Claude to think.
    QCOMPARE(upstream.json.value(QStringLiteral("thinking"))
                 .toObject()
                 .value(QStringLiteral("type"))
                 .toString(),
             QStringLiteral("enabled"));

    // Claude's thinking arrives as reasoning, apart from the answer; usage from message_delta.
    QCOMPARE(received.reasoning, QStringLiteral("The image is one red pixel."));
    QCOMPARE(received.content, QStringLiteral("It is a single **red** pixel."));
    QCOMPARE(call->usage().promptTokens, 1530);
    QCOMPARE(call->usage().completionTokens, 42);
    delete call;
}

void TestChatClient::modelListGroupedByProvider()
{
    bool done = false;
    GatewayModelList list;
    client()->fetchModels(this, [&](const GatewayModelList &answer) {
        list = answer;
        done = true;
    });
    QVERIFY(QTest::qWaitFor([&] { return done; }, kTimeoutMs));
    QVERIFY2(!list.error.isError(), qPrintable(list.error.detail));
    QVERIFY(list.models.contains(
        GatewayModel{QStringLiteral("gpt-4o-mini"), QStringLiteral("openai")}));
    QVERIFY(list.models.contains(
        GatewayModel{QStringLiteral("claude-sonnet-4-5"), QStringLiteral("anthropic")}));
    // The provider without a key and the one that is down are named, not fatal.
    QVERIFY(!list.providerErrors.isEmpty());

    ChatModelListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setModels(list.models);
    const QModelIndex claude = model.indexOfModel(QStringLiteral("claude-sonnet-4-5"));
    QVERIFY(claude.isValid());
    QCOMPARE(claude.parent().data().toString(), QStringLiteral("anthropic"));
    QCOMPARE(claude.data(ChatModelListModel::ModelIdRole).toString(),
             QStringLiteral("claude-sonnet-4-5"));
    QVERIFY(!(claude.parent().flags() & Qt::ItemIsSelectable));
    QVERIFY(claude.flags() & Qt::ItemIsSelectable);
    const QModelIndex openai = model.indexOfModel(QStringLiteral("gpt-4o-mini")).parent();
    QCOMPARE(openai.data().toString(), QStringLiteral("openai"));
    // Sorted within the provider.
    QCOMPARE(model.index(0, 0, openai).data().toString(), QStringLiteral("deepseek-reasoner"));
    QCOMPARE(model.index(1, 0, openai).data().toString(), QStringLiteral("gpt-4o-mini"));
}

void TestChatClient::requestLogSeesTheChatsCalls()
{
    QSignalSpy records(&m_gateway.controller(), &GatewayController::callFinished);
    m_openAi.queueChatReply(
        FakeReply::contentStream(QStringLiteral("gpt-4o-mini"), {QStringLiteral("Hi")}));
    ChatCall *call = client()->startCompletion(
        userRequest(QStringLiteral("gpt-4o-mini"), QStringLiteral("Hi")), this);
    Received received;
    QVERIFY(collect(call, &received));
    // The chat's record is found by the id the chat got in x-request-id: it must be the log's.
    QVERIFY(!call->requestId().isEmpty());
    const std::optional<RequestRecord> found =
        GatewayHarness::awaitRecord(records, call->requestId(), kTimeoutMs);
    QVERIFY(found);
    const RequestRecord record = *found;
    QCOMPARE(record.path, QStringLiteral("/v1/chat/completions"));
    QCOMPARE(record.userAgent.toUtf8(), ChatClient::userAgent());
    QCOMPARE(record.requestedModel, QStringLiteral("gpt-4o-mini"));
    QCOMPARE(record.providerId, QStringLiteral("openai"));
    QVERIFY(record.stream);
    QCOMPARE(record.status, 200);
    delete call;
}

QTEST_GUILESS_MAIN(TestChatClient)
#include "TestChatClient.moc"
