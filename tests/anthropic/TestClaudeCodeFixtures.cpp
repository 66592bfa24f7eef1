// Golden tests on requests the real Claude Code CLI sent (tests/data/claude-code/, captured
// with scripts/compat/fake-upstream.mjs and trimmed): the gateway accepts them as they are,
// passes them to Anthropic unchanged, and translates them for an OpenAI-type provider, whose
// streams come back as the Anthropic events Claude Code reads.
#include "AnthropicStreamAssembler.h"
#include "GoldenFiles.h"
#include "api/ChatRequestValidator.h"
#include "providers/ProviderRegistry.h"
#include "providers/anthropic/AnthropicPassthroughTranslator.h"

#include <QFile>
#include <QTest>

namespace {

const QByteArray kGoldenReasoningKey = "golden-test-reasoning-key";

QString path(const QString &name)
{
    return TestData::path(QStringLiteral("claude-code/") + name);
}

QJsonObject clientBody(const QString &name)
{
    return GoldenFiles::readJson(path(name + QStringLiteral(".json")))
        .value(QStringLiteral("body"))
        .toObject();
}

std::unique_ptr<ChatTranslator> deepSeekTranslator(const QString &model)
{
    ProviderSettings deepSeek;
    deepSeek.id = QStringLiteral("deepseek");
    deepSeek.type = ProviderType::OpenAi;
    TranslatorContext context;
    context.provider = &deepSeek;
    context.signer = std::make_shared<const ReasoningSigner>(kGoldenReasoningKey);
    GatewayError error;
    auto translator = ProviderRegistry::createTranslator(ClientApi::Messages, context, &error);
    translator->setOutputTokenCap(OutputTokenCaps::resolve(deepSeek, model, -1));
    return translator;
}

/// Writes `actual` beside the fixture when LLMGW_WRITE_GOLDEN is set (to regenerate the
/// expected files after a reviewed change); never in a normal run.
void offerActual(const QString &file, const QByteArray &actual)
{
    if (qEnvironmentVariableIsEmpty("LLMGW_WRITE_GOLDEN"))
        return;
    QFile out(path(file));
    if (out.open(QIODevice::WriteOnly))
        out.write(actual);
}

} // namespace

class TestClaudeCodeFixtures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data();
    void accepted();
    void accepted_data() { fixtures_data(); }
    void passthroughUnchanged();
    void passthroughUnchanged_data() { fixtures_data(); }
    void translatedRequest();
    void translatedRequest_data() { fixtures_data(); }
    void translatedStream();
    void translatedStream_data() { fixtures_data(); }
    void whatClaudeCodeSends();
};

void TestClaudeCodeFixtures::fixtures_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("turn1_read_request") << QStringLiteral("turn1_read_request");
    QTest::newRow("turn2_tool_result") << QStringLiteral("turn2_tool_result");
}

void TestClaudeCodeFixtures::accepted()
{
    QFETCH(QString, name);
    const auto error = ChatRequestValidator::validateAnthropic(clientBody(name));
    QVERIFY2(!error, error ? qPrintable(error->message) : "");
}

void TestClaudeCodeFixtures::passthroughUnchanged()
{
    QFETCH(QString, name);
    AnthropicPassthroughTranslator translator;
    QByteArray body;
    GatewayError error;
    const QJsonObject client = clientBody(name);
    QVERIFY(translator.translateRequest(client, client.value(QStringLiteral("model")).toString(),
                                        &body, &error));
    QJsonObject expected = client;
    // Only the gateway's own thinking leaves: Anthropic would refuse its signature.
    QJsonArray messages = expected.value(QStringLiteral("messages")).toArray();
    for (qsizetype i = 0; i < messages.size(); ++i) {
        QJsonObject m = messages.at(i).toObject();
        QJsonArray kept;
        for (const QJsonValue &b : m.value(QStringLiteral("content")).toArray()) {
            if (b.toObject().value(QStringLiteral("type")).toString() != QLatin1String("thinking"))
                kept.append(b);
        }
        if (m.value(QStringLiteral("content")).isArray())
            m.insert(QStringLiteral("content"), kept);
        messages.replace(i, m);
    }
    expected.insert(QStringLiteral("messages"), messages);
    const QString diff = GoldenFiles::compareJson(QJsonDocument::fromJson(body).object(), expected);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestClaudeCodeFixtures::translatedRequest()
{
    QFETCH(QString, name);
    const QJsonObject client = clientBody(name);
    const auto translator = deepSeekTranslator(QStringLiteral("deepseek-chat"));
    QByteArray body;
    GatewayError error;
    QVERIFY(translator->translateRequest(client, QStringLiteral("deepseek-chat"), &body, &error));
    const QJsonObject actual = QJsonDocument::fromJson(body).object();
    offerActual(name + QStringLiteral(".upstream.json"),
                QJsonDocument(actual).toJson(QJsonDocument::Indented));
    const QString diff = GoldenFiles::compareJson(
        actual, GoldenFiles::readJson(path(name + QStringLiteral(".upstream.json"))));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    // What the log is told: Claude Code's 32000 lowered to deepseek-chat's 8192.
    QCOMPARE(translator->notes().size(), 1);
    QVERIFY(translator->notes().first().contains(QStringLiteral("32000 lowered to 8192")));
    QCOMPARE(translator->upstreamPath(QStringLiteral("deepseek-chat"), true).path,
             QByteArray("/chat/completions"));
}

void TestClaudeCodeFixtures::translatedStream()
{
    QFETCH(QString, name);
    const auto translator = deepSeekTranslator(QStringLiteral("deepseek-chat"));
    QByteArray body;
    GatewayError error;
    QVERIFY(translator->translateRequest(clientBody(name), QStringLiteral("deepseek-chat"), &body,
                                         &error));
    const QByteArray out = GoldenFiles::runStream(
        *translator, GoldenFiles::readFile(path(name + QStringLiteral(".upstream.sse"))), {});
    offerActual(name + QStringLiteral(".client.sse"), out);
    const QString diff = GoldenFiles::compareSse(
        out, GoldenFiles::readFile(path(name + QStringLiteral(".client.sse"))));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    const AnthropicStreamAssembler::Result message = AnthropicStreamAssembler::assemble(out);
    QVERIFY2(message.problem.isEmpty(), qPrintable(message.problem));
}

void TestClaudeCodeFixtures::whatClaudeCodeSends()
{
    // The shapes the gateway had to handle, as captured: pinned here so a new capture that
    // drops one of them shows up.
    const QJsonObject fixture =
        GoldenFiles::readJson(path(QStringLiteral("turn1_read_request.json")));
    const QJsonObject headers = fixture.value(QStringLiteral("headers")).toObject();
    QVERIFY(headers.value(QStringLiteral("anthropic-beta"))
                .toString()
                .contains(QStringLiteral("mid-conversation-system")));
    QCOMPARE(fixture.value(QStringLiteral("path")).toString(),
             QStringLiteral("/v1/messages?beta=true"));
    const QJsonObject body = fixture.value(QStringLiteral("body")).toObject();
    QCOMPARE(body.value(QStringLiteral("max_tokens")).toInteger(), 32000);
    QCOMPARE(
        body.value(QStringLiteral("thinking")).toObject().value(QStringLiteral("type")).toString(),
        QStringLiteral("adaptive"));
    QVERIFY(body.contains(QStringLiteral("output_config")));
    QVERIFY(body.contains(QStringLiteral("context_management")));
    QVERIFY(body.value(QStringLiteral("system"))
                .toArray()
                .first()
                .toObject()
                .value(QStringLiteral("text"))
                .toString()
                .startsWith(QLatin1String("x-anthropic-billing-header")));
    bool systemEntry = false;
    for (const QJsonValue &m : body.value(QStringLiteral("messages")).toArray())
        systemEntry |=
            m.toObject().value(QStringLiteral("role")).toString() == QLatin1String("system");
    QVERIFY(systemEntry);
}

QTEST_GUILESS_MAIN(TestClaudeCodeFixtures)
#include "TestClaudeCodeFixtures.moc"
