// The request the chat sends: streamed with usage, system prompt first, images as image_url
// data URLs, failed or empty replies left out, reasoning not sent back.
#include "chat/ChatRequestBuilder.h"
#include "chat/Conversation.h"

#include <QJsonArray>
#include <QTest>

class TestChatRequestBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void streamedWithUsage();
    void systemPromptFirstAndTurnsInOrder();
    void imagesAsDataUrls();
    void failedAndEmptyRepliesLeftOut();
    void reasoningEffortOnlyWhenChosen();
    void titleFromFirstMessage_data();
    void titleFromFirstMessage();
    void imageTypeSniffed();
};

void TestChatRequestBuilder::streamedWithUsage()
{
    const QJsonObject body = ChatRequestBuilder::build(QStringLiteral("deepseek-chat"), QString(),
                                                       {ChatMessage::user(QStringLiteral("Hi"))});
    QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("deepseek-chat"));
    QCOMPARE(body.value(QStringLiteral("stream")).toBool(), true);
    QCOMPARE(body.value(QStringLiteral("stream_options"))
                 .toObject()
                 .value(QStringLiteral("include_usage"))
                 .toBool(),
             true);
    const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages[0].toObject(),
             (QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                          {QStringLiteral("content"), QStringLiteral("Hi")}}));
}

void TestChatRequestBuilder::systemPromptFirstAndTurnsInOrder()
{
    ChatMessage reply = ChatMessage::assistant(QStringLiteral("m"));
    reply.content = QStringLiteral("Answer one");
    reply.reasoning = QStringLiteral("secret thoughts");
    reply.state = ChatMessage::State::Complete;
    const QJsonArray messages = ChatRequestBuilder::messages(
        QStringLiteral("Be brief."),
        {ChatMessage::user(QStringLiteral("Q1")), reply, ChatMessage::user(QStringLiteral("Q2"))});
    QCOMPARE(messages.size(), 4);
    QCOMPARE(messages[0].toObject().value(QStringLiteral("role")).toString(),
             QStringLiteral("system"));
    QCOMPARE(messages[0].toObject().value(QStringLiteral("content")).toString(),
             QStringLiteral("Be brief."));
    QCOMPARE(messages[1].toObject().value(QStringLiteral("content")).toString(),
             QStringLiteral("Q1"));
    QCOMPARE(messages[2].toObject(),
             (QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                          {QStringLiteral("content"), QStringLiteral("Answer one")}}));
    QCOMPARE(messages[3].toObject().value(QStringLiteral("content")).toString(),
             QStringLiteral("Q2"));
    // A blank system prompt is no system message.
    QCOMPARE(ChatRequestBuilder::messages(QStringLiteral("  \n"),
                                          {ChatMessage::user(QStringLiteral("Q"))})
                 .size(),
             1);
}

void TestChatRequestBuilder::imagesAsDataUrls()
{
    const QByteArray png("\x89PNG\r\n\x1a\nrest", 12);
    const ChatMessage message =
        ChatMessage::user(QStringLiteral("What is this?"), {ChatImage{"image/png", png}});
    const QJsonArray messages = ChatRequestBuilder::messages(QString(), {message});
    const QJsonArray parts = messages[0].toObject().value(QStringLiteral("content")).toArray();
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts[0].toObject(),
             (QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                          {QStringLiteral("text"), QStringLiteral("What is this?")}}));
    QCOMPARE(parts[1].toObject().value(QStringLiteral("type")).toString(),
             QStringLiteral("image_url"));
    QCOMPARE(parts[1]
                 .toObject()
                 .value(QStringLiteral("image_url"))
                 .toObject()
                 .value(QStringLiteral("url"))
                 .toString(),
             QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64()));

    // An image alone: no empty text part.
    const QJsonArray alone = ChatRequestBuilder::messages(
        QString(), {ChatMessage::user(QString(), {ChatImage{"image/jpeg", "\xff\xd8\xff"}})});
    QCOMPARE(alone[0].toObject().value(QStringLiteral("content")).toArray().size(), 1);
}

void TestChatRequestBuilder::failedAndEmptyRepliesLeftOut()
{
    ChatMessage failed = ChatMessage::assistant(QStringLiteral("m"));
    failed.state = ChatMessage::State::Failed;
    failed.error.kind = ChatError::Kind::ProviderDown;
    ChatMessage stoppedEarly = ChatMessage::assistant(QStringLiteral("m"));
    stoppedEarly.state = ChatMessage::State::Stopped;
    stoppedEarly.reasoning = QStringLiteral("only thoughts");
    ChatMessage stoppedLate = ChatMessage::assistant(QStringLiteral("m"));
    stoppedLate.state = ChatMessage::State::Stopped;
    stoppedLate.content = QStringLiteral("Part of an answer");
    const QJsonArray messages = ChatRequestBuilder::messages(
        QString(),
        {ChatMessage::user(QStringLiteral("A")), failed, ChatMessage::user(QStringLiteral("B")),
         stoppedEarly, ChatMessage::user(QStringLiteral("C")), stoppedLate,
         ChatMessage::user(QStringLiteral("D"))});
    QStringList contents;
    for (const QJsonValue &m : messages)
        contents.append(m.toObject().value(QStringLiteral("content")).toString());
    QCOMPARE(contents, (QStringList{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C"),
                                    QStringLiteral("Part of an answer"), QStringLiteral("D")}));
}

void TestChatRequestBuilder::reasoningEffortOnlyWhenChosen()
{
    const QList<ChatMessage> history{ChatMessage::user(QStringLiteral("Hi"))};
    QVERIFY(!ChatRequestBuilder::build(QStringLiteral("m"), QString(), history)
                 .contains(QStringLiteral("reasoning_effort")));
    QCOMPARE(
        ChatRequestBuilder::build(QStringLiteral("m"), QString(), history, QStringLiteral("high"))
            .value(QStringLiteral("reasoning_effort"))
            .toString(),
        QStringLiteral("high"));
}

void TestChatRequestBuilder::titleFromFirstMessage_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("title");
    QTest::newRow("short") << QStringLiteral("  How do I   sort a list?\nMore details")
                           << QStringLiteral("How do I sort a list?");
    QTest::newRow("blank first line")
        << QStringLiteral("\n\n# Plan a trip") << QStringLiteral("Plan a trip");
    QTest::newRow("long, cut at a word")
        << QStringLiteral(
               "Write a detailed explanation of how the TCP three-way handshake works and why")
        << QStringLiteral("Write a detailed explanation of how the TCP three-way…");
    QTest::newRow("CJK without spaces")
        << QString(70, QChar(0x4F60)) << QString(60, QChar(0x4F60)) + QStringLiteral("…");
}

void TestChatRequestBuilder::titleFromFirstMessage()
{
    QFETCH(QString, text);
    QFETCH(QString, title);
    QCOMPARE(Conversation::titleFromText(text), title);
}

void TestChatRequestBuilder::imageTypeSniffed()
{
    QCOMPARE(ChatImage::sniffMimeType(QByteArray("\x89PNG\r\n\x1a\n....", 12)),
             QByteArray("image/png"));
    QCOMPARE(ChatImage::sniffMimeType("\xff\xd8\xff\xe0...."), QByteArray("image/jpeg"));
    QCOMPARE(ChatImage::sniffMimeType("GIF89a......"), QByteArray("image/gif"));
    QCOMPARE(ChatImage::sniffMimeType(QByteArray("RIFF\x10\0\0\0WEBPVP8 ", 16)),
             QByteArray("image/webp"));
    QVERIFY(ChatImage::sniffMimeType("%PDF-1.7").isEmpty());
}

QTEST_GUILESS_MAIN(TestChatRequestBuilder)
#include "TestChatRequestBuilder.moc"
