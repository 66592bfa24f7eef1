// Output-token caps: where a model's cap comes from (model list, setting, preset), how model
// lists state it, and how translated requests are lowered to it with a note for the log.
#include "providers/ModelListParser.h"
#include "providers/OutputTokenCaps.h"
#include "providers/anthropic/AnthropicToOpenAiTranslator.h"
#include "providers/anthropic/OpenAiToAnthropicTranslator.h"
#include "providers/responses/ResponsesToAnthropicTranslator.h"
#include "providers/responses/ResponsesToChatTranslator.h"

#include <QJsonDocument>
#include <QTest>

namespace {
QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}
} // namespace

class TestOutputTokenCaps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolveOrder_data();
    void resolveOrder();
    void presets_data();
    void presets();
    void modelListsStateCaps_data();
    void modelListsStateCaps();
    void messagesToOpenAiLowered();
    void chatToAnthropicLowered();
    void responsesLowered();
};

void TestOutputTokenCaps::resolveOrder_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("model");
    QTest::addColumn<qint64>("listed");
    QTest::addColumn<qint64>("tokens");
    QTest::addColumn<QString>("source");
    QTest::newRow("listed wins") << "deepseek"
                                 << "deepseek-chat" << qint64(6000) << qint64(6000) << "model list";
    QTest::newRow("setting before preset")
        << "deepseek"
        << "deepseek-chat" << qint64(-1) << qint64(3000) << "maxOutputTokens";
    QTest::newRow("preset") << "deepseek"
                            << "deepseek-reasoner" << qint64(-1) << qint64(65536) << "preset";
    QTest::newRow("nothing known") << "ollama"
                                   << "llama3.2" << qint64(-1) << qint64(-1) << "";
}

void TestOutputTokenCaps::resolveOrder()
{
    QFETCH(QString, provider);
    QFETCH(QString, model);
    QFETCH(qint64, listed);
    QFETCH(qint64, tokens);
    QFETCH(QString, source);
    ProviderSettings p;
    p.id = provider;
    p.modelOutputLimits.insert(QStringLiteral("deepseek-chat"), 3000);
    const OutputTokenCap cap = OutputTokenCaps::resolve(p, model, listed);
    QCOMPARE(cap.tokens, tokens);
    QCOMPARE(cap.isKnown(), tokens > 0);
    QVERIFY2(cap.source.contains(source), qPrintable(cap.source));
}

void TestOutputTokenCaps::presets_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("model");
    QTest::addColumn<qint64>("tokens");
    QTest::newRow("deepseek-chat") << "deepseek"
                                   << "deepseek-chat" << qint64(8192);
    QTest::newRow("gpt-4o-mini") << "openai"
                                 << "gpt-4o-mini" << qint64(16384);
    QTest::newRow("dated snapshot") << "openai"
                                    << "gpt-4.1-2025-04-14" << qint64(32768);
    QTest::newRow("compact date") << "anthropic"
                                  << "claude-sonnet-4-5-20250929" << qint64(64000);
    QTest::newRow("other provider, same name") << "openrouter"
                                               << "gpt-4o-mini" << qint64(-1);
    QTest::newRow("unknown model") << "openai"
                                   << "gpt-4o-mini-tts" << qint64(-1);
    QTest::newRow("date not at the end") << "openai"
                                         << "gpt-4.1-2025-04-14-x" << qint64(-1);
    QTest::newRow("seven digits") << "anthropic"
                                  << "claude-opus-4-2025051" << qint64(-1);
    QTest::newRow("nine digits") << "anthropic"
                                 << "claude-opus-4-202505140" << qint64(-1);
    QTest::newRow("date of the wrong shape") << "openai"
                                             << "gpt-4.1-2025-0414" << qint64(-1);
    QTest::newRow("a letter in the date") << "openai"
                                          << "gpt-4.1-2025-04-1a" << qint64(-1);
    QTest::newRow("a date alone") << "openai"
                                  << "-20250514" << qint64(-1);
    QTest::newRow("two dates") << "openai"
                               << "gpt-4o-20240806-20240806" << qint64(-1);
}

void TestOutputTokenCaps::presets()
{
    QFETCH(QString, provider);
    QFETCH(QString, model);
    QFETCH(qint64, tokens);
    QCOMPARE(OutputTokenCaps::preset(provider, model), tokens);
}

void TestOutputTokenCaps::modelListsStateCaps_data()
{
    QTest::addColumn<bool>("anthropic");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("tokens");
    QTest::newRow("openrouter")
        << false
        << QByteArray(
               R"({"data":[{"id":"m","context_length":200000,)"
               R"("top_provider":{"context_length":200000,"max_completion_tokens":64000}}]})")
        << qint64(64000);
    QTest::newRow("openrouter null")
        << false
        << QByteArray(R"({"data":[{"id":"m","top_provider":{"max_completion_tokens":null}}]})")
        << qint64(-1);
    QTest::newRow("groq style")
        << false
        << QByteArray(R"({"object":"list","data":[{"id":"m","context_window":131072,)"
                      R"("max_completion_tokens":32768}]})")
        << qint64(32768);
    QTest::newRow("max_output_tokens")
        << false << QByteArray(R"({"data":[{"id":"m","max_output_tokens":4096}]})") << qint64(4096);
    QTest::newRow("openai states none")
        << false << QByteArray(R"({"object":"list","data":[{"id":"m","object":"model"}]})")
        << qint64(-1);
    QTest::newRow("max_tokens is not read in openai lists")
        << false << QByteArray(R"({"data":[{"id":"m","max_tokens":131072}]})") << qint64(-1);
    QTest::newRow("anthropic")
        << true
        << QByteArray(R"({"data":[{"type":"model","id":"m","max_input_tokens":200000,)"
                      R"("max_tokens":64000}],"has_more":false})")
        << qint64(64000);
}

void TestOutputTokenCaps::modelListsStateCaps()
{
    QFETCH(bool, anthropic);
    QFETCH(QByteArray, body);
    QFETCH(qint64, tokens);
    QList<ModelInfo> models;
    QString error;
    QVERIFY(anthropic ? ModelListParser::anthropic(body, &models, &error)
                      : ModelListParser::openAi(body, &models, &error));
    QCOMPARE(models.size(), 1);
    QCOMPARE(models.first().id, QStringLiteral("m"));
    QCOMPARE(models.first().maxOutputTokens, tokens);
}

void TestOutputTokenCaps::messagesToOpenAiLowered()
{
    const QJsonObject client = json(
        R"({"model":"deepseek-chat","max_tokens":32000,"messages":[{"role":"user","content":"x"}]})");
    AnthropicToOpenAiTranslator capped;
    capped.setOutputTokenCap({8192, QStringLiteral("the gateway's preset for deepseek")});
    QByteArray body;
    GatewayError error;
    QVERIFY(capped.translateRequest(client, QStringLiteral("deepseek-chat"), &body, &error));
    QCOMPARE(json(body).value(QStringLiteral("max_tokens")).toInteger(), 8192);
    QCOMPARE(capped.notes(), QStringList{QStringLiteral(
                                 "max_tokens 32000 lowered to 8192, the output cap of "
                                 "deepseek-chat (from the gateway's preset for deepseek).")});
    // At or below the cap, or without one: untouched, no note.
    AnthropicToOpenAiTranslator below;
    below.setOutputTokenCap({64000, QStringLiteral("x")});
    QVERIFY(below.translateRequest(client, QStringLiteral("deepseek-chat"), &body, &error));
    QCOMPARE(json(body).value(QStringLiteral("max_tokens")).toInteger(), 32000);
    QVERIFY(below.notes().isEmpty());
    AnthropicToOpenAiTranslator unknown;
    QVERIFY(unknown.translateRequest(client, QStringLiteral("deepseek-chat"), &body, &error));
    QCOMPARE(json(body).value(QStringLiteral("max_tokens")).toInteger(), 32000);
}

void TestOutputTokenCaps::chatToAnthropicLowered()
{
    OpenAiToAnthropicTranslator translator;
    translator.setOutputTokenCap({8192, QStringLiteral("the provider's model list")});
    QByteArray body;
    GatewayError error;
    QVERIFY(translator.translateRequest(
        json(R"({"model":"c","max_completion_tokens":100000,"reasoning_effort":"xhigh",)"
             R"("messages":[{"role":"user","content":"x"}]})"),
        QStringLiteral("claude-3-5-haiku"), &body, &error));
    const QJsonObject out = json(body);
    QCOMPARE(out.value(QStringLiteral("max_tokens")).toInteger(), 8192);
    // The thinking budget (32000 for xhigh) stays below max_tokens.
    const qint64 budget = out.value(QStringLiteral("thinking"))
                              .toObject()
                              .value(QStringLiteral("budget_tokens"))
                              .toInteger();
    QCOMPARE(budget, 4096);
    QCOMPARE(translator.notes().size(), 2);
    // Without a client figure, the default is capped too.
    OpenAiToAnthropicTranslator small;
    small.setOutputTokenCap({4096, QStringLiteral("x")});
    QVERIFY(
        small.translateRequest(json(R"({"model":"c","messages":[{"role":"user","content":"x"}]})"),
                               QStringLiteral("claude-3-haiku"), &body, &error));
    QCOMPARE(json(body).value(QStringLiteral("max_tokens")).toInteger(), 4096);
}

void TestOutputTokenCaps::responsesLowered()
{
    // Responses to Chat Completions: max_output_tokens becomes a lowered max_tokens.
    ResponsesToChatTranslator toChat;
    QVERIFY(toChat.appliesOutputTokenCap());
    toChat.setOutputTokenCap({8192, QStringLiteral("the gateway's preset for deepseek")});
    QByteArray body;
    GatewayError error;
    QVERIFY(toChat.translateRequest(
        json(R"({"model":"deepseek-chat","input":"hi","max_output_tokens":32000})"),
        QStringLiteral("deepseek-chat"), &body, &error));
    QCOMPARE(json(body).value(QStringLiteral("max_tokens")).toInteger(), 8192);
    QCOMPARE(toChat.notes().size(), 1);
    QVERIFY(toChat.notes().first().contains(QStringLiteral("max_output_tokens 32000 lowered")));

    // Responses to Anthropic: the Messages step's max_tokens (a default here) is capped.
    ResponsesToAnthropicTranslator toAnthropic;
    QVERIFY(toAnthropic.appliesOutputTokenCap());
    toAnthropic.setOutputTokenCap({4096, QStringLiteral("x")});
    QVERIFY(toAnthropic.translateRequest(json(R"({"model":"claude-3-haiku","input":"hi"})"),
                                         QStringLiteral("claude-3-haiku"), &body, &error));
    QCOMPARE(json(body).value(QStringLiteral("max_tokens")).toInteger(), 4096);
    QVERIFY(!toAnthropic.notes().isEmpty());
}

QTEST_GUILESS_MAIN(TestOutputTokenCaps)
#include "TestOutputTokenCaps.moc"
