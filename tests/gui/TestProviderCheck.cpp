// ProviderCheck: what "Test connection" says for each way a provider can fail, from the
// model-list answer (pure), and over real sockets for a working, a refusing and an absent one.
#include "FakeUpstream.h"
#include "status/ProviderCheck.h"

#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

namespace {
ProviderSettings provider(ProviderType type, const QString &base)
{
    ProviderSettings p;
    p.id = QStringLiteral("p");
    p.type = type;
    p.baseUrl = QUrl(base);
    return p;
}
} // namespace

class TestProviderCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void interpret_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<bool>("keySent");
        QTest::addColumn<int>("networkError");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("outcome");
        QTest::addColumn<QString>("mentions");
        using O = ProviderCheckResult::Outcome;
        const int openai = int(ProviderType::OpenAi);
        const int anthropic = int(ProviderType::Anthropic);
        QTest::newRow("ok") << openai << true << 0 << 200
                            << QByteArray(R"({"data":[{"id":"b"},{"id":"a"}]})") << int(O::Ok)
                            << "2 model";
        QTest::newRow("anthropic ok")
            << anthropic << true << 0 << 200 << QByteArray(R"({"data":[{"id":"claude-x"}]})")
            << int(O::Ok) << "1 model";
        QTest::newRow("dns") << openai << true << int(QNetworkReply::HostNotFoundError) << 0
                             << QByteArray() << int(O::HostNotFound) << "DNS";
        QTest::newRow("refused") << openai << false << int(QNetworkReply::ConnectionRefusedError)
                                 << 0 << QByteArray() << int(O::ConnectionRefused)
                                 << "connection refused";
        QTest::newRow("timeout") << openai << true << int(QNetworkReply::OperationCanceledError)
                                 << 0 << QByteArray() << int(O::Timeout) << "did not answer";
        QTest::newRow("tls") << openai << true << int(QNetworkReply::SslHandshakeFailedError) << 0
                             << QByteArray() << int(O::TlsFailure) << "CA file";
        QTest::newRow("bad key") << openai << true << 0 << 401
                                 << QByteArray(R"({"error":{"message":"Incorrect API key"}})")
                                 << int(O::Unauthorized) << "Incorrect API key";
        QTest::newRow("no key") << openai << false << 0 << 401 << QByteArray()
                                << int(O::Unauthorized) << "wants an API key";
        QTest::newRow("404 openai")
            << openai << true << 0 << 404 << QByteArray() << int(O::NotFound) << "/v1";
        QTest::newRow("404 anthropic")
            << anthropic << true << 0 << 404 << QByteArray() << int(O::NotFound) << "no /v1";
        QTest::newRow("rate limited")
            << openai << true << 0 << 429 << QByteArray() << int(O::RateLimited) << "429";
        QTest::newRow("server error")
            << openai << true << 0 << 503 << QByteArray() << int(O::ServerError) << "503";
        QTest::newRow("not a model list")
            << openai << true << 0 << 200 << QByteArray("<html>hello</html>") << int(O::BadResponse)
            << "not with a model list";
    }

    void interpret()
    {
        QFETCH(int, type);
        QFETCH(bool, keySent);
        QFETCH(int, networkError);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, outcome);
        QFETCH(QString, mentions);
        const ProviderCheckResult result = ProviderCheck::interpret(
            provider(ProviderType(type), QStringLiteral("https://api.example.com/v1")), keySent,
            networkError, QStringLiteral("detail"), status, body);
        QCOMPARE(int(result.outcome), outcome);
        QVERIFY2(result.message.contains(mentions), qPrintable(result.message));
        if (result.ok())
            QCOMPARE(result.models.first(),
                     result.models.size() == 2 ? QStringLiteral("a") : QStringLiteral("claude-x"));
    }

    void overRealSockets()
    {
        FakeUpstream upstream;
        QVERIFY(upstream.listen());
        upstream.setModelIds({QStringLiteral("m1")});
        ProviderCheck check;
        QSignalSpy finished(&check, &ProviderCheck::finished);
        check.start(provider(ProviderType::OpenAi, upstream.baseUrl().toString()),
                    QStringLiteral("k-1"));
        QVERIFY(check.isRunning());
        QVERIFY(finished.wait(10000));
        auto result = finished.last().first().value<ProviderCheckResult>();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.models, QStringList{QStringLiteral("m1")});
        QCOMPARE(upstream.requests().last().header("authorization"), QByteArray("Bearer k-1"));

        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        check.start(
            provider(ProviderType::OpenAi, QStringLiteral("http://127.0.0.1:%1/v1").arg(port)),
            QString());
        QVERIFY(finished.wait(10000));
        result = finished.last().first().value<ProviderCheckResult>();
        QCOMPARE(result.outcome, ProviderCheckResult::Outcome::ConnectionRefused);

        // A second start abandons the first: one answer only.
        upstream.setModelsReply(FakeReply::hang());
        check.start(provider(ProviderType::OpenAi, upstream.baseUrl().toString()), QString());
        check.start(
            provider(ProviderType::OpenAi, QStringLiteral("http://127.0.0.1:%1/v1").arg(port)),
            QString());
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().first().value<ProviderCheckResult>().outcome,
                 ProviderCheckResult::Outcome::ConnectionRefused);
        // The abandoned request's connection was closed, not left hanging at the provider.
        QTRY_COMPARE_WITH_TIMEOUT(upstream.answeringConnections(), 0, 10000);
        QVERIFY(!check.isRunning());
    }
};

QTEST_MAIN(TestProviderCheck)
#include "TestProviderCheck.moc"
