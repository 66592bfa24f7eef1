#include "api/JsonWriter.h"
#include "support/TestData.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QTest>

/// JsonWriter must write exactly what QJsonDocument::toJson(Compact) writes: translators use
/// it and their golden files hold Qt's bytes.
class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameBytesAsQt_data();
    void sameBytesAsQt();
    void sameBytesAsQtOnEveryFixture();
    void sizeHintChangesNothing();
};

void TestJsonWriter::sameBytesAsQt_data()
{
    QTest::addColumn<QJsonObject>("object");
    QTest::newRow("empty") << QJsonObject();
    QTest::newRow("scalars") << QJsonObject{{QStringLiteral("t"), true},
                                            {QStringLiteral("f"), false},
                                            {QStringLiteral("n"), QJsonValue::Null},
                                            {QStringLiteral("e"), QJsonArray()},
                                            {QStringLiteral("o"), QJsonObject()}};
    QTest::newRow("numbers") << QJsonObject{{QStringLiteral("i"), 42},
                                            {QStringLiteral("neg"), qint64(-9223372036854775807LL)},
                                            {QStringLiteral("big"), qint64(9007199254740993LL)},
                                            {QStringLiteral("d"), 0.1},
                                            {QStringLiteral("whole double"), 1e15},
                                            {QStringLiteral("huge"), 1e300},
                                            {QStringLiteral("tiny"), 5e-324},
                                            {QStringLiteral("minus zero"), -0.0},
                                            {QStringLiteral("third"), 1.0 / 3}};
    QTest::newRow("escapes") << QJsonObject{
        {QStringLiteral("s"),
         QString::fromUtf8("q\" b\\ s/ \b\f\n\r\t \x01\x1f\x7f end caf\xc3\xa9 \xe4\xb8\xad "
                           "\xf0\x9f\x99\x82")},
        {QString::fromUtf8("key \"with\" \xc3\xa9\n"), QStringLiteral("v")}};
    QTest::newRow("long string, escape at the end")
        << QJsonObject{{QStringLiteral("s"), QString(100, QLatin1Char('x')) + QLatin1Char('\n')}};
    QTest::newRow("nested") << QJsonDocument::fromJson(
                                   R"({"messages":[{"role":"user","content":[{"type":"text",)"
                                   R"("text":"hi"}]},[1,[2,[3]]],{"a":{"b":{"c":null}}}]})")
                                   .object();
    // Found by fuzz_json_codecs: toUtf8() turned an unpaired surrogate into '?', where Qt's
    // writer keeps it as \ud800 (in keys and values, alone, twice, beside a real pair).
    QTest::newRow("lone surrogates")
        << QJsonDocument::fromJson(
               R"({"\ud800" :0,"v":"x\udc00y","w":"\ud800\ud800\ud83d\ude00?","z":"\ude00\"\n"})")
               .object();
}

void TestJsonWriter::sameBytesAsQt()
{
    QFETCH(QJsonObject, object);
    QCOMPARE(JsonWriter::compact(object), QJsonDocument(object).toJson(QJsonDocument::Compact));
    const QJsonArray array{object, object.value(QStringLiteral("s")), 1.5};
    QCOMPARE(JsonWriter::compact(array), QJsonDocument(array).toJson(QJsonDocument::Compact));
}

void TestJsonWriter::sameBytesAsQtOnEveryFixture()
{
    int compared = 0;
    QDirIterator it(TestData::path(QString()), {QStringLiteral("*.json")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QJsonDocument doc = QJsonDocument::fromJson(TestData::read(file));
        if (!doc.isObject())
            continue;
        QVERIFY2(JsonWriter::compact(doc.object()) == doc.toJson(QJsonDocument::Compact),
                 qPrintable(file));
        ++compared;
    }
    QVERIFY2(compared >= 20, qPrintable(QString::number(compared)));
}

void TestJsonWriter::sizeHintChangesNothing()
{
    const QJsonObject object{{QStringLiteral("a"), QStringLiteral("b")}};
    QCOMPARE(JsonWriter::compact(object, 0), JsonWriter::compact(object, 1 << 20));
}

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "TestJsonWriter.moc"
