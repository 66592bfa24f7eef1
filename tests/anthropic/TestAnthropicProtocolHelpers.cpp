// The small pieces of the Anthropic translation: stop reasons, usage, the billing line,
// Claude Code's model names, token estimates, the pass-through translator and error shapes.
#include "GoldenFiles.h"
#include "api/JsonTree.h"
#include "providers/anthropic/AnthropicPassthroughTranslator.h"
#include "providers/anthropic/ClaudeModelNames.h"
#include "providers/anthropic/ContentBlockConverter.h"
#include "providers/anthropic/StopReasonMap.h"
#include "providers/anthropic/TokenEstimator.h"
#include "providers/anthropic/UsageConverter.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

class TestAnthropicProtocolHelpers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stopReasonToOpenAi_data();
    void stopReasonToOpenAi();
    void finishReasonToAnthropic_data();
    void finishReasonToAnthropic();
    void usageBothWays();
    void billingHeader_data();
    void billingHeader();
    void discoveryNames_data();
    void discoveryNames();
    void discoveryNamesRoute();
    void tokenEstimates();
    void tokenEstimatesOfGeneratedText();
    void passthroughRequest();
    void passthroughStreamIsByteForByte();
    void passthroughErrors_data();
    void passthroughErrors();
};

void TestAnthropicProtocolHelpers::stopReasonToOpenAi_data()
{
    QTest::addColumn<QString>("stopReason");
    QTest::addColumn<bool>("toolCalls");
    QTest::addColumn<QString>("finishReason");
    QTest::newRow("end_turn") << "end_turn" << false << "stop";
    QTest::newRow("stop_sequence") << "stop_sequence" << false << "stop";
    QTest::newRow("max_tokens") << "max_tokens" << false << "length";
    QTest::newRow("context window") << "model_context_window_exceeded" << false << "length";
    QTest::newRow("tool_use") << "tool_use" << true << "tool_calls";
    QTest::newRow("refusal") << "refusal" << false << "content_filter";
    QTest::newRow("pause_turn") << "pause_turn" << false << "stop";
    QTest::newRow("null") << QString() << false << "stop";
    QTest::newRow("end_turn with tool calls") << "end_turn" << true << "tool_calls";
    QTest::newRow("max_tokens with tool calls") << "max_tokens" << true << "tool_calls";
}

void TestAnthropicProtocolHelpers::stopReasonToOpenAi()
{
    QFETCH(QString, stopReason);
    QFETCH(bool, toolCalls);
    QFETCH(QString, finishReason);
    QCOMPARE(StopReasonMap::toOpenAi(stopReason, toolCalls), finishReason);
}

void TestAnthropicProtocolHelpers::finishReasonToAnthropic_data()
{
    QTest::addColumn<QString>("finishReason");
    QTest::addColumn<bool>("toolCalls");
    QTest::addColumn<QString>("stopReason");
    QTest::newRow("stop") << "stop" << false << "end_turn";
    QTest::newRow("length") << "length" << false << "max_tokens";
    QTest::newRow("tool_calls") << "tool_calls" << true << "tool_use";
    QTest::newRow("function_call") << "function_call" << false << "tool_use";
    QTest::newRow("content_filter") << "content_filter" << false << "refusal";
    QTest::newRow("missing") << QString() << false << "end_turn";
    QTest::newRow("stop with tool calls (Ollama)") << "stop" << true << "tool_use";
}

void TestAnthropicProtocolHelpers::finishReasonToAnthropic()
{
    QFETCH(QString, finishReason);
    QFETCH(bool, toolCalls);
    QFETCH(QString, stopReason);
    QCOMPARE(StopReasonMap::toAnthropic(finishReason, toolCalls), stopReason);
}

void TestAnthropicProtocolHelpers::usageBothWays()
{
    const QJsonObject anthropic =
        QJsonDocument::fromJson(
            R"({"input_tokens":100,"cache_read_input_tokens":900,"cache_creation_input_tokens":50,"output_tokens":20})")
            .object();
    const QJsonObject openAi = UsageConverter::toOpenAi(anthropic);
    QCOMPARE(openAi.value(QStringLiteral("prompt_tokens")).toInteger(), 1050);
    QCOMPARE(openAi.value(QStringLiteral("completion_tokens")).toInteger(), 20);
    QCOMPARE(openAi.value(QStringLiteral("total_tokens")).toInteger(), 1070);
    QCOMPARE(openAi.value(QStringLiteral("prompt_tokens_details"))
                 .toObject()
                 .value(QStringLiteral("cached_tokens"))
                 .toInteger(),
             900);
    // And back: nothing lost.
    QCOMPARE(UsageConverter::toAnthropic(openAi), anthropic);
    const TokenUsage log = UsageConverter::fromAnthropic(anthropic);
    QCOMPARE(log.promptTokens, 1050);
    QCOMPARE(log.completionTokens, 20);
    QCOMPARE(log.cachedTokens, 900);
    QCOMPARE(log.reasoningTokens, -1); // Anthropic does not say
    QCOMPARE(UsageConverter::fromAnthropic(QJsonObject{{QStringLiteral("output_tokens"), 3}})
                 .cachedTokens,
             -1);
    // DeepSeek's own cache field; never a negative input count.
    const QJsonObject deepSeek = UsageConverter::toAnthropic(
        QJsonDocument::fromJson(
            R"({"prompt_tokens":300,"completion_tokens":5,"prompt_cache_hit_tokens":256})")
            .object());
    QCOMPARE(deepSeek.value(QStringLiteral("input_tokens")).toInteger(), 44);
    QCOMPARE(deepSeek.value(QStringLiteral("cache_read_input_tokens")).toInteger(), 256);
    const QJsonObject odd = UsageConverter::toAnthropic(
        QJsonDocument::fromJson(
            R"({"prompt_tokens":10,"prompt_tokens_details":{"cached_tokens":30}})")
            .object());
    QCOMPARE(odd.value(QStringLiteral("input_tokens")).toInteger(), 0);
    // message_delta's later counts win over message_start's.
    const QJsonObject merged =
        UsageConverter::merged(anthropic, QJsonObject{{QStringLiteral("output_tokens"), 99}});
    QCOMPARE(merged.value(QStringLiteral("output_tokens")).toInteger(), 99);
    QCOMPARE(merged.value(QStringLiteral("input_tokens")).toInteger(), 100);
}

void TestAnthropicProtocolHelpers::billingHeader_data()
{
    QTest::addColumn<QString>("system");
    QTest::addColumn<QString>("expected");
    QTest::newRow("line and prompt")
        << "x-anthropic-billing-header: cc_version=2.1.37; cc_entrypoint=cli;\nYou are Claude Code."
        << "You are Claude Code.";
    QTest::newRow("line alone") << "x-anthropic-billing-header: cc_version=2.1.37;"
                                << "";
    QTest::newRow("blank line after") << "x-anthropic-billing-header: a\n\nRest"
                                      << "Rest";
    QTest::newRow("not at the start") << "Prompt\nx-anthropic-billing-header: a"
                                      << "Prompt\nx-anthropic-billing-header: a";
    QTest::newRow("no header") << "You are helpful."
                               << "You are helpful.";
}

void TestAnthropicProtocolHelpers::billingHeader()
{
    QFETCH(QString, system);
    QFETCH(QString, expected);
    QCOMPARE(ContentBlockConverter::withoutBillingHeader(system), expected);
}

void TestAnthropicProtocolHelpers::discoveryNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("listed");
    QTest::newRow("claude") << "claude-sonnet-4-5"
                            << "claude-sonnet-4-5";
    QTest::newRow("anthropic prefix") << "anthropic-claude-opus-4-1"
                                      << "anthropic-claude-opus-4-1";
    QTest::newRow("deepseek") << "deepseek-chat"
                              << "anthropic:deepseek-chat";
    QTest::newRow("explicit") << "ollama/llama3.2"
                              << "anthropic:ollama/llama3.2";
}

void TestAnthropicProtocolHelpers::discoveryNames()
{
    QFETCH(QString, name);
    QFETCH(QString, listed);
    QCOMPARE(ClaudeModelNames::discoveryName(name), listed);
}

void TestAnthropicProtocolHelpers::discoveryNamesRoute()
{
    const RouteTable routes(
        {PrefixRule{QStringLiteral("deepseek-"), QStringLiteral("deepseek")},
         PrefixRule{QStringLiteral("claude-"), QStringLiteral("anthropic")},
         PrefixRule{QStringLiteral("anthropic-"), QStringLiteral("anthropic"), true}},
        {ModelAlias{QStringLiteral("anthropic:fast"), QStringLiteral("ollama"),
                    QStringLiteral("qwen3")},
         ModelAlias{QStringLiteral("fast"), QStringLiteral("deepseek"),
                    QStringLiteral("deepseek-flash")}},
        {QStringLiteral("deepseek"), QStringLiteral("anthropic"), QStringLiteral("ollama")});
    RouteResolution r =
        ClaudeModelNames::resolve(routes, QStringLiteral("anthropic:deepseek-chat"));
    QVERIFY(r.found);
    QCOMPARE(r.route.providerId, QStringLiteral("deepseek"));
    QCOMPARE(r.route.upstreamModel, QStringLiteral("deepseek-chat"));
    r = ClaudeModelNames::resolve(routes, QStringLiteral("anthropic:ollama/llama3.2"));
    QCOMPARE(r.route.providerId, QStringLiteral("ollama"));
    QCOMPARE(r.route.upstreamModel, QStringLiteral("llama3.2"));
    // An alias of that exact spelling wins over the discovery form.
    r = ClaudeModelNames::resolve(routes, QStringLiteral("anthropic:fast"));
    QCOMPARE(r.route.upstreamModel, QStringLiteral("qwen3"));
    // Everything else is the table's own answer.
    r = ClaudeModelNames::resolve(routes, QStringLiteral("anthropic-claude-opus-4-1"));
    QCOMPARE(r.route.providerId, QStringLiteral("anthropic"));
    QCOMPARE(r.route.upstreamModel, QStringLiteral("claude-opus-4-1"));
    QVERIFY(!ClaudeModelNames::resolve(routes, QStringLiteral("anthropic:nothing-matches")).found);
}

namespace {

/// A Messages body whose one user message holds `written` as its text, as written.
QByteArray oneUserMessage(const QByteArray &written)
{
    return R"({"messages":[{"role":"user","content":")" + written + R"("}]})";
}

/// The first message's text as Qt's parser decodes it: what an estimate must count.
QString firstMessageText(const QByteArray &body)
{
    return QJsonDocument::fromJson(body)
        .object()
        .value(QStringLiteral("messages"))
        .toArray()
        .first()
        .toObject()
        .value(QStringLiteral("content"))
        .toString();
}

} // namespace

void TestAnthropicProtocolHelpers::tokenEstimates()
{
    QCOMPARE(TokenEstimator::estimateText(QString()), 0);
    QCOMPARE(TokenEstimator::estimateText(QStringLiteral("abcdefgh")), 2);
    QCOMPARE(TokenEstimator::estimateText(QStringLiteral("你好世界")), 4);
    const QByteArray small =
        R"({"model":"x","messages":[{"role":"user","content":"Hello there"}]})";
    const QByteArray large =
        R"({"model":"x","system":"You are a very careful assistant who reads every file twice.",
            "tools":[{"name":"read","input_schema":{"type":"object"}}],
            "messages":[{"role":"user","content":[{"type":"text","text":"Hello there"},
              {"type":"image","source":{"type":"url","url":"https://e.com/a.png"}}]}]})";
    const qint64 a = TokenEstimator::estimateAnthropicRequest(*JsonTree::parse(small));
    const qint64 b = TokenEstimator::estimateAnthropicRequest(*JsonTree::parse(large));
    QVERIFY(a > 0 && a < 20);
    QVERIFY(b > a + 1600);
    QCOMPARE(QJsonDocument::fromJson(TokenEstimator::countTokensBody(small))
                 .object()
                 .value(QStringLiteral("input_tokens"))
                 .toInteger(),
             a);

    // The request is counted as written, without decoding it: each escape counts as the
    // character it stands for, a character as QString counts it (a pair for U+1F600).
    const QList<QByteArray> texts{
        R"(plain words of Latin text)",
        R"(line one\nline two\t\\ \"quoted\" \/)",
        R"(\u4f60\u597d abcd \u00e9\u00e8)",
        R"(你好世界 mixed with é and ü and 😀 and \ud83d\ude00)",
        "\xe2\xba\x80\xe2\xb9\xbf edge of the wide range",
    };
    for (const QByteArray &written : texts) {
        const QByteArray body = oneUserMessage(written);
        const QString decoded = firstMessageText(body);
        QVERIFY2(!decoded.isEmpty(), body.constData());
        QCOMPARE(TokenEstimator::estimateAnthropicRequest(*JsonTree::parse(body)),
                 4 + TokenEstimator::estimateText(decoded));
        // A checked tree counts each string while reading it: the same estimate.
        const std::optional<JsonTree> checkedTree = JsonTree::parseChecked(body);
        QVERIFY2(checkedTree, body.constData());
        QCOMPARE(TokenEstimator::estimateAnthropicRequest(*checkedTree),
                 4 + TokenEstimator::estimateText(decoded));
    }
    // A tool input and a tool are counted as their compact JSON: the spacing of a
    // pretty-printed body does not count.
    const QByteArray compact =
        R"({"messages":[{"role":"assistant","content":[{"type":"tool_use","name":"run","input":{"cmd":"ls -l","n":[1,2]}}]}],"tools":[{"name":"read","input_schema":{"type":"object"}}]})";
    const QByteArray spaced =
        "{ \"messages\": [ { \"role\": \"assistant\", \"content\": [ { \"type\": \"tool_use\",\n"
        "  \"name\": \"run\", \"input\": {\n    \"cmd\": \"ls -l\",\n    \"n\": [ 1, 2 ]\n  } } ] "
        "} ],\n"
        " \"tools\": [ { \"name\": \"read\", \"input_schema\": { \"type\": \"object\" } } ] }";
    QCOMPARE(TokenEstimator::estimateAnthropicRequest(*JsonTree::parse(spaced)),
             TokenEstimator::estimateAnthropicRequest(*JsonTree::parse(compact)));
    // 4 + run (1) + {"cmd":"ls -l","n":[1,2]} (25 characters: 7) + 10 +
    // {"name":"read","input_schema":{"type":"object"}} (48: 12)
    QCOMPARE(TokenEstimator::estimateAnthropicRequest(*JsonTree::parse(compact)), 34);
}

/// Texts pieced together at random (a fixed seed) from plain runs, every kind of escape and
/// multi-byte characters, so that escapes and characters fall on every position of the
/// estimator's 16-byte blocks: the estimate of the text as written equals that of the text
/// Qt's parser decodes, to the character (padded four ways, so that rounding to tokens
/// hides no miscount).
void TestAnthropicProtocolHelpers::tokenEstimatesOfGeneratedText()
{
    const QList<QByteArray> pieces{
        "a", "plain words ", "0123456789abcdef", "\\n", "\\\"", "\\\\", "\\t", "\\/", "\\u00e9",
        "\\u4e2d", "\\ud83d\\ude00", "u", "\xc3\xa9", "\xe4\xb8\xad", "\xf0\x9f\x98\x80",
        "\xe2\xba\x80",
        // Three-byte characters either side of U+2E80, where a character starts to count wide:
        // “ (E2 80 9C), U+2E7F, U+1100 (E1), U+0800 (E0), U+FFFD.
        "\xe2\x80\x9c", "\xe2\xb9\xbf", "\xe1\x84\x80", "\xe0\xa0\x80", "\xef\xbf\xbd",
        "a longer plain run of prose, to make whole blocks "};
    int checked = 0;
    const auto check = [&checked](const QByteArray &written) {
        const QByteArray body = oneUserMessage(written);
        const QString decoded = firstMessageText(body);
        QCOMPARE(decoded.isEmpty(), written.isEmpty());
        QCOMPARE(TokenEstimator::estimateAnthropicRequest(*JsonTree::parse(body)),
                 4 + TokenEstimator::estimateText(decoded));
        // A checked tree counts each string while reading it: the same estimate.
        const std::optional<JsonTree> checkedTree = JsonTree::parseChecked(body);
        QVERIFY2(checkedTree, body.constData());
        QCOMPARE(TokenEstimator::estimateAnthropicRequest(*checkedTree),
                 4 + TokenEstimator::estimateText(decoded));
        ++checked;
    };
    QRandomGenerator random(20261201);
    for (int i = 0; i < 1500; ++i) {
        QByteArray written;
        const int count = int(random.bounded(60));
        for (int n = 0; n < count; ++n)
            written += pieces.at(random.bounded(int(pieces.size())));
        for (int pad = 0; pad < 4; ++pad) {
            check(written);
            if (QTest::currentTestFailed())
                return;
            written += 'x';
        }
    }
    // A long text with an escape in the same place of every block: the estimator's counts
    // per byte position are summed before they overflow.
    QByteArray repeated = QByteArray("abcdefghijklm\\no").repeated(300);
    for (int pad = 0; pad < 4; ++pad) {
        check(repeated);
        repeated += 'x';
    }
    QCOMPARE(checked, 6004);
}

void TestAnthropicProtocolHelpers::passthroughRequest()
{
    AnthropicPassthroughTranslator translator;
    QCOMPARE(translator.upstreamPath(QStringLiteral("claude-x"), true).path,
             QByteArray("/v1/messages"));
    QCOMPARE(AnthropicPassthroughTranslator(AnthropicPassthroughTranslator::kCountTokensPath)
                 .upstreamPath(QStringLiteral("claude-x"), false)
                 .path,
             QByteArray("/v1/messages/count_tokens"));
    const QByteArray clientBytes =
        R"({"model":"anthropic-claude-x","max_tokens":5,"system":[{"type":"text","text":"x-anthropic-billing-header: a;\nS","cache_control":{"type":"ephemeral"}}],
            "messages":[{"role":"user","content":"hi"}],"thinking":{"type":"enabled","budget_tokens":1024},"top_k":3})";
    const QJsonObject client = QJsonDocument::fromJson(clientBytes).object();
    QJsonObject expected = client;
    expected.insert(QStringLiteral("model"), QStringLiteral("claude-x"));
    // From the parsed tree, and from the client's bytes (the gateway's way: only the model's
    // value is replaced, the rest is copied as it came).
    for (const bool fromBytes : {false, true}) {
        AnthropicPassthroughTranslator passthrough;
        if (fromBytes)
            passthrough.setClientBodyBytes(clientBytes);
        QByteArray body;
        GatewayError error;
        QVERIFY(passthrough.translateRequest(client, QStringLiteral("claude-x"), &body, &error));
        // Untouched otherwise: Anthropic gets the billing line, cache_control, thinking, top_k.
        QCOMPARE(QJsonDocument::fromJson(body).object(), expected);
        if (fromBytes) {
            QByteArray spliced = clientBytes;
            spliced.replace("\"anthropic-claude-x\"", "\"claude-x\"");
            QCOMPARE(body, spliced);
        }
    }
}

void TestAnthropicProtocolHelpers::passthroughStreamIsByteForByte()
{
    const QByteArray upstream =
        GoldenFiles::readFile(GoldenFiles::dataDir(QStringLiteral("openai_to_anthropic")) +
                              QStringLiteral("/stream_thinking_text_tools.upstream.sse"));
    AnthropicPassthroughTranslator translator;
    const QByteArray out = GoldenFiles::runStream(translator, upstream, {});
    QVERIFY(translator.isStreamComplete());
    // Our fixture is in canonical form (one space after the colon), so the wire is unchanged.
    QCOMPARE(out, upstream);
    QCOMPARE(translator.usage().promptTokens, 572);
    QCOMPARE(translator.usage().completionTokens, 89);
    QVERIFY(!AnthropicPassthroughTranslator().isStreamComplete());
}

void TestAnthropicProtocolHelpers::passthroughErrors_data()
{
    QTest::addColumn<int>("upstreamStatus");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<int>("clientStatus");
    QTest::addColumn<QString>("clientType");
    QTest::newRow("400") << 400 << QByteArray("invalid_request_error") << 400
                         << "invalid_request_error";
    QTest::newRow("401") << 401 << QByteArray("authentication_error") << 401
                         << "authentication_error";
    QTest::newRow("402") << 402 << QByteArray("billing_error") << 402 << "billing_error";
    QTest::newRow("403") << 403 << QByteArray("permission_error") << 403 << "permission_error";
    QTest::newRow("404") << 404 << QByteArray("not_found_error") << 404 << "not_found_error";
    QTest::newRow("413") << 413 << QByteArray("request_too_large") << 413 << "request_too_large";
    QTest::newRow("429") << 429 << QByteArray("rate_limit_error") << 429 << "rate_limit_error";
    QTest::newRow("500") << 500 << QByteArray("api_error") << 502 << "api_error";
    QTest::newRow("529") << 529 << QByteArray("overloaded_error") << 502 << "overloaded_error";
}

void TestAnthropicProtocolHelpers::passthroughErrors()
{
    QFETCH(int, upstreamStatus);
    QFETCH(QByteArray, type);
    QFETCH(int, clientStatus);
    QFETCH(QString, clientType);
    AnthropicPassthroughTranslator translator;
    const QByteArray body =
        R"({"type":"error","error":{"type":")" + type + R"(","message":"upstream says no"}})";
    const GatewayError error = translator.translateError(upstreamStatus, body, "30");
    const ErrorReply reply = ErrorRenderer::reply(error, ApiFormat::Anthropic);
    QCOMPARE(reply.status, clientStatus);
    const QJsonObject root = QJsonDocument::fromJson(reply.body).object();
    QCOMPARE(root.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
    QCOMPARE(
        root.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString(),
        clientType);
    QVERIFY(root.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("upstream says no")));
    // Mid-stream, the same error is an `event: error` with the same body.
    const QByteArray event = ErrorRenderer::streamEvent(error, ApiFormat::Anthropic);
    QVERIFY(event.startsWith("event: error\ndata: {"));
}

QTEST_GUILESS_MAIN(TestAnthropicProtocolHelpers)
#include "TestAnthropicProtocolHelpers.moc"
