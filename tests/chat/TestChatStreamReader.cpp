// The chat's reader of OpenAI Chat Completions streams: answer and reasoning apart, usage,
// finish reason, [DONE] and the gateway's error event, whatever the cut of the bytes.
#include "chat/ChatStreamReader.h"
#include "support/TestData.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {
struct Totals
{
    QString content;
    QString reasoning;
    ChatUsage usage;
    bool hasUsage = false;
    QString finishReason;
    bool done = false;
    ChatError error;
    int updates = 0;
};

Totals readInPieces(const QByteArray &stream, int pieceSize)
{
    ChatStreamReader reader;
    Totals totals;
    for (qsizetype at = 0; at < stream.size(); at += pieceSize) {
        const ChatStreamUpdate update = reader.feed(stream.mid(at, pieceSize));
        if (!update.isEmpty())
            ++totals.updates;
        totals.content += update.content;
        totals.reasoning += update.reasoning;
        if (update.hasUsage) {
            totals.hasUsage = true;
            totals.usage = update.usage;
        }
        if (!update.finishReason.isEmpty())
            totals.finishReason = update.finishReason;
        totals.done = totals.done || update.done;
        if (update.error.isError())
            totals.error = update.error;
    }
    return totals;
}

QByteArray chunk(const QByteArray &delta, const QByteArray &finish = "null")
{
    return R"(data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":)" +
           delta + R"(,"finish_reason":)" + finish + "}]}\n\n";
}
} // namespace

class TestChatStreamReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deepSeekReasonerFixture_data();
    void deepSeekReasonerFixture();
    void openAiFixture();
    void reasoningFieldOfOtherServers();
    void unicodeSplitAcrossPieces();
    void gatewayErrorEvent();
    void ignoresCommentsAndGarbage();
    void nothingAfterDone();
};

void TestChatStreamReader::deepSeekReasonerFixture_data()
{
    QTest::addColumn<int>("pieceSize");
    for (int size : {1, 3, 7, 64, 100000})
        QTest::newRow(qPrintable(QStringLiteral("pieces of %1").arg(size))) << size;
}

void TestChatStreamReader::deepSeekReasonerFixture()
{
    QFETCH(int, pieceSize);
    const QByteArray stream =
        TestData::read(TestData::path(QStringLiteral("sse/deepseek-reasoner-stream.sse")));
    const Totals totals = readInPieces(stream, pieceSize);
    QCOMPARE(totals.reasoning, QStringLiteral("The user asks for 2+2."));
    QCOMPARE(totals.content, QStringLiteral("2 + 2 = 4."));
    QVERIFY(totals.hasUsage);
    QCOMPARE(totals.usage.promptTokens, 14);
    QCOMPARE(totals.usage.completionTokens, 31);
    QCOMPARE(totals.usage.reasoningTokens, 24);
    QCOMPARE(totals.usage.cachedTokens, 0);
    QCOMPARE(totals.finishReason, QStringLiteral("stop"));
    QVERIFY(totals.done);
    QVERIFY(!totals.error.isError());
}

void TestChatStreamReader::openAiFixture()
{
    const QByteArray stream =
        TestData::read(TestData::path(QStringLiteral("sse/openai-chat-stream.sse")));
    const Totals totals = readInPieces(stream, 5);
    QVERIFY(!totals.content.isEmpty());
    QVERIFY(totals.reasoning.isEmpty());
    QVERIFY(totals.done);
}

void TestChatStreamReader::reasoningFieldOfOtherServers()
{
    // OpenRouter and Ollama name it `reasoning`.
    const QByteArray stream = chunk(R"({"role":"assistant","reasoning":"Think"})") +
                              chunk(R"({"reasoning":"ing."})") + chunk(R"({"content":"Done"})") +
                              chunk("{}", "\"length\"") + "data: [DONE]\n\n";
    const Totals totals = readInPieces(stream, 11);
    QCOMPARE(totals.reasoning, QStringLiteral("Thinking."));
    QCOMPARE(totals.content, QStringLiteral("Done"));
    QCOMPARE(totals.finishReason, QStringLiteral("length"));
    QVERIFY(!totals.hasUsage);
}

void TestChatStreamReader::unicodeSplitAcrossPieces()
{
    const QString text = QStringLiteral("你好，世界 🌍 — naïve");
    QByteArray delta = QJsonDocument(QJsonObject{{QStringLiteral("content"), text}})
                           .toJson(QJsonDocument::Compact);
    const QByteArray stream = chunk(delta) + "data: [DONE]\n\n";
    for (int size = 1; size < 8; ++size)
        QCOMPARE(readInPieces(stream, size).content, text);
}

void TestChatStreamReader::gatewayErrorEvent()
{
    const QByteArray stream =
        chunk(R"({"content":"Half"})") +
        R"(data: {"error":{"message":"Provider 'deepseek' stopped sending for 300 s; the gateway gave up (limits.upstreamIdleTimeoutMs).","type":"upstream_error","param":null,"code":"upstream_timeout"}})"
        "\n\n";
    const Totals totals = readInPieces(stream, 9);
    QCOMPARE(totals.content, QStringLiteral("Half"));
    QCOMPARE(totals.error.kind, ChatError::Kind::ProviderTimeout);
    QVERIFY(totals.error.detail.contains(QStringLiteral("stopped sending")));
    QVERIFY(!totals.done);

    const QByteArray broken =
        R"(data: {"error":{"message":"The connection to provider 'openai' broke during the stream","type":"upstream_error","param":null,"code":"upstream_bad_response"}})"
        "\n\n";
    QCOMPARE(readInPieces(broken, 100).error.kind, ChatError::Kind::StreamBroken);
}

void TestChatStreamReader::ignoresCommentsAndGarbage()
{
    const QByteArray stream = ": keep-alive\r\n\r\n" + chunk(R"({"content":"a"})") +
                              "data: not json\n\n" + chunk(R"({"content":null})") +
                              chunk(R"({"content":"b"})") + "data: [DONE]\n\n";
    const Totals totals = readInPieces(stream, 4);
    QCOMPARE(totals.content, QStringLiteral("ab"));
    QVERIFY(totals.done);
}

void TestChatStreamReader::nothingAfterDone()
{
    ChatStreamReader reader;
    QVERIFY(reader.feed("data: [DONE]\n\n").done);
    QVERIFY(reader.isFinished());
    QVERIFY(reader.feed(chunk(R"({"content":"late"})")).content.isEmpty());
}

QTEST_GUILESS_MAIN(TestChatStreamReader)
#include "TestChatStreamReader.moc"
