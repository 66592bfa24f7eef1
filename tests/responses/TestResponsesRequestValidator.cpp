// The checks of /v1/responses requests: every bad input names its field and what to send.
#include "api/ResponsesRequestValidator.h"

#include <QJsonDocument>
#include <QTest>

Q_DECLARE_METATYPE(GatewayErrorCode)

namespace {
QJsonObject parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (!doc.isObject())
        qFatal("bad test JSON: %s (%s)", json.constData(), qPrintable(error.errorString()));
    return doc.object();
}
} // namespace

class TestResponsesRequestValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data();
    void accepted();
    void refused_data();
    void refused();
    void translationRefusals_data();
    void translationRefusals();
    void translationAccepts();
};

void TestResponsesRequestValidator::accepted_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("string input") << QByteArray(R"({"model":"m","input":"hi"})");
    QTest::newRow("short message form")
        << QByteArray(R"({"model":"m","input":[{"role":"user","content":"hi"}]})");
    QTest::newRow("codex items") << QByteArray(R"({"model":"m","instructions":"x","input":[
        {"type":"message","role":"developer","content":[{"type":"input_text","text":"d"}]},
        {"type":"reasoning","summary":[],"content":null,"encrypted_content":null},
        {"type":"function_call","call_id":"c","name":"f","arguments":"{}"},
        {"type":"function_call_output","call_id":"c","output":"ok"},
        {"type":"web_search_call","id":"ws","status":"completed"}],
        "tools":[{"type":"function","name":"f","parameters":{"type":"object"}},{"type":"namespace","name":"n","tools":[]},{"type":"web_search"}],
        "tool_choice":"auto","parallel_tool_calls":true,"reasoning":{"summary":"auto"},"store":false,"stream":true,
        "include":["reasoning.encrypted_content"],"prompt_cache_key":"k","client_metadata":{"a":"b"}})");
    QTest::newRow("json schema") << QByteArray(
        R"({"model":"m","input":"hi","text":{"format":{"type":"json_schema","name":"n","schema":{"type":"object"}}}})");
    QTest::newRow("output array") << QByteArray(
        R"({"model":"m","input":[{"type":"function_call_output","call_id":"c","output":[{"type":"input_text","text":"t"}]}]})");
    QTest::newRow("stored prompt instead of input")
        << QByteArray(R"({"model":"m","prompt":{"id":"pmpt_1"}})");
    QTest::newRow("nulls") << QByteArray(
        R"({"model":"m","input":"hi","instructions":null,"max_output_tokens":null,"previous_response_id":null})");
}

void TestResponsesRequestValidator::accepted()
{
    QFETCH(QByteArray, request);
    const auto error = ResponsesRequestValidator::validate(parse(request));
    QVERIFY2(!error, error ? qPrintable(error->message) : "");
}

void TestResponsesRequestValidator::refused_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("param");
    QTest::addColumn<QString>("hint");
    QTest::newRow("no model") << QByteArray(R"({"input":"hi"})") << "model"
                              << "Add \"model\"";
    QTest::newRow("model number") << QByteArray(R"({"model":5,"input":"hi"})") << "model"
                                  << "not a number";
    QTest::newRow("no input") << QByteArray(R"({"model":"m"})") << "input"
                              << "Add \"input\"";
    QTest::newRow("input number") << QByteArray(R"({"model":"m","input":3})") << "input"
                                  << "not a number";
    QTest::newRow("input empty") << QByteArray(R"({"model":"m","input":[]})") << "input"
                                 << "at least one";
    QTest::newRow("item not object") << QByteArray(R"({"model":"m","input":["hi"]})") << "input[0]"
                                     << "not a string";
    QTest::newRow("item without type")
        << QByteArray(R"({"model":"m","input":[{"content":"x"}]})") << "input[0].type"
        << "needs a 'type'";
    QTest::newRow("bad role") << QByteArray(
                                     R"({"model":"m","input":[{"role":"tool","content":"x"}]})")
                              << "input[0].role"
                              << "not \"tool\"";
    QTest::newRow("content number")
        << QByteArray(R"({"model":"m","input":[{"role":"user","content":7}]})")
        << "input[0].content"
        << "not a number";
    QTest::newRow("part without type")
        << QByteArray(R"({"model":"m","input":[{"role":"user","content":[{"text":"x"}]}]})")
        << "input[0].content[0].type"
        << "must be a string";
    QTest::newRow("text not string")
        << QByteArray(
               R"({"model":"m","input":[{"role":"user","content":[{"type":"input_text","text":1}]}]})")
        << "input[0].content[0].text"
        << "must be a string";
    QTest::newRow("call without call_id")
        << QByteArray(
               R"({"model":"m","input":[{"type":"function_call","name":"f","arguments":"{}"}]})")
        << "input[0].call_id"
        << "must be a string";
    QTest::newRow("arguments object")
        << QByteArray(
               R"({"model":"m","input":[{"type":"function_call","call_id":"c","name":"f","arguments":{}}]})")
        << "input[0].arguments"
        << "not an object";
    QTest::newRow("output number")
        << QByteArray(
               R"({"model":"m","input":[{"type":"function_call_output","call_id":"c","output":1}]})")
        << "input[0].output"
        << "not a number";
    QTest::newRow("reference without id")
        << QByteArray(R"({"model":"m","input":[{"type":"item_reference"}]})") << "input[0].id"
        << "must be a string";
    QTest::newRow("stream string")
        << QByteArray(R"({"model":"m","input":"hi","stream":"yes"})") << "stream"
        << "true or false";
    QTest::newRow("max_output_tokens zero")
        << QByteArray(R"({"model":"m","input":"hi","max_output_tokens":0})") << "max_output_tokens"
        << "at least 1";
    QTest::newRow("temperature string")
        << QByteArray(R"({"model":"m","input":"hi","temperature":"hot"})") << "temperature"
        << "a number";
    QTest::newRow("tools object") << QByteArray(R"({"model":"m","input":"hi","tools":{}})")
                                  << "tools"
                                  << "an array";
    QTest::newRow("nested function tool")
        << QByteArray(
               R"({"model":"m","input":"hi","tools":[{"type":"function","function":{"name":"f"}}]})")
        << "tools[0].name"
        << "flat";
    QTest::newRow("tool_choice word")
        << QByteArray(R"({"model":"m","input":"hi","tool_choice":"any"})") << "tool_choice"
        << "\"required\"";
    QTest::newRow("reasoning effort number")
        << QByteArray(R"({"model":"m","input":"hi","reasoning":{"effort":2}})")
        << "reasoning.effort"
        << "a string";
    QTest::newRow("format type")
        << QByteArray(R"({"model":"m","input":"hi","text":{"format":{"type":"xml"}}})")
        << "text.format.type"
        << "json_schema";
    QTest::newRow("schema missing")
        << QByteArray(
               R"({"model":"m","input":"hi","text":{"format":{"type":"json_schema","name":"n"}}})")
        << "text.format.schema"
        << "JSON schema";
    QTest::newRow("instructions array")
        << QByteArray(R"({"model":"m","input":"hi","instructions":["a"]})") << "instructions"
        << "a string";
}

void TestResponsesRequestValidator::refused()
{
    QFETCH(QByteArray, request);
    QFETCH(QString, param);
    QFETCH(QString, hint);
    const auto error = ResponsesRequestValidator::validate(parse(request));
    QVERIFY(error);
    QCOMPARE(error->code, GatewayErrorCode::InvalidRequest);
    QCOMPARE(error->httpStatus(), 400);
    QCOMPARE(error->param, param);
    QVERIFY2(error->message.contains(hint), qPrintable(error->message));
}

void TestResponsesRequestValidator::translationRefusals_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("param");
    QTest::addColumn<QString>("hint");
    QTest::newRow("store true") << QByteArray(R"({"model":"m","input":"hi","store":true})")
                                << "store"
                                << "full conversation";
    QTest::newRow("previous response")
        << QByteArray(R"({"model":"m","input":"hi","previous_response_id":"resp_1"})")
        << "previous_response_id"
        << "full conversation";
    QTest::newRow("conversation") << QByteArray(
                                         R"({"model":"m","input":"hi","conversation":"conv_1"})")
                                  << "conversation"
                                  << "full conversation";
    QTest::newRow("background") << QByteArray(R"({"model":"m","input":"hi","background":true})")
                                << "background"
                                << "stream instead";
    QTest::newRow("stored prompt")
        << QByteArray(R"({"model":"m","input":"hi","prompt":{"id":"pmpt_1"}})") << "prompt"
        << "'instructions'";
    QTest::newRow("item reference")
        << QByteArray(
               R"({"model":"m","input":[{"role":"user","content":"hi"},{"type":"item_reference","id":"msg_1"}]})")
        << "input[1]"
        << "store = false";
}

void TestResponsesRequestValidator::translationRefusals()
{
    QFETCH(QByteArray, request);
    QFETCH(QString, param);
    QFETCH(QString, hint);
    const QJsonObject object = parse(request);
    QVERIFY(!ResponsesRequestValidator::validate(object)); // well-formed...
    const auto error =
        ResponsesRequestValidator::validateForTranslation(object, QStringLiteral("deepseek"));
    QVERIFY(error); // ...but not for a translated route
    QCOMPARE(error->httpStatus(), 400);
    QCOMPARE(error->param, param);
    QVERIFY2(error->message.contains(hint), qPrintable(error->message));
    QVERIFY2(error->message.contains(QStringLiteral("deepseek")), qPrintable(error->message));
}

void TestResponsesRequestValidator::translationAccepts()
{
    // What Codex and the AI SDK send with store off passes.
    for (const QByteArray &request :
         {QByteArray(R"({"model":"m","input":"hi","store":false,"previous_response_id":null})"),
          QByteArray(R"({"model":"m","input":"hi","background":false})"),
          QByteArray(R"({"model":"m","input":"hi"})")}) {
        const auto error = ResponsesRequestValidator::validateForTranslation(
            parse(request), QStringLiteral("deepseek"));
        QVERIFY2(!error, request.constData());
    }
}

QTEST_GUILESS_MAIN(TestResponsesRequestValidator)
#include "TestResponsesRequestValidator.moc"
