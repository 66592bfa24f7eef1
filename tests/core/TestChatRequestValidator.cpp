#include "api/ChatRequestValidator.h"
#include "api/JsonReader.h"
#include "api/JsonTree.h"

#include <QJsonDocument>
#include <QTest>

namespace {

enum class Api
{
    OpenAi,
    Anthropic,
    Embeddings,
};

/// How many bodies check() also validated on their JsonTree.
int g_checkedOnTree = 0;

/// Runs the gateway's two checks in the order the gateway does: parse, then validate. A chat
/// body the checked tree reads is validated on the tree too, as the gateway does with large
/// bodies: an answer that differs from Qt's parse comes back as an error that names both.
std::optional<GatewayError> check(const QByteArray &body, Api api)
{
    QJsonObject object;
    if (auto error = ChatRequestValidator::parseBody(body, &object))
        return error;
    if (api == Api::Embeddings)
        return ChatRequestValidator::validateEmbeddings(object);
    std::optional<GatewayError> onQt = api == Api::OpenAi
                                           ? ChatRequestValidator::validateOpenAi(object)
                                           : ChatRequestValidator::validateAnthropic(object);
    const std::optional<JsonTree> tree = JsonTree::parseChecked(body);
    if (!tree)
        return onQt;
    ++g_checkedOnTree;
    const std::optional<GatewayError> onTree = api == Api::OpenAi
                                                   ? ChatRequestValidator::validateOpenAi(*tree)
                                                   : ChatRequestValidator::validateAnthropic(*tree);
    const auto describe = [](const std::optional<GatewayError> &e) {
        return e ? e->param + QStringLiteral(": ") + e->message : QStringLiteral("valid");
    };
    if (onTree.has_value() != onQt.has_value() ||
        (onQt && (onTree->param != onQt->param || onTree->message != onQt->message)))
        return GatewayError::make(GatewayErrorCode::InvalidRequest,
                                  QStringLiteral("The tree's check differs. Qt: %1; tree: %2")
                                      .arg(describe(onQt), describe(onTree)),
                                  QStringLiteral("tree-mismatch"));
    return onQt;
}

const QByteArray kUser = R"({"role":"user","content":"Hi"})";

/// An OpenAI request with `extra` fields added after model and messages.
QByteArray openAi(const QByteArray &extra)
{
    return R"({"model":"gpt-4o-mini","messages":[)" + kUser + "]" +
           (extra.isEmpty() ? QByteArray() : "," + extra) + "}";
}

QByteArray anthropic(const QByteArray &extra)
{
    return R"({"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[)" + kUser + "]" +
           (extra.isEmpty() ? QByteArray() : "," + extra) + "}";
}

void addColumns()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("param");
    QTest::addColumn<QStringList>("messageParts");
}

void bad(const char *name, const QByteArray &body, const char *param,
         std::initializer_list<const char *> parts)
{
    QStringList messageParts;
    for (const char *part : parts)
        messageParts.append(QString::fromUtf8(part));
    QTest::newRow(name) << body << QString::fromLatin1(param) << messageParts;
}

void verifyRejected(Api api)
{
    QFETCH(QByteArray, body);
    QFETCH(QString, param);
    QFETCH(QStringList, messageParts);

    const std::optional<GatewayError> error = check(body, api);
    QVERIFY2(error.has_value(), body.constData());
    QCOMPARE(error->code, GatewayErrorCode::InvalidRequest);
    QCOMPARE(error->httpStatus(), 400);
    QCOMPARE(error->param, param);
    for (const QString &part : messageParts)
        QVERIFY2(error->message.contains(part),
                 qPrintable(QStringLiteral("'%1' not in: %2").arg(part, error->message)));

    // The OpenAI error body carries the field too, so SDKs show it.
    const QJsonObject rendered =
        QJsonDocument::fromJson(ErrorRenderer::body(*error, ApiFormat::OpenAi))
            .object()
            .value(QStringLiteral("error"))
            .toObject();
    QCOMPARE(rendered.value(QStringLiteral("message")).toString(), error->message);
    if (param.isEmpty())
        QVERIFY(rendered.value(QStringLiteral("param")).isNull());
    else
        QCOMPARE(rendered.value(QStringLiteral("param")).toString(), param);
}

} // namespace

/// Bad chat requests are answered by the gateway with the field named, before going upstream.
class TestChatRequestValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rejectsOpenAi_data();
    void rejectsOpenAi();
    void acceptsOpenAi_data();
    void acceptsOpenAi();
    void rejectsAnthropic_data();
    void rejectsAnthropic();
    void acceptsAnthropic_data();
    void acceptsAnthropic();
    void rejectsEmbeddings_data();
    void rejectsEmbeddings();
    void acceptsEmbeddings_data();
    void acceptsEmbeddings();
    void parseBodyFillsTheObject();
    void checkedTreeReadsWhatJsonReaderReads();
    void everyValidBodyWasCheckedOnItsTree();
};

void TestChatRequestValidator::rejectsOpenAi_data()
{
    addColumns();
    // The body itself.
    bad("empty body", "", "", {"empty", "'model'", "'messages'"});
    bad("blank body", " \r\n\t", "", {"empty"});
    bad("invalid JSON", R"({"model":"gpt-4o",)", "", {"not valid JSON", "at byte"});
    bad("truncated JSON", R"({"model":"gpt-4o","messages":[{"role":"user")", "",
        {"not valid JSON"});
    bad("array body", R"([{"model":"gpt-4o"}])", "", {"JSON object", "an array"});
    bad("bare value", "42", "", {"JSON"});
    bad("bare string", R"("hello")", "", {"JSON"});

    // model
    bad("missing model", R"({"messages":[{"role":"user","content":"Hi"}]})", "model",
        {"no 'model'", "gpt-4o-mini"});
    bad("empty model", R"({"model":"","messages":[{"role":"user","content":"Hi"}]})", "model",
        {"non-empty string"});
    bad("blank model", R"({"model":"   ","messages":[{"role":"user","content":"Hi"}]})", "model",
        {"non-empty string"});
    bad("numeric model", R"({"model":4,"messages":[{"role":"user","content":"Hi"}]})", "model",
        {"non-empty string", "not a number"});
    bad("null model", R"({"model":null,"messages":[{"role":"user","content":"Hi"}]})", "model",
        {"not null"});
    bad("object model", R"({"model":{"id":"gpt-4o"},"messages":[]})", "model", {"not an object"});

    // messages
    bad("missing messages", R"({"model":"gpt-4o"})", "messages", {"no 'messages'", "role"});
    bad("messages string", R"({"model":"gpt-4o","messages":"Hi"})", "messages",
        {"must be an array", "not a string"});
    bad("messages object", R"({"model":"gpt-4o","messages":{"role":"user"}})", "messages",
        {"must be an array", "not an object"});
    bad("messages null", R"({"model":"gpt-4o","messages":null})", "messages", {"not null"});
    bad("empty messages", R"({"model":"gpt-4o","messages":[]})", "messages", {"at least one"});
    bad("message not an object", R"({"model":"gpt-4o","messages":["Hi"]})", "messages[0]",
        {"'messages[0]'", "object", "not a string"});
    bad("second message not an object",
        R"({"model":"gpt-4o","messages":[{"role":"user","content":"Hi"},[1]]})", "messages[1]",
        {"'messages[1]'", "not an array"});
    bad("bad role", R"({"model":"gpt-4o","messages":[{"role":"robot","content":"Hi"}]})",
        "messages[0].role", {"'messages[0].role'", "\"robot\"", "user", "assistant", "system"});
    bad("missing role", R"({"model":"gpt-4o","messages":[{"content":"Hi"}]})", "messages[0].role",
        {"must be one of", "not missing"});
    bad("numeric role", R"({"model":"gpt-4o","messages":[{"role":1,"content":"Hi"}]})",
        "messages[0].role", {"not a number"});
    bad("role in wrong case", R"({"model":"gpt-4o","messages":[{"role":"User","content":"x"}]})",
        "messages[0].role", {"\"User\""});
    bad("content number", R"({"model":"gpt-4o","messages":[{"role":"user","content":5}]})",
        "messages[0].content", {"'messages[0].content'", "string or an array", "not a number"});
    bad("content object",
        R"({"model":"gpt-4o","messages":[{"role":"user","content":{"text":"x"}}]})",
        "messages[0].content", {"not an object"});
    bad("content boolean in a later message",
        R"({"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},)"
        R"({"role":"user","content":true}]})",
        "messages[1].content", {"'messages[1].content'", "not a boolean"});

    // Optional fields with the wrong type.
    bad("stream string", openAi(R"("stream":"true")"), "stream",
        {"'stream'", "true or false", "not a string"});
    bad("stream number", openAi(R"("stream":1)"), "stream", {"not a number"});
    bad("stream_options not object", openAi(R"("stream":true,"stream_options":true)"),
        "stream_options", {"'stream_options'", "an object", "not a boolean"});
    bad("stream_options array", openAi(R"("stream_options":[])"), "stream_options",
        {"not an array"});
    bad("temperature string", openAi(R"("temperature":"0.7")"), "temperature",
        {"'temperature'", "a number", "not a string"});
    bad("top_p boolean", openAi(R"("top_p":false)"), "top_p", {"'top_p'", "not a boolean"});
    bad("presence_penalty string", openAi(R"("presence_penalty":"1")"), "presence_penalty",
        {"a number"});
    bad("frequency_penalty object", openAi(R"("frequency_penalty":{})"), "frequency_penalty",
        {"not an object"});
    bad("max_tokens 0", openAi(R"("max_tokens":0)"), "max_tokens",
        {"'max_tokens'", "whole number", "at least 1", "not 0"});
    bad("max_tokens negative", openAi(R"("max_tokens":-5)"), "max_tokens", {"not -5"});
    bad("max_tokens 1.5", openAi(R"("max_tokens":1.5)"), "max_tokens", {"whole number", "not 1.5"});
    bad("max_tokens string", openAi(R"("max_tokens":"10")"), "max_tokens",
        {"whole number", "not a string"});
    bad("max_tokens boolean", openAi(R"("max_tokens":true)"), "max_tokens", {"not a boolean"});
    // Found by fuzz_validate_messages: a number beyond qint64 was converted to an integer before
    // its range was checked (undefined behaviour that UBSan reports).
    bad("max_tokens 1e20", openAi(R"("max_tokens":1e20)"), "max_tokens",
        {"whole number", "not 1e+20"});
    bad("max_tokens -1e300", openAi(R"("max_tokens":-1e300)"), "max_tokens", {"whole number"});
    bad("max_tokens 2^63", openAi(R"("max_tokens":9223372036854775808)"), "max_tokens",
        {"whole number"});
    bad("n 1e308", openAi(R"("n":1e308)"), "n", {"'n'", "whole number"});
    bad("max_completion_tokens 0", openAi(R"("max_completion_tokens":0)"), "max_completion_tokens",
        {"'max_completion_tokens'"});
    bad("n 0", openAi(R"("n":0)"), "n", {"'n'", "at least 1"});
    bad("stop number", openAi(R"("stop":5)"), "stop",
        {"'stop'", "string or an array", "not a number"});
    bad("stop object", openAi(R"("stop":{"a":1})"), "stop", {"not an object"});
    bad("stop boolean", openAi(R"("stop":false)"), "stop", {"not a boolean"});
    bad("tools object", openAi(R"("tools":{"type":"function"})"), "tools",
        {"'tools'", "an array", "not an object"});
    bad("tools string", openAi(R"("tools":"get_weather")"), "tools", {"not a string"});

    // The first problem is reported, in a fixed order: model before messages before options.
    bad("model reported before messages", R"({"model":1,"messages":5,"stream":"x"})", "model", {});
    bad("messages reported before options", R"({"model":"m","messages":5,"stream":"x"})",
        "messages", {});
}

void TestChatRequestValidator::rejectsOpenAi()
{
    verifyRejected(Api::OpenAi);
}

void TestChatRequestValidator::acceptsOpenAi_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("minimal") << openAi({});
    QTest::newRow("streaming with usage")
        << openAi(R"("stream":true,"stream_options":{"include_usage":true})");
    QTest::newRow("stream false") << openAi(R"("stream":false)");
    QTest::newRow("sampling numbers")
        << openAi(R"("temperature":0,"top_p":0.95,"presence_penalty":-1.5,)"
                  R"("frequency_penalty":2)");
    QTest::newRow("integer limits")
        << openAi(R"("max_tokens":1,"max_completion_tokens":100000,"n":3)");
    QTest::newRow("large max_tokens as float notation") << openAi(R"("max_tokens":1e5)");
    QTest::newRow("stop string") << openAi(R"("stop":"\n\n")");
    QTest::newRow("stop array") << openAi(R"("stop":["END","STOP"])");
    QTest::newRow("nulls are absent fields")
        << openAi(R"("max_tokens":null,"temperature":null,"stop":null,"stream":null,)"
                  R"("stream_options":null,"tools":null)");
    QTest::newRow("tools and unknown fields")
        << openAi(R"("tools":[{"type":"function","function":{"name":"f","parameters":{}}}],)"
                  R"("tool_choice":"auto","thinking":{"type":"enabled"},"reasoning_effort":"high",)"
                  R"("user":"u-1","seed":42,"response_format":{"type":"json_object"})");
    QTest::newRow("every role and content form")
        << QByteArray(R"({"model":"deepseek/deepseek-chat","messages":[)"
                      R"({"role":"system","content":"Be brief."},)"
                      R"({"role":"developer","content":"Use metric units."},)"
                      R"({"role":"user","content":[{"type":"text","text":"Weather?"},)"
                      R"({"type":"image_url","image_url":{"url":"data:image/png;base64,AA=="}}]},)"
                      R"({"role":"assistant","content":null,"reasoning_content":"think",)"
                      R"("tool_calls":[{"id":"c1","type":"function",)"
                      R"("function":{"name":"w","arguments":"{}"}}]},)"
                      R"({"role":"tool","tool_call_id":"c1","content":"20C"},)"
                      R"({"role":"function","name":"w","content":"20C"},)"
                      R"({"role":"assistant"}]})");
    QTest::newRow("whitespace around the body") << ("\r\n  " + openAi({}) + "\n\n");
}

void TestChatRequestValidator::acceptsOpenAi()
{
    QFETCH(QByteArray, body);
    const std::optional<GatewayError> error = check(body, Api::OpenAi);
    QVERIFY2(!error.has_value(), error ? qPrintable(error->message) : "");
}

void TestChatRequestValidator::rejectsAnthropic_data()
{
    addColumns();
    bad("empty body", "", "", {"empty"});
    bad("invalid JSON", "{\"model\":", "", {"not valid JSON"});
    bad("array body", "[]", "", {"an array"});
    bad("missing model", R"({"max_tokens":10,"messages":[{"role":"user","content":"Hi"}]})",
        "model", {"no 'model'"});
    bad("missing max_tokens",
        R"({"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]})",
        "max_tokens", {"no 'max_tokens'", "requires", "1024"});
    bad("null max_tokens",
        R"({"model":"claude-sonnet-4-5","max_tokens":null,)"
        R"("messages":[{"role":"user","content":"Hi"}]})",
        "max_tokens", {"'max_tokens'", "requires"});
    bad("max_tokens 0",
        R"({"model":"claude-sonnet-4-5","max_tokens":0,)"
        R"("messages":[{"role":"user","content":"Hi"}]})",
        "max_tokens", {"at least 1", "not 0"});
    bad("max_tokens string",
        R"({"model":"claude-sonnet-4-5","max_tokens":"1024",)"
        R"("messages":[{"role":"user","content":"Hi"}]})",
        "max_tokens", {"not a string"});
    bad("max_tokens 2.5",
        R"({"model":"claude-sonnet-4-5","max_tokens":2.5,)"
        R"("messages":[{"role":"user","content":"Hi"}]})",
        "max_tokens", {"not 2.5"});
    bad("developer role",
        anthropic({}).replace(R"({"role":"user","content":"Hi"})",
                              R"({"role":"developer","content":"x"})"),
        "messages[0].role", {"\"developer\"", "user, assistant, system"});
    bad("image in a system entry",
        anthropic({}).replace(
            R"({"role":"user","content":"Hi"})",
            R"({"role":"user","content":"Hi"},{"role":"system","content":[{"type":"text",)"
            R"("text":"Be brief."},{"type":"image","source":{"type":"url","url":"https://x"}}]})"),
        "messages[1].content[1]",
        {"system entry", "text blocks only", "\"image\"", "user message"});
    bad("number in a system entry",
        anthropic({}).replace(R"({"role":"user","content":"Hi"})",
                              R"({"role":"user","content":"Hi"},{"role":"system","content":[3]})"),
        "messages[1].content[0]", {"not a number"});
    bad("max_tokens beyond qint64 (fuzz_validate_messages)",
        R"({"model": "llama3.2", "max_tokens": 109999999999999999990, "stream":true, )"
        R"("messages": [{"role": "user", "content": "List files please"}]})",
        "max_tokens", {"whole number"});
    bad("tool role",
        anthropic({}).replace(R"({"role":"user","content":"Hi"})",
                              R"({"role":"tool","content":"x"})"),
        "messages[0].role", {"\"tool\""});
    bad("empty messages", R"({"model":"claude-sonnet-4-5","max_tokens":10,"messages":[]})",
        "messages", {"at least one"});
    bad("content number", anthropic({}).replace(R"("content":"Hi")", R"("content":7)"),
        "messages[0].content", {"not a number"});
    bad("system number", anthropic(R"("system":5)"), "system",
        {"'system'", "string or an array", "not a number"});
    bad("system object", anthropic(R"("system":{"text":"Be brief."})"), "system",
        {"not an object"});
    bad("system null", anthropic(R"("system":null)"), "system", {"not null"});
    bad("stream string", anthropic(R"("stream":"yes")"), "stream", {"true or false"});
    bad("temperature string", anthropic(R"("temperature":"1")"), "temperature", {"a number"});
    bad("top_k string", anthropic(R"("top_k":"5")"), "top_k", {"'top_k'"});
    bad("tools object", anthropic(R"("tools":{})"), "tools", {"an array"});
    bad("stop_sequences string", anthropic(R"("stop_sequences":"END")"), "stop_sequences",
        {"'stop_sequences'", "an array", "not a string"});
}

void TestChatRequestValidator::rejectsAnthropic()
{
    verifyRejected(Api::Anthropic);
}

void TestChatRequestValidator::acceptsAnthropic_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("minimal") << anthropic({});
    QTest::newRow("system string and stream") << anthropic(R"("system":"Be brief.","stream":true)");
    QTest::newRow("system blocks") << anthropic(R"("system":[{"type":"text","text":"Be brief.",)"
                                                R"("cache_control":{"type":"ephemeral"}}])");
    QTest::newRow("sampling and stops")
        << anthropic(R"("temperature":0.5,"top_p":0.9,"top_k":40,"stop_sequences":["END"])");
    QTest::newRow("tools and thinking") << anthropic(
        R"("tools":[{"name":"w","input_schema":{"type":"object"}}],)"
        R"("thinking":{"type":"enabled","budget_tokens":2048},"metadata":{"user_id":"u"})");
    QTest::newRow("system entries inside messages")
        << QByteArray(R"({"model":"deepseek-chat","max_tokens":32000,"messages":[)"
                      R"({"role":"user","content":"Hi"},)"
                      R"({"role":"system","content":[{"type":"text","text":"Tools changed.",)"
                      R"("cache_control":{"type":"ephemeral"}}]},)"
                      R"({"role":"assistant","content":"Ok"},)"
                      R"({"role":"system","content":"Be brief."},)"
                      R"({"role":"user","content":"Go on"}]})");
    QTest::newRow("content blocks and both roles")
        << QByteArray(R"({"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[)"
                      R"({"role":"user","content":[{"type":"text","text":"Weather?"}]},)"
                      R"({"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"w",)"
                      R"("input":{}}]},)"
                      R"({"role":"user","content":[{"type":"tool_result","tool_use_id":"t1",)"
                      R"("content":"20C"}]}]})");
}

void TestChatRequestValidator::acceptsAnthropic()
{
    QFETCH(QByteArray, body);
    const std::optional<GatewayError> error = check(body, Api::Anthropic);
    QVERIFY2(!error.has_value(), error ? qPrintable(error->message) : "");
}

void TestChatRequestValidator::rejectsEmbeddings_data()
{
    addColumns();
    bad("missing model", R"({"input":"hi"})", "model", {"no 'model'"});
    bad("missing input", R"({"model":"text-embedding-3-small"})", "input",
        {"no 'input'", "text to embed"});
    bad("empty string", R"({"model":"m","input":""})", "input", {"must not be empty"});
    bad("empty array", R"({"model":"m","input":[]})", "input", {"at least one item"});
    bad("number input", R"({"model":"m","input":5})", "input",
        {"a string, an array", "not a number"});
    bad("object input", R"({"model":"m","input":{"text":"x"}})", "input", {"not an object"});
    bad("mixed array", R"({"model":"m","input":["a",1]})", "input[1]", {"item 1 is a number"});
    bad("empty token array", R"({"model":"m","input":[[1,2],[]]})", "input[1]", {"item 1"});
    bad("null item", R"({"model":"m","input":["a",null]})", "input[1]", {"item 1 is null"});
    bad("encoding_format", R"({"model":"m","input":"a","encoding_format":"int8"})",
        "encoding_format", {"\"float\" or \"base64\""});
    bad("dimensions 0", R"({"model":"m","input":"a","dimensions":0})", "dimensions",
        {"'dimensions'", "at least 1"});
}

void TestChatRequestValidator::rejectsEmbeddings()
{
    verifyRejected(Api::Embeddings);
}

void TestChatRequestValidator::acceptsEmbeddings_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("string") << QByteArray(R"({"model":"text-embedding-3-small","input":"hi"})");
    QTest::newRow("strings") << QByteArray(
        R"({"model":"m","input":["a","b"],"encoding_format":"float"})");
    QTest::newRow("token ids") << QByteArray(R"({"model":"m","input":[1,2,3],"dimensions":256})");
    QTest::newRow("token id arrays")
        << QByteArray(R"({"model":"m","input":[[1,2],[3]],"encoding_format":"base64","user":"u"})");
}

void TestChatRequestValidator::acceptsEmbeddings()
{
    QFETCH(QByteArray, body);
    const std::optional<GatewayError> error = check(body, Api::Embeddings);
    QVERIFY2(!error.has_value(), error ? qPrintable(error->message) : "");
}

void TestChatRequestValidator::parseBodyFillsTheObject()
{
    QJsonObject object;
    QVERIFY(!ChatRequestValidator::parseBody(openAi(R"("stream":true)"), &object));
    QCOMPARE(object.value(QStringLiteral("model")).toString(), QStringLiteral("gpt-4o-mini"));
    QCOMPARE(object.value(QStringLiteral("stream")).toBool(), true);

    // A failed parse leaves the caller's object alone.
    QJsonObject untouched{{QStringLiteral("keep"), 1}};
    QVERIFY(ChatRequestValidator::parseBody("[1,2]", &untouched));
    QCOMPARE(untouched.value(QStringLiteral("keep")).toInt(), 1);
}

void TestChatRequestValidator::checkedTreeReadsWhatJsonReaderReads()
{
    // Every byte is checked: what the tree declines is left to Qt's parser and its message.
    QVERIFY(JsonTree::parseChecked(openAi(R"("stop":"a\u00e9\ud83d\ude00b","n":1e2)")));
    for (const QByteArray &declined : {
             openAi(R"("stop":"\x")"),      // an escape JSON does not have
             openAi(R"("stop":"\ud800")"),  // a lone surrogate
             openAi(R"("stop":"\u12G4")"),  // not hex
             openAi(R"("n":01)"),           // a leading zero
             openAi(R"("n":1.)"),           // a fraction without digits
             openAi(R"("n":+1)"),           // a plus sign
             openAi(R"("n":1e999)"),        // out of a double's range
             openAi(R"("model":"again")"),  // a top-level key given twice
             openAi(R"("mod\u0065l":"m")"), // a top-level key with an escape
             openAi(R"("stop":"a)"
                    "\t"
                    R"(b")"),             // a raw control character
             openAi("\"stop\":\"\xff\""), // invalid UTF-8
             QByteArray("[1]"),
         }) {
        QVERIFY2(!JsonTree::parseChecked(declined), declined.constData());
    }
    // UTF-8 is checked in the strings, where JsonReader checks it with isValidUtf8: every
    // lead byte with every second byte and six endings, in a value and in a key.
    int compared = 0;
    for (int lead = 0x80; lead <= 0xFF; ++lead) {
        for (int second = 0; second <= 0xFF; ++second) {
            for (const QByteArray &tail : {QByteArray(), QByteArray("\x80"), QByteArray("\xBF"),
                                           QByteArray("\x80\x80"), QByteArray("\xBF\xBF"),
                                           QByteArray("A")}) {
                const QByteArray text = QByteArray(1, char(lead)) + char(second) + tail;
                for (const QByteArray &json :
                     {"{\"a\":\"" + text + "\"}", "{\"a\":{\"" + text + "\":1}}"}) {
                    const bool byReader = JsonReader::readObject(json).has_value();
                    if (JsonTree::parseChecked(json).has_value() != byReader)
                        QFAIL(qPrintable(QStringLiteral("%1: the reader says %2")
                                             .arg(QString::fromLatin1(json.toHex(' ')))
                                             .arg(byReader)));
                    ++compared;
                }
            }
        }
    }
    QCOMPARE(compared, 128 * 256 * 6 * 2);

    // Below the top level a key may repeat, as Qt reads it: the last one counts.
    const auto tree = JsonTree::parseChecked(openAi(R"("o":{"k":1,"k":2})"));
    QVERIFY(tree);
    QCOMPARE(tree->root().member("o").member("k").toWhole().value_or(0), qint64(2));
}

void TestChatRequestValidator::everyValidBodyWasCheckedOnItsTree()
{
    // The rows above ran first (Qt Test runs the functions in their declared order): most
    // were validated on their tree too, so the comparison in check() was made.
    QVERIFY2(g_checkedOnTree >= 60, qPrintable(QString::number(g_checkedOnTree)));
}

QTEST_GUILESS_MAIN(TestChatRequestValidator)
#include "TestChatRequestValidator.moc"
