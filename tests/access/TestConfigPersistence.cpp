// The configuration file: round trip, atomic writes, every kind of broken file (named in the
// error, kept as a backup, never overwritten) and live reload of a running gateway.
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "RawHttpClient.h"
#include "config/ConfigFile.h"
#include "config/ConfigWriter.h"
#include "config/SettingsStore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

namespace {
const QByteArray kToken = QByteArrayLiteral("llmgw-config-test-token");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

GatewayConfig customConfig()
{
    GatewayConfig config = GatewayConfig::defaults();
    config.host = QStringLiteral("::1");
    config.port = 9123;
    config.access.requireToken = false;
    config.access.token = QString::fromLatin1(kToken); // runtime only: must not be written
    config.allowedOrigins = {QStringLiteral("http://localhost:5173"),
                             QStringLiteral("https://chat.example.com")};
    ProviderSettings ollama;
    ollama.id = QStringLiteral("ollama");
    ollama.displayName = QStringLiteral("Ollama");
    ollama.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:11434/v1"));
    ollama.extraHeaders = {{"X-Title", "LLM Gateway"}};
    config.providers.append(ollama);
    config.providers[2].enabled = false; // deepseek off
    config.routes.removeAt(1);           // the user deleted the "o1" rule
    config.routes.append(PrefixRule{QStringLiteral("llama"), QStringLiteral("ollama"), false});
    config.aliases = {ModelAlias{QStringLiteral("fast"), QStringLiteral("deepseek"),
                                 QStringLiteral("deepseek-chat")}};
    config.limits.maxBodyBytes = 1 << 20;
    config.limits.upstreamIdleTimeoutMs = 45000;
    config.limits.maxConcurrentRequests = 17;
    return config;
}

void compareConfigs(const GatewayConfig &a, const GatewayConfig &b)
{
    QCOMPARE(a.host, b.host);
    QCOMPARE(a.port, b.port);
    QCOMPARE(a.access.requireToken, b.access.requireToken);
    QCOMPARE(a.allowedOrigins, b.allowedOrigins);
    QCOMPARE(a.providers.size(), b.providers.size());
    for (qsizetype i = 0; i < a.providers.size(); ++i) {
        QCOMPARE(a.providers[i].id, b.providers[i].id);
        QCOMPARE(a.providers[i].displayName, b.providers[i].displayName);
        QCOMPARE(a.providers[i].type, b.providers[i].type);
        QCOMPARE(a.providers[i].baseUrl, b.providers[i].baseUrl);
        QCOMPARE(a.providers[i].enabled, b.providers[i].enabled);
        QCOMPARE(a.providers[i].extraHeaders, b.providers[i].extraHeaders);
    }
    QCOMPARE(a.routes.size(), b.routes.size());
    for (qsizetype i = 0; i < a.routes.size(); ++i) {
        QCOMPARE(a.routes[i].prefix, b.routes[i].prefix);
        QCOMPARE(a.routes[i].providerId, b.routes[i].providerId);
        QCOMPARE(a.routes[i].stripPrefix, b.routes[i].stripPrefix);
    }
    QCOMPARE(a.aliases.size(), b.aliases.size());
    for (qsizetype i = 0; i < a.aliases.size(); ++i) {
        QCOMPARE(a.aliases[i].name, b.aliases[i].name);
        QCOMPARE(a.aliases[i].model, b.aliases[i].model);
    }
    QCOMPARE(a.limits.maxBodyBytes, b.limits.maxBodyBytes);
    QCOMPARE(a.limits.upstreamIdleTimeoutMs, b.limits.upstreamIdleTimeoutMs);
    QCOMPARE(a.limits.maxConcurrentRequests, b.limits.maxConcurrentRequests);
}
} // namespace

class TestConfigPersistence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTripDefaults()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        QVERIFY(ConfigWriter::save(path, GatewayConfig::defaults()).ok);
        const ConfigLoadResult loaded = ConfigFile::load(path, GatewayConfig::defaults());
        QVERIFY2(loaded.errors.isEmpty(), qPrintable(loaded.errors.join('\n')));
        compareConfigs(loaded.config, GatewayConfig::defaults());
        QCOMPARE(QJsonDocument::fromJson(readAll(path)).object().value("version").toInt(),
                 ConfigFile::kFormatVersion);
    }

    void roundTripCustom()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/dir/config.json"));
        GatewayConfig config = customConfig();
        config.providers[3].extraHeaders.append(
            qMakePair(QByteArray("Authorization"), QByteArray("Bearer sk-in-a-header")));
        const ConfigSaveResult saved = ConfigWriter::save(path, config);
        QVERIFY2(saved.ok, qPrintable(saved.error));
        QVERIFY(saved.backupPath.isEmpty());
        const QByteArray written = readAll(path);
        // Neither the token nor a credential header is ever written.
        QVERIFY(!written.contains(kToken));
        QVERIFY(!written.contains("sk-in-a-header"));
        QVERIFY(!written.contains("\"token\""));
        const ConfigLoadResult loaded = ConfigFile::load(path, GatewayConfig::defaults());
        QVERIFY2(loaded.errors.isEmpty(), qPrintable(loaded.errors.join('\n')));
        QVERIFY(loaded.config.access.token.isEmpty());
        compareConfigs(loaded.config, customConfig());
        // A removed default rule stays removed.
        for (const PrefixRule &rule : loaded.config.routes)
            QVERIFY(rule.prefix != QLatin1String("o1"));
    }

    void removedBuiltInProviderStaysRemoved()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        GatewayConfig config = GatewayConfig::defaults();
        config.providers.removeAt(2); // deepseek
        config.routes.removeLast();   // and its rule
        QVERIFY(ConfigWriter::save(path, config).ok);
        const ConfigLoadResult loaded = ConfigFile::load(path, GatewayConfig::defaults());
        QVERIFY2(loaded.errors.isEmpty(), qPrintable(loaded.errors.join('\n')));
        const ProviderSettings *deepseek = loaded.config.provider(QStringLiteral("deepseek"));
        QVERIFY(deepseek);
        QVERIFY(!deepseek->enabled);
    }

    void atomicWrite()
    {
        // A reader never sees half a file while the writer replaces it again and again.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        GatewayConfig big = customConfig();
        for (int i = 0; i < 300; ++i)
            big.aliases.append(ModelAlias{QStringLiteral("alias-%1").arg(i),
                                          QStringLiteral("openai"), QStringLiteral("gpt-4o")});
        QVERIFY(ConfigWriter::save(path, big).ok);
        std::atomic<bool> stop{false};
        std::atomic<int> reads{0};
        std::atomic<int> torn{0};
        std::thread reader([&] {
            while (!stop) {
                QFile f(path);
                if (!f.open(QIODevice::ReadOnly))
                    continue; // between unlink and rename cannot happen, but be lenient
                const QByteArray bytes = f.readAll();
                QJsonParseError error;
                QJsonDocument::fromJson(bytes, &error);
                if (error.error != QJsonParseError::NoError)
                    ++torn;
                ++reads;
            }
        });
        for (int i = 0; i < 60; ++i) {
            big.port = quint16(10000 + i);
            QVERIFY(ConfigWriter::save(path, big).ok);
        }
        QTRY_VERIFY(reads > 20);
        stop = true;
        reader.join();
        QCOMPARE(torn.load(), 0);
        // Nothing is left behind but the file itself.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("config.json")});
    }

    void failedWriteLeavesOldFile()
    {
        QTemporaryDir dir;
        // The parent "folder" is a file: nothing can be written, and nothing is broken.
        const QString blocker = dir.filePath(QStringLiteral("blocker"));
        QVERIFY(writeAll(blocker, "x"));
        const ConfigSaveResult result =
            ConfigWriter::save(blocker + QStringLiteral("/config.json"), GatewayConfig::defaults());
        QVERIFY(!result.ok);
        QVERIFY(result.error.contains(QLatin1String("blocker")));
        QCOMPARE(readAll(blocker), QByteArray("x"));
    }

    void brokenFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected"); // in the message besides the file name
        QTest::newRow("not JSON") << QByteArray("{\n  \"port\": 7352,\n  oops\n}") << "line 3";
        QTest::newRow("empty file") << QByteArray("") << "not valid JSON";
        QTest::newRow("top level array") << QByteArray("[1,2]") << "top level";
        QTest::newRow("port as string") << QByteArray("{\"port\":\"7352\"}") << "'port'";
        QTest::newRow("port out of range") << QByteArray("{\"port\":70000}") << "'port'";
        QTest::newRow("newer version") << QByteArray("{\"version\":99}") << "'version'";
        QTest::newRow("host not an address") << QByteArray("{\"host\":\"my box\"}") << "'host'";
        QTest::newRow("provider without id")
            << QByteArray("{\"providers\":[{\"baseUrl\":\"http://x\"}]}") << "providers[0].id";
        QTest::newRow("bad base URL")
            << QByteArray("{\"providers\":[{\"id\":\"x\",\"baseUrl\":\"ftp://x\"}]}")
            << "providers[0].baseUrl";
        QTest::newRow("route to unknown provider")
            << QByteArray("{\"routes\":[{\"prefix\":\"q-\",\"provider\":\"nobody\"}]}") << "nobody";
        QTest::newRow("alias not an object") << QByteArray("{\"aliases\":[3]}") << "aliases[0]";
        QTest::newRow("limits wrong type") << QByteArray("{\"limits\":[]}") << "'limits'";
        QTest::newRow("limit below minimum")
            << QByteArray("{\"limits\":{\"maxBodyBytes\":1}}") << "limits.maxBodyBytes";
        QTest::newRow("origin with path")
            << QByteArray("{\"allowedOrigins\":[\"http://ok:1\",\"http://a/b\"]}")
            << "allowedOrigins[1]";
        QTest::newRow("origin star")
            << QByteArray("{\"allowedOrigins\":[\"*\"]}") << "allowedOrigins[0]";
        QTest::newRow("requireToken as string")
            << QByteArray("{\"access\":{\"requireToken\":\"no\"}}") << "access.requireToken";
        QTest::newRow("token in the file")
            << QByteArray("{\"access\":{\"token\":\"abc\"}}") << "access.token";
    }

    void brokenFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        QVERIFY(writeAll(path, content));
        const ConfigLoadResult loaded = ConfigFile::load(path, GatewayConfig::defaults());
        QVERIFY(!loaded.errors.isEmpty());
        const QString all = loaded.errors.join('\n');
        QVERIFY2(all.contains(path), qPrintable(all));
        QVERIFY2(all.contains(expected), qPrintable(all));
        // Nothing of a broken file is applied: the defaults run.
        compareConfigs(loaded.config, GatewayConfig::defaults());

        // Saving later keeps the user's file, byte for byte, as a backup.
        const ConfigSaveResult saved = ConfigWriter::save(path, GatewayConfig::defaults());
        QVERIFY2(saved.ok, qPrintable(saved.error));
        QVERIFY(!saved.backupPath.isEmpty());
        QCOMPARE(readAll(saved.backupPath), content);
        QVERIFY(ConfigFile::load(path, GatewayConfig::defaults()).errors.isEmpty());
    }

    void backupsAreNeverOverwritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        QVERIFY(writeAll(path, "{broken one"));
        const ConfigSaveResult first = ConfigWriter::save(path, GatewayConfig::defaults());
        QVERIFY(writeAll(path, "{broken two"));
        const ConfigSaveResult second = ConfigWriter::save(path, GatewayConfig::defaults());
        QVERIFY(first.ok && second.ok);
        QVERIFY(first.backupPath != second.backupPath);
        QCOMPARE(readAll(first.backupPath), QByteArray("{broken one"));
        QCOMPARE(readAll(second.backupPath), QByteArray("{broken two"));
    }

    void startupLeavesBrokenFileAlone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        const QByteArray broken = "{\"port\": \"not a number\", \"routes\": 5}";
        QVERIFY(writeAll(path, broken));
        StartupOptions options;
        options.configPath = path;
        SettingsStore startup;
        startup.load(options);
        QVERIFY(startup.fileError().contains(QLatin1String("'port'")));
        QVERIFY(startup.fileError().contains(QLatin1String("'routes'")));
        QCOMPARE(startup.effective().port, GatewayConfig::kDefaultPort);
        QCOMPARE(readAll(path), broken);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    }

    void liveReload()
    {
        RawHttpClient::defaultHeaders().clear();
        FakeUpstream first;
        FakeUpstream second;
        QVERIFY(first.listen() && second.listen());
        first.setChatReply(FakeReply::contentStream(
            QStringLiteral("gpt-4o"),
            {QStringLiteral("one "), QStringLiteral("two "), QStringLiteral("three")}, 150));
        second.setChatReply(
            FakeReply::chatCompletion(QStringLiteral("gpt-4o"), QStringLiteral("from second")));
        GatewayHarness gateway;
        gateway.config().access.token = QString::fromLatin1(kToken);
        gateway.addOpenAiProvider(QStringLiteral("first"), first.baseUrl(), QStringLiteral("k1"));
        gateway.addOpenAiProvider(QStringLiteral("second"), second.baseUrl(), QStringLiteral("k2"));
        gateway.addRoute(QStringLiteral("gpt-"), QStringLiteral("first"));
        QVERIFY(gateway.start());
        const RawHttpClient::HeaderList auth{{"Authorization", "Bearer " + kToken}};

        RawHttpClient streaming(gateway.baseUrl());
        QVERIFY(streaming.connectToServer());
        streaming.sendRequest("POST", "/v1/chat/completions",
                              "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":"
                              "\"user\",\"content\":\"hi\"}]}",
                              auth);
        QVERIFY(streaming.waitForChunks(1));

        // The routes change while that stream is in flight.
        GatewayConfig changed = gateway.config();
        changed.routes = {PrefixRule{QStringLiteral("gpt-"), QStringLiteral("second"), false}};
        gateway.controller().applyConfig(changed);

        // The new snapshot reaches the gateway thread through a queued call: new requests
        // go to the second provider as soon as it has arrived.
        int sentAfterChange = 0;
        bool routedToSecond = false;
        for (; sentAfterChange < 50 && !routedToSecond; ++sentAfterChange) {
            const RawHttpResponse r = RawHttpClient::fetch(
                gateway.baseUrl(), "POST", "/v1/chat/completions",
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                auth);
            QCOMPARE(r.status, 200);
            routedToSecond = r.body.contains("from second");
        }
        QVERIFY(routedToSecond);
        // The request in flight finished as it began, on the first provider.
        QVERIFY(streaming.waitForResponse());
        const RawHttpResponse stream = streaming.response();
        QCOMPARE(stream.status, 200);
        QVERIFY(stream.body.contains("three"));
        QVERIFY(stream.body.contains("[DONE]"));
        // Only requests sent before the snapshot arrived (normally none) went to the first.
        QCOMPARE(first.chatRequests().size(), sentAfterChange);
        QCOMPARE(second.chatRequests().size(), 1);
        QVERIFY(!stream.body.contains("from second"));
    }
};

QTEST_GUILESS_MAIN(TestConfigPersistence)
#include "TestConfigPersistence.moc"
