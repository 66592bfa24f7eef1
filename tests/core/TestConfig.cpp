#include "config/ConfigFile.h"
#include "config/ConfigWriter.h"
#include "config/EnvironmentSettings.h"
#include "config/ProviderPresets.h"
#include "config/SettingsStore.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/ProviderKeyStore.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

constexpr char kFileName[] = "/home/u/.config/llm-gateway/config.json";

QString fileName()
{
    return QString::fromLatin1(kFileName);
}

/// Everything in a configuration, one line per item, so comparisons show what differs.
QStringList describe(const GatewayConfig &c)
{
    QStringList lines;
    lines << QStringLiteral("listen %1:%2").arg(c.host).arg(c.port);
    for (const ProviderSettings &p : c.providers) {
        QString line = QStringLiteral("provider %1 '%2' %3 %4 %5")
                           .arg(p.id, p.displayName, providerTypeName(p.type), p.baseUrl.toString(),
                                p.enabled ? QStringLiteral("on") : QStringLiteral("off"));
        for (const auto &h : p.extraHeaders)
            line += QStringLiteral(" [%1: %2]")
                        .arg(QString::fromLatin1(h.first), QString::fromUtf8(h.second));
        lines << line;
    }
    for (const PrefixRule &r : c.routes)
        lines << QStringLiteral("route %1 -> %2%3")
                     .arg(r.prefix, r.providerId,
                          r.stripPrefix ? QStringLiteral(" strip") : QString());
    for (const ModelAlias &a : c.aliases)
        lines << QStringLiteral("alias %1 -> %2/%3").arg(a.name, a.providerId, a.model);
    for (const QString &origin : c.allowedOrigins)
        lines << QStringLiteral("origin ") + origin;
    const GatewayLimits &l = c.limits;
    lines << QStringLiteral("limits %1 %2 %3 %4 %5 %6 %7 %8")
                 .arg(l.maxBodyBytes)
                 .arg(l.maxHeaderBytes)
                 .arg(l.clientIdleTimeoutMs)
                 .arg(l.upstreamConnectTimeoutMs)
                 .arg(l.upstreamIdleTimeoutMs)
                 .arg(l.maxConcurrentRequests)
                 .arg(l.modelListCacheSeconds)
                 .arg(l.modelListTimeoutMs);
    return lines;
}

ConfigLoadResult parse(const QByteArray &json)
{
    return ConfigFile::parse(json, fileName(), GatewayConfig::defaults());
}

const ProviderSettings *provider(const GatewayConfig &config, const char *id)
{
    return config.provider(QString::fromLatin1(id));
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(content) == content.size();
}

/// Writes `envText` as the .env file `path` and loads it into `env`; false if either failed.
bool loadEnvText(const QString &path, const QByteArray &envText, EnvironmentSettings *env)
{
    QString error;
    return writeFile(path, envText) && env->loadEnvFile(path, &error);
}

/// Empty when `problems` is what a row expects: none for no `parts`, else exactly one that
/// names every part; otherwise what is wrong.
QString problemMismatch(const QStringList &problems, const QStringList &parts)
{
    if (parts.isEmpty())
        return problems.isEmpty() ? QString()
                                  : QStringLiteral("unexpected: ") + problems.join(u'\n');
    if (problems.size() != 1)
        return QStringLiteral("expected one problem, got %1: %2")
            .arg(problems.size())
            .arg(problems.join(u'\n'));
    for (const QString &part : parts) {
        if (!problems.at(0).contains(part))
            return QStringLiteral("\"%1\" does not name %2").arg(problems.at(0), part);
    }
    return QString();
}

/// Takes the variables the gateway reads out of the process environment for the lifetime of
/// the test, so a developer's real OPENAI_API_KEY neither leaks into nor breaks the results.
class EnvironmentIsolation
{
public:
    EnvironmentIsolation()
    {
        QStringList ids;
        for (const ProviderSettings &p : ProviderPresets::all())
            ids << p.id;
        ids << QStringLiteral("work-vllm") << QStringLiteral("custom");
        for (const QString &id : ids) {
            ProviderSettings p;
            p.id = id;
            m_names << p.keyEnvironmentVariable().toLatin1()
                    << p.baseEnvironmentVariable().toLatin1();
        }
        m_names << "LLM_GATEWAY_HOST"
                << "LLM_GATEWAY_PORT"
                << "LLM_GATEWAY_TOKEN";
        for (const QByteArray &name : std::as_const(m_names)) {
            if (qEnvironmentVariableIsSet(name.constData()))
                m_saved.insert(name, qgetenv(name.constData()));
            qunsetenv(name.constData());
        }
    }
    ~EnvironmentIsolation()
    {
        for (const QByteArray &name : std::as_const(m_names)) {
            if (m_saved.contains(name))
                qputenv(name.constData(), m_saved.value(name));
            else
                qunsetenv(name.constData());
        }
    }
    EnvironmentIsolation(const EnvironmentIsolation &) = delete;
    EnvironmentIsolation &operator=(const EnvironmentIsolation &) = delete;

private:
    QByteArrayList m_names;
    QHash<QByteArray, QByteArray> m_saved;
};

/// Sets process variables for one test and unsets them when it ends, pass or fail.
class ScopedProcessEnvironment
{
public:
    void set(const char *name, const QByteArray &value)
    {
        qputenv(name, value);
        m_names << name;
    }
    ~ScopedProcessEnvironment()
    {
        for (const QByteArray &name : std::as_const(m_names))
            qunsetenv(name.constData());
    }

private:
    QByteArrayList m_names;
};

/// What SettingsStore::load() made of the sources at start-up, and the keys the
/// environment gives (as the ProviderKeyStore built on it sees them).
struct Layers
{
    GatewayConfig config;
    ProviderKeys keys;
    QString accessToken;
    QString configPath;
    QString fileError;
    QStringList errors;
    QStringList notes;
};

Layers assemble(const StartupOptions &options)
{
    SettingsStore store;
    store.load(options);
    Layers layers;
    layers.config = store.effective();
    layers.configPath = store.configPath();
    layers.fileError = store.fileError();
    layers.errors = store.sourceErrors();
    layers.notes = store.notes();
    layers.accessToken = store.environmentToken();
    MemorySecretStore keychain;
    ProviderKeyStore keys(keychain, store.environment());
    QStringList ids;
    for (const ProviderSettings &p : layers.config.providers)
        ids << p.id;
    keys.load(ids);
    layers.keys = keys.keys(); // the environment's, known at once
    return layers;
}

} // namespace

/// The configuration file, the environment and their assembly at start-up (SPEC §2).
class TestConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    // ConfigFile
    void defaultsAreTheSeeds();
    void emptyObjectKeepsDefaults();
    void readmeExample();
    void everyFieldRoundTrips();
    void extendedFieldsRoundTripThroughTheWriter();
    void providersMergeById();
    void presetsFillKnownIds_data();
    void presetsFillKnownIds();
    void newProviderNeedsBaseUrl();
    void anthropicTypeProvider();
    void routesReplaceSamePrefix();
    void aliases();
    void errors_data();
    void errors();
    void syntaxErrorNamesLineAndColumn_data();
    void syntaxErrorNamesLineAndColumn();
    void loadFromDisk();

    // EnvironmentSettings
    void parseEnvText_data();
    void parseEnvText();
    void processEnvironmentWinsOverEnvFile();
    void missingEnvFile();
    void baseUrlOverrides_data();
    void baseUrlOverrides();
    void gatewayPortAndHost_data();
    void gatewayPortAndHost();

    // SettingsStore: the layers at start-up
    void defaultConfigPathIsInTestMode();
    void assemblePrecedence_data();
    void assemblePrecedence();
    void assembleFindsKeys();
    void assembleReportsBadSources();
    void assembleHeadlessReadsDotEnv();

private:
    std::unique_ptr<EnvironmentIsolation> m_isolation;
    QTemporaryDir m_dir;
};

void TestConfig::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_isolation = std::make_unique<EnvironmentIsolation>();
}

void TestConfig::cleanupTestCase()
{
    m_isolation.reset();
}

void TestConfig::defaultsAreTheSeeds()
{
    const GatewayConfig c = GatewayConfig::defaults();
    QCOMPARE(c.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(c.port, quint16(7352));
    const QStringList expectedProviders{
        QStringLiteral("provider openai 'OpenAI' openai https://api.openai.com/v1 on"),
        QStringLiteral("provider anthropic 'Anthropic' anthropic https://api.anthropic.com on"),
        QStringLiteral("provider deepseek 'DeepSeek' openai https://api.deepseek.com/v1 on"),
    };
    QCOMPARE(describe(c).mid(1, 3), expectedProviders);
    QCOMPARE(c.providers.size(), 3);
    QCOMPARE(c.routes.size(), 8);
    QVERIFY(c.aliases.isEmpty());
    QVERIFY(c.allowedOrigins.isEmpty());
    QCOMPARE(c.limits.maxBodyBytes, qint64(32 * 1024 * 1024));
    QCOMPARE(c.limits.maxHeaderBytes, 64 * 1024);
    QCOMPARE(c.limits.clientIdleTimeoutMs, 120000);
    QCOMPARE(c.limits.upstreamConnectTimeoutMs, 30000);
    QCOMPARE(c.limits.upstreamIdleTimeoutMs, 300000);
    QCOMPARE(c.limits.maxConcurrentRequests, 4096);
    QCOMPARE(c.limits.modelListCacheSeconds, 300);
}

void TestConfig::emptyObjectKeepsDefaults()
{
    for (const QByteArray &json :
         {QByteArray("{}"), QByteArray(" {\n}\n"),
          QByteArray(R"({"version":1,"comment":"unknown keys ignored"})")}) {
        const ConfigLoadResult r = parse(json);
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(u'\n')));
        QCOMPARE(describe(r.config), describe(GatewayConfig::defaults()));
    }
}

void TestConfig::readmeExample()
{
    const ConfigLoadResult r =
        ConfigFile::load(QStringLiteral(LLMGW_TEST_DATA_DIR "/config/readme-example.json"),
                         GatewayConfig::defaults());
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(u'\n')));
    QVERIFY(r.fileExists);
    const GatewayConfig &c = r.config;
    const QStringList providers = describe(c).mid(1, 5);
    QCOMPARE(
        providers,
        (QStringList{
            QStringLiteral("provider openai 'OpenAI' openai https://api.openai.com/v1 on"),
            QStringLiteral("provider anthropic 'Anthropic' anthropic "
                           "https://api.anthropic.com off"),
            QStringLiteral("provider deepseek 'DeepSeek' openai https://api.deepseek.com/v1 on"),
            QStringLiteral("provider ollama 'Ollama' openai http://127.0.0.1:11434/v1 on"),
            QStringLiteral("provider work-vllm 'Team vLLM' openai http://10.0.0.5:8000/v1 on "
                           "[X-Team: ml]"),
        }));
    QCOMPARE(c.routes.size(), 10);
    QCOMPARE(c.aliases.size(), 1);

    // The routes work as the README says.
    const RouteTable table = c.routeTable();
    QCOMPARE(table.resolve(QStringLiteral("llama3.2")).route.providerId, QStringLiteral("ollama"));
    const RouteResolution team = table.resolve(QStringLiteral("team-qwen"));
    QCOMPARE(team.route.providerId, QStringLiteral("work-vllm"));
    QCOMPARE(team.route.upstreamModel, QStringLiteral("qwen"));
    const RouteResolution fast = table.resolve(QStringLiteral("fast"));
    QCOMPARE(fast.route.providerId, QStringLiteral("deepseek"));
    QCOMPARE(fast.route.upstreamModel, QStringLiteral("deepseek-chat"));
    QVERIFY(!table.resolve(QStringLiteral("claude-sonnet-4-5")).found); // anthropic disabled
}

void TestConfig::everyFieldRoundTrips()
{
    const QByteArray json = R"({
        "version": 1,
        "host": "0.0.0.0",
        "port": 8123,
        "providers": [
            {"id": "custom", "name": "My Proxy", "type": "openai",
             "baseUrl": "https://proxy.example.com:8443/openai/v1",
             "enabled": true, "headers": {"X-Org": "team-a", "X-Trace": "1"}}
        ],
        "routes": [{"prefix": "my-", "provider": "custom", "stripPrefix": true},
                   {"prefix": "plain-", "provider": "custom", "stripPrefix": false},
                   {"prefix": "default-", "provider": "custom"}],
        "aliases": [{"name": "cheap", "provider": "custom", "model": "small-model"},
                    {"name": "smart", "provider": "openai", "model": "gpt-4o"}],
        "allowedOrigins": ["http://localhost:5173", "https://app.example.com"],
        "limits": {"maxBodyBytes": 1048576, "maxHeaderBytes": 8192,
                   "clientIdleTimeoutMs": 5000, "upstreamConnectTimeoutMs": 2500,
                   "upstreamIdleTimeoutMs": 60000, "maxConcurrentRequests": 64,
                   "modelListCacheSeconds": 0, "modelListTimeoutMs": 1500}
    })";
    const ConfigLoadResult r = parse(json);
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(u'\n')));
    const QStringList got = describe(r.config);
    QCOMPARE(got.first(), QStringLiteral("listen 0.0.0.0:8123"));
    QVERIFY(got.contains(QStringLiteral("provider custom 'My Proxy' openai "
                                        "https://proxy.example.com:8443/openai/v1 on "
                                        "[X-Org: team-a] [X-Trace: 1]")));
    QVERIFY(got.contains(QStringLiteral("route my- -> custom strip")));
    QVERIFY(got.contains(QStringLiteral("route plain- -> custom")));
    QVERIFY(got.contains(QStringLiteral("route default- -> custom")));
    QVERIFY(got.contains(QStringLiteral("alias cheap -> custom/small-model")));
    QVERIFY(got.contains(QStringLiteral("alias smart -> openai/gpt-4o")));
    QCOMPARE(r.config.allowedOrigins, (QStringList{QStringLiteral("http://localhost:5173"),
                                                   QStringLiteral("https://app.example.com")}));
    QCOMPARE(got.last(), QStringLiteral("limits 1048576 8192 5000 2500 60000 64 0 1500"));

    // Host spellings the file accepts.
    for (const char *host : {"localhost", "::1", "127.0.0.1", "192.168.1.20"}) {
        const ConfigLoadResult h = parse(QByteArray(R"({"host":")") + host + "\"}");
        QVERIFY2(h.errors.isEmpty(), qPrintable(h.errors.join(u'\n')));
        QCOMPARE(h.config.host, QString::fromLatin1(host));
    }
    // Port edges: 0 (any free port) and 65535.
    QCOMPARE(parse(R"({"port":0})").config.port, quint16(0));
    QCOMPARE(parse(R"({"port":65535})").config.port, quint16(65535));
    // Limit edges are inclusive.
    const ConfigLoadResult edges = parse(R"({"limits":{"maxBodyBytes":1024,"maxHeaderBytes":1024,)"
                                         R"("clientIdleTimeoutMs":100,"maxConcurrentRequests":1,)"
                                         R"("modelListCacheSeconds":86400}})");
    QVERIFY2(edges.errors.isEmpty(), qPrintable(edges.errors.join(u'\n')));
    QCOMPARE(edges.config.limits.maxBodyBytes, qint64(1024));
    QCOMPARE(edges.config.limits.maxConcurrentRequests, 1);
    QCOMPARE(edges.config.limits.modelListCacheSeconds, 86400);
    // A body limit beyond 2^31 must survive (it is a 64-bit field).
    QCOMPARE(parse(R"({"limits":{"maxBodyBytes":4294967296}})").config.limits.maxBodyBytes,
             qint64(4294967296));
}

void TestConfig::extendedFieldsRoundTripThroughTheWriter()
{
    const QByteArray json = R"({
        "providers": [
            {"id": "deepseek", "caFile": "/etc/ssl/company-ca.pem",
             "maxOutputTokens": {"deepseek-chat": 8192, "deepseek-reasoner": 65536},
             "prices": {"deepseek-chat": {"input": 0.27, "output": 1.1, "cachedInput": 0.07},
                        "deepseek-reasoner": {"input": 0.55, "output": 2.19}}},
            {"id": "openai", "responsesApi": false}
        ],
        "limits": {"headTimeoutMs": 5000, "minBodyBytesPerSecond": 0,
                   "maxBufferedBodyBytes": 2097152, "maxUpstreamBodyBytes": 1048576,
                   "maxSseLineBytes": 65536, "maxSseEventBytes": 131072,
                   "maxCallDurationMs": 600000},
        "requestLog": {"enabled": false, "healthChecks": true, "recordBodies": true,
                       "maxBodyBytes": 1000, "retentionDays": 7, "maxRecords": 500},
        "language": "zh_CN"
    })";
    for (int pass = 0; pass < 2; ++pass) {
        const ConfigLoadResult r =
            pass == 0 ? parse(json) : parse(ConfigWriter::toJson(parse(json).config));
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(u'\n')));
        const ProviderSettings *deepseek = provider(r.config, "deepseek");
        QVERIFY(deepseek);
        QCOMPARE(deepseek->caFile, QStringLiteral("/etc/ssl/company-ca.pem"));
        QCOMPARE(deepseek->modelOutputLimits.value(QStringLiteral("deepseek-chat")), 8192);
        QCOMPARE(deepseek->modelOutputLimits.value(QStringLiteral("deepseek-reasoner")), 65536);
        const ModelPrice chat = deepseek->modelPrices.value(QStringLiteral("deepseek-chat"));
        QCOMPARE(chat.inputPerMillion, 0.27);
        QCOMPARE(chat.outputPerMillion, 1.1);
        QCOMPARE(chat.cachedInputPerMillion, 0.07);
        QCOMPARE(
            deepseek->modelPrices.value(QStringLiteral("deepseek-reasoner")).cachedInputPerMillion,
            -1.0);
        QVERIFY(!deepseek->speaksResponsesApi);
        QVERIFY(!provider(r.config, "openai")->speaksResponsesApi);
        const GatewayLimits &l = r.config.limits;
        QCOMPARE(l.headTimeoutMs, 5000);
        QCOMPARE(l.minBodyBytesPerSecond, 0);
        QCOMPARE(l.maxBufferedBodyBytes, qint64(2097152));
        QCOMPARE(l.maxUpstreamBodyBytes, qint64(1048576));
        QCOMPARE(l.maxSseLineBytes, 65536);
        QCOMPARE(l.maxSseEventBytes, 131072);
        QCOMPARE(l.maxCallDurationMs, 600000);
        const RequestLogSettings &log = r.config.requestLog;
        QVERIFY(!log.enabled);
        QVERIFY(log.healthChecks);
        QVERIFY(log.recordBodies);
        QCOMPARE(log.maxBodyBytes, 1000);
        QCOMPARE(log.retentionDays, 7);
        QCOMPARE(log.maxRecords, qint64(500));
        QCOMPARE(r.config.language, QStringLiteral("zh_CN"));
    }
    // Only OpenAI's preset speaks the Responses API.
    QVERIFY(provider(GatewayConfig::defaults(), "openai")->speaksResponsesApi);
    QVERIFY(!provider(GatewayConfig::defaults(), "deepseek")->speaksResponsesApi);
}

void TestConfig::providersMergeById()
{
    const ConfigLoadResult r = parse(R"({"providers":[
        {"id":"openai","baseUrl":"http://127.0.0.1:9999/v1"},
        {"id":"deepseek","enabled":false,"name":"DS"},
        {"id":"anthropic","headers":{"anthropic-beta":"x"}}
    ]})");
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(u'\n')));
    QCOMPARE(describe(r.config).mid(1, 3),
             (QStringList{
                 QStringLiteral("provider openai 'OpenAI' openai http://127.0.0.1:9999/v1 on"),
                 QStringLiteral("provider anthropic 'Anthropic' anthropic "
                                "https://api.anthropic.com on [anthropic-beta: x]"),
                 QStringLiteral("provider deepseek 'DS' openai https://api.deepseek.com/v1 off"),
             }));
    QCOMPARE(r.config.providers.size(), 3); // merged, none added

    // The same id twice: the later entry refines the earlier one.
    const ConfigLoadResult twice = parse(R"({"providers":[
        {"id":"ollama","baseUrl":"http://127.0.0.1:1/v1"},
        {"id":"ollama","enabled":false}
    ]})");
    QVERIFY2(twice.errors.isEmpty(), qPrintable(twice.errors.join(u'\n')));
    QCOMPARE(twice.config.providers.size(), 4);
    QCOMPARE(provider(twice.config, "ollama")->baseUrl,
             QUrl(QStringLiteral("http://127.0.0.1:1/v1")));
    QVERIFY(!provider(twice.config, "ollama")->enabled);
}

void TestConfig::presetsFillKnownIds_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("baseUrl");
    QTest::newRow("ollama") << "ollama"
                            << "http://127.0.0.1:11434/v1";
    QTest::newRow("lmstudio") << "lmstudio"
                              << "http://127.0.0.1:1234/v1";
    QTest::newRow("openrouter") << "openrouter"
                                << "https://openrouter.ai/api/v1";
    QTest::newRow("groq") << "groq"
                          << "https://api.groq.com/openai/v1";
    QTest::newRow("mistral") << "mistral"
                             << "https://api.mistral.ai/v1";
    QTest::newRow("gemini") << "gemini"
                            << "https://generativelanguage.googleapis.com/v1beta/openai";
    QTest::newRow("xai") << "xai"
                         << "https://api.x.ai/v1";
}

void TestConfig::presetsFillKnownIds()
{
    QFETCH(QString, id);
    QFETCH(QString, baseUrl);
    const ConfigLoadResult r =
        parse(QStringLiteral(R"({"providers":[{"id":"%1"}]})").arg(id).toUtf8());
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(u'\n')));
    const ProviderSettings *p = r.config.provider(id);
    QVERIFY(p);
    QCOMPARE(p->baseUrl.toString(), baseUrl);
    QCOMPARE(p->type, ProviderType::OpenAi);
    QVERIFY(p->enabled); // listing a preset turns it on
    QVERIFY(!p->displayName.isEmpty());
    QVERIFY(r.config.routeTable().resolve(id + QStringLiteral("/some-model")).found);
}

void TestConfig::newProviderNeedsBaseUrl()
{
    const ConfigLoadResult r = parse(R"({"providers":[{"id":"custom","name":"Mine"}]})");
    QCOMPARE(r.errors.size(), 1);
    QVERIFY2(r.errors.at(0).contains(fileName()), qPrintable(r.errors.at(0)));
    QVERIFY2(r.errors.at(0).contains(QStringLiteral("providers[0].baseUrl")),
             qPrintable(r.errors.at(0)));
    QVERIFY2(r.errors.at(0).contains(QStringLiteral("'custom'")), qPrintable(r.errors.at(0)));
    QCOMPARE(describe(r.config), describe(GatewayConfig::defaults()));

    const ConfigLoadResult ok =
        parse(R"({"providers":[{"id":"custom","baseUrl":"http://127.0.0.1:8000/v1"}]})");
    QVERIFY2(ok.errors.isEmpty(), qPrintable(ok.errors.join(u'\n')));
    const ProviderSettings *p = provider(ok.config, "custom");
    QVERIFY(p);
    QVERIFY(p->enabled);
    QCOMPARE(p->type, ProviderType::OpenAi);
    QCOMPARE(p->displayName, QStringLiteral("custom"));
}

void TestConfig::anthropicTypeProvider()
{
    const ConfigLoadResult r = parse(R"({"providers":[{"id":"claude-proxy","type":"anthropic",
        "baseUrl":"https://proxy.example.com/anthropic"}]})");
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(u'\n')));
    QCOMPARE(provider(r.config, "claude-proxy")->type, ProviderType::Anthropic);
    // And a built-in changed to the other dialect (DeepSeek's Anthropic endpoint).
    const ConfigLoadResult ds = parse(R"({"providers":[{"id":"deepseek","type":"anthropic",
        "baseUrl":"https://api.deepseek.com/anthropic"}]})");
    QVERIFY2(ds.errors.isEmpty(), qPrintable(ds.errors.join(u'\n')));
    QCOMPARE(provider(ds.config, "deepseek")->type, ProviderType::Anthropic);
}

void TestConfig::routesReplaceSamePrefix()
{
    const ConfigLoadResult r = parse(R"({"routes":[
        {"prefix":"gpt-","provider":"deepseek"},
        {"prefix":"anthropic-","provider":"anthropic"},
        {"prefix":"qwen","provider":"deepseek","stripPrefix":true}
    ]})");
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(u'\n')));
    const QList<PrefixRule> defaults = GatewayConfig::defaults().routes;
    QCOMPARE(r.config.routes.size(), defaults.size() + 1);
    // Replaced in place, so the order of the other rules is unchanged.
    for (qsizetype i = 0; i < defaults.size(); ++i)
        QCOMPARE(r.config.routes.at(i).prefix, defaults.at(i).prefix);
    const RouteTable table = r.config.routeTable();
    QCOMPARE(table.resolve(QStringLiteral("gpt-4o")).route.providerId, QStringLiteral("deepseek"));
    // The replacement's stripPrefix (absent: false) replaces the default's true.
    QCOMPARE(table.resolve(QStringLiteral("anthropic-x")).route.upstreamModel,
             QStringLiteral("anthropic-x"));
    QCOMPARE(table.resolve(QStringLiteral("qwen-max")).route.upstreamModel, QStringLiteral("-max"));
    QCOMPARE(r.config.routes.last().prefix, QStringLiteral("qwen"));
}

void TestConfig::aliases()
{
    const ConfigLoadResult r = parse(R"({"aliases":[
        {"name":"fast","provider":"deepseek","model":"deepseek-chat"},
        {"name":"gpt-4o","provider":"openai","model":"gpt-4o-2024-08-06"}
    ]})");
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(u'\n')));
    QCOMPARE(r.config.aliases.size(), 2);
    const RouteTable table = r.config.routeTable();
    QCOMPARE(table.resolve(QStringLiteral("fast")).route.upstreamModel,
             QStringLiteral("deepseek-chat"));
    QCOMPARE(table.resolve(QStringLiteral("gpt-4o")).route.upstreamModel,
             QStringLiteral("gpt-4o-2024-08-06"));
}

void TestConfig::errors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("parts");

    const auto row = [](const char *name, const QByteArray &json,
                        std::initializer_list<const char *> parts) {
        QStringList list;
        for (const char *p : parts)
            list << QString::fromUtf8(p);
        QTest::newRow(name) << json << list;
    };
    row("top level array", "[]", {"top level", "object"});
    row("top level string", R"("x")", {});
    row("version 2", R"({"version":2})", {"'version'", "1 to 1"});
    row("version string", R"({"version":"1"})", {"'version'"});
    row("host name", R"({"host":"example.com"})", {"'host'", "\"example.com\"", "localhost"});
    row("host number", R"({"host":127})", {"'host'", "string"});
    row("port too large", R"({"port":70000})", {"'port'", "0 to 65535"});
    row("port negative", R"({"port":-1})", {"'port'"});
    row("port string", R"({"port":"7352"})", {"'port'", "whole number"});
    row("port fraction", R"({"port":80.5})", {"'port'"});
    row("providers object", R"({"providers":{"id":"x"}})", {"'providers'", "array"});
    row("provider not object", R"({"providers":["ollama"]})", {"'providers[0]'", "object"});
    row("provider without id", R"({"providers":[{"baseUrl":"http://127.0.0.1/v1"}]})",
        {"'providers[0].id'", "required"});
    row("provider id with slash", R"({"providers":[{"id":"a/b","baseUrl":"http://h/v1"}]})",
        {"'providers[0].id'", "without '/'"});
    row("provider id number", R"({"providers":[{"id":5}]})", {"'providers[0].id'"});
    row("bad type", R"({"providers":[{"id":"openai","type":"gemini"}]})",
        {"'providers[0].type'", "\"openai\" or \"anthropic\"", "\"gemini\""});
    row("type number", R"({"providers":[{"id":"openai","type":1}]})",
        {"'providers[0].type'", "string"});
    row("baseUrl ftp", R"({"providers":[{"id":"openai","baseUrl":"ftp://x.example/v1"}]})",
        {"'providers[0].baseUrl'", "http://", "\"ftp://x.example/v1\""});
    row("baseUrl without host", R"({"providers":[{"id":"openai","baseUrl":"http://"}]})",
        {"'providers[0].baseUrl'"});
    row("baseUrl not a URL", R"({"providers":[{"id":"openai","baseUrl":"api.openai.com"}]})",
        {"'providers[0].baseUrl'"});
    row("baseUrl number", R"({"providers":[{"id":"openai","baseUrl":8080}]})",
        {"'providers[0].baseUrl'", "string"});
    row("second provider bad", R"({"providers":[{"id":"ollama"},{"id":"groq","enabled":"yes"}]})",
        {"'providers[1].enabled'", "true or false"});
    row("headers array", R"({"providers":[{"id":"openai","headers":["X-A: 1"]}]})",
        {"'providers[0].headers'", "object"});
    row("header value number", R"({"providers":[{"id":"openai","headers":{"X-A":1}}]})",
        {"'providers[0].headers.X-A'", "string"});
    row("caps array", R"({"providers":[{"id":"deepseek","maxOutputTokens":[8192]}]})",
        {"'providers[0].maxOutputTokens'", "object"});
    row("cap zero", R"({"providers":[{"id":"deepseek","maxOutputTokens":{"deepseek-chat":0}}]})",
        {"'providers[0].maxOutputTokens.deepseek-chat'", "1 to"});
    row("price negative",
        R"({"providers":[{"id":"deepseek","prices":{"deepseek-chat":{"input":-1}}}]})",
        {"'providers[0].prices.deepseek-chat.input'", "at least 0"});
    row("price not object", R"({"providers":[{"id":"deepseek","prices":{"m":1}}]})",
        {"'providers[0].prices.m'", "\"input\""});
    row("responsesApi string", R"({"providers":[{"id":"openai","responsesApi":"yes"}]})",
        {"'providers[0].responsesApi'", "true or false"});
    row("requestLog array", R"({"requestLog":[]})", {"'requestLog'", "object"});
    row("retention negative", R"({"requestLog":{"retentionDays":-1}})",
        {"'requestLog.retentionDays'", "0 to 36500"});
    row("sse line tiny", R"({"limits":{"maxSseLineBytes":10}})", {"'limits.maxSseLineBytes'"});
    row("language fr", R"({"language":"fr"})", {"'language'", "zh_CN", "\"fr\""});
    row("routes object", R"({"routes":{"prefix":"x"}})", {"'routes'", "array"});
    row("route without prefix", R"({"routes":[{"provider":"openai"}]})", {"'routes[0]'", "prefix"});
    row("route with empty prefix", R"({"routes":[{"prefix":"","provider":"openai"}]})",
        {"'routes[0]'"});
    row("route without provider", R"({"routes":[{"prefix":"x-"}]})", {"'routes[0]'", "provider"});
    row("route not object", R"({"routes":["x-"]})", {"'routes[0]'"});
    row("route stripPrefix string",
        R"({"routes":[{"prefix":"x-","provider":"openai","stripPrefix":"yes"}]})",
        {"'routes[0].stripPrefix'"});
    row("route to unknown provider", R"({"routes":[{"prefix":"llama","provider":"ollama"}]})",
        {"'routes'", "\"llama\"", "unknown provider \"ollama\""});
    row("aliases object", R"({"aliases":{}})", {"'aliases'", "array"});
    row("alias without model", R"({"aliases":[{"name":"fast","provider":"deepseek"}]})",
        {"'aliases[0]'", "\"model\""});
    row("alias with empty name", R"({"aliases":[{"name":"","provider":"deepseek","model":"m"}]})",
        {"'aliases[0]'"});
    row("alias to unknown provider", R"({"aliases":[{"name":"x","provider":"nope","model":"m"}]})",
        {"'aliases'", "\"x\"", "unknown provider \"nope\""});
    row("limits array", R"({"limits":[]})", {"'limits'", "object"});
    row("maxBodyBytes too small", R"({"limits":{"maxBodyBytes":10}})",
        {"'limits.maxBodyBytes'", "1024"});
    row("maxBodyBytes string", R"({"limits":{"maxBodyBytes":"32MB"}})", {"'limits.maxBodyBytes'"});
    row("maxHeaderBytes too small", R"({"limits":{"maxHeaderBytes":10}})",
        {"'limits.maxHeaderBytes'"});
    row("clientIdleTimeoutMs zero", R"({"limits":{"clientIdleTimeoutMs":0}})",
        {"'limits.clientIdleTimeoutMs'"});
    row("upstreamConnectTimeoutMs fraction", R"({"limits":{"upstreamConnectTimeoutMs":1000.5}})",
        {"'limits.upstreamConnectTimeoutMs'"});
    row("upstreamIdleTimeoutMs too large", R"({"limits":{"upstreamIdleTimeoutMs":86400001}})",
        {"'limits.upstreamIdleTimeoutMs'"});
    row("maxConcurrentRequests zero", R"({"limits":{"maxConcurrentRequests":0}})",
        {"'limits.maxConcurrentRequests'"});
    row("modelListCacheSeconds negative", R"({"limits":{"modelListCacheSeconds":-1}})",
        {"'limits.modelListCacheSeconds'"});
    row("modelListTimeoutMs bool", R"({"limits":{"modelListTimeoutMs":true}})",
        {"'limits.modelListTimeoutMs'"});
    row("allowedOrigins string", R"({"allowedOrigins":"http://localhost:5173"})",
        {"'allowedOrigins'", "array"});
    // One bad field among good ones: the good ones are not applied either.
    row("good fields with one bad", R"({"port":9000,"host":"0.0.0.0","limits":{"maxBodyBytes":1}})",
        {"'limits.maxBodyBytes'"});
}

void TestConfig::errors()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, parts);
    const ConfigLoadResult r = parse(json);
    QVERIFY(!r.errors.isEmpty());
    const QString all = r.errors.join(u'\n');
    for (const QString &error : r.errors)
        QVERIFY2(error.startsWith(fileName() + QLatin1Char(':')), qPrintable(error));
    for (const QString &part : parts)
        QVERIFY2(all.contains(part), qPrintable(QStringLiteral("'%1' not in: %2").arg(part, all)));
    // Errors leave the defaults in place: nothing of the file is half-applied.
    QCOMPARE(describe(r.config), describe(GatewayConfig::defaults()));
}

void TestConfig::syntaxErrorNamesLineAndColumn_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    // QJsonParseError::offset points at the offending character or just after it, depending on
    // the error: the column may be one more than the character's own.
    QTest::newRow("missing comma") << QByteArray("{\n  \"port\": 7352,\n  \"host\": \"127.0.0.1\"\n"
                                                 "  \"providers\": []\n}\n")
                                   << 4 << 3;
    QTest::newRow("trailing comma") << QByteArray("{\n  \"port\": 7352,\n}\n") << 3 << 1;
    QTest::newRow("comment") << QByteArray("{\n// port\n\"port\": 1}") << 2 << 1;
    QTest::newRow("bad value") << QByteArray("{\n\n    \"port\": x}") << 3 << 13;
    QTest::newRow("garbage after") << QByteArray("{}\n\n  x") << 3 << 3;
    QTest::newRow("empty file") << QByteArray() << 1 << 1;
}

void TestConfig::syntaxErrorNamesLineAndColumn()
{
    QFETCH(QByteArray, json);
    QFETCH(int, line);
    QFETCH(int, column);
    const ConfigLoadResult r = parse(json);
    QCOMPARE(r.errors.size(), 1);
    const QString error = r.errors.at(0);
    QVERIFY2(error.startsWith(fileName() + QLatin1Char(':')), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("not valid JSON")), qPrintable(error));
    const QRegularExpressionMatch where =
        QRegularExpression(QStringLiteral("line (\\d+), column (\\d+)")).match(error);
    QVERIFY2(where.hasMatch(), qPrintable(error));
    QCOMPARE(where.captured(1).toInt(), line);
    QVERIFY2(where.captured(2).toInt() == column || where.captured(2).toInt() == column + 1,
             qPrintable(error));
    QCOMPARE(describe(r.config), describe(GatewayConfig::defaults()));
}

void TestConfig::loadFromDisk()
{
    const QString missing = m_dir.filePath(QStringLiteral("missing.json"));
    const ConfigLoadResult none = ConfigFile::load(missing, GatewayConfig::defaults());
    QVERIFY(!none.fileExists);
    QVERIFY(none.errors.isEmpty());
    QCOMPARE(describe(none.config), describe(GatewayConfig::defaults()));

    const QString path = m_dir.filePath(QStringLiteral("broken.json"));
    QVERIFY(writeFile(path, "{\"port\": }"));
    const ConfigLoadResult broken = ConfigFile::load(path, GatewayConfig::defaults());
    QVERIFY(broken.fileExists);
    QCOMPARE(broken.errors.size(), 1);
    QVERIFY2(broken.errors.at(0).startsWith(path), qPrintable(broken.errors.at(0)));

    // A directory where the file should be cannot be read: reported, not a crash.
    const QString dirPath = m_dir.filePath(QStringLiteral("dir.json"));
    QVERIFY(QDir().mkpath(dirPath));
    const ConfigLoadResult dir = ConfigFile::load(dirPath, GatewayConfig::defaults());
    QVERIFY(!dir.errors.isEmpty());
    QVERIFY2(dir.errors.at(0).contains(dirPath), qPrintable(dir.errors.at(0)));
    QCOMPARE(describe(dir.config), describe(GatewayConfig::defaults()));
}

void TestConfig::parseEnvText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");

    QTest::newRow("plain") << QByteArray("OPENAI_API_KEY=sk-abc") << "OPENAI_API_KEY"
                           << "sk-abc";
    QTest::newRow("export") << QByteArray("export DEEPSEEK_API_KEY=sk-ds") << "DEEPSEEK_API_KEY"
                            << "sk-ds";
    QTest::newRow("spaces around =") << QByteArray("  KEY = value  ") << "KEY"
                                     << "value";
    QTest::newRow("double quotes") << QByteArray("KEY=\"a value # not a comment\"") << "KEY"
                                   << "a value # not a comment";
    QTest::newRow("single quotes") << QByteArray("KEY='sk-1 2'") << "KEY"
                                   << "sk-1 2";
    QTest::newRow("quoted then comment") << QByteArray("KEY=\"sk-abc\" # the work key") << "KEY"
                                         << "sk-abc";
    QTest::newRow("single quoted then comment") << QByteArray("KEY='x' #c") << "KEY"
                                                << "x";
    QTest::newRow("inline comment")
        << QByteArray("LLM_GATEWAY_PORT=8080 # local") << "LLM_GATEWAY_PORT"
        << "8080";
    QTest::newRow("hash without space is data") << QByteArray("KEY=abc#def") << "KEY"
                                                << "abc#def";
    QTest::newRow("equals in value") << QByteArray("BASE=http://h/v1?a=b&c=d") << "BASE"
                                     << "http://h/v1?a=b&c=d";
    QTest::newRow("empty value") << QByteArray("KEY=") << "KEY"
                                 << "";
    QTest::newRow("empty quotes") << QByteArray("KEY=\"\"") << "KEY"
                                  << "";
    QTest::newRow("lone quote kept") << QByteArray("KEY=\"abc") << "KEY"
                                     << "\"abc";
    QTest::newRow("CRLF") << QByteArray("A=1\r\nKEY=crlf\r\n") << "KEY"
                          << "crlf";
    QTest::newRow("UTF-8") << QByteArray("KEY=caf\xc3\xa9") << "KEY"
                           << "caf\u00e9";
    QTest::newRow("later line wins") << QByteArray("KEY=one\nKEY=two") << "KEY"
                                     << "two";
    QTest::newRow("among comments and blanks")
        << QByteArray("# header comment\n\n   # indented comment\nKEY=v\n#KEY=commented\n") << "KEY"
        << "v";
}

void TestConfig::parseEnvText()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, key);
    QFETCH(QString, value);
    const QHash<QString, QString> values = EnvironmentSettings::parseEnvText(text);
    QVERIFY2(values.contains(key), qPrintable(values.keys().join(u',')));
    QCOMPARE(values.value(key), value);
}

void TestConfig::processEnvironmentWinsOverEnvFile()
{
    // Lines that are not assignments are skipped.
    const QHash<QString, QString> skipped =
        EnvironmentSettings::parseEnvText("# only\nNOEQUALS\n=value\n  \n");
    QVERIFY(skipped.isEmpty());

    const QString path = m_dir.filePath(QStringLiteral("precedence.env"));
    QVERIFY(writeFile(path, "OPENAI_API_KEY=from-file\nDEEPSEEK_API_KEY=file-only\n"));
    ScopedProcessEnvironment process;
    process.set("OPENAI_API_KEY", "from-process");

    EnvironmentSettings env = EnvironmentSettings::fromProcess();
    QString error;
    QVERIFY(env.loadEnvFile(path, &error));
    QVERIFY(error.isEmpty());
    QCOMPARE(env.value(QStringLiteral("OPENAI_API_KEY")), QStringLiteral("from-process"));
    QCOMPARE(env.value(QStringLiteral("DEEPSEEK_API_KEY")), QStringLiteral("file-only"));
    QVERIFY(env.contains(QStringLiteral("DEEPSEEK_API_KEY")));
    QVERIFY(!env.contains(QStringLiteral("ANTHROPIC_API_KEY")));

    // Without the process variable the file's value is used.
    EnvironmentSettings fileOnly;
    QVERIFY(fileOnly.loadEnvFile(path, &error));
    QCOMPARE(fileOnly.value(QStringLiteral("OPENAI_API_KEY")), QStringLiteral("from-file"));
}

void TestConfig::missingEnvFile()
{
    EnvironmentSettings env;
    QString error;
    const QString path = m_dir.filePath(QStringLiteral("nope.env"));
    QVERIFY(!env.loadEnvFile(path, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
}

void TestConfig::baseUrlOverrides_data()
{
    QTest::addColumn<QByteArray>("envText");
    QTest::addColumn<QString>("providerId");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QStringList>("problemParts");

    QTest::newRow("deepseek") << QByteArray("DEEPSEEK_API_BASE=http://127.0.0.1:8080/v1")
                              << "deepseek"
                              << "http://127.0.0.1:8080/v1" << QStringList();
    QTest::newRow("anthropic") << QByteArray("ANTHROPIC_API_BASE=https://gw.example.com")
                               << "anthropic"
                               << "https://gw.example.com" << QStringList();
    QTest::newRow("file-defined provider with dash")
        << QByteArray("WORK_VLLM_API_BASE=http://10.1.1.1:8000/v1") << "work-vllm"
        << "http://10.1.1.1:8000/v1" << QStringList();
    QTest::newRow("not a URL") << QByteArray("OPENAI_API_BASE=api.openai.com") << "openai"
                               << "https://api.openai.com/v1"
                               << QStringList{"OPENAI_API_BASE", "\"api.openai.com\""};
    QTest::newRow("wrong scheme") << QByteArray("OPENAI_API_BASE=ftp://h/v1") << "openai"
                                  << "https://api.openai.com/v1"
                                  << QStringList{"OPENAI_API_BASE", "http://"};
    QTest::newRow("no host") << QByteArray("DEEPSEEK_API_BASE=http://") << "deepseek"
                             << "https://api.deepseek.com/v1" << QStringList{"DEEPSEEK_API_BASE"};
    QTest::newRow("empty value is no override") << QByteArray("OPENAI_API_BASE=") << "openai"
                                                << "https://api.openai.com/v1" << QStringList();
}

void TestConfig::baseUrlOverrides()
{
    QFETCH(QByteArray, envText);
    QFETCH(QString, providerId);
    QFETCH(QString, baseUrl);
    QFETCH(QStringList, problemParts);

    EnvironmentSettings env;
    QVERIFY(loadEnvText(m_dir.filePath(QStringLiteral("base.env")), envText, &env));

    GatewayConfig config = GatewayConfig::defaults();
    ProviderSettings vllm;
    vllm.id = QStringLiteral("work-vllm");
    vllm.baseUrl = QUrl(QStringLiteral("http://10.0.0.5:8000/v1"));
    config.providers.append(vllm);
    const QStringList before = describe(config);

    const QStringList problems = env.applyTo(config);
    QCOMPARE(config.provider(providerId)->baseUrl.toString(), baseUrl);
    const QString mismatch = problemMismatch(problems, problemParts);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    if (!problemParts.isEmpty())
        QCOMPARE(describe(config), before); // a bad value changes nothing
    // Only the named provider changed.
    for (const ProviderSettings &p : config.providers) {
        if (p.id != providerId)
            QCOMPARE(p.baseUrl, GatewayConfig::defaults().provider(p.id)
                                    ? GatewayConfig::defaults().provider(p.id)->baseUrl
                                    : vllm.baseUrl);
    }
}

void TestConfig::gatewayPortAndHost_data()
{
    QTest::addColumn<QByteArray>("envText");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("problem");

    QTest::newRow("port") << QByteArray("LLM_GATEWAY_PORT=8080") << "127.0.0.1" << 8080
                          << QString();
    QTest::newRow("port 0") << QByteArray("LLM_GATEWAY_PORT=0") << "127.0.0.1" << 0 << QString();
    QTest::newRow("host and port") << QByteArray("LLM_GATEWAY_HOST=0.0.0.0\nLLM_GATEWAY_PORT=65535")
                                   << "0.0.0.0" << 65535 << QString();
    QTest::newRow("port not a number")
        << QByteArray("LLM_GATEWAY_PORT=eighty") << "127.0.0.1" << 7352 << "LLM_GATEWAY_PORT";
    QTest::newRow("port too large")
        << QByteArray("LLM_GATEWAY_PORT=65536") << "127.0.0.1" << 7352 << "\"65536\"";
    QTest::newRow("port negative")
        << QByteArray("LLM_GATEWAY_PORT=-1") << "127.0.0.1" << 7352 << "LLM_GATEWAY_PORT";
}

void TestConfig::gatewayPortAndHost()
{
    QFETCH(QByteArray, envText);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, problem);

    EnvironmentSettings env;
    QVERIFY(loadEnvText(m_dir.filePath(QStringLiteral("port.env")), envText, &env));
    GatewayConfig config = GatewayConfig::defaults();
    const QStringList problems = env.applyTo(config);
    QCOMPARE(config.host, host);
    QCOMPARE(int(config.port), port);
    const QString mismatch =
        problemMismatch(problems, problem.isEmpty() ? QStringList() : QStringList{problem});
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
}

void TestConfig::defaultConfigPathIsInTestMode()
{
    const QString path = ConfigFile::defaultPath();
    QVERIFY2(path.endsWith(QStringLiteral("/config.json")), qPrintable(path));
    QVERIFY2(path.contains(QStringLiteral(".qttest")), qPrintable(path));
    StartupOptions options;
    const Layers startup = assemble(options);
    QCOMPARE(startup.configPath, path);
}

void TestConfig::assemblePrecedence_data()
{
    QTest::addColumn<QByteArray>("fileJson");
    QTest::addColumn<QByteArray>("envFileText");
    QTest::addColumn<QByteArray>("processPort");
    QTest::addColumn<int>("cliPort");
    QTest::addColumn<QString>("cliHost");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("host");

    QTest::newRow("defaults") << QByteArray() << QByteArray() << QByteArray() << -1 << QString()
                              << 7352 << "127.0.0.1";
    QTest::newRow("file") << QByteArray(R"({"port":9001,"host":"127.0.0.2"})") << QByteArray()
                          << QByteArray() << -1 << QString() << 9001 << "127.0.0.2";
    QTest::newRow("env file over file")
        << QByteArray(R"({"port":9001,"host":"127.0.0.2"})")
        << QByteArray("LLM_GATEWAY_PORT=9002\nLLM_GATEWAY_HOST=127.0.0.3") << QByteArray() << -1
        << QString() << 9002 << "127.0.0.3";
    QTest::newRow("process over env file")
        << QByteArray(R"({"port":9001})") << QByteArray("LLM_GATEWAY_PORT=9002")
        << QByteArray("9003") << -1 << QString() << 9003 << "127.0.0.1";
    QTest::newRow("command line over all")
        << QByteArray(R"({"port":9001,"host":"127.0.0.2"})")
        << QByteArray("LLM_GATEWAY_PORT=9002\nLLM_GATEWAY_HOST=127.0.0.3") << QByteArray("9003")
        << 9004 << "127.0.0.4" << 9004 << "127.0.0.4";
    QTest::newRow("command line port 0") << QByteArray(R"({"port":9001})") << QByteArray()
                                         << QByteArray() << 0 << QString() << 0 << "127.0.0.1";
    QTest::newRow("command line only")
        << QByteArray() << QByteArray() << QByteArray() << 9004 << QString() << 9004 << "127.0.0.1";
}

void TestConfig::assemblePrecedence()
{
    QFETCH(QByteArray, fileJson);
    QFETCH(QByteArray, envFileText);
    QFETCH(QByteArray, processPort);
    QFETCH(int, cliPort);
    QFETCH(QString, cliHost);
    QFETCH(int, port);
    QFETCH(QString, host);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    StartupOptions options;
    options.configPath = dir.filePath(QStringLiteral("config.json"));
    if (!fileJson.isEmpty())
        QVERIFY(writeFile(options.configPath, fileJson));
    else
        options.configPath.clear(); // the standard location, which does not exist in test mode
    if (!envFileText.isEmpty()) {
        options.envFile = dir.filePath(QStringLiteral("gateway.env"));
        QVERIFY(writeFile(options.envFile, envFileText));
    }
    ScopedProcessEnvironment process;
    if (!processPort.isEmpty())
        process.set("LLM_GATEWAY_PORT", processPort);
    options.port = cliPort;
    options.host = cliHost;

    const Layers startup = assemble(options);
    QVERIFY2(startup.errors.isEmpty(), qPrintable(startup.errors.join(u'\n')));
    QCOMPARE(int(startup.config.port), port);
    QCOMPARE(startup.config.host, host);
    if (!fileJson.isEmpty())
        QVERIFY(startup.notes.join(u'\n').contains(options.configPath));
    if (!envFileText.isEmpty())
        QVERIFY(startup.notes.join(u'\n').contains(options.envFile));
}

void TestConfig::assembleFindsKeys()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    StartupOptions options;
    options.configPath = dir.filePath(QStringLiteral("config.json"));
    QVERIFY(writeFile(options.configPath, R"({"providers":[
        {"id":"work-vllm","baseUrl":"http://10.0.0.5:8000/v1"},
        {"id":"ollama"},
        {"id":"deepseek","baseUrl":"http://127.0.0.1:1/v1"}
    ]})"));
    options.envFile = dir.filePath(QStringLiteral(".env"));
    QVERIFY(writeFile(options.envFile, "OPENAI_API_KEY=sk-file\n"
                                       "WORK_VLLM_API_KEY=vllm-key\n"
                                       "DEEPSEEK_API_KEY=\"sk-ds\"\n"
                                       "DEEPSEEK_API_BASE=http://127.0.0.1:2/v1\n"
                                       "UNRELATED_API_KEY=ignored\n"
                                       "LLM_GATEWAY_TOKEN=local-token\n"));
    ScopedProcessEnvironment process;
    process.set("OPENAI_API_KEY", "sk-process");
    process.set("ANTHROPIC_API_KEY", "sk-ant");

    const Layers startup = assemble(options);
    QVERIFY2(startup.errors.isEmpty(), qPrintable(startup.errors.join(u'\n')));
    ProviderKeys expected;
    expected.insert(QStringLiteral("openai"), QStringLiteral("sk-process"));
    expected.insert(QStringLiteral("anthropic"), QStringLiteral("sk-ant"));
    expected.insert(QStringLiteral("deepseek"), QStringLiteral("sk-ds"));
    expected.insert(QStringLiteral("work-vllm"), QStringLiteral("vllm-key"));
    QCOMPARE(startup.keys, expected); // ollama has no key, and that is fine
    QCOMPARE(startup.accessToken, QStringLiteral("local-token"));
    // The environment's base URL beats the file's.
    QCOMPARE(startup.config.provider(QStringLiteral("deepseek"))->baseUrl,
             QUrl(QStringLiteral("http://127.0.0.1:2/v1")));
    QCOMPARE(startup.config.provider(QStringLiteral("ollama"))->baseUrl,
             QUrl(QStringLiteral("http://127.0.0.1:11434/v1")));
    // Keys never end up in the notes or errors meant for the log.
    const QString logged = (startup.notes + startup.errors).join(u'\n');
    QVERIFY(!logged.contains(QStringLiteral("sk-")));
}

void TestConfig::assembleReportsBadSources()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    // --config naming a file that does not exist.
    StartupOptions missing;
    missing.configPath = dir.filePath(QStringLiteral("typo.json"));
    Layers startup = assemble(missing);
    QVERIFY(!startup.errors.isEmpty());
    QVERIFY2(startup.errors.at(0).contains(missing.configPath), qPrintable(startup.errors.at(0)));
    QVERIFY2(startup.errors.at(0).contains(QStringLiteral("does not exist")),
             qPrintable(startup.errors.at(0)));
    QCOMPARE(describe(startup.config), describe(GatewayConfig::defaults()));

    // A broken file: its errors, then a sentence saying the defaults are used; the environment
    // and the command line still apply.
    StartupOptions broken;
    broken.configPath = dir.filePath(QStringLiteral("config.json"));
    QVERIFY(writeFile(broken.configPath, R"({"port":"high","host":"127.0.0.9"})"));
    broken.envFile = dir.filePath(QStringLiteral("ok.env"));
    QVERIFY(writeFile(broken.envFile, "DEEPSEEK_API_BASE=http://127.0.0.1:3/v1\n"));
    broken.port = 9100;
    startup = assemble(broken);
    QVERIFY2(startup.errors.isEmpty(), qPrintable(startup.errors.join(u'\n')));
    QVERIFY2(startup.fileError.contains(broken.configPath + QStringLiteral(": field 'port'")),
             qPrintable(startup.fileError));
    QCOMPARE(startup.config.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(startup.config.port, quint16(9100));
    QCOMPARE(startup.config.provider(QStringLiteral("deepseek"))->baseUrl,
             QUrl(QStringLiteral("http://127.0.0.1:3/v1")));

    // A missing --env-file and a bad variable.
    StartupOptions badEnv;
    badEnv.configPath = dir.filePath(QStringLiteral("none.json"));
    QVERIFY(writeFile(badEnv.configPath, "{}"));
    badEnv.envFile = dir.filePath(QStringLiteral("missing.env"));
    ScopedProcessEnvironment process;
    process.set("OPENAI_API_BASE", "not a url");
    startup = assemble(badEnv);
    QCOMPARE(startup.errors.size(), 2);
    QVERIFY2(startup.errors.at(0).contains(badEnv.envFile), qPrintable(startup.errors.at(0)));
    QVERIFY2(startup.errors.at(1).contains(QStringLiteral("OPENAI_API_BASE")),
             qPrintable(startup.errors.at(1)));
    QCOMPARE(startup.config.provider(QStringLiteral("openai"))->baseUrl,
             QUrl(QStringLiteral("https://api.openai.com/v1")));
}

void TestConfig::assembleHeadlessReadsDotEnv()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral(".env")),
                      "LLM_GATEWAY_PORT=9200\nOPENAI_API_KEY=sk-dotenv\n"));
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    const auto restore = qScopeGuard([&] { QDir::setCurrent(previous); });

    StartupOptions options;
    options.configPath = dir.filePath(QStringLiteral("absent-but-named.json"));
    QVERIFY(writeFile(options.configPath, "{}"));
    options.headless = true;
    Layers startup = assemble(options);
    QVERIFY2(startup.errors.isEmpty(), qPrintable(startup.errors.join(u'\n')));
    QCOMPARE(startup.config.port, quint16(9200));
    QCOMPARE(startup.keys.value(QStringLiteral("openai")), QStringLiteral("sk-dotenv"));

    // The desktop app does not read ./.env on its own (its working directory is arbitrary).
    options.headless = false;
    startup = assemble(options);
    QCOMPARE(startup.config.port, quint16(7352));
    QVERIFY(startup.keys.isEmpty());
}

QTEST_GUILESS_MAIN(TestConfig)
#include "TestConfig.moc"
