#include "api/JsonReader.h"
#include "support/TestData.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QTest>

/// JsonReader against QJsonDocument::fromJson: the same object for every text it takes, and
/// nothing for the texts it leaves to Qt's parser (which then reports or decides them).
class TestJsonReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameAsQt_data();
    void sameAsQt();
    void sameAsQtOnEveryFixture();
    void declines_data();
    void declines();
};

void TestJsonReader::sameAsQt_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray("{}");
    QTest::newRow("spaces") << QByteArray(" \r\n\t{ \"a\" : [ 1 , 2 ] , \"b\" : { } }\n ");
    QTest::newRow("literals") << QByteArray(R"({"t":true,"f":false,"n":null,"e":[],"o":{}})");
    QTest::newRow("escapes") << QByteArray(
        R"({"s":"q\" b\\ s\/ \b\f\n\r\t end","u":"\u00e9\u4e2d\ud83d\ude00\u0000x"})");
    QTest::newRow("raw utf-8") << QByteArray(
        "{\"s\":\"na\xc3\xafve \xe9\x85\x8d\xf0\x9f\x99\x82\"}");
    QTest::newRow("escape at the start and end") << QByteArray(R"({"s":"\nmiddle\n"})");
    QTest::newRow("integers") << QByteArray(
        R"({"a":0,"b":-0,"c":42,"d":-7,"e":9223372036854775807,"f":-9223372036854775808})");
    QTest::newRow("beyond 64 bits")
        << QByteArray(R"({"a":9223372036854775808,"b":1e400})").replace("1e400", "1e300");
    QTest::newRow("doubles") << QByteArray(
        R"({"a":1.5,"b":-2.5E-3,"c":1e3,"d":0.1,"e":123456789.123456789,"f":5e-324})");
    // Found by fuzz_json_codecs: Qt keeps a whole number within qint64's range as an integer
    // however it is written, and then writes it as one (1444444444444444416, not ...400).
    QTest::newRow("whole doubles") << QByteArray(
        R"({"a":1444444444444444444.444,"b":-0.0,"c":9.3e18,"d":-9223372036854775808.0,)"
        R"("e":9223372036854775807.0,"f":4611686018427387904.5,"g":-1e2})");
    QTest::newRow("nested") << QByteArray(
        R"({"messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}],"x":[[[]]]})");
    QTest::newRow("keys sorted differently")
        << QByteArray(R"({"zeta":1,"alpha":2,"Mid":3,"mid":4,"\u00e9":5})");
}

void TestJsonReader::sameAsQt()
{
    QFETCH(QByteArray, json);
    const auto mine = JsonReader::readObject(json);
    QVERIFY(mine.has_value());
    const QJsonObject qt = QJsonDocument::fromJson(json).object();
    QCOMPARE(*mine, qt);
    // Same types too (an integer stays one): the serialised forms are equal.
    QCOMPARE(QJsonDocument(*mine).toJson(QJsonDocument::Compact),
             QJsonDocument(qt).toJson(QJsonDocument::Compact));
}

void TestJsonReader::sameAsQtOnEveryFixture()
{
    int compared = 0;
    QDirIterator it(TestData::path(QString()), {QStringLiteral("*.json")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QByteArray json = TestData::read(file);
        QJsonParseError error;
        const QJsonDocument qt = QJsonDocument::fromJson(json, &error);
        if (error.error != QJsonParseError::NoError || !qt.isObject())
            continue;
        const auto mine = JsonReader::readObject(json);
        QVERIFY2(mine.has_value(), qPrintable(file));
        QVERIFY2(*mine == qt.object(), qPrintable(file));
        QCOMPARE(QJsonDocument(*mine).toJson(QJsonDocument::Compact),
                 qt.toJson(QJsonDocument::Compact));
        ++compared;
    }
    QVERIFY2(compared >= 20, qPrintable(QString::number(compared)));
}

void TestJsonReader::declines_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("nothing") << QByteArray("");
    QTest::newRow("array") << QByteArray("[1]");
    QTest::newRow("bare value") << QByteArray("\"s\"");
    QTest::newRow("trailing comma") << QByteArray(R"({"a":1,})");
    QTest::newRow("unclosed") << QByteArray(R"({"a":1)");
    QTest::newRow("text after") << QByteArray(R"({"a":1} x)");
    QTest::newRow("raw newline in a string") << QByteArray("{\"a\":\"x\ny\"}");
    QTest::newRow("bad escape") << QByteArray(R"({"a":"\x"})");
    QTest::newRow("lone high surrogate") << QByteArray(R"({"a":"\ud83d"})");
    QTest::newRow("lone low surrogate") << QByteArray(R"({"a":"\ude00"})");
    QTest::newRow("invalid utf-8") << QByteArray("{\"a\":\"\xc3\x28\"}");
    QTest::newRow("leading zero") << QByteArray(R"({"a":01})");
    QTest::newRow("bare dot") << QByteArray(R"({"a":1.})");
    QTest::newRow("minus alone") << QByteArray(R"({"a":-})");
    QTest::newRow("NaN") << QByteArray(R"({"a":NaN})");
    QTest::newRow("out of range") << QByteArray(R"({"a":1e400})");
    QTest::newRow("duplicate key") << QByteArray(R"({"a":1,"a":2})");
    QTest::newRow("truncated literal") << QByteArray(R"({"a":tru})");
    QTest::newRow("too deep") << QByteArray("{\"a\":" + QByteArray(600, '[') +
                                            QByteArray(600, ']') + "}");
}

void TestJsonReader::declines()
{
    QFETCH(QByteArray, json);
    QVERIFY(!JsonReader::readObject(json).has_value());
}

QTEST_GUILESS_MAIN(TestJsonReader)
#include "TestJsonReader.moc"
