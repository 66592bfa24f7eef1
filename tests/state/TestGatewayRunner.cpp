// The gateway run on the stores' state, over real sockets: it listens at once, answers API
// requests with 503 "starting" until the keychain has answered, then uses its key and token;
// later changes of settings (saved or hand-edited), keys, token and port apply live.
#include "FakeUpstream.h"
#include "RawHttpClient.h"
#include "config/ConfigWriter.h"
#include "config/SettingsStore.h"
#include "gateway/GatewayController.h"
#include "gateway/GatewayRunner.h"
#include "secrets/AccessTokenStore.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/ProviderKeyStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace {
const QByteArray kBody = R"({"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]})";

RawHttpClient::HeaderList bearer(const QString &token)
{
    return {{"Authorization", "Bearer " + token.toUtf8()}};
}

/// Everything AppRoot builds for the gateway, on an in-memory keychain and a temporary file.
struct Stack
{
    explicit Stack(const QString &configPath)
    {
        StartupOptions options;
        options.configPath = configPath;
        options.port = -1;
        settings.load(options);
        keys = std::make_unique<ProviderKeyStore>(keychain, EnvironmentSettings::fromValues({}));
        token = std::make_unique<AccessTokenStore>(keychain, QString());
        runner = std::make_unique<GatewayRunner>(controller, settings, *keys, *token);
    }
    ~Stack() { controller.stop(); }

    MemorySecretStore keychain;
    SettingsStore settings;
    GatewayController controller;
    std::unique_ptr<ProviderKeyStore> keys;
    std::unique_ptr<AccessTokenStore> token;
    std::unique_ptr<GatewayRunner> runner;
};

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(content) == content.size();
}
} // namespace

class TestGatewayRunner : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    FakeUpstream m_upstream;

    /// A configuration file with port 0 and provider "openai" at the fake upstream.
    QString writeConfig(const QString &name)
    {
        GatewayConfig config = GatewayConfig::defaults();
        config.port = 0;
        config.providers[0].baseUrl = m_upstream.baseUrl();
        const QString path = m_dir.filePath(name);
        return ConfigWriter::save(path, config).ok ? path : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        RawHttpClient::defaultHeaders().clear();
        QVERIFY(m_dir.isValid());
        QVERIFY(m_upstream.listen());
        m_upstream.setChatReply(
            FakeReply::chatCompletion(QStringLiteral("gpt-4o"), QStringLiteral("hello")));
    }

    void startingUntilTheKeychainAnswers()
    {
        Stack stack(writeConfig(QStringLiteral("starting.json")));
        stack.keychain.write(SecretSource::providerAccount(QStringLiteral("openai")),
                             QStringLiteral("sk-from-keychain"), this, [](const SecretResult &) {});
        QTRY_COMPARE(stack.keychain.contents().size(), 1);
        stack.keychain.setHeld(true); // the keychain is slow to answer

        QSignalSpy ready(stack.runner.get(), &GatewayRunner::ready);
        QSignalSpy serving(&stack.controller, &GatewayController::serving);
        stack.runner->start();
        QVERIFY(serving.wait(10000)); // listening at once, keychain or not
        QVERIFY(stack.runner->isWaitingForSecrets());
        const QUrl base = stack.controller.baseUrl();

        const RawHttpResponse health = RawHttpClient::fetch(base, "GET", "/health");
        QCOMPARE(health.status, 200);
        const RawHttpResponse early = RawHttpClient::fetch(base, "POST", "/v1/chat/completions",
                                                           kBody, bearer(QStringLiteral("x")));
        QCOMPARE(early.status, 503);
        QCOMPARE(early.header("retry-after"), QByteArray("1"));
        QVERIFY2(early.body.contains("starting"), early.body.constData());
        QCOMPARE(ready.count(), 0);
        QCOMPARE(m_upstream.chatRequests().size(), 0);

        stack.keychain.setHeld(false);
        QVERIFY(ready.wait(10000));
        QCOMPARE(ready.first().first().toUrl(), base);
        QVERIFY(stack.token->wasCreated());
        // From now on: the token decides, and the keychain's key goes upstream.
        QCOMPARE(RawHttpClient::fetch(base, "POST", "/v1/chat/completions", kBody,
                                      bearer(QStringLiteral("wrong")))
                     .status,
                 401);
        const RawHttpResponse ok = RawHttpClient::fetch(base, "POST", "/v1/chat/completions", kBody,
                                                        bearer(stack.token->token()));
        QCOMPARE(ok.status, 200);
        QCOMPARE(m_upstream.lastChatRequest().header("authorization"),
                 QByteArray("Bearer sk-from-keychain"));
    }

    void noKeychainServesWithoutWaiting()
    {
        // Unavailable: the gateway does not wait, and says 401 with the reason (no token).
        Stack stack(writeConfig(QStringLiteral("nokeychain.json")));
        stack.keychain.setUnavailable(QStringLiteral("The system keychain is unavailable: test."));
        QSignalSpy ready(stack.runner.get(), &GatewayRunner::ready);
        stack.runner->start();
        QVERIFY(ready.wait(10000));
        QCOMPARE(stack.token->state(), AccessTokenStore::State::Missing);
        const RawHttpResponse refused =
            RawHttpClient::fetch(stack.controller.baseUrl(), "POST", "/v1/chat/completions", kBody);
        QCOMPARE(refused.status, 401);
        QVERIFY2(refused.body.contains("keychain is unavailable"), refused.body.constData());
    }

    void changesApplyLive()
    {
        const QString path = writeConfig(QStringLiteral("live.json"));
        Stack stack(path);
        QSignalSpy ready(stack.runner.get(), &GatewayRunner::ready);
        stack.runner->start();
        QVERIFY(ready.wait(10000));
        const QUrl base = stack.controller.baseUrl();
        QString token = stack.token->token();

        // A route saved through the store: the new prefix works without a restart.
        const QByteArray qwen =
            R"({"model":"qwen-max","messages":[{"role":"user","content":"x"}]})";
        QCOMPARE(
            RawHttpClient::fetch(base, "POST", "/v1/chat/completions", qwen, bearer(token)).status,
            404);
        GatewayConfig config = stack.settings.fileConfig();
        config.routes.append(PrefixRule{QStringLiteral("qwen"), QStringLiteral("openai"), false});
        QVERIFY(stack.settings.save(config).ok);
        QTRY_COMPARE(
            RawHttpClient::fetch(base, "POST", "/v1/chat/completions", qwen, bearer(token)).status,
            200);

        // A key stored through the key store reaches the upstream.
        std::optional<QString> error;
        stack.keys->setKey(QStringLiteral("openai"), QStringLiteral("sk-new-key-0001"), this,
                           [&](const QString &e) { error = e; });
        QTRY_VERIFY(error.has_value());
        QVERIFY(error->isEmpty());
        QTRY_VERIFY(RawHttpClient::fetch(base, "POST", "/v1/chat/completions", kBody, bearer(token))
                            .status == 200 &&
                    m_upstream.lastChatRequest().header("authorization") ==
                        "Bearer sk-new-key-0001");

        // A regenerated token: the old one stops working, the new one works.
        std::optional<QString> fresh;
        stack.token->regenerate(this, [&](const QString &t, const QString &) { fresh = t; });
        QTRY_VERIFY(fresh.has_value());
        QTRY_COMPARE(
            RawHttpClient::fetch(base, "POST", "/v1/chat/completions", kBody, bearer(token)).status,
            401);
        token = *fresh;
        QCOMPARE(
            RawHttpClient::fetch(base, "POST", "/v1/chat/completions", kBody, bearer(token)).status,
            200);

        // A hand edit of the file: a new alias works, read by the watcher.
        QJsonObject json = QJsonDocument::fromJson([&] {
                               QFile f(path);
                               return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
                           }())
                               .object();
        json.insert(QStringLiteral("aliases"),
                    QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("house")},
                                           {QStringLiteral("provider"), QStringLiteral("openai")},
                                           {QStringLiteral("model"), QStringLiteral("gpt-4o")}}});
        QVERIFY(writeFile(path, QJsonDocument(json).toJson()));
        const QByteArray house = R"({"model":"house","messages":[{"role":"user","content":"x"}]})";
        QTRY_COMPARE_WITH_TIMEOUT(
            RawHttpClient::fetch(base, "POST", "/v1/chat/completions", house, bearer(token)).status,
            200, 10000);
        QCOMPARE(m_upstream.lastChatRequest().json.value(QStringLiteral("model")).toString(),
                 QStringLiteral("gpt-4o"));
    }

    void portChangeAndTakenPort()
    {
        QTcpServer occupier;
        QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
        QTcpServer spare;
        QVERIFY(spare.listen(QHostAddress::LocalHost, 0));
        const quint16 freePort = spare.serverPort();
        spare.close();

        const QString path = writeConfig(QStringLiteral("port.json"));
        Stack stack(path);
        GatewayConfig config = stack.settings.fileConfig();
        config.port = occupier.serverPort();
        QVERIFY(stack.settings.save(config).ok);
        QSignalSpy failed(&stack.controller, &GatewayController::failed);
        stack.runner->start();
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().first().toString().contains(QString::number(occupier.serverPort())));

        // The user picks another port: the gateway serves there, without a restart.
        QSignalSpy ready(stack.runner.get(), &GatewayRunner::ready);
        config.port = freePort;
        QVERIFY(stack.settings.save(config).ok);
        QVERIFY(ready.wait(10000));
        QCOMPARE(stack.controller.baseUrl().port(), int(freePort));
        QCOMPARE(RawHttpClient::fetch(stack.controller.baseUrl(), "GET", "/health").status, 200);

        // A change to a taken port is refused, and the gateway stays where it is.
        QSignalSpy refused(&stack.controller, &GatewayController::addressChangeFailed);
        config.port = occupier.serverPort();
        QVERIFY(stack.settings.save(config).ok);
        QVERIFY(refused.wait(10000));
        QCOMPARE(stack.controller.state(), GatewayController::State::Serving);
        QCOMPARE(RawHttpClient::fetch(stack.controller.baseUrl(), "GET", "/health").status, 200);
    }
};

QTEST_GUILESS_MAIN(TestGatewayRunner)
#include "TestGatewayRunner.moc"
