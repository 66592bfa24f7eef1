// The gateway's own HTTP/1.1 client for plain-http upstreams (UpstreamHttpReply through
// UpstreamClientPool), against a scripted raw-socket server on 127.0.0.1: response framing,
// errors, keep-alive reuse, a reused connection the server had closed, abort.

#include "providers/UpstreamClientPool.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace {

/// Answers each complete request with the next scripted response; records what it received.
class ScriptedServer : public QObject
{
    Q_OBJECT

public:
    struct Answer
    {
        QByteArray bytes;
        bool closeAfter = false;
        bool dribble = false; // one byte per write, to exercise incremental parsing
        bool silent = false;  // never answer
    };

    ScriptedServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++connections;
                lastSocket = socket;
                connect(socket, &QIODevice::readyRead, this, [this, socket] { onRead(socket); });
                connect(socket, &QAbstractSocket::disconnected, this, [this, socket] {
                    ++disconnections;
                    socket->deleteLater();
                });
            }
        });
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
    }

    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }

    QList<Answer> answers;
    QList<QByteArray> requests;
    QPointer<QTcpSocket> lastSocket;
    int connections = 0;
    int disconnections = 0;

private:
    void onRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        while (true) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            qsizetype length = 0;
            for (const QByteArray &line : buffer.left(end).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (buffer.size() < end + 4 + length)
                return;
            requests.append(buffer.left(end + 4 + length));
            buffer.remove(0, end + 4 + length);
            const Answer answer = answers.isEmpty() ? Answer{} : answers.takeFirst();
            if (answer.silent)
                continue;
            if (answer.dribble) {
                for (const char c : answer.bytes) {
                    socket->write(&c, 1);
                    socket->flush();
                }
            } else {
                socket->write(answer.bytes);
            }
            if (answer.closeAfter)
                socket->disconnectFromHost();
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

struct Outcome
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int metaDataSignals = 0;
};

Outcome runToEnd(QNetworkReply *reply)
{
    Outcome outcome;
    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply,
                     [&outcome] { ++outcome.metaDataSignals; });
    QObject::connect(reply, &QIODevice::readyRead, reply,
                     [&outcome, reply] { outcome.body += reply->readAll(); });
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(5000);
    outcome.body += reply->readAll();
    outcome.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    outcome.error = reply->error();
    reply->deleteLater();
    return outcome;
}

QNetworkRequest jsonRequest(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("Authorization", "Bearer sk-test");
    return request;
}

} // namespace

class TestUpstreamHttpReply : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // A proxy from the environment would send these requests through QNAM instead.
        qunsetenv("http_proxy");
        qunsetenv("HTTP_PROXY");
        qunsetenv("all_proxy");
    }

    void framing_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<bool>("closeAfter");
        QTest::addColumn<bool>("dribble");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("error");

        const int noError = QNetworkReply::NoError;
        const QByteArray chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                   "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n";
        QTest::newRow("content-length")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello") << false << false
            << 200 << QByteArray("hello") << noError;
        QTest::newRow("chunked, trailers")
            << chunked << false << false << 200 << QByteArray("hello world") << noError;
        QTest::newRow("chunked, one byte at a time")
            << chunked << false << true << 200 << QByteArray("hello world") << noError;
        QTest::newRow("no length: body until close")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nabc") << true << false
            << 200 << QByteArray("abc") << noError;
        QTest::newRow("interim 100 Continue")
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n"
                          "Content-Length: 2\r\n\r\nok")
            << false << false << 201 << QByteArray("ok") << noError;
        QTest::newRow("204 has no body") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << false
                                         << false << 204 << QByteArray() << noError;
        QTest::newRow("HTTP error keeps its body")
            << QByteArray("HTTP/1.1 404 Not Found\r\nContent-Length: 11\r\n\r\n{\"e\":\"nf\"}\n")
            << false << false << 404 << QByteArray("{\"e\":\"nf\"}\n")
            << int(QNetworkReply::ContentNotFoundError);
        QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n") << false << false << 0
                                  << QByteArray() << int(QNetworkReply::ProtocolFailure);
        QTest::newRow("bad chunk size")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << false
            << false << 200 << QByteArray() << int(QNetworkReply::ProtocolFailure);
        QTest::newRow("closed before the end")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc") << true << false
            << 200 << QByteArray("abc") << int(QNetworkReply::RemoteHostClosedError);
    }

    void framing()
    {
        QFETCH(QByteArray, response);
        QFETCH(bool, closeAfter);
        QFETCH(bool, dribble);
        ScriptedServer server;
        server.answers.append({response, closeAfter, dribble, false});
        UpstreamClientPool pool;
        const Outcome outcome =
            runToEnd(pool.post(jsonRequest(server.url(QStringLiteral("/v1/x"))), "{}"));
        QTEST(outcome.status, "status");
        QTEST(outcome.body, "body");
        QTEST(int(outcome.error), "error");
        QCOMPARE(pool.managerCount(), 0); // plain http never needs a QNAM
    }

    void headReadAsQtNetworkReadsIt_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::newRow("repeated names, any case; Set-Cookie")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-A: 1\r\nx-a: 2\r\n"
                          "Set-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 2\r\n\r\nok");
        QTest::newRow("spaces around values, a reason of two words")
            << QByteArray("HTTP/1.1 200 Fine  Thanks \r\nX-Spaced:   a  b  \r\nX-Empty:\r\n"
                          "Content-Length:2\r\n\r\nok");
        QTest::newRow("chunked in capitals")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: CHUNKED\r\n\r\n"
                          "2\r\nok\r\n0\r\n\r\n");
        QTest::newRow("two spaces before the reason")
            << QByteArray("HTTP/1.1 200  OK\r\nContent-Length: 2\r\n\r\nok");
        QTest::newRow("a space after the code, no reason")
            << QByteArray("HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\nok");
        QTest::newRow("no reason") << QByteArray("HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok");
        QTest::newRow("HTTP/1.0") << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok");
        QTest::newRow("an error with its reason")
            << QByteArray("HTTP/1.1 418 I'm a teapot\r\nContent-Length: 2\r\n\r\nno");
        QTest::newRow("bare line feeds")
            << QByteArray("HTTP/1.1 201 Created\nX-B: 3\nContent-Length: 2\n\nok");
    }

    void headReadAsQtNetworkReadsIt()
    {
        // The builtin client stands in for QNetworkAccessManager: GatewayCall reads both alike.
        // So one answer, read by each, gives the same status, reason, headers, error and body.
        QFETCH(QByteArray, response);
        // One server for both, so the URL in an error's message is the same.
        ScriptedServer server;
        server.answers.append({response, true});
        server.answers.append({response, true});
        const auto read = [&server](bool builtin) {
            UpstreamClientPool pool;
            QNetworkAccessManager manager;
            const QNetworkRequest request(server.url(QStringLiteral("/v1/x")));
            QNetworkReply *reply = builtin ? pool.get(request) : manager.get(request);
            QSignalSpy finished(reply, &QNetworkReply::finished);
            if (!reply->isFinished())
                finished.wait(5000);
            const QString read =
                QStringLiteral("%1 [%2] %3 %4")
                    .arg(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt())
                    .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString())
                    .arg(int(reply->error()))
                    .arg(QString::fromLatin1(reply->readAll()));
            QList<QByteArray> headers;
            for (const auto &[name, value] : reply->rawHeaderPairs())
                headers.append(name + ": " + value);
            const QString error = reply->error() ? reply->errorString() : QString();
            delete reply;
            return std::make_tuple(read, headers, error);
        };
        const auto [qtRead, qtHeaders, qtError] = read(false);
        const auto [ownRead, ownHeaders, ownError] = read(true);
        QCOMPARE(ownRead, qtRead);
        QCOMPARE(ownHeaders, qtHeaders);
        QCOMPARE(ownError, qtError);
        QVERIFY2(qtRead.endsWith(u" ok") || qtRead.endsWith(u" no"), qPrintable(qtRead));
    }

    void requestOnTheWire()
    {
        ScriptedServer server;
        server.answers.append({"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"});
        UpstreamClientPool pool;
        const QUrl url = server.url(QStringLiteral("/v1/chat/completions?a=1"));
        const Outcome outcome = runToEnd(pool.post(jsonRequest(url), R"({"model":"m"})"));
        QCOMPARE(outcome.status, 200);
        QCOMPARE(outcome.metaDataSignals, 1);
        QCOMPARE(server.requests.size(), 1);
        const QByteArray request = server.requests.first();
        QVERIFY2(request.startsWith("POST /v1/chat/completions?a=1 HTTP/1.1\r\n"), request);
        QVERIFY(request.contains("\r\nHost: 127.0.0.1:" + QByteArray::number(url.port()) + "\r\n"));
        QVERIFY(request.contains("\r\nAuthorization: Bearer sk-test\r\n"));
        QVERIFY(request.contains("\r\nContent-Length: 13\r\n"));
        QVERIFY(request.endsWith("\r\n\r\n{\"model\":\"m\"}"));
    }

    void keepAliveReusesTheConnection()
    {
        ScriptedServer server;
        for (int i = 0; i < 3; ++i)
            server.answers.append(
                {"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" + QByteArray::number(i)});
        UpstreamClientPool pool;
        for (int i = 0; i < 3; ++i) {
            const Outcome outcome = runToEnd(pool.get(QNetworkRequest(server.url("/models"))));
            QCOMPARE(outcome.body, QByteArray::number(i));
        }
        QCOMPARE(server.connections, 1);
        QCOMPARE(pool.idleConnectionCount(), 1);
    }

    void connectionCloseIsNotReused()
    {
        ScriptedServer server;
        server.answers.append(
            {"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\na", true});
        server.answers.append({"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb"});
        UpstreamClientPool pool;
        QCOMPARE(runToEnd(pool.get(QNetworkRequest(server.url("/")))).body, QByteArray("a"));
        QCOMPARE(runToEnd(pool.get(QNetworkRequest(server.url("/")))).body, QByteArray("b"));
        QCOMPARE(server.connections, 2);
    }

    void idleConnectionClosedByTheServer()
    {
        // The server closes a keep-alive connection after answering (as idle timeouts do):
        // the next request must not fail because of it.
        ScriptedServer server;
        server.answers.append({"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na", true});
        server.answers.append({"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb"});
        UpstreamClientPool pool;
        QCOMPARE(runToEnd(pool.get(QNetworkRequest(server.url("/")))).body, QByteArray("a"));
        const Outcome second = runToEnd(pool.get(QNetworkRequest(server.url("/"))));
        QCOMPARE(second.error, QNetworkReply::NoError);
        QCOMPARE(second.body, QByteArray("b"));
        QCOMPARE(server.connections, 2);
    }

    void concurrentRequestsOpenConnectionsAsNeeded()
    {
        // More than QNAM's 6 per host, all in flight at once.
        ScriptedServer server;
        constexpr int kCount = 10;
        for (int i = 0; i < kCount; ++i)
            server.answers.append({"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"});
        UpstreamClientPool pool;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < kCount; ++i)
            replies.append(pool.post(jsonRequest(server.url("/")), "{}"));
        for (QNetworkReply *reply : replies)
            QCOMPARE(runToEnd(reply).body, QByteArray("ok"));
        QCOMPARE(server.connections, kCount);
        QCOMPARE(pool.idleConnectionCount(), kCount);
    }

    void abortClosesTheConnectionAndFinishesAtOnce()
    {
        ScriptedServer server;
        server.answers.append({{}, false, false, true});
        UpstreamClientPool pool;
        QPointer<QNetworkReply> reply = pool.post(jsonRequest(server.url("/")), "{}");
        QTRY_COMPARE(server.requests.size(), 1);
        QSignalSpy finished(reply.data(), &QNetworkReply::finished);
        reply->abort();
        QCOMPARE(finished.size(), 1); // synchronously, as QNAM does
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        QTRY_COMPARE(server.disconnections, 1);
        QCOMPARE(pool.idleConnectionCount(), 0);
        delete reply.data();
    }

    void strayBytesOnAnIdleConnection()
    {
        // After its answer the server says more on the kept-alive connection (a second answer
        // nobody asked for). The bytes are in the kernel before the gateway's event loop has
        // looked at them: the next request must still not take that connection.
        ScriptedServer server;
        server.answers.append({"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"});
        server.answers.append({"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb"});
        UpstreamClientPool pool;
        QCOMPARE(runToEnd(pool.get(QNetworkRequest(server.url("/")))).body, QByteArray("a"));
        QCOMPARE(pool.idleConnectionCount(), 1);
        QVERIFY(server.lastSocket);
        server.lastSocket->write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstray");
        QVERIFY(server.lastSocket->flush()); // into the kernel now, no event loop pass
        const Outcome second = runToEnd(pool.get(QNetworkRequest(server.url("/"))));
        QCOMPARE(second.body, QByteArray("b"));
        QCOMPARE(server.connections, 2);
    }

    void headersWithLineBreaksAreNeverSent_data()
    {
        QTest::addColumn<bool>("builtin");
        QTest::addColumn<QByteArray>("value");
        for (const bool builtin : {true, false}) {
            const char *client = builtin ? "own client" : "QNAM";
            QTest::addRow("%s, CR LF", client) << builtin << QByteArray("a\r\nX-Injected: 1");
            QTest::addRow("%s, NUL", client) << builtin << QByteArray("a\0b", 3);
        }
    }

    void headersWithLineBreaksAreNeverSent()
    {
        QFETCH(bool, builtin);
        QFETCH(QByteArray, value);
        ScriptedServer server;
        UpstreamClientPool pool;
        pool.setBuiltinHttpClientEnabled(builtin);
        QNetworkRequest request = jsonRequest(server.url("/"));
        request.setRawHeader("anthropic-beta", value);
        QByteArray name;
        QVERIFY(UpstreamClientPool::hasForbiddenHeaderBytes(request, &name));
        QCOMPARE(name, QByteArray("anthropic-beta"));
        QNetworkReply *reply = pool.post(request, "{}");
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QCOMPARE(finished.size(), 0); // never before the caller could connect
        const Outcome outcome = runToEnd(reply);
        QCOMPARE(outcome.error, QNetworkReply::ProtocolInvalidOperationError);
        QCOMPARE(server.connections, 0);
        QVERIFY(server.requests.isEmpty());
    }

    void connectionRefused()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        UpstreamClientPool pool;
        const Outcome outcome = runToEnd(
            pool.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)))));
        QCOMPARE(outcome.error, QNetworkReply::ConnectionRefusedError);
        QCOMPARE(outcome.status, 0);
    }
};

QTEST_GUILESS_MAIN(TestUpstreamHttpReply)
#include "TestUpstreamHttpReply.moc"
