// The built binary (LLMGW_BINARY) and its request log: `llm-gateway logs` and `usage` on a
// log written by the store, also while a gateway writes it; kill -9 under load leaves a
// sound file missing at most the last batch; a read-only data directory and a full disk
// cost log records, never requests, and are reported. Each run has its own HOME/XDG dirs.
#include "FakeUpstream.h"
#include "RawHttpClient.h"
#include "RecordFactory.h"
#include "requestlog/RequestLogReader.h"
#include "requestlog/RequestLogWriter.h"
#include "requestlog/SqliteConnection.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {
constexpr int kStartTimeoutMs = 20000;
constexpr int kCommandTimeoutMs = 20000;
const QByteArray kToken = QByteArrayLiteral("requestlog-binary-test-token-0123456789");
const QString kKey = QStringLiteral("sk-binary-test-key");
} // namespace

class TestRequestLogBinary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void logsPrintsNewestFirstWithFilters();
    void logsTextTable();
    void badOptionsSayWhatToFix_data();
    void badOptionsSayWhatToFix();
    void missingLogIsNotAnError();
    void usageSumsPerProviderAndModel();
    void logsWhileTheGatewayRuns();
    void turnedOffAndOnWhileRunning();
    void killNineLosesAtMostTheLastBatch();
    void readOnlyDataDirectory();
    void fullDisk();

private:
    QString dataDir() const { return m_home->filePath(QStringLiteral("data/llm-gateway")); }
    QString dbPath() const { return dataDir() + QStringLiteral("/requests.db"); }
    QProcessEnvironment environment() const;
    /// Runs `llm-gateway ARGS` to the end; stdout, with the exit code and stderr.
    QByteArray run(const QStringList &arguments, int *exitCode, QByteArray *errors = nullptr);
    QJsonArray logsJson(const QStringList &extra = {});
    void writeConfig(const QJsonObject &requestLog = {});
    /// Starts the headless gateway, inside `wrapper` (a command line ending where the
    /// gateway's goes) when given.
    void startGateway(const QString &shellSetup = {}, const QJsonObject &requestLog = {});
    QUrl waitUntilServing();
    /// True when this machine lets the test make a mount namespace (root, or unprivileged
    /// user namespaces on).
    static bool canMakeMountNamespace(QString *why);
    QByteArray chat(const QByteArray &client);

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<FakeUpstream> m_upstream;
    std::unique_ptr<QProcess> m_gateway;
    QByteArray m_gatewayLog;
    QUrl m_baseUrl;
    QByteArray m_lastRequestId; ///< the x-request-id of the last chat()
};

void TestRequestLogBinary::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(LLMGW_BINARY)).isExecutable(), LLMGW_BINARY);
    RawHttpClient::defaultHeaders() = {{QByteArrayLiteral("Authorization"), "Bearer " + kToken}};
}

void TestRequestLogBinary::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    m_upstream = std::make_unique<FakeUpstream>();
    QVERIFY(m_upstream->listen());
    m_upstream->setChatReply(
        FakeReply::chatCompletion(QStringLiteral("gpt-4o"), QStringLiteral("Hello")));
}

void TestRequestLogBinary::cleanup()
{
    if (m_gateway && m_gateway->state() != QProcess::NotRunning) {
        m_gateway->kill(); // only the process this test started
        m_gateway->waitForFinished(kCommandTimeoutMs);
    }
    m_gateway.reset();
    m_gatewayLog.clear();
    m_upstream.reset();
    m_home.reset();
}

QProcessEnvironment TestRequestLogBinary::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.endsWith(QLatin1String("_API_KEY")) || name.endsWith(QLatin1String("_API_BASE")) ||
            name.startsWith(QLatin1String("LLM_GATEWAY")))
            env.remove(name);
    }
    env.insert(QStringLiteral("HOME"), m_home->path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home->filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("LLM_GATEWAY_TOKEN"), QString::fromLatin1(kToken));
    env.insert(QStringLiteral("OPENAI_API_KEY"), kKey);
    return env;
}

QByteArray TestRequestLogBinary::run(const QStringList &arguments, int *exitCode,
                                     QByteArray *errors)
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.setWorkingDirectory(m_home->path());
    process.start(QStringLiteral(LLMGW_BINARY), arguments);
    if (!process.waitForFinished(kCommandTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        *exitCode = -1;
        return QByteArray();
    }
    *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    if (errors)
        *errors = process.readAllStandardError();
    return process.readAllStandardOutput();
}

QJsonArray TestRequestLogBinary::logsJson(const QStringList &extra)
{
    int code = 0;
    QByteArray errors;
    const QByteArray out =
        run(QStringList{QStringLiteral("logs"), QStringLiteral("--json")} + extra, &code, &errors);
    if (code != 0)
        qWarning("logs exited %d: %s", code, errors.constData());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("logs --json printed no JSON: %s\n%s", qPrintable(error.errorString()),
                 out.left(500).constData());
    return doc.array();
}

void TestRequestLogBinary::writeConfig(const QJsonObject &requestLog)
{
    QVERIFY(QDir().mkpath(m_home->filePath(QStringLiteral("config/llm-gateway"))));
    QFile config(m_home->filePath(QStringLiteral("config/llm-gateway/config.json")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    const QJsonObject root{
        {QStringLiteral("version"), 1},
        {QStringLiteral("providers"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("openai")},
                                {QStringLiteral("type"), QStringLiteral("openai")},
                                {QStringLiteral("baseUrl"), m_upstream->baseUrl().toString()}}}},
        {QStringLiteral("routes"),
         QJsonArray{QJsonObject{{QStringLiteral("prefix"), QStringLiteral("gpt-")},
                                {QStringLiteral("provider"), QStringLiteral("openai")}}}},
        {QStringLiteral("requestLog"), requestLog},
    };
    config.write(QJsonDocument(root).toJson());
}

void TestRequestLogBinary::startGateway(const QString &shellSetup, const QJsonObject &requestLog)
{
    writeConfig(requestLog);
    m_gateway = std::make_unique<QProcess>();
    m_gateway->setProcessEnvironment(environment());
    m_gateway->setWorkingDirectory(m_home->path());
    m_gateway->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_gateway.get(), &QProcess::readyReadStandardError, this,
            [this] { m_gatewayLog += m_gateway->readAllStandardError(); });
    const QStringList gatewayArgs{QStringLiteral("--headless"), QStringLiteral("--port"),
                                  QStringLiteral("0")};
    if (shellSetup.isEmpty()) {
        m_gateway->start(QStringLiteral(LLMGW_BINARY), gatewayArgs);
    } else {
        // In a mount namespace of its own (the mounts vanish with it): the setup, then the
        // gateway replaces the shell, so killing the process kills the gateway.
        QStringList arguments{QStringLiteral("-rm"), QStringLiteral("sh"), QStringLiteral("-c"),
                              shellSetup + QStringLiteral(" && exec \"$0\" \"$@\""),
                              QStringLiteral(LLMGW_BINARY)};
        m_gateway->start(QStringLiteral("unshare"), arguments + gatewayArgs);
    }
    QVERIFY2(m_gateway->waitForStarted(kStartTimeoutMs), qPrintable(m_gateway->errorString()));
    m_baseUrl = waitUntilServing();
    QVERIFY2(m_baseUrl.isValid(), m_gatewayLog.constData());
    // Until the keychain has answered, API requests get 503 "starting": wait for a real
    // answer (recorded like any other, under a client name the tests never count).
    QVERIFY2(QTest::qWaitFor([this] { return chat("warm-up") == "200"; }, kStartTimeoutMs),
             m_gatewayLog.constData());
}

QUrl TestRequestLogBinary::waitUntilServing()
{
    static const QRegularExpression serving(
        QStringLiteral("serving on (http://127\\.0\\.0\\.1:(\\d+))"));
    QUrl url;
    [[maybe_unused]] const bool settled = QTest::qWaitFor(
        [&] {
            const QRegularExpressionMatch match = serving.match(QString::fromUtf8(m_gatewayLog));
            if (match.hasMatch())
                url = QUrl(match.captured(1));
            return url.isValid() || m_gateway->state() == QProcess::NotRunning;
        },
        kStartTimeoutMs);
    return url;
}

bool TestRequestLogBinary::canMakeMountNamespace(QString *why)
{
    QProcess probe;
    probe.start(QStringLiteral("unshare"),
                {QStringLiteral("-rm"), QStringLiteral("sh"), QStringLiteral("-c"),
                 QStringLiteral("mount -t tmpfs -o size=64k tmpfs /tmp")});
    if (!probe.waitForFinished(kCommandTimeoutMs) || probe.exitStatus() != QProcess::NormalExit ||
        probe.exitCode() != 0) {
        *why = QStringLiteral("cannot make a mount namespace here (unshare -rm: %1%2): run the "
                              "tests as root or enable unprivileged user namespaces "
                              "(sysctl kernel.unprivileged_userns_clone=1)")
                   .arg(QString::fromLocal8Bit(probe.readAllStandardError()).trimmed(),
                        probe.error() == QProcess::FailedToStart ? QStringLiteral("not installed")
                                                                 : QString());
        return false;
    }
    return true;
}

QByteArray TestRequestLogBinary::chat(const QByteArray &client)
{
    const RawHttpResponse response =
        RawHttpClient::fetch(m_baseUrl, "POST", "/v1/chat/completions",
                             R"({"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]})",
                             {{"User-Agent", client}}, kCommandTimeoutMs);
    m_lastRequestId = response.header("x-request-id");
    return QByteArray::number(response.status);
}

void TestRequestLogBinary::logsPrintsNewestFirstWithFilters()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 hour = 3600 * 1000;
    {
        RequestLogWriter writer(dbPath());
        QVERIFY2(writer.open(), qPrintable(writer.errorText()));
        QList<RequestRecord> records;
        records << RecordFactory::make(1, now - 50 * hour, 200) // two days ago
                << RecordFactory::make(2, now - 3 * hour, 404, QString(), QStringLiteral("nope"))
                << RecordFactory::make(3, now - 2 * hour, 200, QStringLiteral("deepseek"),
                                       QStringLiteral("deepseek-chat"))
                << RecordFactory::make(4, now - 30 * 60000, 429)
                << RecordFactory::make(5, now - 60000, 200);
        QList<qint64> seqs;
        QVERIFY(writer.write(records, false, 0, &seqs));
    }
    const auto ids = [](const QJsonArray &array) {
        QStringList list;
        for (const QJsonValue &v : array)
            list << v.toObject().value(QStringLiteral("id")).toString();
        return list;
    };
    const QJsonArray all = logsJson();
    QCOMPARE(ids(all), QStringList({"req-5", "req-4", "req-3", "req-2", "req-1"}));
    // Every key of SPEC §6, in every object.
    const QStringList keys{"id",
                           "started_at",
                           "client",
                           "method",
                           "path",
                           "format",
                           "model",
                           "provider",
                           "upstream_model",
                           "stream",
                           "status",
                           "error",
                           "latency_ms",
                           "ttft_ms",
                           "prompt_tokens",
                           "completion_tokens",
                           "cached_tokens",
                           "reasoning_tokens",
                           "request_bytes",
                           "response_bytes"};
    for (const QJsonValue &v : all) {
        QStringList got = v.toObject().keys();
        got.sort();
        QStringList want = keys;
        want.sort();
        QCOMPARE(got, want);
    }
    const QJsonObject four = all.at(1).toObject();
    QCOMPARE(four.value(QStringLiteral("status")).toInt(), 429);
    QCOMPARE(four.value(QStringLiteral("error")).toString(), QStringLiteral("error 4"));
    QCOMPARE(four.value(QStringLiteral("prompt_tokens")).toInt(), 40);
    QCOMPARE(QDateTime::fromString(four.value(QStringLiteral("started_at")).toString(),
                                   Qt::ISODateWithMs)
                 .toMSecsSinceEpoch(),
             now - 30 * 60000);
    QVERIFY(four.value(QStringLiteral("started_at")).toString().endsWith(QLatin1Char('Z')));

    QCOMPARE(ids(logsJson({QStringLiteral("--limit"), QStringLiteral("2")})),
             QStringList({"req-5", "req-4"}));
    QCOMPARE(ids(logsJson({QStringLiteral("--since"), QStringLiteral("1h")})),
             QStringList({"req-5", "req-4"}));
    QCOMPARE(ids(logsJson({QStringLiteral("--since"), QStringLiteral("1d")})),
             QStringList({"req-5", "req-4", "req-3", "req-2"}));
    const QString iso =
        QDateTime::fromMSecsSinceEpoch(now - 150 * 60000, Qt::UTC).toString(Qt::ISODate);
    QCOMPARE(ids(logsJson({QStringLiteral("--since"), iso})),
             QStringList({"req-5", "req-4", "req-3"}));
    QCOMPARE(ids(logsJson({QStringLiteral("--status"), QStringLiteral("4xx")})),
             QStringList({"req-4", "req-2"}));
    QCOMPARE(ids(logsJson({QStringLiteral("--status"), QStringLiteral("404")})),
             QStringList({"req-2"}));
    QCOMPARE(ids(logsJson({QStringLiteral("--model"), QStringLiteral("deepseek")})),
             QStringList({"req-3"}));
    QCOMPARE(ids(logsJson({QStringLiteral("--model"), QStringLiteral("gpt-"),
                           QStringLiteral("--status"), QStringLiteral("2xx")})),
             QStringList({"req-5", "req-1"}));
    QCOMPARE(ids(logsJson({QStringLiteral("--model"), QStringLiteral("claude")})), QStringList());
}

void TestRequestLogBinary::logsTextTable()
{
    {
        RequestLogWriter writer(dbPath());
        QVERIFY(writer.open());
        RequestRecord failed = RecordFactory::make(7, QDateTime::currentMSecsSinceEpoch(), 502);
        failed.errorMessage = QStringLiteral("Cannot reach provider 'openai': connection refused.");
        QList<qint64> seqs;
        QVERIFY(writer.write(
            {RecordFactory::make(6, QDateTime::currentMSecsSinceEpoch() - 1000), failed}, false, 0,
            &seqs));
    }
    int code = 0;
    const QString out = QString::fromUtf8(run({QStringLiteral("logs")}, &code));
    QCOMPARE(code, 0);
    const QStringList lines = out.split(QLatin1Char('\n'));
    QVERIFY2(lines.at(0).startsWith(QLatin1String("TIME")), qPrintable(out));
    QVERIFY2(lines.at(1).contains(QLatin1String("req-7")) &&
                 lines.at(1).contains(QLatin1String(" 502 ")),
             qPrintable(out));
    QVERIFY2(lines.at(2).contains(QLatin1String("req-6")) &&
                 lines.at(2).contains(QLatin1String("test-client/1.0")) &&
                 lines.at(2).contains(QLatin1String("60/6")),
             qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("req-7  Cannot reach provider 'openai': connection "
                                        "refused.")),
             qPrintable(out));
}

void TestRequestLogBinary::badOptionsSayWhatToFix_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("since") << QStringList{"logs", "--since", "yesterday"} << "--since takes";
    QTest::newRow("status") << QStringList{"logs", "--status", "4x"} << "--status takes";
    QTest::newRow("limit") << QStringList{"logs", "--limit", "-3"} << "--limit takes";
    QTest::newRow("unknown") << QStringList{"logs", "--colour"} << "Unknown option 'colour'";
    QTest::newRow("argument") << QStringList{"usage", "today"} << "'usage' takes no argument";
    QTest::newRow("usage since") << QStringList{"usage", "--since", "3 days"} << "--since takes";
}

void TestRequestLogBinary::badOptionsSayWhatToFix()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    int code = 0;
    QByteArray errors;
    const QByteArray out = run(arguments, &code, &errors);
    QCOMPARE(code, 2);
    QVERIFY(out.isEmpty());
    QVERIFY2(QString::fromUtf8(errors).contains(message), errors.constData());
}

void TestRequestLogBinary::missingLogIsNotAnError()
{
    int code = 0;
    QByteArray errors;
    QCOMPARE(run({QStringLiteral("logs"), QStringLiteral("--json")}, &code, &errors).trimmed(),
             QByteArray("[]"));
    QCOMPARE(code, 0);
    QVERIFY2(errors.contains("no request log yet") && errors.contains(dbPath().toUtf8()),
             errors.constData());
    QVERIFY(!QFileInfo::exists(dbPath())); // reading never creates it
    QCOMPARE(run({QStringLiteral("usage"), QStringLiteral("--json")}, &code).trimmed(),
             QByteArray("[]"));
    QCOMPARE(code, 0);
}

void TestRequestLogBinary::usageSumsPerProviderAndModel()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    {
        RequestLogWriter writer(dbPath());
        QVERIFY(writer.open());
        QList<RequestRecord> records;
        for (int i = 1; i <= 4; ++i) // prompt 10*i, completion i
            records << RecordFactory::make(i, now - i * 1000);
        records << RecordFactory::make(5, now - 5000, 502, QStringLiteral("deepseek"),
                                       QStringLiteral("deepseek-chat"));
        records << RecordFactory::make(6, now - 10LL * 24 * 3600 * 1000);
        QList<qint64> seqs;
        QVERIFY(writer.write(records, false, 0, &seqs));
    }
    int code = 0;
    const QJsonArray totals =
        QJsonDocument::fromJson(run({QStringLiteral("usage"), QStringLiteral("--json"),
                                     QStringLiteral("--since"), QStringLiteral("7d")},
                                    &code))
            .array();
    QCOMPARE(code, 0);
    QCOMPARE(totals.size(), 2);
    const QJsonObject gpt = totals.at(0).toObject();
    QCOMPARE(gpt.value(QStringLiteral("provider")).toString(), QStringLiteral("openai"));
    QCOMPARE(gpt.value(QStringLiteral("model")).toString(), QStringLiteral("gpt-4o"));
    QCOMPARE(gpt.value(QStringLiteral("requests")).toInt(), 4);
    QCOMPARE(gpt.value(QStringLiteral("prompt_tokens")).toInt(), 100);
    QCOMPARE(gpt.value(QStringLiteral("completion_tokens")).toInt(), 10);
    QCOMPARE(gpt.value(QStringLiteral("total_tokens")).toInt(), 110);
    QCOMPARE(gpt.value(QStringLiteral("cached_tokens")).toInt(), 5); // only req-3 had some
    const QJsonObject ds = totals.at(1).toObject();
    QCOMPARE(ds.value(QStringLiteral("provider")).toString(), QStringLiteral("deepseek"));
    QCOMPARE(ds.value(QStringLiteral("errors")).toInt(), 1);
    // Without --since: everything kept, the ten-day-old record too.
    const QString text = QString::fromUtf8(run({QStringLiteral("usage")}, &code));
    QCOMPARE(code, 0);
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral("openai\\s+gpt-4o\\s+5\\s+0\\s+160"))),
             qPrintable(text));
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral("\\nall\\s+6\\s+1\\s"))),
             qPrintable(text));
}

void TestRequestLogBinary::logsWhileTheGatewayRuns()
{
    startGateway();
    constexpr int kRequests = 12;
    QList<QByteArray> ids;
    for (int i = 0; i < kRequests; ++i) {
        QCOMPARE(chat("while-running/" + QByteArray::number(i)), QByteArray("200"));
        ids.prepend(m_lastRequestId);
    }
    // The gateway writes within its flush interval; the command reads while it holds the file.
    QList<QJsonObject> records;
    QVERIFY(QTest::qWaitFor(
        [&] {
            records.clear();
            for (const QJsonValue &v : logsJson({QStringLiteral("--limit"), QStringLiteral("0")})) {
                if (v.toObject()
                        .value(QStringLiteral("client"))
                        .toString()
                        .startsWith(QLatin1String("while-running/")))
                    records << v.toObject();
            }
            return records.size() >= kRequests;
        },
        kCommandTimeoutMs));
    QCOMPARE(records.size(), kRequests);
    for (int i = 0; i < kRequests; ++i) {
        const QJsonObject &r = records.at(i);
        QCOMPARE(r.value(QStringLiteral("client")).toString(),
                 QStringLiteral("while-running/%1").arg(kRequests - 1 - i));
        QCOMPARE(r.value(QStringLiteral("status")).toInt(), 200);
        QCOMPARE(r.value(QStringLiteral("provider")).toString(), QStringLiteral("openai"));
        QCOMPARE(r.value(QStringLiteral("prompt_tokens")).toInt(), 9);
        QCOMPARE(r.value(QStringLiteral("id")).toString().toLatin1(), ids.at(i));
        QCOMPARE(r.value(QStringLiteral("format")).toString(), QStringLiteral("openai"));
    }
    QVERIFY(m_gateway->state() == QProcess::Running);
    QCOMPARE(chat("after-reading"), QByteArray("200"));
}

void TestRequestLogBinary::turnedOffAndOnWhileRunning()
{
    startGateway({}, {{QStringLiteral("enabled"), false}});
    for (int i = 0; i < 3; ++i)
        QCOMPARE(chat("while-off/" + QByteArray::number(i)), QByteArray("200"));
    // Turned on by editing the file, as the settings page or a hand edit does; the running
    // gateway picks it up without a restart.
    writeConfig({{QStringLiteral("enabled"), true}});
    QList<QJsonObject> records;
    int sent = 0;
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     chat("while-on/" + QByteArray::number(sent++));
                     records.clear();
                     for (const QJsonValue &v :
                          logsJson({QStringLiteral("--limit"), QStringLiteral("0")}))
                         records << v.toObject();
                     return !records.isEmpty();
                 },
                 kStartTimeoutMs),
             m_gatewayLog.constData());
    // What was answered while the log was off is not in it; what came after is, in order.
    for (const QJsonObject &r : std::as_const(records)) {
        const QString client = r.value(QStringLiteral("client")).toString();
        QVERIFY2(!client.startsWith(QLatin1String("while-off/")) &&
                     !client.startsWith(QLatin1String("warm-up")),
                 qPrintable(client));
    }
    QVERIFY(records.size() <= sent);
}

void TestRequestLogBinary::killNineLosesAtMostTheLastBatch()
{
    startGateway();
    // Closed-loop load from 16 connections; each answer's arrival time is noted.
    constexpr int kConcurrency = 16;
    QElapsedTimer clock;
    clock.start();
    QHash<QByteArray, qint64> answeredAt;
    int next = 0;
    bool stopped = false;
    std::function<void()> launch = [&] {
        if (stopped)
            return;
        auto *client = new RawHttpClient(m_baseUrl, this);
        const QByteArray name = "load/" + QByteArray::number(next++);
        connect(client, &RawHttpClient::responseFinished, client, [&, client, name] {
            if (client->response().status == 200)
                answeredAt.insert(name, clock.elapsed());
            client->deleteLater();
            launch();
        });
        connect(client, &RawHttpClient::disconnected, client, [client] { client->deleteLater(); });
        client->startConnecting();
        client->sendRequest("POST", "/v1/chat/completions",
                            R"({"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]})",
                            {{"User-Agent", name}});
    };
    for (int i = 0; i < kConcurrency; ++i)
        launch();
    QTest::qWait(2000);
    QVERIFY2(answeredAt.size() > 100, qPrintable(QString::number(answeredAt.size())));
    const qint64 killedAt = clock.elapsed();
    ::kill(pid_t(m_gateway->processId()), SIGKILL);
    QVERIFY(m_gateway->waitForFinished(kCommandTimeoutMs));
    stopped = true;
    QTest::qWait(100); // let the clients see their connections end

    SqliteConnection db(dbPath(), SqliteConnection::Mode::ReadWrite, 5000);
    QVERIFY(db.open());
    QCOMPARE(db.scalar(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    RequestLogReader reader(dbPath());
    QSet<QByteArray> stored;
    QVERIFY(reader.forEach({}, [&](const StoredRecord &r) {
        stored.insert(r.record.userAgent.toLatin1());
        return true;
    }));
    // Nothing recorded that the client did not get, and everything answered more than one
    // second (ten flush intervals) before the kill is there: at most the last batch is lost.
    int missing = 0;
    int missingOld = 0;
    for (auto it = answeredAt.cbegin(); it != answeredAt.cend(); ++it) {
        if (stored.contains(it.key()))
            continue;
        ++missing;
        if (it.value() < killedAt - 1000)
            ++missingOld;
    }
    stored.remove("warm-up");
    for (const QByteArray &name : std::as_const(stored))
        QVERIFY2(name.startsWith("load/"), name.constData());
    qInfo("kill -9 after %lld answers: %lld rows, %d answered requests missing",
          qint64(answeredAt.size()), qint64(stored.size()), missing);
    QCOMPARE(missingOld, 0);
    QVERIFY(stored.size() <= next);
}

void TestRequestLogBinary::readOnlyDataDirectory()
{
    QString why;
    if (!canMakeMountNamespace(&why))
        QSKIP(qPrintable(why));
    QVERIFY(QDir().mkpath(dataDir()));
    // The data directory, read-only for the gateway (a read-only bind mount: even root
    // cannot write it, which a chmod would not achieve).
    startGateway(
        QStringLiteral("mount --bind '%1' '%1' && mount -o remount,bind,ro '%1'").arg(dataDir()));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(chat("read-only/" + QByteArray::number(i)), QByteArray("200"));
    QVERIFY2(QTest::qWaitFor([&] { return m_gatewayLog.contains("cannot be written"); },
                             kCommandTimeoutMs),
             m_gatewayLog.constData());
    QVERIFY2(m_gatewayLog.contains(dbPath().toUtf8()), m_gatewayLog.constData());
    QVERIFY(!QFileInfo::exists(dbPath()));
    QCOMPARE(chat("read-only/last"), QByteArray("200"));
    qInfo("the gateway said:\n%s", m_gatewayLog.constData());
    QVERIFY(m_gateway->state() == QProcess::Running);
}

void TestRequestLogBinary::fullDisk()
{
    QString why;
    if (!canMakeMountNamespace(&why))
        QSKIP(qPrintable(why));
    QVERIFY(QDir().mkpath(dataDir()));
    // A 1 MiB file system for the data directory, filled up to the last 256 KiB: enough to
    // create the log, not to keep writing it.
    startGateway(QStringLiteral("mount -t tmpfs -o size=1m tmpfs '%1' && "
                                "dd if=/dev/zero of='%1/filler' bs=1k count=768 2>/dev/null")
                     .arg(dataDir()));
    int served = 0;
    for (int i = 0; i < 400 && !m_gatewayLog.contains("is full"); ++i) {
        QCOMPARE(chat("full-disk/" + QByteArray::number(i)), QByteArray("200"));
        ++served;
        if (i % 20 == 19)
            QTest::qWait(150); // a flush interval: let the writer meet the full disk
    }
    QVERIFY2(m_gatewayLog.contains("is full"), m_gatewayLog.constData());
    QVERIFY2(m_gatewayLog.contains("Free some disk space"), m_gatewayLog.constData());
    for (int i = 0; i < 20; ++i)
        QCOMPARE(chat("full-disk/after-" + QByteArray::number(i)), QByteArray("200"));
    QVERIFY(m_gateway->state() == QProcess::Running);
    qInfo("the disk was full after %d requests; the gateway said:\n%s", served,
          m_gatewayLog.constData());
}

QTEST_GUILESS_MAIN(TestRequestLogBinary)
#include "TestRequestLogBinary.moc"
