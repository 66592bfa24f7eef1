// Redaction of secrets (provider keys, the access token) from everything a client receives and
// the request log keeps: every spelling of each secret, at any position, and nothing else.
#include "gateway/SecretRedactor.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

namespace {
const QByteArray kKey = "sk-live/abc+def=0123456789";
const QByteArray kToken = "local-token-Zx9";

/// The obvious implementation, to check the sampled scan against.
QByteArray naiveRedact(QByteArray bytes, const QList<QByteArray> &patterns)
{
    QByteArray out;
    qsizetype i = 0;
    while (i < bytes.size()) {
        bool matched = false;
        for (const QByteArray &p : patterns) { // longest first
            if (bytes.mid(i, p.size()) == p) {
                out += SecretRedactor::kReplacement;
                i += p.size();
                matched = true;
                break;
            }
        }
        if (!matched)
            out += bytes.at(i++);
    }
    return out;
}
} // namespace

/// The redactor every byte to a client passes through: every spelling of every secret goes,
/// at any position, and clean text costs no copy.
class TestSecretRedactor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void singleSecretSpellings_data();
    void singleSecretSpellings();
    void sevenByteSecretsAreIgnored();
    void longerSecretReplacedWhole();
    void spellings();
    void redactsEverySpelling_data();
    void redactsEverySpelling();
    void everyOffsetAndNeighbour();
    void cleanTextIsNotCopied();
    void shortSecretsAreIgnored();
    void longestSecretWins();
    void randomTextAgainstNaive();
    void strings();
    void scanSpeed();
};

void TestSecretRedactor::spellings()
{
    const QList<QByteArray> all = SecretRedactor::spellings(QString::fromUtf8(kKey));
    QVERIFY(all.contains("sk-live/abc+def=0123456789"));
    QVERIFY(all.contains("sk-live\\/abc+def=0123456789"));     // JSON with an escaped slash
    QVERIFY(all.contains("sk-live%2Fabc%2Bdef%3D0123456789")); // URL-encoded
    QVERIFY(all.contains("sk-live%2fabc%2bdef%3d0123456789"));
    const QList<QByteArray> unicode = SecretRedactor::spellings(QStringLiteral("clé\"secrète/x"));
    QVERIFY(unicode.contains("cl\\u00e9\\\"secr\\u00e8te/x"));
    QVERIFY(unicode.contains("cl\\u00E9\\\"secr\\u00E8te\\/x"));
    QVERIFY(unicode.contains(QStringLiteral("clé\\\"secrète/x").toUtf8()));
    QVERIFY(unicode.contains("cl%C3%A9%22secr%C3%A8te%2Fx"));
}

void TestSecretRedactor::redactsEverySpelling_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("raw") << QByteArray("Incorrect API key: sk-live/abc+def=0123456789.")
                         << QByteArray("Incorrect API key: [redacted].");
    QTest::newRow("json escaped slash")
        << QByteArray(R"({"error":{"param":"sk-live\/abc+def=0123456789"}})")
        << QByteArray(R"({"error":{"param":"[redacted]"}})");
    QTest::newRow("url encoded")
        << QByteArray("see https://x.test/?key=sk-live%2Fabc%2Bdef%3D0123456789&a=1")
        << QByteArray("see https://x.test/?key=[redacted]&a=1");
    QTest::newRow("token, twice, adjacent")
        << QByteArray("local-token-Zx9local-token-Zx9!") << QByteArray("[redacted][redacted]!");
    QTest::newRow("at the very start and end")
        << QByteArray("sk-live/abc+def=0123456789 and local-token-Zx9")
        << QByteArray("[redacted] and [redacted]");
    QTest::newRow("a near miss stays") << QByteArray("sk-live/abc+def=012345678X local-token-Zx")
                                       << QByteArray("sk-live/abc+def=012345678X local-token-Zx");
}

void TestSecretRedactor::redactsEverySpelling()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    const SecretRedactor redactor({kKey, kToken});
    QCOMPARE(redactor.redact(text), expected);
    QCOMPARE(redactor.containsSecret(text), text != expected);
}

void TestSecretRedactor::everyOffsetAndNeighbour()
{
    // The scan samples every fifth byte: every start position and both neighbours must work.
    const SecretRedactor redactor({kToken});
    for (int before = 0; before < 12; ++before) {
        for (int after = 0; after < 12; ++after) {
            const QByteArray text = QByteArray(before, 'a') + kToken + QByteArray(after, 'b');
            QCOMPARE(redactor.redact(text),
                     QByteArray(before, 'a') + "[redacted]" + QByteArray(after, 'b'));
        }
    }
}

void TestSecretRedactor::cleanTextIsNotCopied()
{
    const SecretRedactor redactor({kKey, kToken});
    const QByteArray clean(100000, 'x');
    QCOMPARE(redactor.redact(clean).constData(), clean.constData());
    const QString text = QStringLiteral("nothing secret here");
    QCOMPARE(redactor.redactString(text).constData(), text.constData());
}

void TestSecretRedactor::shortSecretsAreIgnored()
{
    const SecretRedactor redactor({QByteArrayLiteral("ollama"), QByteArray()});
    QVERIFY(redactor.isEmpty());
    QCOMPARE(redactor.redact(QByteArray("ollama says hi")), QByteArray("ollama says hi"));
}

void TestSecretRedactor::longestSecretWins()
{
    const SecretRedactor redactor(
        {QByteArrayLiteral("abcdefgh"), QByteArrayLiteral("abcdefgh-ijklmnop")});
    QCOMPARE(redactor.redact(QByteArray("x abcdefgh-ijklmnop y abcdefgh z")),
             QByteArray("x [redacted] y [redacted] z"));
}

void TestSecretRedactor::randomTextAgainstNaive()
{
    const QList<QByteArray> secrets{kKey, kToken, QByteArrayLiteral("abab-abab-ab")};
    const SecretRedactor redactor(secrets);
    QRandomGenerator random(20260101);
    const QList<QByteArray> pieces{"a",
                                   "b",
                                   "-",
                                   "ab",
                                   "abab-",
                                   "sk-live/abc+def=0123456789",
                                   "local-token-Zx9",
                                   "local-token",
                                   "sk-live\\/abc+def=",
                                   "0123456789",
                                   "%2F"};
    for (int round = 0; round < 2000; ++round) {
        QByteArray text;
        const int count = random.bounded(1, 30);
        for (int i = 0; i < count; ++i)
            text += pieces.at(random.bounded(int(pieces.size())));
        QCOMPARE(redactor.redact(text), naiveRedact(text, redactor.patterns()));
    }
}

void TestSecretRedactor::strings()
{
    const SecretRedactor redactor({kKey});
    QCOMPARE(redactor.redactString(QStringLiteral("clé sk-live/abc+def=0123456789 ü")),
             QStringLiteral("clé [redacted] ü"));
}

void TestSecretRedactor::scanSpeed()
{
    // Reported, not asserted (the machine is shared): the cost of a clean answer per byte.
    QList<QByteArray> secrets;
    for (int i = 0; i < 10; ++i)
        secrets.append("sk-provider-key-" + QByteArray::number(i) + "-abcdefghijklmnop");
    secrets.append(kToken);
    const SecretRedactor redactor(secrets);
    QByteArray body;
    while (body.size() < 8 * 1024 * 1024)
        body += R"({"role":"assistant","content":"Sure, here is the code you asked for."},)";
    QElapsedTimer timer;
    timer.start();
    constexpr int kRounds = 8;
    for (int i = 0; i < kRounds; ++i)
        QCOMPARE(redactor.redact(body).constData(), body.constData());
    qInfo("clean scan with %d patterns: %.3f ns per byte", int(redactor.patterns().size()),
          double(timer.nsecsElapsed()) / (double(body.size()) * kRounds));
}

void TestSecretRedactor::singleSecretSpellings_data()
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

void TestSecretRedactor::singleSecretSpellings()
{
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);

    const SecretRedactor redactor({secret});
    QCOMPARE(redactor.redact(text), expected);
    // The same as text (record fields are strings).
    QCOMPARE(redactor.redactString(QString::fromLatin1(text)), QString::fromLatin1(expected));
    QVERIFY(redactor.longestSpelling() >= secret.size());
}

void TestSecretRedactor::sevenByteSecretsAreIgnored()
{
    // A seven-byte "key" would match ordinary words in every body.
    const SecretRedactor redactor({QByteArrayLiteral("sk-test"), QByteArray()});
    QVERIFY(redactor.isEmpty());
    QCOMPARE(redactor.redact(QByteArray("use sk-test here")), QByteArray("use sk-test here"));
    QCOMPARE(redactor.longestSpelling(), 0);
}

void TestSecretRedactor::longerSecretReplacedWhole()
{
    // The longer secret is replaced whole, not split by a shorter one inside it.
    const SecretRedactor redactor(
        {QByteArrayLiteral("abcdefgh"), QByteArrayLiteral("xxabcdefghyy")});
    QCOMPARE(redactor.redact(QByteArray("1 xxabcdefghyy 2 abcdefgh")),
             QByteArray("1 [redacted] 2 [redacted]"));
}

QTEST_GUILESS_MAIN(TestSecretRedactor)
#include "TestSecretRedactor.moc"
