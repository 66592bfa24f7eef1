// End to end on the built binary (LLMGW_BINARY): the command line of SPEC §1, serving, and a
// clean exit on SIGTERM/SIGINT. Each run is isolated: a temporary HOME/XDG_* and working
// directory, and an environment without provider keys.
#include "FakeUpstream.h"
#include "RawHttpClient.h"
#include "TestClock.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {
constexpr int kStartTimeoutMs = 20000;
constexpr int kExitTimeoutMs = 10000;
/// "Promptly": a clean stop takes milliseconds; this leaves room for a loaded machine.
constexpr int kPromptExitMs = 5000;
const QByteArray kToken = QByteArrayLiteral("headless-test-token-0123456789abcdef");
} // namespace

class TestHeadlessBinary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void version();
    void help();
    void badCommandLine_data();
    void badCommandLine();
    void servesAndStopsOnSignal_data();
    void servesAndStopsOnSignal();
    void stopsDuringAStream();
    void headlessMapsNoGuiLibrary();
    void portInUseIsReportedWithoutCrash();

private:
    /// Starts the binary with `arguments` in the isolated environment (plus `extraEnv`).
    void launch(const QStringList &arguments, const QProcessEnvironment &extraEnv = {});
    bool finish(int timeoutMs = kExitTimeoutMs);
    /// Waits for the "serving on http://HOST:PORT" log line; returns the base URL.
    QUrl waitUntilServing();

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_stderr;
};

void TestHeadlessBinary::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(LLMGW_BINARY)).isExecutable(), LLMGW_BINARY);
    RawHttpClient::defaultHeaders() = {{QByteArrayLiteral("Authorization"), "Bearer " + kToken}};
}

void TestHeadlessBinary::cleanup()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill(); // only the process this test started
        m_process->waitForFinished(kExitTimeoutMs);
    }
    m_process.reset();
    m_home.reset();
    m_stderr.clear();
}

void TestHeadlessBinary::launch(const QStringList &arguments, const QProcessEnvironment &extraEnv)
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
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
    for (const QString &name : extraEnv.keys())
        env.insert(name, extraEnv.value(name));

    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(env);
    m_process->setWorkingDirectory(m_home->path()); // no ./.env from the source tree
    connect(m_process.get(), &QProcess::readyReadStandardError, this,
            [this] { m_stderr += m_process->readAllStandardError(); });
    m_process->start(QStringLiteral(LLMGW_BINARY), arguments);
    QVERIFY2(m_process->waitForStarted(kStartTimeoutMs), qPrintable(m_process->errorString()));
}

bool TestHeadlessBinary::finish(int timeoutMs)
{
    const bool finished =
        QTest::qWaitFor([this] { return m_process->state() == QProcess::NotRunning; }, timeoutMs);
    m_stderr += m_process->readAllStandardError();
    return finished;
}

QUrl TestHeadlessBinary::waitUntilServing()
{
    static const QRegularExpression serving(
        QStringLiteral("serving on (http://127\\.0\\.0\\.1:(\\d+))"));
    QUrl url;
    [[maybe_unused]] const bool settled = QTest::qWaitFor(
        [&] {
            const QRegularExpressionMatch match = serving.match(QString::fromUtf8(m_stderr));
            if (match.hasMatch())
                url = QUrl(match.captured(1));
            return url.isValid() || m_process->state() == QProcess::NotRunning;
        },
        kStartTimeoutMs);
    return url;
}

void TestHeadlessBinary::version()
{
    launch({QStringLiteral("--version")});
    QVERIFY(finish());
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_process->exitCode(), 0);
    QCOMPARE(m_process->readAllStandardOutput().trimmed(),
             QByteArray("llm-gateway " LLM_GATEWAY_VERSION));
}

void TestHeadlessBinary::help()
{
    launch({QStringLiteral("--help")});
    QVERIFY(finish());
    QCOMPARE(m_process->exitCode(), 0);
    const QByteArray out = m_process->readAllStandardOutput();
    for (const char *option :
         {"--headless", "--host", "--port", "--config", "--env-file", "--help", "--version"})
        QVERIFY2(out.contains(option), option);
}

void TestHeadlessBinary::badCommandLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("mentions");

    QTest::newRow("port not a number")
        << QStringList{"--headless", "--port", "http"} << QByteArray("--port");
    QTest::newRow("port too large")
        << QStringList{"--headless", "--port", "70000"} << QByteArray("--port");
    QTest::newRow("port negative")
        << QStringList{"--headless", "--port", "-5"} << QByteArray("port");
    QTest::newRow("unknown option")
        << QStringList{"--headless", "--frobnicate"} << QByteArray("frobnicate");
    QTest::newRow("host not an address")
        << QStringList{"--headless", "--host", "example.com"} << QByteArray("--host");
}

void TestHeadlessBinary::badCommandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, mentions);

    launch(arguments);
    QVERIFY(finish());
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_process->exitCode(), 2);
    QVERIFY2(m_stderr.contains(mentions), m_stderr.constData());
}

void TestHeadlessBinary::servesAndStopsOnSignal_data()
{
    QTest::addColumn<int>("signalNumber");

    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestHeadlessBinary::servesAndStopsOnSignal()
{
    QFETCH(int, signalNumber);

    launch({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0")});
    const QUrl base = waitUntilServing();
    QVERIFY2(base.isValid() && base.port() > 0, m_stderr.constData());

    const RawHttpResponse health = RawHttpClient::fetch(base, "GET", "/health");
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    const RawHttpResponse unrouted = RawHttpClient::fetch(
        base, "POST", "/v1/chat/completions",
        R"({"model":"no-such-model","messages":[{"role":"user","content":"x"}]})");
    QCOMPARE(unrouted.status, 404);

    const qint64 signalled = monotonicNowMs();
    QCOMPARE(::kill(pid_t(m_process->processId()), signalNumber), 0);
    QVERIFY2(finish(), m_stderr.constData());
    const qint64 took = monotonicNowMs() - signalled;
    qInfo("exited %lld ms after signal %d", took, signalNumber);
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_process->exitCode(), 0);
    QVERIFY2(took < kPromptExitMs, qPrintable(QString::number(took)));
    // Keys never reach the log; there are none here, and the token must not appear either.
    QVERIFY(!m_stderr.contains(kToken));
    // The listening socket was closed with its notifier (Qt warns of an invalid socket when a
    // notifier outlives its descriptor).
    QVERIFY2(!m_stderr.contains("QSocketNotifier"), m_stderr.constData());
}

void TestHeadlessBinary::stopsDuringAStream()
{
    // A provider from the seed's environment variables (OPENAI_API_BASE/KEY) in a slow stream
    // when SIGTERM arrives: the process still exits at once and cleanly, and the client's
    // stream ends instead of hanging.
    FakeUpstream upstream;
    QVERIFY(upstream.listen());
    upstream.setChatReply(FakeReply::contentStream(
        QStringLiteral("gpt-4o-mini"), FakeReply::numberedPieces(QStringLiteral("t"), 300), 100));
    QProcessEnvironment env;
    env.insert(QStringLiteral("OPENAI_API_BASE"), upstream.baseUrl().toString());
    env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-headless-test-key"));
    launch({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0")}, env);
    const QUrl base = waitUntilServing();
    QVERIFY2(base.isValid(), m_stderr.constData());

    RawHttpClient client(base);
    QVERIFY(client.connectToServer());
    client.sendRequest(
        "POST", "/v1/chat/completions",
        R"({"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"x"}]})");
    QVERIFY(client.waitForChunks(2, kStartTimeoutMs));
    QCOMPARE(upstream.lastChatRequest().header("authorization"),
             QByteArray("Bearer sk-headless-test-key"));

    const qint64 signalled = monotonicNowMs();
    QCOMPARE(::kill(pid_t(m_process->processId()), SIGTERM), 0);
    QVERIFY2(finish(), m_stderr.constData());
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_process->exitCode(), 0);
    QVERIFY(monotonicNowMs() - signalled < kPromptExitMs);
    // The client's stream ended (with an error event or by the connection closing).
    QTRY_VERIFY_WITH_TIMEOUT(client.response().complete || client.wasDisconnected(),
                             kExitTimeoutMs);
    QVERIFY(!client.response().sseData().contains("[DONE]"));
    QTRY_COMPARE_WITH_TIMEOUT(upstream.answeringConnections(), 0, kExitTimeoutMs);
    QVERIFY(!m_stderr.contains("sk-headless-test-key"));
    QVERIFY2(!m_stderr.contains("QSocketNotifier"), m_stderr.constData());
}

void TestHeadlessBinary::portInUseIsReportedWithoutCrash()
{
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
    const QString port = QString::number(occupant.serverPort());

    launch({QStringLiteral("--headless"), QStringLiteral("--port"), port});
    QVERIFY2(finish(), m_stderr.constData());
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit); // no crash
    QVERIFY(m_process->exitCode() != 0);
    QVERIFY2(m_stderr.contains("already in use"), m_stderr.constData());
    QVERIFY2(m_stderr.contains(port.toLatin1()), m_stderr.constData());
}

void TestHeadlessBinary::headlessMapsNoGuiLibrary()
{
    // `llm-gateway --headless` hands over to llm-gateway-headless (same process id), which is
    // built without the GUI libraries: none of them is mapped, so none costs memory.
    launch({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0")});
    const QUrl base = waitUntilServing();
    QVERIFY2(base.isValid(), m_stderr.constData());
    QCOMPARE(RawHttpClient::fetch(base, "GET", "/health").status, 200);
    const QString proc = QStringLiteral("/proc/%1/").arg(m_process->processId());
    QVERIFY2(QFileInfo(proc + QStringLiteral("exe"))
                 .symLinkTarget()
                 .endsWith(QLatin1String("/llm-gateway-headless")),
             qPrintable(QFileInfo(proc + QStringLiteral("exe")).symLinkTarget()));
    QFile maps(proc + QStringLiteral("maps"));
    QVERIFY(maps.open(QIODevice::ReadOnly));
    const QByteArray mapped = maps.readAll();
    QVERIFY(mapped.contains("libQt6Core"));
    for (const char *library :
         {"libQt6Widgets", "libQt6Gui", "libQt6Charts", "libQt6OpenGL", "libX11", "libGL"})
        QVERIFY2(!mapped.contains(library), library);
}

QTEST_GUILESS_MAIN(TestHeadlessBinary)
#include "TestHeadlessBinary.moc"
