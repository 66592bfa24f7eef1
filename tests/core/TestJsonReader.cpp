#include "api/JsonReader.h"
#include "api/JsonTree.h"
#include "support/TestData.h"

#include <QDirIterator>
#include <QJsonArray>
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
    void checkedTreeOnEveryFixture();
    void checkedTreeDeclinesWhatWholeDeclines();
    void numbers_data();
    void numbers();
};

namespace {

/// `whole` padded so that every string in it is long: each fixture then has strings to cut.
QJsonValue lengthened(const QJsonValue &v, int depth)
{
    if (v.isObject()) {
        QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            *it = lengthened(*it, depth + 1);
        return o;
    }
    if (v.isArray()) {
        QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            a.replace(i, lengthened(a.at(i), depth + 1));
        return a;
    }
    if (v.isString() && depth >= 2)
        return v.toString() + QStringLiteral(" \u00e9\"\n") + QString(300, QLatin1Char('x'));
    return v;
}

} // namespace

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
    QVERIFY(!JsonTree::parseChecked(json).has_value());
}

void TestJsonReader::checkedTreeOnEveryFixture()
{
    // Every fixture, pretty-printed, and again with longer strings full of escapes: the
    // checked tree reads it (as ChatEndpoint reads a large body), with Qt's top-level scalars.
    int compared = 0;
    QDirIterator it(TestData::path(QString()), {QStringLiteral("*.json")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QJsonDocument fixture = QJsonDocument::fromJson(TestData::read(file));
        if (!fixture.isObject())
            continue;
        for (const bool longer : {false, true}) {
            const QJsonObject whole =
                longer ? lengthened(fixture.object(), 1).toObject() : fixture.object();
            const QByteArray json = QJsonDocument(whole).toJson(QJsonDocument::Indented);
            const auto tree = JsonTree::parseChecked(json);
            QVERIFY2(tree.has_value(), qPrintable(file));
            QJsonObject scalars = whole;
            for (const QString &key : whole.keys()) {
                if (whole.value(key).isArray() || whole.value(key).isObject())
                    scalars.remove(key);
            }
            QCOMPARE(tree->scalarMembers(), scalars);
            ++compared;
        }
    }
    QVERIFY2(compared >= 40, qPrintable(QString::number(compared)));
}

void TestJsonReader::checkedTreeDeclinesWhatWholeDeclines()
{
    // The declines_data() faults inside a long string, and below the top levels.
    const QByteArray pad(300, 'p');
    const QList<QByteArray> faults{"\\x",     "\\ud83d", "\\ude00",  "\\ud83d\\u0041",
                                   "\\u12G4", "\n",      "\xc3\x28", "\\"};
    for (const QByteArray &fault : faults) {
        const QByteArray json = "{\"a\":[\"" + pad + fault + pad + "\"]}";
        QVERIFY2(!JsonTree::parseChecked(json).has_value(), json.left(320).right(20).constData());
        QVERIFY(!JsonReader::readObject(json).has_value());
    }
    const QList<QByteArray> structural{"{\"a\":[\"" + pad + "\",]}", "{\"a\":[\"" + pad + "\"}",
                                       "{\"a\":[\"" + pad + "\"]} x", "[\"" + pad + "\"]",
                                       "{\"a\":[\"" + pad + "\"]"};
    for (const QByteArray &json : structural)
        QVERIFY2(!JsonTree::parseChecked(json).has_value(), json.right(20).constData());
    const QByteArray deepOpen = "{\"a\":[\"" + pad + "\"],\"b\":[[[{\"c\":[";
    const QByteArray deepClose = "]}]]]}";
    QList<QByteArray> deepFaults;
    for (const QByteArray &fault : faults)
        deepFaults.append("\"" + fault + "\"");
    deepFaults << "01"
               << "1."
               << "-"
               << "tru"
               << "NaN"
               << "1e400"
               << "[1,]"
               << "{\"x\"}"
               << "[1 2]"
               << "{\"x\":1,}"
               << "'x'";
    for (const QByteArray &fault : deepFaults) {
        const QByteArray json = deepOpen + fault + deepClose;
        QVERIFY2(!JsonTree::parseChecked(json).has_value(), fault.constData());
        QVERIFY2(!JsonReader::readObject(json).has_value(), fault.constData());
    }
    const QByteArray deepFine =
        deepOpen + "[\"" + pad + "\\n\",-0.5e-3,true,null,{}],{\"d\":[]}" + deepClose;
    QVERIFY(JsonTree::parseChecked(deepFine).has_value());

    // A key given twice below the top level is decided as Qt's parser decides it: the last.
    const QByteArray twice = "{\"b\":{\"a\":[\"" + pad + "\"],\"a\":1}}";
    const auto tree = JsonTree::parseChecked(twice);
    QVERIFY(tree.has_value());
    QCOMPARE(tree->root().member("b").member("a").toWhole().value_or(0), qint64(1));
    // At the top level, or spelt with an escape there, it is left to Qt's parser: a checked
    // tree promises unique top-level keys (a passthrough edits the first "model" it finds).
    for (const QByteArray &topTwice :
         {QByteArray("{\"a\":[\"" + pad + "\"],\"a\":1}"),
          QByteArray("{\"model\":\"x\",\"m\\u006fdel\":\"y\",\"a\":[\"" + pad + "\"]}")}) {
        QVERIFY(!JsonTree::parseChecked(topTwice).has_value());
        QVERIFY(JsonReader::readObject(topTwice).has_value() ||
                !QJsonDocument::fromJson(topTwice).isNull());
    }
}

void TestJsonReader::numbers_data()
{
    // JsonReader and the checked tree share one number grammar (JsonStringScan::numberAt). A number
    // they do not take is left to Qt's parser, which refuses some of these and reads others
    // its own way (1. and .5 as numbers, 1e400 as an error).
    QTest::addColumn<QByteArray>("number");
    QTest::addColumn<bool>("taken");
    const QByteArray longInteger(400, '7'); // beyond a double's range, with no exponent
    const QByteArray longFraction = "0." + QByteArray(310, '0') + "1"; // 1e-311, subnormal
    const QByteArray longOne = "1." + QByteArray(310, '0');            // over 300 characters
    const struct
    {
        const char *name;
        QByteArray number;
        bool taken;
    } rows[] = {
        {"0", "0", true},
        {"-0", "-0", true},
        {"-0.0", "-0.0", true},
        {"0e0", "0e0", true},
        {"1E5", "1E5", true},
        {"1.0E+2", "1.0E+2", true},
        {"1.5e-3", "1.5e-3", true},
        {"5e-324 (smallest subnormal)", "5e-324", true},
        {"30 digits", "123456789012345678901234567890", true},
        {"qint64 min", "-9223372036854775808", true},
        {"below qint64 min", "-9223372036854775809", true},
        {"qint64 max + 1", "9223372036854775808", true},
        {"long fraction", longFraction, true},
        {"long whole fraction", longOne, true},
        {"01", "01", false},
        {"-01", "-01", false},
        {"00", "00", false},
        {"1.", "1.", false},
        {"1.e3", "1.e3", false},
        {".5", ".5", false},
        {"-", "-", false},
        {"+1", "+1", false},
        {"1e", "1e", false},
        {"1e+", "1e+", false},
        {"1e-", "1e-", false},
        {"1.5.3", "1.5.3", false},
        {"0x1", "0x1", false},
        {"1e400 (out of range)", "1e400", false},
        {"-1e400", "-1e400", false},
        {"1e-400 (below the smallest double)", "1e-400", false},
        {"400 digits (out of range)", longInteger, false},
    };
    for (const auto &row : rows)
        QTest::newRow(row.name) << row.number << row.taken;
}

void TestJsonReader::numbers()
{
    QFETCH(QByteArray, number);
    QFETCH(bool, taken);
    // At the top level, and deep inside: the whole reader, and the checked tree, which takes
    // exactly the numbers the reader takes.
    const QByteArray top = "{\"n\":" + number + ",\"deep\":[[[[[1]]]]]}";
    const QByteArray deep = "{\"deep\":[[[[[" + number + ",1]]]]]}";
    for (const QByteArray &json : {top, deep}) {
        const auto whole = JsonReader::readObject(json);
        const auto tree = JsonTree::parseChecked(json);
        QCOMPARE(whole.has_value(), taken);
        QCOMPARE(tree.has_value(), taken);
        if (!taken)
            continue;
        const QJsonObject qt = QJsonDocument::fromJson(json).object();
        QCOMPARE(*whole, qt);
        QCOMPARE(QJsonDocument(*whole).toJson(QJsonDocument::Compact),
                 QJsonDocument(qt).toJson(QJsonDocument::Compact));
        // The same value and kind (an integer stays one) as Qt's.
        QCOMPARE(QJsonDocument(QJsonArray{tree->scalarMembers().value("n")})
                     .toJson(QJsonDocument::Compact),
                 QJsonDocument(QJsonArray{qt.value("n")}).toJson(QJsonDocument::Compact));
    }
}

QTEST_GUILESS_MAIN(TestJsonReader)
#include "TestJsonReader.moc"
