// End to end: the HTTP server's side of issue 8, over real sockets. Access decided from the
// head before any body byte is read, one budget for the bodies of all connections, early
// answers that reach a client still sending (lingering close), deadlines for slow heads and
// slow bodies, pipelined requests answered in order, and the smaller items: Connection: close,
// malformed and oversized heads, HEAD on GET endpoints. Every answer carries x-request-id.
#include "BlockingUpload.h"
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "RawHttpClient.h"
#include "RecordingSink.h"
#include "TestClock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

namespace {
constexpr int kTimeoutMs = 20000;
constexpr qint64 kMiB = 1024 * 1024;

QByteArray hostLine(const QUrl &base)
{
    return "Host: 127.0.0.1:" + QByteArray::number(base.port()) + "\r\n";
}

QByteArray tokenLine()
{
    return "Authorization: Bearer " + GatewayHarness::accessToken() + "\r\n";
}

/// A complete request with the token, as raw bytes.
QByteArray rawRequest(const QUrl &base, const QByteArray &method, const QByteArray &path,
                      const QByteArray &body = {}, const QByteArray &extraHeaders = {})
{
    QByteArray out =
        method + ' ' + path + " HTTP/1.1\r\n" + hostLine(base) + tokenLine() + extraHeaders;
    if (!body.isEmpty() || method == "POST")
        out +=
            "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
            "\r\n";
    return out + "\r\n" + body;
}

QByteArray chatBody(const QString &content, bool stream = false)
{
    return GatewayHarness::chatBody(
        QStringLiteral("gpt-4o-mini"), stream,
        QJsonObject{{QStringLiteral("messages"),
                     QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                            {QStringLiteral("content"), content}}}}});
}

void verifyRequestId(const RawHttpResponse &response)
{
    QVERIFY2(response.header("x-request-id").startsWith("req_"),
             response.header("x-request-id").constData());
}

/// The message of an OpenAI-shaped error body.
QString errorMessage(const RawHttpResponse &response)
{
    return response.json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

/// Sends `bytes` one small piece at a time on a timer, as a slow (or hostile) client does.
class Trickle : public QObject
{
public:
    Trickle(QTcpSocket *socket, QByteArray bytes, int pieceBytes, int intervalMs)
        : m_socket(socket), m_bytes(std::move(bytes)), m_piece(pieceBytes)
    {
        m_timer.setInterval(intervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            if (m_sent >= m_bytes.size() || m_socket->state() != QAbstractSocket::ConnectedState) {
                m_timer.stop();
                return;
            }
            m_socket->write(m_bytes.mid(m_sent, m_piece));
            m_sent += m_piece;
        });
        m_timer.start();
    }
    qsizetype sent() const { return qMin(m_sent, m_bytes.size()); }
    void stop() { m_timer.stop(); }

private:
    QTcpSocket *m_socket;
    QByteArray m_bytes;
    int m_piece;
    qsizetype m_sent = 0;
    QTimer m_timer;
};

/// The socket of a RawHttpClient, for tests that write on their own schedule.
QTcpSocket *socketOf(RawHttpClient &client)
{
    return client.findChild<QTcpSocket *>();
}

} // namespace

class TestHttpHardening : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    // Item 2: access from the head, one budget for all bodies.
    void unauthenticatedUploadRefusedFromTheHead_data();
    void unauthenticatedUploadRefusedFromTheHead();
    void expectContinueOnlyForAdmittedRequests();
    void bufferedBodiesShareOneCap();
    void callsInFlightGiveTheirBodiesBack();
    // Item 5: early answers reach a client that is still sending.
    void earlyAnswerReachesAClientStillSending_data();
    void earlyAnswerReachesAClientStillSending();
    // Item 6: slow heads and slow bodies.
    void slowHeadGets408();
    void slowBodyGets408();
    // Item 7: pipelining.
    void pipelinedChatRequestsAnsweredInOrder();
    void fiftyPipelinedHealthChecks();
    void pipelinedRequestAfterCloseIsNotRead();
    // Item 8.
    void connectionCloseAnsweredThenClosed_data();
    void connectionCloseAnsweredThenClosed();
    void malformedHeadsAre400_data();
    void malformedHeadsAre400();
    void fiveThousandHeadersAre431();
    void headOnGetEndpoints_data();
    void headOnGetEndpoints();
    void http10ClientGetsItsAnswerAndAClose();

private:
    FakeUpstream m_upstream;
    GatewayHarness m_gateway;
    std::shared_ptr<RecordingSink> m_sink = std::make_shared<RecordingSink>();
};

void TestHttpHardening::initTestCase()
{
    QVERIFY(m_upstream.listen());
    m_upstream.setModelIds({QStringLiteral("gpt-4o-mini")});
    m_gateway.addOpenAiGptRoute(m_upstream.baseUrl());
    m_gateway.controller().setRequestLogSink(m_sink);
    QVERIFY(m_gateway.start());
}

void TestHttpHardening::init()
{
    m_upstream.setChatReply(
        FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"), QStringLiteral("hello")));
}

void TestHttpHardening::unauthenticatedUploadRefusedFromTheHead_data()
{
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<int>("status");

    QTest::newRow("no token") << QByteArray() << QByteArray() << 401;
    QTest::newRow("wrong token") << QByteArray("x-api-key: wrong-token-123456\r\n") << QByteArray()
                                 << 401;
    QTest::newRow("foreign origin")
        << tokenLine() << QByteArray("Origin: https://evil.example\r\n") << 403;
}

void TestHttpHardening::unauthenticatedUploadRefusedFromTheHead()
{
    QFETCH(QByteArray, credentials);
    QFETCH(QByteArray, origin);
    QFETCH(int, status);

    const int before = int(m_upstream.chatRequests().size());
    // Only the head is sent, announcing 10 MiB (within maxBodyBytes): the refusal must come
    // without waiting for a byte of the body, which an unauthenticated client could use to
    // make the gateway hold its upload.
    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRaw("POST /v1/chat/completions HTTP/1.1\r\n" + hostLine(m_gateway.baseUrl()) +
                   credentials + origin +
                   "Content-Type: application/json\r\nContent-Length: 10485760\r\n\r\n");
    QVERIFY(client.waitForResponse(kTimeoutMs));
    QCOMPARE(client.response().status, status);
    verifyRequestId(client.response());
    QVERIFY(client.response().header("connection").contains("close"));
    QCOMPARE(m_upstream.chatRequests().size(), before);
}

void TestHttpHardening::expectContinueOnlyForAdmittedRequests()
{
    // curl sends `Expect: 100-continue` before large bodies and waits for the go-ahead: a
    // stranger gets the refusal instead, an admitted client its 100 Continue.
    RawHttpClient stranger(m_gateway.baseUrl());
    QVERIFY(stranger.connectToServer());
    stranger.sendRaw("POST /v1/chat/completions HTTP/1.1\r\n" + hostLine(m_gateway.baseUrl()) +
                     "Content-Length: 5000000\r\nExpect: 100-continue\r\n\r\n");
    QVERIFY(stranger.waitForResponse(kTimeoutMs));
    QCOMPARE(stranger.response().status, 401);
    QVERIFY(!stranger.received().contains("100 Continue"));

    const QByteArray body = chatBody(QStringLiteral("after continue"));
    RawHttpClient admitted(m_gateway.baseUrl());
    QVERIFY(admitted.connectToServer());
    admitted.sendRaw("POST /v1/chat/completions HTTP/1.1\r\n" + hostLine(m_gateway.baseUrl()) +
                     tokenLine() + "Content-Length: " + QByteArray::number(body.size()) +
                     "\r\nExpect: 100-continue\r\n\r\n");
    QVERIFY(
        QTest::qWaitFor([&] { return admitted.received().contains("100 Continue"); }, kTimeoutMs));
    admitted.sendRaw(body);
    QVERIFY(admitted.waitForResponse(kTimeoutMs));
    QCOMPARE(admitted.response().status, 200);
    QCOMPARE(m_upstream.lastChatRequest()
                 .json[QStringLiteral("messages")][0][QStringLiteral("content")]
                 .toString(),
             QStringLiteral("after continue"));
}

void TestHttpHardening::bufferedBodiesShareOneCap()
{
    GatewayHarness gateway;
    gateway.addOpenAiGptRoute(m_upstream.baseUrl());
    gateway.config().limits.maxBodyBytes = 4 * kMiB;
    gateway.config().limits.maxBufferedBodyBytes = 1 * kMiB;
    gateway.config().limits.minBodyBytesPerSecond = 0;
    QVERIFY(gateway.start());

    // A holds 800 KB of the 1 MiB budget while its body arrives. (Its 100 Continue comes once
    // the share is reserved.)
    RawHttpClient holder(gateway.baseUrl());
    QVERIFY(holder.connectToServer());
    holder.sendRaw("POST /v1/chat/completions HTTP/1.1\r\n" + hostLine(gateway.baseUrl()) +
                   tokenLine() + "Content-Length: 800000\r\nExpect: 100-continue\r\n\r\n");
    QVERIFY(
        QTest::qWaitFor([&] { return holder.received().contains("100 Continue"); }, kTimeoutMs));
    holder.sendRaw(QByteArray(1000, ' '));

    // B's 400 KB would take the total over: refused at once, with a time to retry.
    const QByteArray bigBody = "{" + QByteArray(400000 - 2, ' ') + "}";
    const RawHttpResponse refused =
        RawHttpClient::fetch(gateway.baseUrl(), "POST", "/v1/chat/completions", bigBody);
    QCOMPARE(refused.status, 503);
    verifyRequestId(refused);
    QCOMPARE(refused.header("retry-after"), QByteArray("1"));
    QVERIFY2(errorMessage(refused).contains(QStringLiteral("maxBufferedBodyBytes")),
             qPrintable(errorMessage(refused)));
    // A small body still fits.
    QCOMPARE(RawHttpClient::fetch(gateway.baseUrl(), "POST", "/v1/chat/completions",
                                  chatBody(QStringLiteral("small")))
                 .status,
             200);

    // A leaves: its share comes back, and B's body is read (then judged: no model).
    holder.abort();
    QTRY_COMPARE_WITH_TIMEOUT(
        RawHttpClient::fetch(gateway.baseUrl(), "POST", "/v1/chat/completions", bigBody).status,
        400, kTimeoutMs);
}

void TestHttpHardening::callsInFlightGiveTheirBodiesBack()
{
    GatewayHarness gateway;
    gateway.addOpenAiGptRoute(m_upstream.baseUrl());
    gateway.config().limits.maxBodyBytes = 4 * kMiB;
    gateway.config().limits.maxBufferedBodyBytes = 1 * kMiB;
    QVERIFY(gateway.start());

    // A 700 KB request whose provider takes its time: once the body went upstream, its share
    // of the budget is free, so a second 700 KB request is served meanwhile.
    const QByteArray big = chatBody(QString(700 * 1000, QLatin1Char('x')));
    m_upstream.queueChatReply(FakeReply::hang());
    const int before = int(m_upstream.chatRequests().size());
    RawHttpClient slow(gateway.baseUrl());
    QVERIFY(slow.connectToServer());
    slow.sendRequest("POST", "/v1/chat/completions", big);
    QTRY_COMPARE_WITH_TIMEOUT(m_upstream.chatRequests().size(), before + 1, kTimeoutMs);
    const RawHttpResponse second =
        RawHttpClient::fetch(gateway.baseUrl(), "POST", "/v1/chat/completions", big);
    QCOMPARE(second.status, 200);
    QVERIFY(!slow.waitForResponse(0)); // the first call is still in flight
}

void TestHttpHardening::earlyAnswerReachesAClientStillSending_data()
{
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<qint64>("bodyBytes");
    QTest::addColumn<int>("status");

    // The harness's maxBodyBytes is the default 32 MiB.
    QTest::newRow("413, 65 MiB announced and sent") << tokenLine() << 65 * kMiB << 413;
    QTest::newRow("401, 20 MiB sent without a token") << QByteArray() << 20 * kMiB << 401;
}

void TestHttpHardening::earlyAnswerReachesAClientStillSending()
{
    QFETCH(QByteArray, credentials);
    QFETCH(qint64, bodyBytes);
    QFETCH(int, status);

    // A client that writes its whole request before it reads (the gateway runs in its own
    // thread, so this one may block). Closing at once would make the kernel answer the rest
    // of the upload with a reset that destroys the answer in the client's receive buffer.
    const int before = int(m_upstream.chatRequests().size());
    const QByteArray head =
        "POST /v1/chat/completions HTTP/1.1\r\n" + hostLine(m_gateway.baseUrl()) + credentials +
        "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(bodyBytes) +
        "\r\n\r\n";
    const BlockingUploadResult result =
        blockingUpload(quint16(m_gateway.baseUrl().port()), head, bodyBytes);
    QCOMPARE(result.sendError, 0);
    QCOMPARE(result.bytesSent, head.size() + bodyBytes);
    QCOMPARE(result.receiveError, 0);
    QVERIFY2(result.received.startsWith("HTTP/1.1 " + QByteArray::number(status)),
             result.received.left(200).constData());
    QVERIFY(result.received.contains("x-request-id: req_"));
    QVERIFY(result.received.endsWith("}")); // the whole error body
    QCOMPARE(m_upstream.chatRequests().size(), before);
}

void TestHttpHardening::slowHeadGets408()
{
    GatewayHarness gateway;
    gateway.config().limits.headTimeoutMs = 1000;
    gateway.config().limits.clientIdleTimeoutMs = 30000;
    QVERIFY(gateway.start());

    // One header byte every 100 ms: each byte is in time, the whole head is not.
    RawHttpClient client(gateway.baseUrl());
    QVERIFY(client.connectToServer());
    const qint64 started = monotonicNowMs();
    Trickle trickle(socketOf(client),
                    "GET /health HTTP/1.1\r\n" + hostLine(gateway.baseUrl()) +
                        "X-Slow: " + QByteArray(200, 'a') + "\r\n\r\n",
                    1, 100);
    QVERIFY(client.waitForResponse(kTimeoutMs));
    const qint64 elapsed = client.response().headersAt - started;
    QCOMPARE(client.response().status, 408);
    verifyRequestId(client.response());
    QVERIFY2(errorMessage(client.response()).contains(QStringLiteral("headTimeoutMs")),
             qPrintable(errorMessage(client.response())));
    QVERIFY2(elapsed >= 900, qPrintable(QString::number(elapsed)));
    QVERIFY(trickle.sent() < 200); // refused while the client was still sending its head
    QVERIFY(client.waitForDisconnected(kTimeoutMs));
}

void TestHttpHardening::slowBodyGets408()
{
    GatewayHarness gateway;
    gateway.addOpenAiGptRoute(m_upstream.baseUrl());
    gateway.config().limits.minBodyBytesPerSecond = 1000;
    gateway.config().limits.clientIdleTimeoutMs = 30000;
    QVERIFY(gateway.start());

    // 20 bytes every 250 ms is 80 bytes/s: below the minimum once the grace period is over.
    const int before = int(m_upstream.chatRequests().size());
    RawHttpClient client(gateway.baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRaw("POST /v1/chat/completions HTTP/1.1\r\n" + hostLine(gateway.baseUrl()) +
                   tokenLine() + "Content-Length: 100000\r\n\r\n");
    const qint64 started = monotonicNowMs();
    Trickle trickle(socketOf(client), QByteArray(100000, ' '), 20, 250);
    QVERIFY(client.waitForResponse(kTimeoutMs));
    const qint64 elapsed = client.response().headersAt - started;
    QCOMPARE(client.response().status, 408);
    verifyRequestId(client.response());
    QVERIFY2(errorMessage(client.response()).contains(QStringLiteral("minBodyBytesPerSecond")),
             qPrintable(errorMessage(client.response())));
    QVERIFY2(elapsed >= 4000, qPrintable(QString::number(elapsed))); // after the grace period
    QVERIFY(trickle.sent() < 100000);
    QCOMPARE(m_upstream.chatRequests().size(), before);
}

void TestHttpHardening::pipelinedChatRequestsAnsweredInOrder()
{
    // Two paid requests in one write: both are answered, in order (closing the connection
    // would throw away the first answer after the provider was paid for it).
    m_upstream.queueChatReply(
        FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"), QStringLiteral("first answer")));
    m_upstream.queueChatReply(
        FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"), QStringLiteral("second answer")));
    const int before = int(m_upstream.chatRequests().size());
    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRaw(rawRequest(m_gateway.baseUrl(), "POST", "/v1/chat/completions",
                              chatBody(QStringLiteral("one"))) +
                   rawRequest(m_gateway.baseUrl(), "POST", "/v1/chat/completions",
                              chatBody(QStringLiteral("two"))));
    QVERIFY(client.waitForResponse(kTimeoutMs, 1));
    QCOMPARE(client.responses().size(), 2);
    for (const RawHttpResponse &response : client.responses()) {
        QCOMPARE(response.status, 200);
        verifyRequestId(response);
    }
    QVERIFY(client.response(0).header("x-request-id") != client.response(1).header("x-request-id"));
    const auto content = [](const RawHttpResponse &r) {
        return r
            .json()[QStringLiteral("choices")][0][QStringLiteral("message")]
                   [QStringLiteral("content")]
            .toString();
    };
    QCOMPARE(content(client.response(0)), QStringLiteral("first answer"));
    QCOMPARE(content(client.response(1)), QStringLiteral("second answer"));
    const QList<RecordedRequest> sent = m_upstream.chatRequests().mid(before);
    QCOMPARE(sent.size(), 2);
    QCOMPARE(sent[0].json[QStringLiteral("messages")][0][QStringLiteral("content")].toString(),
             QStringLiteral("one"));
    QCOMPARE(sent[1].json[QStringLiteral("messages")][0][QStringLiteral("content")].toString(),
             QStringLiteral("two"));
    QVERIFY(!client.wasDisconnected());
}

void TestHttpHardening::fiftyPipelinedHealthChecks()
{
    QByteArray wire;
    for (int i = 0; i < 50; ++i)
        wire += rawRequest(m_gateway.baseUrl(), "GET", "/health");
    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRaw(wire);
    QVERIFY(client.waitForResponse(kTimeoutMs, 49));
    QCOMPARE(client.responses().size(), 50);
    QSet<QByteArray> ids;
    for (const RawHttpResponse &response : client.responses()) {
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        ids.insert(response.header("x-request-id"));
    }
    QCOMPARE(ids.size(), 50);
    // The connection is still good for more.
    client.sendRequest("GET", "/health");
    QVERIFY(client.waitForResponse(kTimeoutMs, 50));
    QCOMPARE(client.response(50).status, 200);
}

void TestHttpHardening::pipelinedRequestAfterCloseIsNotRead()
{
    // A request after one that asked to close is not answered: the connection ends first.
    const int before = int(m_upstream.chatRequests().size());
    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRaw(rawRequest(m_gateway.baseUrl(), "GET", "/health", {}, "Connection: close\r\n") +
                   rawRequest(m_gateway.baseUrl(), "POST", "/v1/chat/completions",
                              chatBody(QStringLiteral("never"))));
    QVERIFY(client.waitForDisconnected(kTimeoutMs));
    QCOMPARE(client.responses().size(), 1);
    QCOMPARE(client.response().status, 200);
    QCOMPARE(m_upstream.chatRequests().size(), before);
}

void TestHttpHardening::connectionCloseAnsweredThenClosed_data()
{
    QTest::addColumn<bool>("stream");
    QTest::newRow("json") << false;
    QTest::newRow("stream") << true;
}

void TestHttpHardening::connectionCloseAnsweredThenClosed()
{
    QFETCH(bool, stream);
    if (stream)
        m_upstream.setChatReply(FakeReply::contentStream(
            QStringLiteral("gpt-4o-mini"), {QStringLiteral("a"), QStringLiteral("b")}));

    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRequest("POST", "/v1/chat/completions", chatBody(QStringLiteral("bye"), stream),
                       {{QByteArrayLiteral("Connection"), QByteArrayLiteral("close")}});
    QVERIFY(client.waitForResponse(kTimeoutMs));
    const RawHttpResponse response = client.response();
    QCOMPARE(response.status, 200);
    QVERIFY(response.complete);
    QCOMPARE(response.header("connection"), QByteArray("close"));
    QVERIFY(client.waitForDisconnected(kTimeoutMs));

    // The log has what the client got, not "499 client closed".
    const QByteArray id = response.header("x-request-id");
    QVERIFY(m_sink->waitForFinished(id));
    const QList<RequestRecord> records = m_sink->finishedWithId(id);
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().status, 200);
    QCOMPARE(records.first().stream, stream);
    QVERIFY(records.first().errorMessage.isEmpty());
}

void TestHttpHardening::malformedHeadsAre400_data()
{
    QTest::addColumn<QByteArray>("extraHeaders");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("space before colon")
        << QByteArray("Content-Length : 2\r\n") << QStringLiteral("space before");
    QTest::newRow("folded header")
        << QByteArray("anthropic-beta: a,\r\n b\r\n") << QStringLiteral("folded");
    QTest::newRow("NUL in a forwarded header")
        << QByteArray("anthropic-beta: tools") + '\0' + QByteArray("x\r\n")
        << QStringLiteral("control character");
    QTest::newRow("CR inside a value")
        << QByteArray("anthropic-beta: a\rX-Injected: 1\r\n") << QStringLiteral("CR");
    QTest::newRow("control byte") << QByteArray("User-Agent: a\x1b[31m\r\n")
                                  << QStringLiteral("control character");
}

void TestHttpHardening::malformedHeadsAre400()
{
    QFETCH(QByteArray, extraHeaders);
    QFETCH(QString, mentions);

    const int before = int(m_upstream.chatRequests().size());
    const QByteArray body = chatBody(QStringLiteral("x"));
    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRaw("POST /v1/chat/completions HTTP/1.1\r\n" + hostLine(m_gateway.baseUrl()) +
                   tokenLine() + extraHeaders +
                   "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QVERIFY(client.waitForResponse(kTimeoutMs));
    const RawHttpResponse response = client.response();
    QCOMPARE(response.status, 400);
    verifyRequestId(response);
    const QJsonObject error = response.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_request"));
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(mentions),
             qPrintable(error.value(QStringLiteral("message")).toString()));
    QVERIFY(client.waitForDisconnected(kTimeoutMs));
    // Nothing went upstream.
    QCOMPARE(m_upstream.chatRequests().size(), before);
    // And the refusal is in the log.
    QVERIFY(m_sink->waitForFinished(response.header("x-request-id")));
    QCOMPARE(m_sink->finishedWithId(response.header("x-request-id")).first().status, 400);
}

void TestHttpHardening::fiveThousandHeadersAre431()
{
    QByteArray head = "GET /health HTTP/1.1\r\n" + hostLine(m_gateway.baseUrl());
    for (int i = 0; i < 5000; ++i)
        head += "a: b\r\n";
    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRaw(head + "\r\n");
    QVERIFY(client.waitForResponse(kTimeoutMs));
    QCOMPARE(client.response().status, 431);
    verifyRequestId(client.response());
    QCOMPARE(client.response().json()[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("headers_too_large"));
    QVERIFY(client.waitForDisconnected(kTimeoutMs));
}

void TestHttpHardening::headOnGetEndpoints_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("/health") << QByteArray("/health");
    QTest::newRow("/v1/models") << QByteArray("/v1/models");
    QTest::newRow("/api/v1/models") << QByteArray("/api/v1/models");
}

void TestHttpHardening::headOnGetEndpoints()
{
    QFETCH(QByteArray, path);

    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRequest("GET", path);
    QVERIFY(client.waitForResponse(kTimeoutMs, 0));
    const RawHttpResponse get = client.response(0);
    QCOMPARE(get.status, 200);

    client.sendRequest("HEAD", path); // RawHttpClient reads no body for it
    QVERIFY(client.waitForResponse(kTimeoutMs, 1));
    const RawHttpResponse head = client.response(1);
    QCOMPARE(head.status, 200);
    verifyRequestId(head);
    QVERIFY(head.body.isEmpty());
    QCOMPARE(head.header("content-type"), get.header("content-type"));
    QVERIFY(head.header("content-length").toInt() > 0);

    // A body after the HEAD answer would be read as the next status line.
    client.sendRequest("GET", "/health");
    QVERIFY(client.waitForResponse(kTimeoutMs, 2));
    QCOMPARE(client.response(2).status, 200);
    QCOMPARE(client.responses().size(), 3);
    QVERIFY(!client.received().contains("HTTP/1.1 405"));
}

void TestHttpHardening::http10ClientGetsItsAnswerAndAClose()
{
    RawHttpClient client(m_gateway.baseUrl());
    QVERIFY(client.connectToServer());
    client.sendRaw("GET /health HTTP/1.0\r\n" + hostLine(m_gateway.baseUrl()) + "\r\n");
    QVERIFY(client.waitForDisconnected(kTimeoutMs));
    QCOMPARE(client.responses().size(), 1);
    QCOMPARE(client.response().status, 200);
    QVERIFY(client.response().complete);
    QCOMPARE(client.response().header("connection"), QByteArray("close"));

    // An HTTP/1.0 client that asks to keep the connection is told it stays open, and it does.
    RawHttpClient kept(m_gateway.baseUrl());
    QVERIFY(kept.connectToServer());
    const QByteArray request = "GET /health HTTP/1.0\r\n" + hostLine(m_gateway.baseUrl()) +
                               "Connection: keep-alive\r\n\r\n";
    kept.sendRaw(request);
    QVERIFY(kept.waitForResponse(kTimeoutMs, 0));
    QCOMPARE(kept.response(0).header("connection"), QByteArray("keep-alive"));
    kept.sendRaw(request);
    QVERIFY(kept.waitForResponse(kTimeoutMs, 1));
    QCOMPARE(kept.response(1).status, 200);
    QVERIFY(!kept.wasDisconnected());
}

QTEST_GUILESS_MAIN(TestHttpHardening)
#include "TestHttpHardening.moc"
