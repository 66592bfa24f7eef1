// The real system keychain (Secret Service via gnome-keyring in a private D-Bus session, see
// with-keyring.sh): store, read back, update and delete through the app's store, merge with
// the environment, and the app binary using a key and a token it finds there.
#include "FakeUpstream.h"
#include "KeychainTestSupport.h"
#include "RawHttpClient.h"
#include "secrets/AccessTokenStore.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/ProviderKeyStore.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <optional>

namespace {
SecretResult await(const std::function<void(SecretSource::Callback)> &operation)
{
    return KeychainTestSupport::await(operation, 20000, SecretResult::Status::Unavailable);
}

/// What an independent client of the Secret Service (secret-tool) finds for an account.
QByteArray secretToolLookup(const QString &account)
{
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
               {QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("llm-gateway"),
                QStringLiteral("user"), account});
    if (!tool.waitForFinished(20000))
        return "<secret-tool hung>";
    return tool.readAllStandardOutput();
}
} // namespace

class TestKeychainStore : public QObject
{
    Q_OBJECT

private:
    KeychainSecretStore m_store;

    SecretResult read(const QString &account)
    {
        return await([&](SecretSource::Callback done) { m_store.read(account, this, done); });
    }
    SecretResult write(const QString &account, const QString &secret)
    {
        return await(
            [&](SecretSource::Callback done) { m_store.write(account, secret, this, done); });
    }
    SecretResult remove(const QString &account)
    {
        return await([&](SecretSource::Callback done) { m_store.remove(account, this, done); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QFAIL("No D-Bus session: run through tests/access/with-keyring.sh (ctest does).");
        const SecretResult probed =
            await([&](SecretSource::Callback done) { m_store.probe(this, done); });
        QVERIFY2(probed.status == SecretResult::Status::Ok, qPrintable(probed.message));
        QCOMPARE(m_store.availability(), KeychainSecretStore::Availability::Available);
        // The probe tidies up after itself.
        QCOMPARE(read(QLatin1String(KeychainSecretStore::kProbeAccount)).status,
                 SecretResult::Status::NotFound);
    }

    void storeReadUpdateDelete()
    {
        const QString account = SecretSource::providerAccount(QStringLiteral("openai"));
        QCOMPARE(read(account).status, SecretResult::Status::NotFound);

        QCOMPARE(write(account, QStringLiteral("sk-first-1111")).status, SecretResult::Status::Ok);
        SecretResult found = read(account);
        QCOMPARE(found.status, SecretResult::Status::Ok);
        QCOMPARE(found.value, QStringLiteral("sk-first-1111"));
        // It really is in the Secret Service, under the app's name and the account.
        QCOMPARE(secretToolLookup(account), QByteArray("sk-first-1111"));

        QCOMPARE(write(account, QStringLiteral("sk-second-2222")).status, SecretResult::Status::Ok);
        QCOMPARE(read(account).value, QStringLiteral("sk-second-2222"));

        QCOMPARE(remove(account).status, SecretResult::Status::Ok);
        found = read(account);
        QCOMPARE(found.status, SecretResult::Status::NotFound);
        QVERIFY(found.value.isEmpty());
        QCOMPARE(secretToolLookup(account), QByteArray());
    }

    void oneEntryPerAccount()
    {
        const QString a = SecretSource::providerAccount(QStringLiteral("deepseek"));
        const QString b = SecretSource::providerAccount(QStringLiteral("ollama"));
        const QString token = QLatin1String(KeychainSecretStore::kAccessTokenAccount);
        QCOMPARE(write(a, QStringLiteral("sk-ds")).status, SecretResult::Status::Ok);
        QCOMPARE(write(b, QStringLiteral("key with spaces, ünïcødé and = signs")).status,
                 SecretResult::Status::Ok);
        QCOMPARE(write(token, QStringLiteral("llmgw-tok")).status, SecretResult::Status::Ok);
        QCOMPARE(read(a).value, QStringLiteral("sk-ds"));
        QCOMPARE(read(b).value, QStringLiteral("key with spaces, ünïcødé and = signs"));
        QCOMPARE(read(token).value, QStringLiteral("llmgw-tok"));
        QCOMPARE(remove(b).status, SecretResult::Status::Ok);
        QCOMPARE(read(a).value, QStringLiteral("sk-ds")); // the others stay
        QCOMPARE(remove(a).status, SecretResult::Status::Ok);
        QCOMPARE(remove(token).status, SecretResult::Status::Ok);
    }

    void storesPreferEnvironment()
    {
        QCOMPARE(write(SecretSource::providerAccount(QStringLiteral("openai")),
                       QStringLiteral("sk-keychain-openai"))
                     .status,
                 SecretResult::Status::Ok);
        QCOMPARE(write(SecretSource::providerAccount(QStringLiteral("deepseek")),
                       QStringLiteral("sk-keychain-deepseek"))
                     .status,
                 SecretResult::Status::Ok);
        QCOMPARE(write(QLatin1String(KeychainSecretStore::kAccessTokenAccount),
                       QStringLiteral("llmgw-keychain-token"))
                     .status,
                 SecretResult::Status::Ok);

        const EnvironmentSettings environment = EnvironmentSettings::fromValues(
            {{QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-env-openai")}});
        ProviderKeyStore keys(m_store, environment);
        keys.load(
            {QStringLiteral("openai"), QStringLiteral("anthropic"), QStringLiteral("deepseek")});
        QVERIFY(keys.isLoading()); // anthropic and deepseek are read from the keychain
        QTRY_VERIFY_WITH_TIMEOUT(!keys.isLoading(), 20000);
        QCOMPARE(m_store.availability(), SecretSource::Availability::Available);
        QCOMPARE(keys.key(QStringLiteral("openai")), QStringLiteral("sk-env-openai"));
        QCOMPARE(keys.source(QStringLiteral("openai")), ProviderKeyStore::Source::Environment);
        QCOMPARE(keys.key(QStringLiteral("deepseek")), QStringLiteral("sk-keychain-deepseek"));
        QCOMPARE(keys.source(QStringLiteral("deepseek")), ProviderKeyStore::Source::Keychain);
        QVERIFY(!keys.keys().contains(QStringLiteral("anthropic")));
        QCOMPARE(keys.source(QStringLiteral("anthropic")), ProviderKeyStore::Source::None);

        AccessTokenStore fromKeychain(m_store, QString());
        fromKeychain.load();
        QTRY_COMPARE_WITH_TIMEOUT(fromKeychain.state(), AccessTokenStore::State::Ready, 20000);
        QCOMPARE(fromKeychain.token(), QStringLiteral("llmgw-keychain-token"));
        QVERIFY(!fromKeychain.wasCreated());

        // LLM_GATEWAY_TOKEN wins over the keychain's token too.
        AccessTokenStore fromEnvironment(m_store, QStringLiteral("llmgw-env-token"));
        fromEnvironment.load();
        QCOMPARE(fromEnvironment.state(), AccessTokenStore::State::Ready);
        QCOMPARE(fromEnvironment.token(), QStringLiteral("llmgw-env-token"));
        QCOMPARE(fromEnvironment.source(), AccessTokenStore::Source::Environment);

        for (const QString &account :
             {SecretSource::providerAccount(QStringLiteral("openai")),
              SecretSource::providerAccount(QStringLiteral("deepseek")),
              QString::fromLatin1(KeychainSecretStore::kAccessTokenAccount)})
            QCOMPARE(remove(account).status, SecretResult::Status::Ok);
    }

    void keyStoreWritesAndDeletes()
    {
        // What the Providers page does: store a key, see it take effect, delete it.
        ProviderKeyStore keys(m_store,
                              EnvironmentSettings::fromValues(
                                  {{QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-env")}}));
        keys.load({QStringLiteral("groq"), QStringLiteral("openai")});
        QTRY_VERIFY_WITH_TIMEOUT(!keys.isLoading(), 20000);
        QSignalSpy changed(&keys, &ProviderKeyStore::keysChanged);
        std::optional<QString> error;
        keys.setKey(QStringLiteral("groq"), QStringLiteral("  gsk-typed-with-spaces-1234  "), this,
                    [&](const QString &e) { error = e; });
        QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 20000);
        QVERIFY2(error->isEmpty(), qPrintable(*error));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(keys.key(QStringLiteral("groq")), QStringLiteral("gsk-typed-with-spaces-1234"));
        QCOMPARE(secretToolLookup(SecretSource::providerAccount(QStringLiteral("groq"))),
                 QByteArray("gsk-typed-with-spaces-1234"));

        // A key from the environment is not shadowed by a keychain entry nobody would use.
        error.reset();
        keys.setKey(QStringLiteral("openai"), QStringLiteral("sk-typed"), this,
                    [&](const QString &e) { error = e; });
        QTRY_VERIFY(error.has_value());
        QVERIFY2(error->contains(QLatin1String("OPENAI_API_KEY")), qPrintable(*error));
        QCOMPARE(secretToolLookup(SecretSource::providerAccount(QStringLiteral("openai"))),
                 QByteArray());

        error.reset();
        keys.removeKey(QStringLiteral("groq"), this, [&](const QString &e) { error = e; });
        QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 20000);
        QVERIFY(error->isEmpty());
        QCOMPARE(changed.count(), 2);
        QVERIFY(keys.key(QStringLiteral("groq")).isEmpty());
        QCOMPARE(secretToolLookup(SecretSource::providerAccount(QStringLiteral("groq"))),
                 QByteArray());
    }

    void emptyKeychainIsStillAvailable()
    {
        // Every read says "not found": the store probes and finds the keychain usable.
        KeychainSecretStore fresh;
        ProviderKeyStore keys(fresh, EnvironmentSettings::fromValues({}));
        keys.load({QStringLiteral("anthropic")});
        QTRY_VERIFY_WITH_TIMEOUT(!keys.isLoading(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(fresh.availability(), SecretSource::Availability::Available,
                                  20000);
        QVERIFY(keys.keys().isEmpty());
    }

    void appUsesKeychainKeyAndToken()
    {
        // The app finds the provider key in the keychain, creates its token there on first
        // run, and --show-token prints exactly that token.
        FakeUpstream upstream;
        QVERIFY(upstream.listen());
        upstream.setChatReply(
            FakeReply::chatCompletion(QStringLiteral("gpt-4o"), QStringLiteral("hello")));
        QCOMPARE(write(SecretSource::providerAccount(QStringLiteral("openai")),
                       QStringLiteral("sk-from-the-keychain"))
                     .status,
                 SecretResult::Status::Ok);

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name :
             {"OPENAI_API_KEY", "ANTHROPIC_API_KEY", "DEEPSEEK_API_KEY", "LLM_GATEWAY_TOKEN"})
            env.remove(QString::fromLatin1(name));
        env.insert(QStringLiteral("OPENAI_API_BASE"), upstream.baseUrl().toString());
        QProcess gateway;
        gateway.setProcessEnvironment(env);
        gateway.setProcessChannelMode(QProcess::SeparateChannels);
        QVERIFY(KeychainTestSupport::startHeadless(gateway));
        QByteArray log;
        const QUrl base = KeychainTestSupport::waitUntilServing(gateway, &log, 20000);
        QVERIFY2(base.isValid(), log.constData());
        QVERIFY2(log.contains("key from the system keychain"), log.constData());
        QVERIFY(log.contains("new access token was created"));

        QProcess show;
        show.setProcessEnvironment(env);
        show.start(QStringLiteral(LLMGW_BINARY), {QStringLiteral("--show-token")});
        QVERIFY(show.waitForFinished(20000));
        QCOMPARE(show.exitCode(), 0);
        const QByteArray token = show.readAllStandardOutput().trimmed();
        QVERIFY(token.startsWith("llmgw-"));
        QCOMPARE(secretToolLookup(QLatin1String(KeychainSecretStore::kAccessTokenAccount)), token);

        const QByteArray body = R"({"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]})";
        QCOMPARE(RawHttpClient::fetch(base, "POST", "/v1/chat/completions", body).status, 401);
        const RawHttpResponse ok = RawHttpClient::fetch(base, "POST", "/v1/chat/completions", body,
                                                        {{"Authorization", "Bearer " + token}});
        QCOMPARE(ok.status, 200);
        QCOMPARE(upstream.lastChatRequest().header("authorization"),
                 QByteArray("Bearer sk-from-the-keychain"));

        gateway.terminate();
        QVERIFY(gateway.waitForFinished(20000));
        log += gateway.readAllStandardError() + gateway.readAllStandardOutput();
        QVERIFY(!log.contains(token));
        QVERIFY(!log.contains("sk-from-the-keychain"));
        QCOMPARE(remove(SecretSource::providerAccount(QStringLiteral("openai"))).status,
                 SecretResult::Status::Ok);
    }
};

QTEST_GUILESS_MAIN(TestKeychainStore)
#include "TestKeychainStore.moc"
