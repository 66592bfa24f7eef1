// Redaction of secrets (provider keys, the access token) in text the request log keeps: every
// spelling of each secret, and nothing else.
#include "gateway/SecretRedactor.h"

#include <QTest>

class TestSecretRedactor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void redactsEverySpelling_data();
    void redactsEverySpelling();
    void shortSecretsAreIgnored();
    void overlappingSecrets();
};

void TestSecretRedactor::redactsEverySpelling_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("plain") << QByteArray("sk-abcdef123456") << QByteArray("key sk-abcdef123456!")
                           << QByteArray("key [redacted]!");
    QTest::newRow("twice") << QByteArray("sk-abcdef123456")
                           << QByteArray("sk-abcdef123456 and sk-abcdef123456")
                           << QByteArray("[redacted] and [redacted]");
    QTest::newRow("JSON-escaped slash")
        << QByteArray("tok/en+with/slash") << QByteArray(R"({"a":"tok\/en+with\/slash"})")
        << QByteArray(R"({"a":"[redacted]"})");
    QTest::newRow("JSON-escaped quote")
        << QByteArray("abc\"defghij") << QByteArray(R"({"a":"abc\"defghij"})")
        << QByteArray(R"({"a":"[redacted]"})");
    QTest::newRow("percent-encoded")
        << QByteArray("tok/en+with/slash") << QByteArray("?key=tok%2Fen%2Bwith%2Fslash&x=1")
        << QByteArray("?key=[redacted]&x=1");
    QTest::newRow("absent") << QByteArray("sk-abcdef123456") << QByteArray("nothing secret here")
                            << QByteArray("nothing secret here");
    QTest::newRow("a prefix is not the secret")
        << QByteArray("sk-abcdef123456") << QByteArray("sk-abcdef12345")
        << QByteArray("sk-abcdef12345");
}

void TestSecretRedactor::redactsEverySpelling()
{
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);

    const SecretRedactor redactor({secret});
    QCOMPARE(redactor.redact(text), expected);
    // The same as text (record fields are strings).
    QCOMPARE(redactor.redact(QString::fromLatin1(text)), QString::fromLatin1(expected));
    QVERIFY(redactor.longestSpelling() >= secret.size());
}

void TestSecretRedactor::shortSecretsAreIgnored()
{
    // A seven-byte "key" would match ordinary words in every body.
    const SecretRedactor redactor({QByteArrayLiteral("sk-test"), QByteArray()});
    QVERIFY(redactor.isEmpty());
    QCOMPARE(redactor.redact(QByteArray("use sk-test here")), QByteArray("use sk-test here"));
    QCOMPARE(redactor.longestSpelling(), 0);
}

void TestSecretRedactor::overlappingSecrets()
{
    // The longer secret is replaced whole, not split by a shorter one inside it.
    const SecretRedactor redactor(
        {QByteArrayLiteral("abcdefgh"), QByteArrayLiteral("xxabcdefghyy")});
    QCOMPARE(redactor.redact(QByteArray("1 xxabcdefghyy 2 abcdefgh")),
             QByteArray("1 [redacted] 2 [redacted]"));
}

QTEST_GUILESS_MAIN(TestSecretRedactor)
#include "TestSecretRedactor.moc"
