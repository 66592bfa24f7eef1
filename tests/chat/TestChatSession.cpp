// The conversation model end to end: a ChatSession sends through the real gateway to a fake
// provider, streams the reply into its messages, stops, regenerates and resends an edited
// message, and keeps everything in the history store.
#include "ChatTestSupport.h"
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "chat/ChatClient.h"
#include "chat/ChatSession.h"
#include "chat/ConversationStore.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ChatTestSupport;

namespace {
std::optional<Conversation> loadOf(ConversationStore &store, const QString &id)
{
    QObject context;
    bool done = false;
    std::optional<Conversation> result;
    store.load(id, &context, [&](const std::optional<Conversation> &conversation) {
        result = conversation;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, kTimeoutMs))
        qFatal("the store did not answer");
    return result;
}

QStringList sentContents(const RecordedRequest &request)
{
    QStringList contents;
    for (const QJsonValue &message : request.json.value(QStringLiteral("messages")).toArray())
        contents.append(message.toObject().value(QStringLiteral("role")).toString() +
                        QLatin1Char(':') +
                        message.toObject().value(QStringLiteral("content")).toString());
    return contents;
}
} // namespace

class TestChatSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void sendStreamsTheReplyAndKeepsIt();
    void multiTurnSendsTheHistory();
    void stopKeepsWhatArrived();
    void regenerateReplacesTheLastReply();
    void editAndResendReplacesTheLastTurn();
    void errorsStayInTheConversation();
    void nothingSentWithoutModelOrText();

private:
    bool waitIdle(ChatSession &session)
    {
        return QTest::qWaitFor([&] { return !session.isBusy(); }, kTimeoutMs);
    }

    FakeUpstream m_upstream;
    GatewayHarness m_gateway;
    ChatClient m_client;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConversationStore> m_store;
};

void TestChatSession::initTestCase()
{
    QVERIFY(m_upstream.listen());
    m_gateway.addOpenAiProvider(QStringLiteral("deepseek"), m_upstream.baseUrl(),
                                QStringLiteral("sk-ds"));
    m_gateway.addRoute(QStringLiteral("deepseek-"), QStringLiteral("deepseek"));
    QVERIFY(m_gateway.start());
    m_client.setEndpoint(
        GatewayEndpoint{m_gateway.baseUrl(), QString::fromLatin1(GatewayHarness::accessToken())});
}

void TestChatSession::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<ConversationStore>(m_dir->filePath(QStringLiteral("chats.db")));
    QSignalSpy opened(m_store.get(), &ConversationStore::opened);
    m_store->open();
    QVERIFY(opened.wait(kTimeoutMs));
}

void TestChatSession::cleanup()
{
    m_store.reset();
}

void TestChatSession::sendStreamsTheReplyAndKeepsIt()
{
    m_upstream.queueChatReply(deepSeekReasonerReply(2));
    ChatSession session(m_client, *m_store,
                        Conversation::create(QStringLiteral("deepseek-reasoner")));
    session.setSystemPrompt(QStringLiteral("Be exact."));
    QVERIFY(!session.isStored());
    QSignalSpy appended(&session, &ChatSession::messageAppended);
    QSignalSpy updates(&session, &ChatSession::replyUpdated);
    QSignalSpy busy(&session, &ChatSession::busyChanged);

    QVERIFY(session.send(QStringLiteral("What is 2+2?\nShow your work.")));
    QVERIFY(session.isBusy());
    QVERIFY(!session.send(QStringLiteral("again"))); // one reply at a time
    QCOMPARE(appended.size(), 2);
    QCOMPARE(session.conversation().title, QStringLiteral("What is 2+2?"));
    QVERIFY(waitIdle(session));
    QCOMPARE(busy.size(), 2);
    QVERIFY(updates.size() >= 2);

    const ChatMessage reply = session.messages().at(1);
    QCOMPARE(reply.role, ChatMessage::Role::Assistant);
    QCOMPARE(reply.state, ChatMessage::State::Complete);
    QCOMPARE(reply.content, QStringLiteral("2 + 2 = 4."));
    QCOMPARE(reply.reasoning, QStringLiteral("The user asks for 2+2."));
    QCOMPARE(reply.usage.completionTokens, 31);
    QCOMPARE(reply.model, QStringLiteral("deepseek-reasoner"));
    QVERIFY(reply.durationMs >= 0);
    QCOMPARE(sentContents(m_upstream.lastChatRequest()),
             (QStringList{QStringLiteral("system:Be exact."),
                          QStringLiteral("user:What is 2+2?\nShow your work.")}));

    // In the history, with the reply as it finished.
    QVERIFY(session.isStored());
    std::optional<Conversation> stored;
    QVERIFY(QTest::qWaitFor(
        [&] {
            stored = loadOf(*m_store, session.id());
            return stored && stored->messages.size() == 2;
        },
        kTimeoutMs));
    QCOMPARE(stored->title, QStringLiteral("What is 2+2?"));
    QCOMPARE(stored->systemPrompt, QStringLiteral("Be exact."));
    QCOMPARE(stored->messages[1].content, reply.content);
    QCOMPARE(stored->messages[1].reasoning, reply.reasoning);
    QCOMPARE(stored->messages[1].usage, reply.usage);
}

void TestChatSession::multiTurnSendsTheHistory()
{
    ChatSession session(m_client, *m_store, Conversation::create(QStringLiteral("deepseek-chat")));
    m_upstream.queueChatReply(
        FakeReply::contentStream(QStringLiteral("deepseek-chat"), {QStringLiteral("Paris.")}));
    QVERIFY(session.send(QStringLiteral("Capital of France?")));
    QVERIFY(waitIdle(session));
    m_upstream.queueChatReply(FakeReply::contentStream(QStringLiteral("deepseek-chat"),
                                                       {QStringLiteral("About 2.1 million.")}));
    QVERIFY(session.send(QStringLiteral("Population?")));
    QVERIFY(waitIdle(session));
    QCOMPARE(sentContents(m_upstream.lastChatRequest()),
             (QStringList{QStringLiteral("user:Capital of France?"),
                          QStringLiteral("assistant:Paris."), QStringLiteral("user:Population?")}));
    QCOMPARE(session.messages().size(), 4);
    QCOMPARE(session.conversation().title, QStringLiteral("Capital of France?"));
}

void TestChatSession::stopKeepsWhatArrived()
{
    m_upstream.queueChatReply(FakeReply::contentStream(
        QStringLiteral("deepseek-chat"), FakeReply::numberedPieces(QStringLiteral("t"), 3000), 20));
    QSignalSpy closed(&m_upstream, &FakeUpstream::connectionClosed);
    ChatSession session(m_client, *m_store, Conversation::create(QStringLiteral("deepseek-chat")));
    QVERIFY(session.send(QStringLiteral("Count slowly")));
    QVERIFY(
        QTest::qWaitFor([&] { return session.messages().at(1).content.size() > 12; }, kTimeoutMs));
    session.stop();
    QVERIFY(!session.isBusy()); // at once
    const ChatMessage reply = session.messages().at(1);
    QCOMPARE(reply.state, ChatMessage::State::Stopped);
    QVERIFY(reply.content.startsWith(QStringLiteral("t0 t1 t2 ")));
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), kTimeoutMs);
    std::optional<Conversation> stored;
    QVERIFY(QTest::qWaitFor(
        [&] {
            stored = loadOf(*m_store, session.id());
            return stored && stored->messages.size() == 2;
        },
        kTimeoutMs));
    QCOMPARE(stored->messages[1].state, ChatMessage::State::Stopped);
    QCOMPARE(stored->messages[1].content, reply.content);

    // A stopped reply that said something is part of the history the next turn sends.
    m_upstream.queueChatReply(
        FakeReply::contentStream(QStringLiteral("deepseek-chat"), {QStringLiteral("ok")}));
    QVERIFY(session.send(QStringLiteral("Go on")));
    QVERIFY(waitIdle(session));
    QCOMPARE(sentContents(m_upstream.lastChatRequest()).value(1),
             QStringLiteral("assistant:") + reply.content);
}

void TestChatSession::regenerateReplacesTheLastReply()
{
    ChatSession session(m_client, *m_store, Conversation::create(QStringLiteral("deepseek-chat")));
    QVERIFY(!session.canRegenerate());
    m_upstream.queueChatReply(
        FakeReply::contentStream(QStringLiteral("deepseek-chat"), {QStringLiteral("First try.")}));
    QVERIFY(session.send(QStringLiteral("Tell me a joke")));
    QVERIFY(waitIdle(session));
    const QString firstReplyId = session.messages().at(1).id;
    QVERIFY(session.canRegenerate());

    QSignalSpy removed(&session, &ChatSession::messagesRemoved);
    m_upstream.queueChatReply(
        FakeReply::contentStream(QStringLiteral("deepseek-chat"), {QStringLiteral("Second try.")}));
    QVERIFY(session.regenerate());
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().at(0).toInt(), 1);
    QVERIFY(waitIdle(session));
    QCOMPARE(session.messages().size(), 2);
    QCOMPARE(session.messages().at(1).content, QStringLiteral("Second try."));
    QVERIFY(session.messages().at(1).id != firstReplyId);
    // The provider was asked the same question again, without the old answer.
    QCOMPARE(sentContents(m_upstream.lastChatRequest()),
             QStringList{QStringLiteral("user:Tell me a joke")});
    std::optional<Conversation> stored;
    QVERIFY(QTest::qWaitFor(
        [&] {
            stored = loadOf(*m_store, session.id());
            return stored && stored->messages.size() == 2 &&
                   stored->messages[1].content == QLatin1String("Second try.");
        },
        kTimeoutMs));
}

void TestChatSession::editAndResendReplacesTheLastTurn()
{
    ChatSession session(m_client, *m_store, Conversation::create(QStringLiteral("deepseek-chat")));
    m_upstream.queueChatReply(
        FakeReply::contentStream(QStringLiteral("deepseek-chat"), {QStringLiteral("A1")}));
    QVERIFY(session.send(QStringLiteral("Q1")));
    QVERIFY(waitIdle(session));
    m_upstream.queueChatReply(
        FakeReply::contentStream(QStringLiteral("deepseek-chat"), {QStringLiteral("A2")}));
    const ChatImage image{"image/png", tinyPng()};
    QVERIFY(session.send(QStringLiteral("Q2 with a tpyo"), {image}));
    QVERIFY(waitIdle(session));

    const std::optional<ChatMessage> editable = session.editableMessage();
    QVERIFY(editable);
    QCOMPARE(editable->content, QStringLiteral("Q2 with a tpyo"));
    QCOMPARE(editable->images.size(), 1);

    m_upstream.queueChatReply(
        FakeReply::contentStream(QStringLiteral("deepseek-chat"), {QStringLiteral("A2 fixed")}));
    QVERIFY(session.resendEdited(QStringLiteral("Q2 with a typo"), editable->images));
    QVERIFY(waitIdle(session));
    QCOMPARE(session.messages().size(), 4);
    QCOMPARE(session.messages().at(2).content, QStringLiteral("Q2 with a typo"));
    QCOMPARE(session.messages().at(2).images.size(), 1);
    QCOMPARE(session.messages().at(3).content, QStringLiteral("A2 fixed"));
    const QJsonArray sent =
        m_upstream.lastChatRequest().json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(sent.size(), 3);
    QCOMPARE(sent[2]
                 .toObject()
                 .value(QStringLiteral("content"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("text"))
                 .toString(),
             QStringLiteral("Q2 with a typo"));
    QCOMPARE(session.conversation().title,
             QStringLiteral("Q1")); // the first message did not change

    std::optional<Conversation> stored;
    QVERIFY(QTest::qWaitFor(
        [&] {
            stored = loadOf(*m_store, session.id());
            return stored && stored->messages.size() == 4 &&
                   stored->messages[3].content == QLatin1String("A2 fixed");
        },
        kTimeoutMs));
    QCOMPARE(stored->messages[2].content, QStringLiteral("Q2 with a typo"));
    QCOMPARE(stored->messages[2].images.size(), 1);
}

void TestChatSession::errorsStayInTheConversation()
{
    ChatSession session(m_client, *m_store,
                        Conversation::create(QStringLiteral("nobody-serves-this")));
    QVERIFY(session.send(QStringLiteral("Hello?")));
    QVERIFY(waitIdle(session));
    const ChatMessage reply = session.messages().at(1);
    QCOMPARE(reply.state, ChatMessage::State::Failed);
    QCOMPARE(reply.error.kind, ChatError::Kind::ModelNotFound);
    // Pick a served model and try again: the failed reply is replaced.
    session.setModel(QStringLiteral("deepseek-chat"));
    m_upstream.queueChatReply(
        FakeReply::contentStream(QStringLiteral("deepseek-chat"), {QStringLiteral("Hi!")}));
    QVERIFY(session.regenerate());
    QVERIFY(waitIdle(session));
    QCOMPARE(session.messages().size(), 2);
    QCOMPARE(session.messages().at(1).state, ChatMessage::State::Complete);
    QCOMPARE(session.messages().at(1).model, QStringLiteral("deepseek-chat"));
}

void TestChatSession::nothingSentWithoutModelOrText()
{
    ChatSession noModel(m_client, *m_store, Conversation::create(QString()));
    QVERIFY(!noModel.send(QStringLiteral("Hi")));
    QVERIFY(noModel.messages().isEmpty());
    ChatSession session(m_client, *m_store, Conversation::create(QStringLiteral("deepseek-chat")));
    QVERIFY(!session.send(QStringLiteral("  \n ")));
    QVERIFY(session.messages().isEmpty());
    QVERIFY(!session.editableMessage());
    QVERIFY(!session.resendEdited(QStringLiteral("x")));
}

QTEST_GUILESS_MAIN(TestChatSession)
#include "TestChatSession.moc"
