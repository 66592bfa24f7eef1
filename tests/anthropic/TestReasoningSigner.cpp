// The gateway's reasoning signatures: made for one text with one key, recognised only for
// that text and key; the key kept in a user-only file that survives restarts.
#include "providers/ReasoningKeyFile.h"
#include "providers/ReasoningSigner.h"
#include "providers/anthropic/AnthropicPassthroughTranslator.h"
#include "providers/anthropic/AnthropicToOpenAiTranslator.h"
#include "providers/anthropic/OpenAiToAnthropicTranslator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

class TestReasoningSigner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signsAndVerifies();
    void refusesOtherTextsKeysAndForms_data();
    void refusesOtherTextsKeysAndForms();
    void generatedKeysDiffer();
    void keyFileIsMadeOnceAndKept();
    void damagedKeyFileIsReplaced();
    void unwritableKeyFileSaysWhy();
    void anthropicNeverReceivesGatewayThinking();
    void openAiClientsReplayOnlyAnthropicThinking();
    void reasoningGoesBackToItsProviderOnly();
};

void TestReasoningSigner::signsAndVerifies()
{
    const ReasoningSigner signer("key-one");
    const QString deepSeek = QStringLiteral("deepseek");
    const QString signature = signer.sign(deepSeek, QStringLiteral("I should read a.txt."));
    QVERIFY(signature.startsWith(QLatin1String("llmgw1.")));
    QCOMPARE(signature.size(), 7 + 43); // base64url of 32 bytes, no padding
    QVERIFY(ReasoningSigner::isGatewaySignature(signature));
    QVERIFY(signer.verifies(signature, deepSeek, QStringLiteral("I should read a.txt.")));
    QCOMPARE(signer.sign(deepSeek, QStringLiteral("I should read a.txt.")),
             signature); // deterministic
    // Non-Latin text is signed as UTF-8.
    const QString chinese = QStringLiteral("先读文件。");
    QVERIFY(signer.verifies(signer.sign(deepSeek, chinese), deepSeek, chinese));
}

void TestReasoningSigner::refusesOtherTextsKeysAndForms_data()
{
    QTest::addColumn<QString>("signature");
    QTest::addColumn<QString>("text");
    const ReasoningSigner signer("key-one");
    const QString text = QStringLiteral("Think harder.");
    const QString good = signer.sign(QStringLiteral("deepseek"), text);
    QTest::newRow("changed text") << good << QStringLiteral("Think harder!");
    QTest::newRow("other key") << ReasoningSigner("key-two").sign(QStringLiteral("deepseek"), text)
                               << text;
    // Another provider's reasoning does not go to this one (strict servers refuse it).
    QTest::newRow("other provider") << signer.sign(QStringLiteral("mistral"), text) << text;
    // The separator keeps scope and text apart: "deep"+"seek..." is not "deepseek"+"...".
    QTest::newRow("scope and text shifted")
        << signer.sign(QStringLiteral("deep"), QStringLiteral("seek") + QChar(0) + text) << text;
    QTest::newRow("anthropic's") << QStringLiteral("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxB") << text;
    QTest::newRow("empty") << QString() << text;
    QTest::newRow("truncated") << good.left(good.size() - 1) << text;
    QTest::newRow("extended") << good + QLatin1Char('A') << text;
    QTest::newRow("prefix only") << QStringLiteral("llmgw1.") << text;
    QString flipped = good;
    flipped[10] = flipped[10] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    QTest::newRow("one character changed") << flipped << text;
}

void TestReasoningSigner::refusesOtherTextsKeysAndForms()
{
    QFETCH(QString, signature);
    QFETCH(QString, text);
    QVERIFY(!ReasoningSigner("key-one").verifies(signature, QStringLiteral("deepseek"), text));
}

void TestReasoningSigner::generatedKeysDiffer()
{
    const QByteArray a = ReasoningSigner::generateKey();
    const QByteArray b = ReasoningSigner::generateKey();
    QCOMPARE(a.size(), 32);
    QVERIFY(a != b);
}

void TestReasoningSigner::keyFileIsMadeOnceAndKept()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("data/llm-gateway/reasoning-signing.key"));
    QString error;
    const QByteArray first = ReasoningKeyFile::loadOrCreate(path, &error);
    QVERIFY2(!first.isEmpty(), qPrintable(error));
    QVERIFY(QFile::exists(path));
    QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                         QFileDevice::WriteGroup | QFileDevice::WriteOther),
             QFileDevice::Permissions());
    // A restart reads the same key: signatures of earlier sessions still verify.
    const QByteArray again = ReasoningKeyFile::loadOrCreate(path, &error);
    QCOMPARE(again, first);
    QVERIFY(ReasoningSigner(again).verifies(
        ReasoningSigner(first).sign(QStringLiteral("p"), QStringLiteral("x")), QStringLiteral("p"),
        QStringLiteral("x")));
}

void TestReasoningSigner::damagedKeyFileIsReplaced()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("reasoning-signing.key"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("short\n");
    file.close();
    QString error;
    const QByteArray key = ReasoningKeyFile::loadOrCreate(path, &error);
    QCOMPARE(key.size(), 32);
    QCOMPARE(ReasoningKeyFile::loadOrCreate(path, &error), key);
}

void TestReasoningSigner::unwritableKeyFileSaysWhy()
{
    QTemporaryDir dir;
    // A file where the folder should be: neither readable as a key nor creatable.
    QFile blocker(dir.filePath(QStringLiteral("blocked")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString path = dir.filePath(QStringLiteral("blocked/reasoning-signing.key"));
    QString error;
    QVERIFY(ReasoningKeyFile::loadOrCreate(path, &error).isEmpty());
    QVERIFY2(error.contains(path), qPrintable(error));
}

void TestReasoningSigner::anthropicNeverReceivesGatewayThinking()
{
    const QString gatewaySigned =
        ReasoningSigner("k").sign(QStringLiteral("deepseek"), QStringLiteral("DeepSeek thought."));
    QByteArray json = R"({
        "model":"claude-x","max_tokens":100,"messages":[
        {"role":"user","content":"Read a.txt"},
        {"role":"assistant","content":[
          {"type":"thinking","thinking":"DeepSeek thought.","signature":"%1"},
          {"type":"tool_use","id":"t1","name":"Read","input":{}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"hi"}]},
        {"role":"assistant","content":[
          {"type":"thinking","thinking":"Only thought.","signature":"%1"}]},
        {"role":"user","content":"Go on"},
        {"role":"assistant","content":[
          {"type":"thinking","thinking":"Claude thought.","signature":"EqClaude"},
          {"type":"text","text":"Done."}]},
        {"role":"user","content":"Thanks"}]})";
    json.replace("%1", gatewaySigned.toLatin1());
    const QJsonObject client = QJsonDocument::fromJson(json).object();
    AnthropicPassthroughTranslator translator;
    QByteArray body;
    GatewayError error;
    QVERIFY(translator.translateRequest(client, QStringLiteral("claude-x"), &body, &error));
    QVERIFY(!body.contains("llmgw1."));
    const QJsonArray messages =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("messages")).toArray();
    // The assistant turn that held only gateway thinking is gone; Claude's own is kept.
    QCOMPARE(messages.size(), 6);
    QCOMPARE(messages.at(1).toObject().value(QStringLiteral("content")).toArray().size(), 1);
    QVERIFY(body.contains("\"signature\":\"EqClaude\""));
    QCOMPARE(translator.notes().size(), 1);
    QVERIFY(translator.notes().first().contains(QStringLiteral("2 thinking block")));

    // Nothing to remove: the body is the client's, no note.
    AnthropicPassthroughTranslator plain;
    QVERIFY(plain.translateRequest(
        QJsonDocument::fromJson(
            R"({"model":"m","max_tokens":1,"messages":[{"role":"user","content":"x"}]})")
            .object(),
        QStringLiteral("claude-x"), &body, &error));
    QVERIFY(plain.notes().isEmpty());
}

void TestReasoningSigner::openAiClientsReplayOnlyAnthropicThinking()
{
    const QString gatewaySigned =
        ReasoningSigner("k").sign(QStringLiteral("deepseek"), QStringLiteral("mine"));
    QByteArray json = R"({"model":"claude-x","messages":[{"role":"user","content":"a"},
        {"role":"assistant","content":"b","thinking_blocks":[
          {"type":"thinking","thinking":"mine","signature":"%1"},
          {"type":"thinking","thinking":"claude's","signature":"EqSig"}]},
        {"role":"user","content":"c"},
        {"role":"assistant","content":"d","reasoning_content":"mine","reasoning_signature":"%1"},
        {"role":"user","content":"e"}]})";
    json.replace("%1", gatewaySigned.toLatin1());
    const QJsonObject client = QJsonDocument::fromJson(json).object();
    OpenAiToAnthropicTranslator translator;
    QByteArray body;
    GatewayError error;
    QVERIFY(translator.translateRequest(client, QStringLiteral("claude-x"), &body, &error));
    QVERIFY(!body.contains("llmgw1."));
    QVERIFY(body.contains("\"signature\":\"EqSig\""));
}

void TestReasoningSigner::reasoningGoesBackToItsProviderOnly()
{
    const auto signer = std::make_shared<const ReasoningSigner>("k");
    QByteArray json = R"({"model":"m","max_tokens":100,"messages":[
        {"role":"user","content":"Read a.txt"},
        {"role":"assistant","content":[
          {"type":"thinking","thinking":"DeepSeek thought.","signature":"%1"},
          {"type":"tool_use","id":"t1","name":"Read","input":{}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"hi"}]}]})";
    json.replace(
        "%1",
        signer->sign(QStringLiteral("deepseek"), QStringLiteral("DeepSeek thought.")).toLatin1());
    const QJsonObject client = QJsonDocument::fromJson(json).object();
    for (const QString &provider : {QStringLiteral("deepseek"), QStringLiteral("mistral")}) {
        AnthropicToOpenAiTranslator translator;
        translator.setReasoningSigner(signer, provider);
        QByteArray body;
        GatewayError error;
        QVERIFY(translator.translateRequest(client, QStringLiteral("m"), &body, &error));
        const QJsonObject assistant = QJsonDocument::fromJson(body)
                                          .object()
                                          .value(QStringLiteral("messages"))
                                          .toArray()
                                          .at(1)
                                          .toObject();
        QCOMPARE(assistant.contains(QStringLiteral("reasoning_content")),
                 provider == QLatin1String("deepseek"));
    }
}

QTEST_GUILESS_MAIN(TestReasoningSigner)
#include "TestReasoningSigner.moc"
