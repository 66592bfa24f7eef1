// End to end: what the desktop app asks of a running gateway without restarting it. Pause and
// resume (paused: 503 with words that say how to resume, /health still answers), and a new
// host or port applied live (the old port stops accepting; a taken port is reported and the
// old one stays in service).
#include "FakeReply.h"
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "RawHttpClient.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

namespace {
constexpr int kTimeoutMs = 20000;

RawHttpResponse chat(const QUrl &base)
{
    return RawHttpClient::fetch(base, "POST", "/v1/chat/completions",
                                GatewayHarness::chatBody(QStringLiteral("gpt-4o-mini"), false));
}
} // namespace

class TestGatewayControl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void pauseRefusesAndResumeServes();
    void portChangeAppliesLive();
    void takenPortKeepsTheOldOne();
    void failedStartRecoversWithAnotherPort();

private:
    std::unique_ptr<FakeUpstream> m_upstream;
    std::unique_ptr<GatewayHarness> m_gateway;
};

void TestGatewayControl::init()
{
    m_upstream = std::make_unique<FakeUpstream>();
    QVERIFY(m_upstream->listen());
    m_upstream->setChatReply(
        FakeReply::chatCompletion(QStringLiteral("gpt-4o-mini"), QStringLiteral("hello")));
    m_gateway = std::make_unique<GatewayHarness>();
    m_gateway->addOpenAiGptRoute(m_upstream->baseUrl());
}

void TestGatewayControl::cleanup()
{
    m_gateway.reset();
    m_upstream.reset();
}

void TestGatewayControl::pauseRefusesAndResumeServes()
{
    QVERIFY(m_gateway->start());
    QSignalSpy pausedSpy(&m_gateway->controller(), &GatewayController::pausedChanged);
    m_gateway->controller().setPaused(true);
    QCOMPARE(pausedSpy.count(), 1);
    QVERIFY(m_gateway->controller().isPaused());

    const RawHttpResponse refused = chat(m_gateway->baseUrl());
    QCOMPARE(refused.status, 503);
    QVERIFY2(refused.body.contains("paused") && refused.body.contains("Resume"), refused.body);
    QVERIFY(refused.hasHeader("retry-after"));
    QCOMPARE(m_upstream->chatRequests().size(), 0);

    const RawHttpResponse health = RawHttpClient::fetch(m_gateway->baseUrl(), "GET", "/health");
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json().value(QStringLiteral("paused")).toBool(), true);

    m_gateway->controller().setPaused(false);
    const RawHttpResponse served = chat(m_gateway->baseUrl());
    QCOMPARE(served.status, 200);
    QCOMPARE(m_upstream->chatRequests().size(), 1);
}

void TestGatewayControl::portChangeAppliesLive()
{
    QVERIFY(m_gateway->start());
    const QUrl oldBase = m_gateway->baseUrl();
    const quint16 newPort = GatewayHarness::closedPort();
    QVERIFY(newPort != 0);

    QSignalSpy serving(&m_gateway->controller(), &GatewayController::serving);
    GatewayConfig config = m_gateway->config();
    config.port = newPort;
    m_gateway->controller().applyConfig(config);
    QVERIFY(serving.wait(kTimeoutMs));
    QCOMPARE(m_gateway->baseUrl().port(), int(newPort));
    QCOMPARE(m_gateway->controller().state(), GatewayController::State::Serving);

    QCOMPARE(chat(m_gateway->baseUrl()).status, 200);
    // The old port no longer accepts connections.
    RawHttpClient old(oldBase);
    QVERIFY(!old.connectToServer(3000));
}

void TestGatewayControl::takenPortKeepsTheOldOne()
{
    QVERIFY(m_gateway->start());
    const QUrl oldBase = m_gateway->baseUrl();
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));

    QSignalSpy failed(&m_gateway->controller(), &GatewayController::addressChangeFailed);
    GatewayConfig config = m_gateway->config();
    config.port = squatter.serverPort();
    m_gateway->controller().applyConfig(config);
    QVERIFY(failed.wait(kTimeoutMs));
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("already in use")),
             qPrintable(failed.first().first().toString()));
    QCOMPARE(m_gateway->controller().state(), GatewayController::State::Serving);
    QCOMPARE(m_gateway->baseUrl(), oldBase);
    QCOMPARE(chat(oldBase).status, 200);
}

void TestGatewayControl::failedStartRecoversWithAnotherPort()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    m_gateway->config().port = squatter.serverPort();
    QVERIFY(!m_gateway->start());
    QCOMPARE(m_gateway->controller().state(), GatewayController::State::Failed);

    QSignalSpy serving(&m_gateway->controller(), &GatewayController::serving);
    GatewayConfig config = m_gateway->config();
    config.port = 0;
    m_gateway->controller().applyConfig(config);
    QVERIFY(serving.wait(kTimeoutMs));
    QCOMPARE(m_gateway->controller().state(), GatewayController::State::Serving);
    QCOMPARE(chat(m_gateway->baseUrl()).status, 200);
}

QTEST_GUILESS_MAIN(TestGatewayControl)
#include "TestGatewayControl.moc"
