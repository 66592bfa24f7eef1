// End to end: memory and time stay bounded whatever an upstream sends (SPEC §5, issue 8 items
// 1 and 4). A stream line or event past its cap, a non-streamed body past its cap (announced
// or not), an endless error body: each ends the call with a clear error naming the limit, the
// gateway stops reading (the upstream sees its connection closed long before its gigabyte is
// out), memory grows by far less than what was offered, and /health keeps answering. A call
// also ends at limits.maxCallDurationMs however busy its upstream, while a body that trickles
// in slowly but steadily is not "idle". Runs on both upstream clients, plain and TLS.
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "HostileUpstream.h"
#include "RawHttpClient.h"
#include "Sanitizers.h"
#include "TestClock.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

Q_DECLARE_METATYPE(HostileUpstream::Script)

namespace {
constexpr int kTimeoutMs = 60000;
constexpr qint64 kGigabyte = 1024LL * 1024 * 1024;
constexpr qint64 kMegabyte = 1024 * 1024;
/// What a hostile gigabyte may add to the process at most (gateway, fake and client together).
constexpr qint64 kMaxGrowthBytes = 64 * kMegabyte;
/// The non-stream body cap of this suite's gateway (the default, 64 MB, would make the test
/// measure little but the cap itself).
constexpr qint64 kBodyCap = 16 * kMegabyte;

qint64 statusField(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').value(0).toLongLong() *
                   1024;
    }
    return -1;
}

/// Resets the peak RSS (VmHWM) to the current RSS, so a later peak belongs to the test alone.
bool resetPeakRss()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

QJsonObject lastErrorEvent(const RawHttpResponse &response)
{
    const QList<QByteArray> data = response.sseData();
    if (data.isEmpty())
        return {};
    return QJsonDocument::fromJson(data.last()).object().value(QStringLiteral("error")).toObject();
}

QString errorMessage(const RawHttpResponse &response)
{
    return response.json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

HostileUpstream::Script sseHead()
{
    return HostileUpstream::Script();
}

HostileUpstream::Script jsonHead(const QByteArray &extraHeaders = {})
{
    HostileUpstream::Script script;
    script.head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + extraHeaders +
        (extraHeaders.contains("Content-Length") ? "" : "Transfer-Encoding: chunked\r\n") + "\r\n";
    script.chunked = !extraHeaders.contains("Content-Length");
    return script;
}
} // namespace

class TestUpstreamLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void hostileGigabyteIsCut_data();
    void hostileGigabyteIsCut();
    void announcedOversizedBodyIsRefusedAtOnce();
    void callDurationEndsABusyCall_data();
    void callDurationEndsABusyCall();
    void steadyTrickleIsNotIdle();
    void hostileModelListIsCut();

private:
    /// A gateway whose only provider, "hostile", is `upstream`, with `limits` adjusted.
    std::unique_ptr<GatewayHarness> startGateway(const HostileUpstream &upstream,
                                                 const GatewayLimits &limits);
    GatewayLimits m_limits;
};

void TestUpstreamLimits::initTestCase()
{
    QVERIFY2(statusField("VmRSS:") > 0, "this test reads /proc/self/status");
    QVERIFY2(resetPeakRss(), "this test resets the peak RSS through /proc/self/clear_refs");
    GatewayHarness defaults;
    m_limits = defaults.config().limits;
    m_limits.maxUpstreamBodyBytes = kBodyCap;
}

void TestUpstreamLimits::init()
{
    QVERIFY(resetPeakRss());
}

std::unique_ptr<GatewayHarness> TestUpstreamLimits::startGateway(const HostileUpstream &upstream,
                                                                 const GatewayLimits &limits)
{
    auto gateway = std::make_unique<GatewayHarness>();
    gateway->addOpenAiProvider(QStringLiteral("hostile"), upstream.baseUrl(),
                               QStringLiteral("sk-hostile-0123456789"));
    gateway->addRoute(QStringLiteral("gpt-"), QStringLiteral("hostile"));
    gateway->config().limits = limits;
    if (!gateway->start())
        return nullptr;
    return gateway;
}

void TestUpstreamLimits::hostileGigabyteIsCut_data()
{
    QTest::addColumn<HostileUpstream::Script>("script");
    QTest::addColumn<bool>("stream");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("limitNamed");

    HostileUpstream::Script line = sseHead();
    line.prefix = R"(data: {"x":")";
    line.pattern = "x";
    line.totalBytes = kGigabyte;
    QTest::newRow("stream: one line without end")
        << line << true << 200 << "limits.maxSseLineBytes";

    HostileUpstream::Script lines = sseHead();
    lines.pattern = "data: " + QByteArray(120, 'y') + '\n';
    lines.totalBytes = kGigabyte;
    QTest::newRow("stream: data lines, never a blank one")
        << lines << true << 200 << "limits.maxSseEventBytes";

    HostileUpstream::Script body = jsonHead();
    body.prefix =
        R"({"id":"chatcmpl-1","object":"chat.completion","choices":[{"message":{"content":")";
    body.pattern = "z";
    body.totalBytes = kGigabyte;
    QTest::newRow("non-stream: body without Content-Length")
        << body << false << 502 << "limits.maxUpstreamBodyBytes";

    HostileUpstream::Script error = jsonHead();
    error.head.replace("200 OK", "500 Internal Server Error");
    error.prefix = R"({"error":{"message":")";
    error.pattern = "e";
    error.totalBytes = kGigabyte;
    QTest::newRow("non-stream: endless error body") << error << false << 502 << "";
    QTest::newRow("stream: endless error body") << error << true << 502 << "";
}

void TestUpstreamLimits::hostileGigabyteIsCut()
{
    QFETCH(HostileUpstream::Script, script);
    QFETCH(bool, stream);
    QFETCH(int, status);
    QFETCH(QString, limitNamed);

    HostileUpstream upstream;
    QVERIFY(upstream.listen());
    upstream.setScript(script);
    const auto gateway = startGateway(upstream, m_limits);
    QVERIFY(gateway);
    // Warm up (threads, TLS, first allocations) before the baseline is taken.
    QCOMPARE(RawHttpClient::fetch(gateway->baseUrl(), "GET", "/health").status, 200);
    QVERIFY(resetPeakRss());
    const qint64 baseline = statusField("VmRSS:");

    RawHttpClient client(gateway->baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRequest("POST", "/v1/chat/completions",
                       GatewayHarness::chatBody(QStringLiteral("gpt-4o-mini"), stream));
    // While the upstream pours, the gateway still answers others.
    QVERIFY(QTest::qWaitFor([&] { return upstream.bytesSent() > kMegabyte; }, kTimeoutMs));
    QCOMPARE(RawHttpClient::fetch(gateway->baseUrl(), "GET", "/health").status, 200);

    QVERIFY(client.waitForResponse(kTimeoutMs));
    const RawHttpResponse response = client.response();
    QCOMPARE(response.status, status);
    const QString message =
        response.status == 200
            ? lastErrorEvent(response).value(QStringLiteral("message")).toString()
            : errorMessage(response);
    QVERIFY2(!message.isEmpty(), response.body.left(300).constData());
    if (!limitNamed.isEmpty())
        QVERIFY2(message.contains(limitNamed), qPrintable(message));
    if (response.status == 200)
        QVERIFY(!response.sseData().contains("[DONE]"));

    // The gateway hung up: the upstream did not get its gigabyte out.
    QVERIFY(QTest::qWaitFor([&] { return upstream.connectionsCutByPeer() == 1; }, kTimeoutMs));
    QVERIFY2(upstream.bytesSent() < 128 * kMegabyte,
             QByteArray::number(upstream.bytesSent()).constData());
    const qint64 growth = statusField("VmHWM:") - baseline;
    qInfo("upstream sent %.1f MB before the gateway hung up; peak RSS grew by %.1f MB",
          double(upstream.bytesSent()) / kMegabyte, double(growth) / kMegabyte);
    // The bytes the upstream got out (checked above) bound the memory in every build; RSS
    // itself means nothing under ASan (Sanitizers.h).
    QVERIFY2(kSanitizedBuild || growth < kMaxGrowthBytes,
             qPrintable(QStringLiteral("peak RSS grew by %1 MB").arg(growth / kMegabyte)));
    QCOMPARE(RawHttpClient::fetch(gateway->baseUrl(), "GET", "/health").status, 200);
}

void TestUpstreamLimits::announcedOversizedBodyIsRefusedAtOnce()
{
    HostileUpstream upstream;
    QVERIFY(upstream.listen());
    HostileUpstream::Script script = jsonHead("Content-Length: 1073741824\r\n");
    script.pattern = "z";
    script.totalBytes = kGigabyte;
    script.intervalMs = 100; // slowly: only the announcement can end this call early
    script.pieceBytes = 1024;
    upstream.setScript(script);
    const auto gateway = startGateway(upstream, m_limits);
    QVERIFY(gateway);

    const RawHttpResponse response = RawHttpClient::fetch(
        gateway->baseUrl(), "POST", "/v1/chat/completions",
        GatewayHarness::chatBody(QStringLiteral("gpt-4o-mini"), false), {}, kTimeoutMs);
    QCOMPARE(response.status, 502);
    const QString message = errorMessage(response);
    QVERIFY2(message.contains(QLatin1String("limits.maxUpstreamBodyBytes")) &&
                 message.contains(QLatin1String("1024 MB")) &&
                 message.contains(QLatin1String("16 MB")),
             qPrintable(message));
    QVERIFY(QTest::qWaitFor([&] { return upstream.connectionsCutByPeer() == 1; }, kTimeoutMs));
    QVERIFY(upstream.bytesSent() < kMegabyte);
}

void TestUpstreamLimits::callDurationEndsABusyCall_data()
{
    QTest::addColumn<bool>("stream");
    QTest::newRow("stream") << true;
    QTest::newRow("non-stream") << false;
}

void TestUpstreamLimits::callDurationEndsABusyCall()
{
    QFETCH(bool, stream);
    constexpr int kCallLimitMs = 1500;
    HostileUpstream upstream;
    QVERIFY(upstream.listen());
    HostileUpstream::Script script = stream ? sseHead() : jsonHead();
    // Never idle, never over a size limit, never done: a valid event every 20 ms.
    script.pattern = stream ? QByteArray(R"(data: {"id":"c","object":"chat.completion.chunk",)"
                                         R"("choices":[{"index":0,"delta":{"content":"a"}}]})"
                                         "\n\n")
                            : QByteArray(" ");
    script.prefix = stream ? QByteArray() : QByteArray(R"({"id":"c",)");
    script.pieceBytes = int(script.pattern.size());
    script.intervalMs = 20;
    script.totalBytes = kGigabyte;
    upstream.setScript(script);
    GatewayLimits limits = m_limits;
    limits.maxCallDurationMs = kCallLimitMs;
    const auto gateway = startGateway(upstream, limits);
    QVERIFY(gateway);

    const qint64 startedAt = monotonicNowMs();
    const RawHttpResponse response = RawHttpClient::fetch(
        gateway->baseUrl(), "POST", "/v1/chat/completions",
        GatewayHarness::chatBody(QStringLiteral("gpt-4o-mini"), stream), {}, kTimeoutMs);
    QVERIFY(monotonicNowMs() - startedAt >= kCallLimitMs);
    const QString message =
        stream ? lastErrorEvent(response).value(QStringLiteral("message")).toString()
               : errorMessage(response);
    QCOMPARE(response.status, stream ? 200 : 504);
    QVERIFY2(message.contains(QLatin1String("limits.maxCallDurationMs")), qPrintable(message));
    if (stream)
        QVERIFY(response.sseData().size() > 2); // events flowed until the limit
    QVERIFY(QTest::qWaitFor([&] { return upstream.connectionsCutByPeer() == 1; }, kTimeoutMs));
}

void TestUpstreamLimits::steadyTrickleIsNotIdle()
{
    // The answer takes 2.5 s to arrive, a byte every 100 ms, under a 1 s idle limit: the
    // upstream is slow, never silent.
    HostileUpstream upstream;
    QVERIFY(upstream.listen());
    HostileUpstream::Script script = jsonHead();
    script.prefix = R"({"id":"chatcmpl-1","object":"chat.completion","created":1,)"
                    R"("model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":)"
                    R"("assistant","content":"slow but here"},"finish_reason":"stop"}])";
    script.pattern = " ";
    script.pieceBytes = 1;
    script.intervalMs = 100;
    script.totalBytes = 25;
    script.suffix = "}";
    upstream.setScript(script);
    GatewayLimits limits = m_limits;
    limits.upstreamIdleTimeoutMs = 1000;
    const auto gateway = startGateway(upstream, limits);
    QVERIFY(gateway);

    const RawHttpResponse response = RawHttpClient::fetch(
        gateway->baseUrl(), "POST", "/v1/chat/completions",
        GatewayHarness::chatBody(QStringLiteral("gpt-4o-mini"), false), {}, kTimeoutMs);
    QVERIFY2(response.status == 200, response.body.constData());
    QCOMPARE(response.json()["choices"][0]["message"]["content"].toString(),
             QStringLiteral("slow but here"));
}

void TestUpstreamLimits::hostileModelListIsCut()
{
    // GET /v1/models asks each provider for its list: a gigabyte in answer is cut too.
    HostileUpstream upstream;
    QVERIFY(upstream.listen());
    HostileUpstream::Script script = jsonHead();
    script.prefix = R"({"object":"list","data":[)";
    script.pattern = R"({"id":"model-x","object":"model"},)";
    script.totalBytes = kGigabyte;
    upstream.setScript(script);
    const auto gateway = startGateway(upstream, m_limits);
    QVERIFY(gateway);
    QVERIFY(resetPeakRss());
    const qint64 baseline = statusField("VmRSS:");
    const RawHttpResponse response =
        RawHttpClient::fetch(gateway->baseUrl(), "GET", "/v1/models", {}, {}, kTimeoutMs);
    QCOMPARE(response.status, 200);
    QVERIFY2(response.body.contains("larger than 16 MB"), response.body.left(300).constData());
    QVERIFY(QTest::qWaitFor([&] { return upstream.connectionsCutByPeer() == 1; }, kTimeoutMs));
    QVERIFY2(upstream.bytesSent() < 128 * kMegabyte,
             QByteArray::number(upstream.bytesSent()).constData());
    const qint64 growth = statusField("VmHWM:") - baseline;
    // The bytes the upstream got out (checked above) bound the memory in every build; RSS
    // itself means nothing under ASan (Sanitizers.h).
    QVERIFY2(kSanitizedBuild || growth < kMaxGrowthBytes,
             qPrintable(QStringLiteral("peak RSS grew by %1 MB").arg(growth / kMegabyte)));
}

QTEST_GUILESS_MAIN(TestUpstreamLimits)
#include "TestUpstreamLimits.moc"
