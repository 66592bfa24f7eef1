#include "api/JsonSplice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

QJsonObject parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s (%s)", json.constData(), qPrintable(error.errorString()));
    return doc.object();
}

QByteArray valueOf(const QByteArray &json, const JsonSplice::Member &m)
{
    return json.mid(m.valueBegin, m.valueEnd - m.valueBegin);
}

} // namespace

/// The top-level splice the passthrough translators use to change the model name.
class TestJsonSplice : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsTopLevelMembersOnly();
    void stringsWithQuotesBracesAndBackslashes();
    void declines_data();
    void declines();
    void quotedReadsBackAsTheSameString_data();
    void quotedReadsBackAsTheSameString();
    void replaceAndAppend();
    void appendToEmptyObject();
};

void TestJsonSplice::findsTopLevelMembersOnly()
{
    const QByteArray json = R"( { "messages" : [{"model":"inner"}], "model":"gpt-4o" ,)"
                            R"("n": -1.5e3, "t":true, "o":{"model":{"x":[1,2]}} } )";
    const auto members = JsonSplice::members(json);
    QVERIFY(members.has_value());
    QCOMPARE(members->size(), 5);
    QCOMPARE(members->at(0).key, QByteArrayView("messages"));
    QCOMPARE(valueOf(json, members->at(0)), QByteArray(R"([{"model":"inner"}])"));
    QCOMPARE(members->at(1).key, QByteArrayView("model"));
    QCOMPARE(valueOf(json, members->at(1)), QByteArray(R"("gpt-4o")"));
    QCOMPARE(valueOf(json, members->at(2)), QByteArray("-1.5e3"));
    QCOMPARE(valueOf(json, members->at(3)), QByteArray("true"));
    QCOMPARE(valueOf(json, members->at(4)), QByteArray(R"({"model":{"x":[1,2]}})"));
}

void TestJsonSplice::stringsWithQuotesBracesAndBackslashes()
{
    const QByteArray json =
        R"({"a":"}\"{[","b":"ends with a backslash\\","c":"\\\"}","model":"m"})";
    const auto members = JsonSplice::members(json);
    QVERIFY(members.has_value());
    QCOMPARE(members->size(), 4);
    QCOMPARE(valueOf(json, members->at(0)), QByteArray(R"("}\"{[")"));
    QCOMPARE(valueOf(json, members->at(1)), QByteArray(R"("ends with a backslash\\")"));
    QCOMPARE(valueOf(json, members->at(2)), QByteArray(R"("\\\"}")"));
    QCOMPARE(members->at(3).key, QByteArrayView("model"));
}

void TestJsonSplice::declines_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("array") << QByteArray("[1]");
    QTest::newRow("escaped key") << QByteArray(R"({"mod\u0065l":"x"})");
    QTest::newRow("duplicate key") << QByteArray(R"({"model":"a","model":"b"})");
    QTest::newRow("unterminated") << QByteArray(R"({"model":"a)");
    QTest::newRow("text after") << QByteArray(R"({"model":"a"} {})");
}

void TestJsonSplice::declines()
{
    QFETCH(QByteArray, json);
    QVERIFY(!JsonSplice::members(json).has_value());
}

void TestJsonSplice::quotedReadsBackAsTheSameString_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << QStringLiteral("deepseek-chat");
    QTest::newRow("quotes and backslashes") << QStringLiteral("a\"b\\c/d");
    QTest::newRow("controls") << QString::fromUtf8("tab\there\nnew\rline\x01\x1f");
    QTest::newRow("unicode") << QString::fromUtf8("mod\xc3\xa8le-\xe4\xb8\xad-\xf0\x9f\x99\x82");
    QTest::newRow("lone surrogates")
        << (QStringLiteral("gpt") + QChar(0xd800) + QStringLiteral("?") + QChar(0xdc00));
}

void TestJsonSplice::quotedReadsBackAsTheSameString()
{
    QFETCH(QString, text);
    const QJsonObject read = parse("{\"v\":" + JsonSplice::quoted(text) + "}");
    QCOMPARE(read.value(QStringLiteral("v")).toString(), text);
}

void TestJsonSplice::replaceAndAppend()
{
    const QByteArray json = R"({"model":"client-name","max_tokens":1e3,"messages":[]})";
    const auto members = JsonSplice::members(json);
    QVERIFY(members.has_value());
    const QByteArray out = JsonSplice::apply(
        json, {{members->at(0).valueBegin, members->at(0).valueEnd,
                JsonSplice::quoted(QStringLiteral("upstream"))},
               JsonSplice::appendMember(json, *members, "stream_options",
                                        QByteArrayLiteral("{\"include_usage\":true}"))});
    // Everything else as the client wrote it (1e3 stays 1e3).
    QCOMPARE(out, QByteArray(R"({"model":"upstream","max_tokens":1e3,"messages":[])"
                             R"(,"stream_options":{"include_usage":true}})"));
    QCOMPARE(parse(out).value(QStringLiteral("model")).toString(), QStringLiteral("upstream"));
}

void TestJsonSplice::appendToEmptyObject()
{
    const QByteArray json = " { } ";
    const auto members = JsonSplice::members(json);
    QVERIFY(members.has_value());
    QVERIFY(members->isEmpty());
    const QByteArray out =
        JsonSplice::apply(json, {JsonSplice::appendMember(json, *members, "a", "1")});
    QCOMPARE(parse(out), QJsonObject({{QStringLiteral("a"), 1}}));
}

QTEST_GUILESS_MAIN(TestJsonSplice)
#include "TestJsonSplice.moc"
