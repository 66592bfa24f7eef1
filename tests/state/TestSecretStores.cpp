// ProviderKeyStore and AccessTokenStore on an in-memory keychain: the environment over the
// keychain, where each key comes from, writes and deletes, the token's first-run policy,
// regeneration, and what happens without a keychain. (The real keychain: tests/access.)
#include "secrets/AccessTokenStore.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/ProviderKeyStore.h"

#include <QSignalSpy>
#include <QTest>

#include <optional>

namespace {
EnvironmentSettings environment(const QHash<QString, QString> &values)
{
    return EnvironmentSettings::fromValues(values);
}

const QString kTokenAccount = QLatin1String(SecretSource::kAccessTokenAccount);
} // namespace

class TestSecretStores : public QObject
{
    Q_OBJECT

private:
    /// Runs an operation with a ResultCallback and returns its error text ("" on success).
    template <typename Operation> QString await(Operation operation)
    {
        std::optional<QString> error;
        operation([&error](const QString &e) { error = e; });
        if (!QTest::qWaitFor([&] { return error.has_value(); }, 5000))
            return QStringLiteral("<no answer>");
        return *error;
    }

private Q_SLOTS:
    void environmentWinsOverKeychain()
    {
        MemorySecretStore keychain;
        QCOMPARE(await([&](auto done) {
                     keychain.write(SecretSource::providerAccount(QStringLiteral("openai")),
                                    QStringLiteral("sk-keychain"), this,
                                    [done](const SecretResult &r) { done(r.message); });
                 }),
                 QString());
        keychain.write(SecretSource::providerAccount(QStringLiteral("deepseek")),
                       QStringLiteral("sk-ds-keychain"), this, [](const SecretResult &) {});
        ProviderKeyStore keys(keychain, environment({{QStringLiteral("OPENAI_API_KEY"),
                                                      QStringLiteral("sk-environment")}}));
        QSignalSpy loading(&keys, &ProviderKeyStore::loadingChanged);
        keys.load(
            {QStringLiteral("openai"), QStringLiteral("deepseek"), QStringLiteral("anthropic")});
        QVERIFY(keys.isLoading());
        // The environment's key is there at once; the keychain's join when read.
        QCOMPARE(keys.key(QStringLiteral("openai")), QStringLiteral("sk-environment"));
        QVERIFY(keys.key(QStringLiteral("deepseek")).isEmpty());
        QTRY_VERIFY(!keys.isLoading());
        QCOMPARE(loading.count(), 2);
        QCOMPARE(keys.key(QStringLiteral("deepseek")), QStringLiteral("sk-ds-keychain"));
        QCOMPARE(keys.source(QStringLiteral("openai")), ProviderKeyStore::Source::Environment);
        QCOMPARE(keys.source(QStringLiteral("deepseek")), ProviderKeyStore::Source::Keychain);
        QCOMPARE(keys.source(QStringLiteral("anthropic")), ProviderKeyStore::Source::None);
        const ProviderKeys expected{{QStringLiteral("openai"), QStringLiteral("sk-environment")},
                                    {QStringLiteral("deepseek"), QStringLiteral("sk-ds-keychain")}};
        QCOMPARE(keys.keys(), expected);
        // The environment's provider was never looked up in the keychain.
        QCOMPARE(keychain.operationCount(), 4); // two writes above, two reads
    }

    void writeAndRemove()
    {
        MemorySecretStore keychain;
        ProviderKeyStore keys(keychain, environment({{QStringLiteral("OPENAI_API_KEY"),
                                                      QStringLiteral("sk-environment")}}));
        keys.load({QStringLiteral("groq"), QStringLiteral("openai")});
        QTRY_VERIFY(!keys.isLoading());
        QSignalSpy changed(&keys, &ProviderKeyStore::keysChanged);

        QCOMPARE(await([&](auto done) {
                     keys.setKey(QStringLiteral("groq"), QStringLiteral(" gsk-1234567890abcdef \n"),
                                 this, done);
                 }),
                 QString());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(keys.key(QStringLiteral("groq")), QStringLiteral("gsk-1234567890abcdef"));
        QCOMPARE(keychain.contents().value(QStringLiteral("provider/groq")),
                 QStringLiteral("gsk-1234567890abcdef"));

        const QString refused = await([&](auto done) {
            keys.setKey(QStringLiteral("openai"), QStringLiteral("sk-typed"), this, done);
        });
        QVERIFY2(refused.contains(QLatin1String("OPENAI_API_KEY")), qPrintable(refused));
        QVERIFY(!keychain.contents().contains(QStringLiteral("provider/openai")));
        QVERIFY(await([&](auto done) {
                    keys.setKey(QStringLiteral("groq"), QStringLiteral("   "), this, done);
                }).contains(QLatin1String("empty")));
        QCOMPARE(changed.count(), 1);

        QCOMPARE(await([&](auto done) { keys.removeKey(QStringLiteral("groq"), this, done); }),
                 QString());
        QCOMPARE(changed.count(), 2);
        QVERIFY(keys.key(QStringLiteral("groq")).isEmpty());
        QVERIFY(keychain.contents().isEmpty());
    }

    void keysAddedLaterAreRead()
    {
        MemorySecretStore keychain;
        keychain.write(SecretSource::providerAccount(QStringLiteral("mistral")),
                       QStringLiteral("mi-key"), this, [](const SecretResult &) {});
        ProviderKeyStore keys(keychain, environment({}));
        keys.load({QStringLiteral("openai")});
        QTRY_VERIFY(!keys.isLoading());
        QSignalSpy changed(&keys, &ProviderKeyStore::keysChanged);
        keys.load({QStringLiteral("openai"), QStringLiteral("mistral")});
        QVERIFY(changed.wait(5000));
        QCOMPARE(keys.key(QStringLiteral("mistral")), QStringLiteral("mi-key"));
    }

    void emptyKeychainIsProbed()
    {
        MemorySecretStore keychain;
        ProviderKeyStore keys(keychain, environment({}));
        keys.load({QStringLiteral("openai")});
        QTRY_COMPARE(keychain.availability(), SecretSource::Availability::Available);
        QCOMPARE(keychain.operationCount(), 2); // the read said "not found"; the probe wrote
    }

    void noKeychain()
    {
        MemorySecretStore keychain;
        keychain.setUnavailable(QStringLiteral("The system keychain is unavailable: no bus."));
        ProviderKeyStore keys(keychain, environment({{QStringLiteral("DEEPSEEK_API_KEY"),
                                                      QStringLiteral("sk-env-ds")}}));
        keys.load({QStringLiteral("openai"), QStringLiteral("deepseek")});
        QTRY_VERIFY(!keys.isLoading());
        QCOMPARE(keychain.availability(), SecretSource::Availability::Unavailable);
        QCOMPARE(keys.keys().size(), 1);
        const QString error = await([&](auto done) {
            keys.setKey(QStringLiteral("openai"), QStringLiteral("sk-typed"), this, done);
        });
        QCOMPARE(error, QStringLiteral("The system keychain is unavailable: no bus."));
        QVERIFY(keys.key(QStringLiteral("openai")).isEmpty());

        // Back: reload() finds the keys that were there all along.
        keychain.setUnavailable(QString());
        keychain.write(SecretSource::providerAccount(QStringLiteral("openai")),
                       QStringLiteral("sk-was-there"), this, [](const SecretResult &) {});
        QSignalSpy changed(&keys, &ProviderKeyStore::keysChanged);
        keys.reload();
        QVERIFY(changed.wait(5000));
        QCOMPARE(keys.key(QStringLiteral("openai")), QStringLiteral("sk-was-there"));
    }

    void mask_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("masked");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("short") << QStringLiteral("abc123") << QString(8, QChar(0x2022));
        QTest::newRow("typical") << QStringLiteral("sk-proj-abcdefghijklmnop1234")
                                 << QStringLiteral("sk-") + QString(3, QChar(0x2022)) +
                                        QStringLiteral("1234");
    }

    void mask()
    {
        QFETCH(QString, key);
        QFETCH(QString, masked);
        QCOMPARE(ProviderKeyStore::mask(key), masked);
    }

    void tokenFirstRunThenRead()
    {
        MemorySecretStore keychain;
        AccessTokenStore first(keychain, QString());
        QCOMPARE(first.state(), AccessTokenStore::State::Loading);
        first.load();
        QTRY_COMPARE(first.state(), AccessTokenStore::State::Ready);
        QVERIFY(first.wasCreated());
        QVERIFY(first.token().startsWith(QLatin1String("llmgw-")));
        QCOMPARE(first.source(), AccessTokenStore::Source::Keychain);
        QCOMPARE(keychain.contents().value(kTokenAccount), first.token());

        AccessTokenStore second(keychain, QString());
        second.load();
        QTRY_COMPARE(second.state(), AccessTokenStore::State::Ready);
        QVERIFY(!second.wasCreated());
        QCOMPARE(second.token(), first.token());
    }

    void tokenRegenerate()
    {
        MemorySecretStore keychain;
        AccessTokenStore tokens(keychain, QString());
        tokens.load();
        QTRY_COMPARE(tokens.state(), AccessTokenStore::State::Ready);
        const QString old = tokens.token();
        QSignalSpy changed(&tokens, &AccessTokenStore::tokenChanged);
        std::optional<QString> made;
        tokens.regenerate(this, [&](const QString &token, const QString &error) {
            QVERIFY(error.isEmpty());
            made = token;
        });
        QTRY_VERIFY(made.has_value());
        QVERIFY(*made != old);
        QCOMPARE(tokens.token(), *made);
        QCOMPARE(keychain.contents().value(kTokenAccount), *made);
        QCOMPARE(changed.count(), 1);
    }

    void environmentTokenWins()
    {
        MemorySecretStore keychain;
        keychain.write(kTokenAccount, QStringLiteral("llmgw-keychain"), this,
                       [](const SecretResult &) {});
        AccessTokenStore tokens(keychain, QStringLiteral("from-the-environment"));
        tokens.load();
        QCOMPARE(tokens.state(), AccessTokenStore::State::Ready); // at once, no keychain wait
        QCOMPARE(tokens.token(), QStringLiteral("from-the-environment"));
        QCOMPARE(tokens.source(), AccessTokenStore::Source::Environment);
        QVERIFY(tokens.hasEnvironmentToken());
        // A regenerated token goes to the keychain, but the environment's stays in force.
        std::optional<QString> made;
        tokens.regenerate(this, [&](const QString &token, const QString &) { made = token; });
        QTRY_VERIFY(made.has_value());
        QCOMPARE(keychain.contents().value(kTokenAccount), *made);
        QCOMPARE(tokens.token(), QStringLiteral("from-the-environment"));
    }

    void tokenMissingWithoutKeychainThenRetried()
    {
        MemorySecretStore keychain;
        keychain.setUnavailable(QStringLiteral("The system keychain is unavailable: locked."));
        AccessTokenStore tokens(keychain, QString());
        tokens.load();
        QTRY_COMPARE(tokens.state(), AccessTokenStore::State::Missing);
        QVERIFY(tokens.token().isEmpty());
        QVERIFY2(tokens.problem().contains(QLatin1String("locked")) &&
                     tokens.problem().contains(QLatin1String("LLM_GATEWAY_TOKEN")),
                 qPrintable(tokens.problem()));
        keychain.setUnavailable(QString());
        tokens.load();
        QCOMPARE(tokens.state(), AccessTokenStore::State::Loading);
        QTRY_COMPARE(tokens.state(), AccessTokenStore::State::Ready);
        QVERIFY(tokens.problem().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSecretStores)
#include "TestSecretStores.moc"
