// SettingsStore: the layers kept apart (defaults, file, environment, command line), saves of
// the file layer only, validation, and the file watcher (hand edits applied, a broken file
// reported while the last good configuration stays).
#include "config/ConfigWriter.h"
#include "config/SettingsStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {
bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(content) == content.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(readFile(path)).object();
}

/// Sets process variables for one test and unsets them when it ends, pass or fail.
class ScopedVariables
{
public:
    void set(const char *name, const QByteArray &value)
    {
        qputenv(name, value);
        m_names << name;
    }
    ~ScopedVariables()
    {
        for (const QByteArray &name : std::as_const(m_names))
            qunsetenv(name.constData());
    }

private:
    QByteArrayList m_names;
};
} // namespace

class TestSettingsStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

    StartupOptions options() const
    {
        StartupOptions o;
        o.configPath = m_path;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        for (const char *name : {"LLM_GATEWAY_HOST", "LLM_GATEWAY_PORT", "LLM_GATEWAY_TOKEN",
                                 "OPENAI_API_BASE", "DEEPSEEK_API_BASE", "OLLAMA_API_BASE"})
            qunsetenv(name);
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("config.json"));
        QFile::remove(m_path);
    }

    void defaultsWithoutAFile()
    {
        SettingsStore store;
        QSignalSpy changed(&store, &SettingsStore::changed);
        store.load(options());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(store.effective().port, GatewayConfig::kDefaultPort);
        QCOMPARE(store.portOrigin().source, SettingsStore::Source::Default);
        QVERIFY(store.fileError().isEmpty());
        QCOMPARE(store.effective().providers.size(), GatewayConfig::defaults().providers.size());
        QVERIFY(!QFile::exists(m_path)); // reading never creates the file
    }

    void saveWritesOnlyTheFileLayer()
    {
        // The environment sets the port and DeepSeek's base, the command line the host: the
        // effective configuration has them, the file never does.
        ScopedVariables variables;
        variables.set("LLM_GATEWAY_PORT", "9300");
        variables.set("DEEPSEEK_API_BASE", "http://127.0.0.1:9/v1");
        StartupOptions o = options();
        o.host = QStringLiteral("127.0.0.5");
        SettingsStore store;
        store.load(o);
        QCOMPARE(store.effective().port, quint16(9300));
        QCOMPARE(store.portOrigin().source, SettingsStore::Source::Environment);
        QCOMPARE(store.portOrigin().name, QStringLiteral("LLM_GATEWAY_PORT"));
        QCOMPARE(store.hostOrigin().source, SettingsStore::Source::CommandLine);
        QCOMPARE(store.hostOrigin().name, QStringLiteral("--host"));
        QCOMPARE(store.baseUrlOrigin(QStringLiteral("deepseek")).name,
                 QStringLiteral("DEEPSEEK_API_BASE"));
        QCOMPARE(store.baseUrlOrigin(QStringLiteral("openai")).source,
                 SettingsStore::Source::Default);

        GatewayConfig edited = store.fileConfig();
        edited.routes.append(PrefixRule{QStringLiteral("qwen"), QStringLiteral("deepseek"), false});
        edited.access.token = QStringLiteral("llmgw-must-not-be-written");
        QSignalSpy changed(&store, &SettingsStore::changed);
        const SettingsSaveResult saved = store.save(edited);
        QVERIFY2(saved.ok, qPrintable(saved.errors.join(u'\n')));
        QCOMPARE(changed.count(), 1);

        const QJsonObject json = readJson(m_path);
        QCOMPARE(json.value(QStringLiteral("port")).toInt(), int(GatewayConfig::kDefaultPort));
        QCOMPARE(json.value(QStringLiteral("host")).toString(), QStringLiteral("127.0.0.1"));
        const QByteArray bytes = readFile(m_path);
        QVERIFY(!bytes.contains("127.0.0.1:9/v1"));
        QVERIFY(!bytes.contains("llmgw-must-not-be-written"));
        QVERIFY(bytes.contains("\"qwen\""));
        // ... and the effective configuration still has every override.
        QCOMPARE(store.effective().port, quint16(9300));
        QCOMPARE(store.effective().host, QStringLiteral("127.0.0.5"));
        QCOMPARE(store.effective().provider(QStringLiteral("deepseek"))->baseUrl,
                 QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
        QCOMPARE(
            store.effective().routeTable().resolve(QStringLiteral("qwen-max")).route.providerId,
            QStringLiteral("deepseek"));
        QVERIFY(store.effective().access.token.isEmpty());
    }

    void invalidSaveWritesNothing_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("duplicate provider id") << 0 << QStringLiteral("\"openai\"");
        QTest::newRow("route to unknown provider") << 1 << QStringLiteral("nowhere");
        QTest::newRow("bad provider id") << 2 << QStringLiteral("has space");
        QTest::newRow("bad base URL") << 3 << QStringLiteral("ftp://");
        QTest::newRow("duplicate alias") << 4 << QStringLiteral("\"fast\"");
        QTest::newRow("bad origin") << 5 << QStringLiteral("allowedOrigins");
    }

    void invalidSaveWritesNothing()
    {
        QFETCH(int, kind);
        QFETCH(QString, mentions);
        SettingsStore store;
        store.load(options());
        GatewayConfig config = store.fileConfig();
        switch (kind) {
        case 0:
            config.providers.append(config.providers.first());
            break;
        case 1:
            config.routes.append(
                PrefixRule{QStringLiteral("x-"), QStringLiteral("nowhere"), false});
            break;
        case 2:
            config.providers.first().id = QStringLiteral("has space");
            break;
        case 3:
            config.providers.first().baseUrl = QUrl(QStringLiteral("ftp://example.com/v1"));
            break;
        case 4:
            config.aliases = {
                ModelAlias{QStringLiteral("fast"), QStringLiteral("openai"), QStringLiteral("a")},
                ModelAlias{QStringLiteral("fast"), QStringLiteral("openai"), QStringLiteral("b")}};
            break;
        case 5:
            config.allowedOrigins = {QStringLiteral("*")};
            break;
        }
        QSignalSpy changed(&store, &SettingsStore::changed);
        const SettingsSaveResult saved = store.save(config);
        QVERIFY(!saved.ok);
        QVERIFY2(saved.errors.join(u'\n').contains(mentions), qPrintable(saved.errors.join(u'\n')));
        QVERIFY(!QFile::exists(m_path));
        QCOMPARE(changed.count(), 0);
    }

    void handEditIsApplied()
    {
        SettingsStore store;
        store.load(options());
        QVERIFY(store.save(store.fileConfig()).ok); // the app's file exists
        QSignalSpy changed(&store, &SettingsStore::changed);
        QJsonObject json = readJson(m_path);
        QJsonArray routes = json.value(QStringLiteral("routes")).toArray();
        routes.append(QJsonObject{{QStringLiteral("prefix"), QStringLiteral("mistral-")},
                                  {QStringLiteral("provider"), QStringLiteral("openai")}});
        json.insert(QStringLiteral("routes"), routes);
        json.insert(QStringLiteral("port"), 9411);
        QVERIFY(writeFile(m_path, QJsonDocument(json).toJson()));
        QVERIFY(changed.wait(5000));
        QCOMPARE(store.effective().port, quint16(9411));
        QCOMPARE(store.portOrigin().source, SettingsStore::Source::File);
        QCOMPARE(store.effective().routeTable().resolve(QStringLiteral("mistral-large")).found,
                 true);
    }

    void brokenEditKeepsTheLastGoodConfiguration()
    {
        SettingsStore store;
        store.load(options());
        GatewayConfig config = store.fileConfig();
        config.port = 9500;
        QVERIFY(store.save(config).ok);
        QSignalSpy errors(&store, &SettingsStore::fileErrorChanged);
        QSignalSpy changed(&store, &SettingsStore::changed);

        QVERIFY(writeFile(m_path, "{\"port\": 9501,\n \"routes\": [ }"));
        QVERIFY(errors.wait(5000));
        QVERIFY2(store.fileError().contains(m_path), qPrintable(store.fileError()));
        QVERIFY2(store.fileError().contains(QStringLiteral("line 2")),
                 qPrintable(store.fileError()));
        QCOMPARE(store.effective().port, quint16(9500)); // the last good one
        QCOMPARE(changed.count(), 0);

        // Fixed by hand: the error goes, the new value comes.
        QVERIFY(writeFile(m_path, "{\"port\": 9502}"));
        QVERIFY(changed.wait(5000));
        QVERIFY(store.fileError().isEmpty());
        QCOMPARE(store.effective().port, quint16(9502));
    }

    void saveOverABrokenFileKeepsABackup()
    {
        QVERIFY(writeFile(m_path, "{ not json"));
        SettingsStore store;
        store.load(options());
        QVERIFY(!store.fileError().isEmpty());
        QCOMPARE(store.effective().port, GatewayConfig::kDefaultPort);
        const SettingsSaveResult saved = store.save(store.fileConfig());
        QVERIFY(saved.ok);
        QVERIFY(!saved.backupPath.isEmpty());
        QCOMPARE(readFile(saved.backupPath), QByteArray("{ not json"));
        QVERIFY(store.fileError().isEmpty());
    }

    void ownSaveIsNotReloaded()
    {
        SettingsStore store;
        store.load(options());
        QSignalSpy fileChanges(&store, &SettingsStore::fileConfigChanged);
        GatewayConfig config = store.fileConfig();
        config.port = 9600;
        QVERIFY(store.save(config).ok);
        QCOMPARE(fileChanges.count(), 1);
        // The watcher sees the write; the store recognises its own bytes. A later hand edit
        // is still seen, which proves the watcher was listening all along.
        QVERIFY(
            writeFile(m_path, QByteArray(ConfigWriter::toJson(config)).replace("9600", "9601")));
        QVERIFY(fileChanges.wait(5000));
        QCOMPARE(fileChanges.count(), 2);
        QCOMPARE(store.effective().port, quint16(9601));
    }

    void deletedFileMeansDefaults()
    {
        SettingsStore store;
        store.load(options());
        GatewayConfig config = store.fileConfig();
        config.port = 9700;
        QVERIFY(store.save(config).ok);
        QSignalSpy changed(&store, &SettingsStore::changed);
        QVERIFY(QFile::remove(m_path));
        QVERIFY(changed.wait(5000));
        QCOMPARE(store.effective().port, GatewayConfig::kDefaultPort);
    }

    void namedConfigThatDoesNotExistYet()
    {
        StartupOptions o = options();
        SettingsStore store;
        store.load(o);
        QVERIFY(store.sourceErrors().join(u'\n').contains(QStringLiteral("does not exist")));
        QVERIFY(store.save(store.fileConfig()).ok);
        QVERIFY(store.sourceErrors().isEmpty()); // saving there created it
    }
};

QTEST_GUILESS_MAIN(TestSettingsStore)
#include "TestSettingsStore.moc"
