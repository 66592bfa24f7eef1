// Stream order tables: whatever order an upstream sends its pieces in (a tool call's name,
// then reasoning, then its arguments; parallel calls interleaved; deltas before their block
// starts...), the client's stream is well formed and carries every byte.
#include "AnthropicStreamAssembler.h"
#include "GoldenFiles.h"
#include "providers/anthropic/AnthropicToOpenAiTranslator.h"
#include "providers/anthropic/OpenAiToAnthropicTranslator.h"

#include <QJsonArray>
#include <QTest>

namespace {

const QByteArray kKey = "stream-order-key";

// ---- OpenAI-compatible upstream pieces (for Anthropic clients) ----

QByteArray chunk(const QByteArray &delta, const QByteArray &finish = "null")
{
    return R"(data: {"id":"c","object":"chat.completion.chunk","model":"deepseek-chat","choices":[{"index":0,"delta":)" +
           delta + R"(,"finish_reason":)" + finish + "}]}\n\n";
}
QByteArray reasoning(const char *text)
{
    return chunk(R"({"reasoning_content":")" + QByteArray(text) + "\"}");
}
QByteArray content(const char *text)
{
    return chunk(R"({"content":")" + QByteArray(text) + "\"}");
}
QByteArray toolStart(int index, const char *id, const char *name, const QByteArray &args = "")
{
    return chunk(R"({"tool_calls":[{"index":)" + QByteArray::number(index) + R"(,"id":")" + id +
                 R"(","type":"function","function":{"name":")" + name + R"(","arguments":")" +
                 args + "\"}}]}");
}
QByteArray toolArgs(int index, const QByteArray &escapedArgs)
{
    return chunk(R"({"tool_calls":[{"index":)" + QByteArray::number(index) +
                 R"(,"function":{"arguments":")" + escapedArgs + "\"}}]}");
}
QByteArray finish(const char *reason)
{
    return chunk("{}", "\"" + QByteArray(reason) + "\"");
}
const QByteArray kUsage =
    R"(data: {"id":"c","object":"chat.completion.chunk","model":"deepseek-chat","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":4,"total_tokens":13}})"
    "\n\ndata: [DONE]\n\n";

/// One line per block: "thinking:TEXT", "text:TEXT", "tool:ID:NAME:INPUT".
QStringList summary(const QJsonArray &content)
{
    QStringList lines;
    for (const QJsonValue &v : content) {
        const QJsonObject b = v.toObject();
        const QString type = b.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("thinking"))
            lines.append(QStringLiteral("thinking:") +
                         b.value(QStringLiteral("thinking")).toString());
        else if (type == QLatin1String("text"))
            lines.append(QStringLiteral("text:") + b.value(QStringLiteral("text")).toString());
        else
            lines.append(QStringLiteral("tool:%1:%2:%3")
                             .arg(b.value(QStringLiteral("id")).toString(),
                                  b.value(QStringLiteral("name")).toString(),
                                  QString::fromUtf8(
                                      QJsonDocument(b.value(QStringLiteral("input")).toObject())
                                          .toJson(QJsonDocument::Compact))));
    }
    return lines;
}

// ---- Anthropic upstream events (for OpenAI clients) ----

QByteArray ev(const char *name, const QByteArray &json)
{
    return QByteArray("event: ") + name + "\ndata: " + json + "\n\n";
}
const QByteArray kMessageStart = ev(
    "message_start",
    R"({"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":1}}})");
QByteArray blockStart(int index, const QByteArray &block)
{
    return ev("content_block_start", R"({"type":"content_block_start","index":)" +
                                         QByteArray::number(index) + R"(,"content_block":)" +
                                         block + "}");
}
QByteArray blockDelta(int index, const QByteArray &delta)
{
    return ev("content_block_delta", R"({"type":"content_block_delta","index":)" +
                                         QByteArray::number(index) + R"(,"delta":)" + delta + "}");
}
QByteArray blockStop(int index)
{
    return ev("content_block_stop",
              R"({"type":"content_block_stop","index":)" + QByteArray::number(index) + "}");
}
QByteArray textDelta(int index, const char *text)
{
    return blockDelta(index, R"({"type":"text_delta","text":")" + QByteArray(text) + "\"}");
}
QByteArray thinkingDelta(int index, const char *text)
{
    return blockDelta(index, R"({"type":"thinking_delta","thinking":")" + QByteArray(text) + "\"}");
}
QByteArray jsonDelta(int index, const QByteArray &escaped)
{
    return blockDelta(index, R"({"type":"input_json_delta","partial_json":")" + escaped + "\"}");
}
const QByteArray kPing = ev("ping", R"({"type":"ping"})");
QByteArray messageDelta(const char *stop)
{
    return ev("message_delta", R"({"type":"message_delta","delta":{"stop_reason":")" +
                                   QByteArray(stop) +
                                   R"(","stop_sequence":null},"usage":{"output_tokens":12}})");
}
const QByteArray kMessageStop = ev("message_stop", R"({"type":"message_stop"})");

/// What an OpenAI client assembles from a Chat Completions stream.
struct OpenAiMessage
{
    QString content;
    QString reasoning;
    QMap<int, QStringList> tools; ///< index -> {id, name, arguments}
    QJsonArray thinkingBlocks;
    QString finishReason;
    QString problem;
};

OpenAiMessage assembleOpenAi(const QByteArray &sse)
{
    OpenAiMessage m;
    for (const SseEvent &e : GoldenFiles::parseSse(sse)) {
        if (e.isComment || e.data == "[DONE]")
            continue;
        const QJsonObject c = QJsonDocument::fromJson(e.data).object();
        const QJsonArray choices = c.value(QStringLiteral("choices")).toArray();
        if (choices.isEmpty())
            continue;
        if (!m.finishReason.isEmpty() && m.problem.isEmpty())
            m.problem =
                QStringLiteral("a chunk after the finish chunk: %1").arg(QString::fromUtf8(e.data));
        const QJsonObject choice = choices.first().toObject();
        const QJsonObject d = choice.value(QStringLiteral("delta")).toObject();
        m.content += d.value(QStringLiteral("content")).toString();
        m.reasoning += d.value(QStringLiteral("reasoning_content")).toString();
        for (const QJsonValue &b : d.value(QStringLiteral("thinking_blocks")).toArray())
            m.thinkingBlocks.append(b);
        for (const QJsonValue &t : d.value(QStringLiteral("tool_calls")).toArray()) {
            const QJsonObject call = t.toObject();
            QStringList &tool = m.tools[call.value(QStringLiteral("index")).toInt()];
            if (tool.isEmpty())
                tool = {QString(), QString(), QString()};
            const QJsonObject f = call.value(QStringLiteral("function")).toObject();
            tool[0] += call.value(QStringLiteral("id")).toString();
            tool[1] += f.value(QStringLiteral("name")).toString();
            tool[2] += f.value(QStringLiteral("arguments")).toString();
        }
        if (choice.value(QStringLiteral("finish_reason")).isString())
            m.finishReason = choice.value(QStringLiteral("finish_reason")).toString();
    }
    return m;
}

} // namespace

class TestStreamOrder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toAnthropicClients_data();
    void toAnthropicClients();
    void toOpenAiClients_data();
    void toOpenAiClients();
};

void TestStreamOrder::toAnthropicClients_data()
{
    QTest::addColumn<QByteArray>("upstream");
    QTest::addColumn<QStringList>("blocks");
    QTest::addColumn<QString>("stopReason");

    QTest::newRow("usual order") << reasoning("Need ") + reasoning("a.txt.") + content("Reading.") +
                                        toolStart(0, "call_a", "Read") + toolArgs(0, R"({\"p\":)") +
                                        toolArgs(0, R"(\"a\"})") + finish("tool_calls") + kUsage
                                 << QStringList{"thinking:Need a.txt.", "text:Reading.",
                                                R"(tool:call_a:Read:{"p":"a"})"}
                                 << "tool_use";
    QTest::newRow("name, then reasoning, then arguments (issue 9)")
        << toolStart(0, "call_a", "Read") + reasoning("Which ") + reasoning("file?") +
               toolArgs(0, R"({\"p\":)") + toolArgs(0, R"(\"a\"})") + finish("tool_calls") + kUsage
        << QStringList{R"(tool:call_a:Read:{"p":"a"})", "thinking:Which file?"} << "tool_use";
    QTest::newRow("parallel calls interleaved")
        << toolStart(0, "call_a", "Read") + toolStart(1, "call_b", "Glob") +
               toolArgs(0, R"({\"p\":)") + toolArgs(1, R"({\"q\":\"*\"})") +
               toolArgs(0, R"(\"a\"})") + finish("tool_calls") + kUsage
        << QStringList{R"(tool:call_a:Read:{"p":"a"})", R"(tool:call_b:Glob:{"q":"*"})"}
        << "tool_use";
    QTest::newRow("text while a call is open")
        << toolStart(0, "call_a", "Read", R"({\"p\")") + content("Hold on.") +
               toolArgs(0, R"(:\"a\"})") + content(" Done.") + finish("tool_calls") + kUsage
        << QStringList{R"(tool:call_a:Read:{"p":"a"})", "text:Hold on. Done."} << "tool_use";
    QTest::newRow("arguments before id and name")
        << toolArgs(0, R"({\"p\":)") + toolStart(0, "call_a", "Read") + toolArgs(0, R"(\"a\"})") +
               content("Ok.") + finish("tool_calls") + kUsage
        << QStringList{R"(tool:call_a:Read:{"p":"a"})", "text:Ok."} << "tool_use";
    QTest::newRow("name repeated in every delta")
        << toolStart(0, "call_a", "Read", R"({\"p\":)") + toolStart(0, "", "Read", R"(\"a\"})") +
               finish("tool_calls") + kUsage
        << QStringList{R"(tool:call_a:Read:{"p":"a"})"} << "tool_use";
    QTest::newRow("reasoning, text, reasoning again")
        << reasoning("One.") + content("Two.") + reasoning("Three.") + finish("stop") + kUsage
        << QStringList{"thinking:One.", "text:Two.", "thinking:Three."} << "end_turn";
    QTest::newRow("content after finish_reason")
        << content("Hi") + finish("stop") + content(" there") + kUsage
        << QStringList{"text:Hi", "text: there"} << "end_turn";
    QTest::newRow("tool calls but finish_reason stop, no [DONE]")
        << toolStart(0, "call_a", "Read", R"({\"p\":\"a\"})") + finish("stop")
        << QStringList{R"(tool:call_a:Read:{"p":"a"})"} << "tool_use";
}

void TestStreamOrder::toAnthropicClients()
{
    QFETCH(QByteArray, upstream);
    QFETCH(QStringList, blocks);
    QFETCH(QString, stopReason);
    const auto signer = std::make_shared<const ReasoningSigner>(kKey);
    AnthropicToOpenAiTranslator translator;
    translator.setReasoningSigner(signer, QStringLiteral("deepseek"));
    QByteArray body;
    GatewayError error;
    QVERIFY(translator.translateRequest(
        QJsonDocument::fromJson(
            R"({"model":"m","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"x"}]})")
            .object(),
        QStringLiteral("deepseek-chat"), &body, &error));
    // Fed whole, then cut at every byte: the same client stream.
    const QByteArray out = GoldenFiles::runStream(translator, upstream, {});
    QVERIFY(translator.isStreamComplete());
    const AnthropicStreamAssembler::Result message = AnthropicStreamAssembler::assemble(out);
    QVERIFY2(message.problem.isEmpty(), qPrintable(message.problem));
    QCOMPARE(summary(message.content), blocks);
    QCOMPARE(message.stopReason, stopReason);
    for (const QJsonValue &b : message.content) {
        const QJsonObject block = b.toObject();
        if (block.value(QStringLiteral("type")).toString() == QLatin1String("thinking"))
            QVERIFY(signer->verifies(block.value(QStringLiteral("signature")).toString(),
                                     QStringLiteral("deepseek"),
                                     block.value(QStringLiteral("thinking")).toString()));
    }
    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < upstream.size(); ++i)
        everyByte.append(i);
    AnthropicToOpenAiTranslator split;
    split.setReasoningSigner(signer, QStringLiteral("deepseek"));
    QVERIFY(split.translateRequest(
        QJsonDocument::fromJson(
            R"({"model":"m","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"x"}]})")
            .object(),
        QStringLiteral("deepseek-chat"), &body, &error));
    QCOMPARE(GoldenFiles::runStream(split, upstream, everyByte), out);
}

void TestStreamOrder::toOpenAiClients_data()
{
    QTest::addColumn<QByteArray>("upstream");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("reasoning");
    QTest::addColumn<QStringList>("tool0");
    QTest::addColumn<QStringList>("tool1");
    QTest::addColumn<QString>("finishReason");

    const QByteArray thinking = R"({"type":"thinking","thinking":"","signature":""})";
    const QByteArray text = R"({"type":"text","text":""})";
    const auto tool = [](const char *id, const char *name) {
        return R"({"type":"tool_use","id":")" + QByteArray(id) + R"(","name":")" + name +
               R"(","input":{}})";
    };
    QTest::newRow("usual order") << kMessageStart + blockStart(0, thinking) +
                                        thinkingDelta(0, "Hmm.") + blockStop(0) +
                                        blockStart(1, text) + textDelta(1, "Reading.") +
                                        blockStop(1) + blockStart(2, tool("toolu_a", "Read")) +
                                        jsonDelta(2, R"({\"p\":)") + jsonDelta(2, R"(\"a\"})") +
                                        blockStop(2) + messageDelta("tool_use") + kMessageStop
                                 << "Reading."
                                 << "Hmm." << QStringList{"toolu_a", "Read", R"({"p":"a"})"}
                                 << QStringList() << "tool_calls";
    QTest::newRow("arguments before their block starts")
        << kMessageStart + jsonDelta(0, R"({\"p\":)") + blockStart(0, tool("toolu_a", "Read")) +
               jsonDelta(0, R"(\"a\"})") + blockStop(0) + messageDelta("tool_use") + kMessageStop
        << ""
        << "" << QStringList{"toolu_a", "Read", R"({"p":"a"})"} << QStringList() << "tool_calls";
    QTest::newRow("two tool blocks interleaved")
        << kMessageStart + blockStart(0, tool("toolu_a", "Read")) +
               blockStart(1, tool("toolu_b", "Glob")) + jsonDelta(0, R"({\"p\":)") +
               jsonDelta(1, R"({\"q\":\"*\"})") + jsonDelta(0, R"(\"a\"})") + blockStop(1) +
               blockStop(0) + messageDelta("tool_use") + kMessageStop
        << ""
        << "" << QStringList{"toolu_a", "Read", R"({"p":"a"})"}
        << QStringList{"toolu_b", "Glob", R"({"q":"*"})"} << "tool_calls";
    QTest::newRow("thinking deltas before their block starts")
        << kMessageStart + thinkingDelta(0, "early ") + blockStart(0, thinking) +
               thinkingDelta(0, "late") +
               blockDelta(0, R"({"type":"signature_delta","signature":"EqSig"})") + blockStop(0) +
               messageDelta("end_turn") + kMessageStop
        << ""
        << "early late" << QStringList() << QStringList() << "stop";
    QTest::newRow("deltas after message_delta, pings anywhere")
        << kMessageStart + kPing + blockStart(0, text) + textDelta(0, "Hi") + kPing +
               messageDelta("end_turn") + textDelta(0, " there") + blockStop(0) + kPing +
               kMessageStop
        << "Hi there"
        << "" << QStringList() << QStringList() << "stop";
}

void TestStreamOrder::toOpenAiClients()
{
    QFETCH(QByteArray, upstream);
    QFETCH(QString, content);
    QFETCH(QString, reasoning);
    QFETCH(QStringList, tool0);
    QFETCH(QStringList, tool1);
    QFETCH(QString, finishReason);
    OpenAiToAnthropicTranslator translator;
    QByteArray body;
    GatewayError error;
    QVERIFY(translator.translateRequest(
        QJsonDocument::fromJson(
            R"({"model":"m","stream":true,"messages":[{"role":"user","content":"x"}]})")
            .object(),
        QStringLiteral("claude-x"), &body, &error));
    const QByteArray out = GoldenFiles::runStream(translator, upstream, {});
    QVERIFY(translator.isStreamComplete());
    const OpenAiMessage m = assembleOpenAi(out);
    QVERIFY2(m.problem.isEmpty(), qPrintable(m.problem));
    QCOMPARE(m.content, content);
    QCOMPARE(m.reasoning, reasoning);
    QCOMPARE(m.tools.value(0), tool0);
    QCOMPARE(m.tools.value(1), tool1);
    QCOMPARE(m.finishReason, finishReason);
    for (const QJsonValue &b : m.thinkingBlocks)
        QCOMPARE(b.toObject().value(QStringLiteral("thinking")).toString(), reasoning);
    QVERIFY(out.endsWith("data: [DONE]\n\n"));
}

QTEST_GUILESS_MAIN(TestStreamOrder)
#include "TestStreamOrder.moc"
