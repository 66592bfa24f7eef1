// Golden tests on what the real Codex CLI sends (tests/data/codex): the upstream request of
// each turn for an OpenAI-compatible and an Anthropic provider, and the stream Codex gets.
#include "ResponsesGolden.h"
#include "providers/responses/ResponsesToAnthropicTranslator.h"
#include "providers/responses/ResponsesToChatTranslator.h"

#include <QTest>

namespace {
QString codexPath(const QString &name)
{
    return TestData::path(QStringLiteral("codex/") + name);
}

/// Translates turn `turn`'s request with `translator` and compares it with `expectedName`.
template <typename Translator>
void checkTurn(Translator &translator, const QString &turn, const QString &model,
               const QString &expectedName)
{
    const QJsonObject client =
        GoldenFiles::readJson(codexPath(turn + QStringLiteral(".request.json")));
    QByteArray body;
    GatewayError error;
    QVERIFY2(translator.translateRequest(client, model, &body, &error), qPrintable(error.message));
    const QString file = codexPath(expectedName);
    if (!QFile::exists(file) && ResponsesGolden::updating()) {
        ResponsesGolden::writeFile(file, QJsonDocument::fromJson(body).toJson());
        QSKIP("fixture written: review it");
    }
    const QString diff = GoldenFiles::compareJson(QJsonDocument::fromJson(body).object(),
                                                  GoldenFiles::readJson(file));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

template <typename Translator> void checkStream(const QString &route, const QString &model)
{
    Translator t;
    ResponsesGolden::GoldenSuite<Translator>::pin(t);
    QByteArray body;
    GatewayError error;
    QVERIFY(
        t.translateRequest(GoldenFiles::readJson(codexPath(QStringLiteral("turn1.request.json"))),
                           model, &body, &error));
    const QByteArray actual = GoldenFiles::runStream(
        t, TestData::read(codexPath(QStringLiteral("turn1.%1-upstream.sse").arg(route))), {});
    const QString file = codexPath(QStringLiteral("turn1.%1-client.sse").arg(route));
    if (!QFile::exists(file) && ResponsesGolden::updating()) {
        ResponsesGolden::writeFile(file, actual);
        QSKIP("fixture written: review it");
    }
    const QString diff = GoldenFiles::compareSse(actual, TestData::read(file));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    const QString problem = ResponsesGolden::checkStream(actual);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // What Codex acts on: the exec_command call, whole, in response.output_item.done.
    bool sawCall = false;
    for (const QJsonObject &e : ResponsesGolden::eventObjects(actual)) {
        const QJsonObject item = e.value(QStringLiteral("item")).toObject();
        if (e.value(QStringLiteral("type")).toString() ==
                QLatin1String("response.output_item.done") &&
            item.value(QStringLiteral("type")).toString() == QLatin1String("function_call")) {
            QCOMPARE(item.value(QStringLiteral("name")).toString(), QStringLiteral("exec_command"));
            QCOMPARE(
                QJsonDocument::fromJson(item.value(QStringLiteral("arguments")).toString().toUtf8())
                    .object()
                    .value(QStringLiteral("cmd"))
                    .toString(),
                QStringLiteral("cat notes.txt"));
            sawCall = true;
        }
    }
    QVERIFY(sawCall);
}
} // namespace

class TestCodexFixtures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void whatCodexSends();
    void chatTurns_data();
    void chatTurns();
    void anthropicTurns_data() { chatTurns_data(); }
    void anthropicTurns();
    void chatStream()
    {
        checkStream<ResponsesToChatTranslator>(QStringLiteral("chat"),
                                               QStringLiteral("deepseek-chat"));
    }
    void anthropicStream()
    {
        checkStream<ResponsesToAnthropicTranslator>(QStringLiteral("anthropic"),
                                                    QStringLiteral("claude-sonnet-4-5"));
    }
    void droppedTools();
};

void TestCodexFixtures::whatCodexSends()
{
    // The fields the translators rely on are in the capture, as the issue describes them.
    const QJsonObject turn1 =
        GoldenFiles::readJson(codexPath(QStringLiteral("turn1.request.json")));
    QCOMPARE(turn1.value(QStringLiteral("store")).toBool(true), false);
    QCOMPARE(turn1.value(QStringLiteral("stream")).toBool(), true);
    QCOMPARE(turn1.value(QStringLiteral("tool_choice")).toString(), QStringLiteral("auto"));
    QCOMPARE(turn1.value(QStringLiteral("parallel_tool_calls")).toBool(), true);
    QCOMPARE(turn1.value(QStringLiteral("include")).toArray().first().toString(),
             QStringLiteral("reasoning.encrypted_content"));
    QVERIFY(turn1.contains(QStringLiteral("prompt_cache_key")));
    QVERIFY(turn1.contains(QStringLiteral("client_metadata")));
    const QJsonObject headers = GoldenFiles::readJson(codexPath(QStringLiteral("headers.json")));
    for (const char *name : {"originator", "session-id", "x-client-request-id"})
        QVERIFY2(headers.contains(QLatin1String(name)), name);
}

void TestCodexFixtures::chatTurns_data()
{
    QTest::addColumn<QString>("turn");
    QTest::newRow("turn1") << QStringLiteral("turn1");
    QTest::newRow("turn2") << QStringLiteral("turn2");
}

void TestCodexFixtures::chatTurns()
{
    QFETCH(QString, turn);
    ResponsesToChatTranslator t;
    checkTurn(t, turn, QStringLiteral("deepseek-chat"), turn + QStringLiteral(".chat.json"));
}

void TestCodexFixtures::anthropicTurns()
{
    QFETCH(QString, turn);
    ResponsesToAnthropicTranslator t;
    checkTurn(t, turn, QStringLiteral("claude-sonnet-4-5"),
              turn + QStringLiteral(".anthropic.json"));
}

void TestCodexFixtures::droppedTools()
{
    ResponsesToChatTranslator t;
    QByteArray body;
    GatewayError error;
    QVERIFY(
        t.translateRequest(GoldenFiles::readJson(codexPath(QStringLiteral("turn1.request.json"))),
                           QStringLiteral("deepseek-chat"), &body, &error));
    QCOMPARE(t.droppedTools(), QStringList({QStringLiteral("namespace:multi_agent_v1"),
                                            QStringLiteral("web_search")}));
    const QJsonArray tools =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("tools")).toArray();
    QCOMPARE(tools.size(), 2); // exec_command and view_image
}

QTEST_GUILESS_MAIN(TestCodexFixtures)
#include "TestCodexFixtures.moc"
