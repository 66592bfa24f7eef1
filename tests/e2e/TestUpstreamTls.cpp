// End to end: HTTPS upstreams (SPEC §2, §5; issue 13). The certificate and host name are always
// verified, against the system store plus the provider's CA file; a refusal is a 502 whose
// message says which check failed and what to do, never an insecure fallback. Connections are
// kept alive and agree on HTTP/1.1 by ALPN; TLS sessions are resumed; an HTTP proxy from the
// environment is used (CONNECT for HTTPS, absolute form for http), with credentials. Runs on
// the gateway's own client and (the _QtNetwork variant) on QNetworkAccessManager.
#include "FakeHttpProxy.h"
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "RawHttpClient.h"
#include "TestTls.h"

#include "providers/UpstreamClientPool.h"
#include "providers/UpstreamTlsTrust.h"

#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace {
constexpr int kTimeoutMs = 20000;
const QString kKey = QStringLiteral("sk-tls-test-0123456789");

bool onQtNetwork()
{
    return qEnvironmentVariable("LLMGW_TEST_UPSTREAM_CLIENT") == QLatin1String("qt");
}

QString errorMessage(const RawHttpResponse &response)
{
    return response.json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

/// Counts the queued calls (QEvent::MetaCall) delivered to the client side of TLS connections.
class QueuedCallsToTlsClients : public QObject
{
public:
    QueuedCallsToTlsClients() { QCoreApplication::instance()->installEventFilter(this); }
    ~QueuedCallsToTlsClients() override { QCoreApplication::instance()->removeEventFilter(this); }
    int count = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        const auto *socket = qobject_cast<QSslSocket *>(watched);
        if (event->type() == QEvent::MetaCall && socket &&
            socket->mode() == QSslSocket::SslClientMode)
            ++count;
        return false;
    }
};

/// Sets environment variables for one test function and restores them after.
class ScopedEnvironment
{
public:
    void set(const char *name, const QByteArray &value)
    {
        m_saved.append({name, qgetenv(name), qEnvironmentVariableIsSet(name)});
        qputenv(name, value);
    }
    ~ScopedEnvironment()
    {
        for (auto it = m_saved.crbegin(); it != m_saved.crend(); ++it) {
            if (it->wasSet)
                qputenv(it->name, it->value);
            else
                qunsetenv(it->name);
        }
    }

private:
    struct Saved
    {
        const char *name;
        QByteArray value;
        bool wasSet;
    };
    QList<Saved> m_saved;
};
} // namespace

class TestUpstreamTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void trustedThroughCaFile();
    void refusedCertificates_data();
    void refusedCertificates();
    void unusableCaFile_data();
    void unusableCaFile();
    void plainServerBehindHttpsUrl();
    void streamOverTls();
    void systemStoreKeptBesideCaFile();
    void sessionsAreResumed();
    void keptConnectionQueuesNoFlush();
    void httpsThroughProxy_data();
    void httpsThroughProxy();
    void proxyWantsCredentials();
    void plainHttpThroughProxy();

private:
    std::unique_ptr<GatewayHarness> startGateway(const QUrl &baseUrl, const QString &caFile);
    RawHttpResponse chat(GatewayHarness &gateway, bool stream = false);
};

void TestUpstreamTls::initTestCase()
{
    // The proxy tests set their own; one from the machine must not interfere with the others.
    for (const char *name : {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy",
                             "ALL_PROXY", "no_proxy", "NO_PROXY"})
        qunsetenv(name);
}

std::unique_ptr<GatewayHarness> TestUpstreamTls::startGateway(const QUrl &baseUrl,
                                                              const QString &caFile)
{
    auto gateway = std::make_unique<GatewayHarness>();
    gateway->setTrustTestCa(false); // each test says what it trusts
    gateway->addOpenAiProvider(QStringLiteral("secure"), baseUrl, kKey);
    gateway->config().providers.last().caFile = caFile;
    gateway->addRoute(QStringLiteral("gpt-"), QStringLiteral("secure"));
    if (!gateway->start())
        return nullptr;
    return gateway;
}

RawHttpResponse TestUpstreamTls::chat(GatewayHarness &gateway, bool stream)
{
    return RawHttpClient::fetch(gateway.baseUrl(), "POST", "/v1/chat/completions",
                                GatewayHarness::chatBody(QStringLiteral("gpt-4o-mini"), stream), {},
                                kTimeoutMs);
}

void TestUpstreamTls::trustedThroughCaFile()
{
    FakeUpstream upstream(FakeUpstream::Transport::Tls, QStringLiteral("server"));
    QVERIFY(upstream.listen());
    upstream.setChatReply(
        FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"), QStringLiteral("over TLS")));
    QCOMPARE(upstream.baseUrl().scheme(), QStringLiteral("https"));
    const auto gateway = startGateway(upstream.baseUrl(), TestTls::caFile());
    QVERIFY(gateway);

    for (int i = 0; i < 5; ++i) {
        const RawHttpResponse response = chat(*gateway);
        QVERIFY2(response.status == 200, response.body.constData());
        QCOMPARE(response.json()["choices"][0]["message"]["content"].toString(),
                 QStringLiteral("over TLS"));
    }
    QCOMPARE(upstream.lastChatRequest().header("authorization"), "Bearer " + kKey.toUtf8());
    // One TLS connection, kept alive for all five; HTTP/1.1 agreed by ALPN.
    QCOMPARE(upstream.connectionsOpened(), 1);
    QCOMPARE(upstream.lastNegotiatedProtocol(), QByteArray("http/1.1"));
}

void TestUpstreamTls::refusedCertificates_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<QStringList>("said");

    QTest::newRow("private CA, no caFile")
        << "server" << QString()
        << QStringList{QStringLiteral("not trusted"), QStringLiteral("LLM Gateway test CA"),
                       QStringLiteral("caFile")};
    QTest::newRow("private CA, another CA's file")
        << "server" << TestTls::otherCaFile()
        << QStringList{QStringLiteral("not trusted"), TestTls::otherCaFile()};
    QTest::newRow("self-signed") << "self-signed" << TestTls::caFile()
                                 << QStringList{QStringLiteral("not trusted")};
    QTest::newRow("certificate for another host")
        << "wrong-host" << TestTls::caFile()
        << QStringList{QStringLiteral("other.invalid"), QStringLiteral("host name")};
}

void TestUpstreamTls::refusedCertificates()
{
    QFETCH(QString, certificate);
    QFETCH(QString, caFile);
    QFETCH(QStringList, said);

    FakeUpstream upstream(FakeUpstream::Transport::Tls, certificate);
    QVERIFY(upstream.listen());
    const auto gateway = startGateway(upstream.baseUrl(), caFile);
    QVERIFY(gateway);

    for (const bool stream : {false, true}) {
        const RawHttpResponse response = chat(*gateway, stream);
        QCOMPARE(response.status, 502);
        const QString message = errorMessage(response);
        if (!stream)
            qInfo("%s", qPrintable(message));
        for (const QString &words : said)
            QVERIFY2(message.contains(words), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("TLS")), qPrintable(message));
    }
    // Never an insecure fallback: nothing reached the upstream.
    QCOMPARE(upstream.requests().size(), 0);
}

void TestUpstreamTls::unusableCaFile_data()
{
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<QString>("said");
    QTest::newRow("missing") << QStringLiteral("/nonexistent/company-ca.pem")
                             << QStringLiteral("does not exist");
    QTest::newRow("not a certificate")
        << TestTls::file(QStringLiteral("make-certs.sh")) << QStringLiteral("holds no certificate");
}

void TestUpstreamTls::unusableCaFile()
{
    QFETCH(QString, caFile);
    QFETCH(QString, said);
    QVERIFY(!caFile.isEmpty());
    FakeUpstream upstream(FakeUpstream::Transport::Tls, QStringLiteral("server"));
    QVERIFY(upstream.listen());
    const auto gateway = startGateway(upstream.baseUrl(), caFile);
    QVERIFY(gateway);
    const RawHttpResponse response = chat(*gateway);
    QCOMPARE(response.status, 502);
    const QString message = errorMessage(response);
    QVERIFY2(message.contains(said) && message.contains(caFile), qPrintable(message));
    QCOMPARE(upstream.connectionsOpened(), 0);
}

void TestUpstreamTls::plainServerBehindHttpsUrl()
{
    // A plain-http server (as most do) answers the TLS hello with a 400 and closes.
    QTcpServer plain;
    QVERIFY(plain.listen(QHostAddress::LocalHost, 0));
    connect(&plain, &QTcpServer::newConnection, this, [&plain] {
        QTcpSocket *socket = plain.nextPendingConnection();
        connect(socket, &QIODevice::readyRead, socket, [socket] {
            socket->readAll();
            socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
                          "Connection: close\r\n\r\n");
            socket->disconnectFromHost();
        });
    });
    const auto gateway = startGateway(
        QUrl(QStringLiteral("https://127.0.0.1:%1/v1").arg(plain.serverPort())), QString());
    QVERIFY(gateway);
    const RawHttpResponse response = chat(*gateway);
    QCOMPARE(response.status, 502);
    QVERIFY2(errorMessage(response).contains(QLatin1String("TLS")),
             qPrintable(errorMessage(response)));
}

void TestUpstreamTls::streamOverTls()
{
    FakeUpstream upstream(FakeUpstream::Transport::Tls, QStringLiteral("server"));
    QVERIFY(upstream.listen());
    upstream.setChatReply(FakeReply::contentStream(
        QStringLiteral("gpt-4o-mini"), FakeReply::numberedPieces(QStringLiteral("t"), 20), 5));
    const auto gateway = startGateway(upstream.baseUrl(), TestTls::caFile());
    QVERIFY(gateway);
    const RawHttpResponse response = chat(*gateway, true);
    QCOMPARE(response.status, 200);
    QString text;
    for (const QJsonObject &chunk : response.sseJson())
        text += chunk.value(QStringLiteral("choices"))[0]["delta"]["content"].toString();
    QCOMPARE(text, FakeReply::numberedPieces(QStringLiteral("t"), 20).join(QString()));
    QCOMPARE(response.sseData().last(), QByteArray("[DONE]"));
}

void TestUpstreamTls::systemStoreKeptBesideCaFile()
{
    // A CA file adds to the system store; it never replaces it (Qt's addCaCertificates()
    // would: it turns the system store's on-demand loading off).
    UpstreamTlsTrust trusts;
    QSignalSpy loaded(&trusts, &UpstreamTlsTrust::loaded);
    QVERIFY(!trusts.trust(TestTls::caFile()).ready);
    QVERIFY(loaded.wait(kTimeoutMs));
    const UpstreamTlsTrust::Trust &trust = trusts.trust(TestTls::caFile());
    QVERIFY(trust.ready);
    QVERIFY2(trust.error.isEmpty(), qPrintable(trust.error));
    const QList<QSslCertificate> trusted = trust.configuration.caCertificates();
    QVERIFY(trusted.contains(QSslCertificate::fromPath(TestTls::caFile()).value(0)));
    for (const QSslCertificate &system : QSslConfiguration::systemCaCertificates())
        QVERIFY(trusted.contains(system));
    QCOMPARE(trust.configuration.peerVerifyMode(), QSslSocket::VerifyPeer);
    QCOMPARE(trust.configuration.allowedNextProtocols(), QList<QByteArray>{"http/1.1"});
    // Without a CA file: the system store alone, as Qt loads it on demand.
    QVERIFY(trusts.trust(QString()).ready);
    QVERIFY(trusts.trust(QString()).configuration.caCertificates().isEmpty());
}

void TestUpstreamTls::sessionsAreResumed()
{
    // `openssl s_server -www` keeps one session cache for all its connections (a Qt server
    // cannot: each of its sockets has its own TLS context), closes each connection after
    // one answer and says in that answer whether the session was new or reused.
    if (onQtNetwork())
        QSKIP("resumption is a property of the gateway's own client");
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    QVERIFY2(!openssl.isEmpty(), "the openssl command (scripts/deps.sh installs it)");
    const quint16 port = GatewayHarness::closedPort();
    QProcess server;
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(openssl, {QStringLiteral("s_server"), QStringLiteral("-www"),
                           QStringLiteral("-accept"), QStringLiteral("127.0.0.1:%1").arg(port),
                           QStringLiteral("-cert"), TestTls::file(QStringLiteral("server.pem")),
                           QStringLiteral("-key"), TestTls::file(QStringLiteral("server.key"))});
    QVERIFY(server.waitForStarted());
    const auto stop = qScopeGuard([&] {
        server.kill(); // only the process this test started
        server.waitForFinished();
    });
    QVERIFY(QTest::qWaitFor([&] { return server.readAll().contains("ACCEPT"); }, kTimeoutMs));

    UpstreamClientPool pool;
    QNetworkRequest request(QUrl(QStringLiteral("https://127.0.0.1:%1/").arg(port)));
    request.setAttribute(UpstreamClientPool::kCaFileAttribute, TestTls::caFile());
    QList<QByteArray> pages;
    for (int i = 0; i < 3; ++i) {
        QNetworkReply *reply = pool.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(kTimeoutMs));
        QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
        pages.append(reply->readAll());
        reply->deleteLater();
    }
    QVERIFY2(pages[0].contains("New, "), pages[0].constData());
    QVERIFY2(pages[1].contains("Reused, "), pages[1].constData());
    QVERIFY2(pages[2].contains("Reused, "), pages[2].constData());
}

void TestUpstreamTls::keptConnectionQueuesNoFlush()
{
    // Each request is flushed as it is written (writeNow). QSslSocket also queues a flush to
    // itself, which would wake the event loop once more per request; the first one is dropped
    // (dropQueuedTlsFlush), and with it every later one. The requests must still go out whole.
    if (onQtNetwork())
        QSKIP("a property of the gateway's own client");
    FakeUpstream upstream(FakeUpstream::Transport::Tls, QStringLiteral("server"));
    QVERIFY(upstream.listen());
    upstream.setChatReply(
        FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"), QStringLiteral("over TLS")));
    UpstreamClientPool pool;
    QNetworkRequest request(QUrl(upstream.baseUrl().toString() + "/chat/completions"));
    request.setAttribute(UpstreamClientPool::kCaFileAttribute, TestTls::caFile());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    const QueuedCallsToTlsClients queued;
    // The last body is larger than a TLS record and than the socket's send buffer on loopback.
    const QList<QByteArray> prompts = {"one", "two", "three", QByteArray(600 * 1024, 'x')};
    for (const QByteArray &prompt : prompts) {
        const QByteArray body =
            R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":")" + prompt + R"("}]})";
        QNetworkReply *reply = pool.post(request, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(kTimeoutMs));
        QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
        QVERIFY(reply->readAll().contains("over TLS"));
        reply->deleteLater();
        QCOMPARE(upstream.lastChatRequest().json["messages"][0]["content"].toString(),
                 QString::fromLatin1(prompt));
    }
    QCOMPARE(upstream.connectionsOpened(), 1);
    QCOMPARE(queued.count, 0);
}

void TestUpstreamTls::httpsThroughProxy_data()
{
    QTest::addColumn<QByteArray>("variable");
    QTest::newRow("https_proxy") << QByteArray("https_proxy");
    QTest::newRow("HTTPS_PROXY") << QByteArray("HTTPS_PROXY");
}

void TestUpstreamTls::httpsThroughProxy()
{
    QFETCH(QByteArray, variable);
    FakeUpstream upstream(FakeUpstream::Transport::Tls, QStringLiteral("server"));
    QVERIFY(upstream.listen());
    FakeHttpProxy proxy;
    QVERIFY(proxy.listen());
    proxy.requireCredentials("alice:s3cret");
    ScopedEnvironment environment;
    environment.set(variable.constData(), proxy.url("alice:s3cret"));
    environment.set("no_proxy", "localhost,.internal");

    // upstream.test exists only behind the proxy (which sends every name to 127.0.0.1).
    const QUrl url(QStringLiteral("https://upstream.test:%1/v1").arg(upstream.port()));
    const auto gateway = startGateway(url, TestTls::caFile());
    QVERIFY(gateway);
    for (int i = 0; i < 3; ++i) {
        const RawHttpResponse response = chat(*gateway);
        QVERIFY2(response.status == 200, response.body.constData());
    }
    QVERIFY(!proxy.tunnels().isEmpty());
    QCOMPARE(proxy.tunnels().first(), "upstream.test:" + QByteArray::number(upstream.port()));
    QCOMPARE(upstream.chatRequests().size(), 3);
    if (!onQtNetwork())
        QCOMPARE(proxy.tunnels().size(), 1); // the tunnel is a kept-alive connection too
}

void TestUpstreamTls::proxyWantsCredentials()
{
    FakeUpstream upstream(FakeUpstream::Transport::Tls, QStringLiteral("server"));
    QVERIFY(upstream.listen());
    FakeHttpProxy proxy;
    QVERIFY(proxy.listen());
    proxy.requireCredentials("alice:s3cret");
    ScopedEnvironment environment;
    environment.set("https_proxy", proxy.url());
    const QUrl url(QStringLiteral("https://upstream.test:%1/v1").arg(upstream.port()));
    const auto gateway = startGateway(url, TestTls::caFile());
    QVERIFY(gateway);
    const RawHttpResponse response = chat(*gateway);
    QCOMPARE(response.status, 502);
    QVERIFY(proxy.refusedForCredentials() > 0);
    QVERIFY2(errorMessage(response).contains(QLatin1String("roxy")),
             qPrintable(errorMessage(response)));
    QCOMPARE(upstream.requests().size(), 0);
}

void TestUpstreamTls::plainHttpThroughProxy()
{
    FakeUpstream upstream(FakeUpstream::Transport::Plain, QString());
    QVERIFY(upstream.listen());
    FakeHttpProxy proxy;
    QVERIFY(proxy.listen());
    ScopedEnvironment environment;
    environment.set("http_proxy", proxy.url());
    const QUrl url(QStringLiteral("http://upstream.test:%1/v1").arg(upstream.port()));
    const auto gateway = startGateway(url, QString());
    QVERIFY(gateway);
    const RawHttpResponse response = chat(*gateway);
    QVERIFY2(response.status == 200, response.body.constData());
    QVERIFY(!proxy.relayedRequestLines().isEmpty());
    QCOMPARE(proxy.relayedRequestLines().first(),
             "POST http://upstream.test:" + QByteArray::number(upstream.port()) +
                 "/v1/chat/completions HTTP/1.1");
    QCOMPARE(upstream.chatRequests().size(), 1);
}

QTEST_GUILESS_MAIN(TestUpstreamTls)
#include "TestUpstreamTls.moc"
