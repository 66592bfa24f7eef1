#include "GatewayHarness.h"

#include "RawHttpClient.h"
#include "TestTls.h"
#include "requestlog/RequestRecord.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

GatewayHarness::GatewayHarness(QObject *parent) : QObject(parent)
{
    m_config.host = QStringLiteral("127.0.0.1");
    m_config.port = 0; // the OS picks; baseUrl() tells which
    // Generous defaults for a loaded machine; tests that probe a limit set it small.
    m_config.limits.upstreamConnectTimeoutMs = 20000;
    m_config.limits.upstreamIdleTimeoutMs = 20000;
    m_config.limits.clientIdleTimeoutMs = 30000;
    // The token is on, as in a real installation; the test clients present it.
    m_config.access.requireToken = true;
    m_config.access.token = QString::fromLatin1(accessToken());
    RawHttpClient::defaultHeaders() = {
        {QByteArrayLiteral("Authorization"), "Bearer " + accessToken()}};
}

QByteArray GatewayHarness::accessToken()
{
    return QByteArrayLiteral("e2e-local-access-token-0123456789");
}

GatewayHarness::~GatewayHarness()
{
    stop();
}

void GatewayHarness::addOpenAiGptRoute(const QUrl &baseUrl)
{
    addOpenAiProvider(QStringLiteral("openai"), baseUrl, QStringLiteral("sk-test"));
    addRoute(QStringLiteral("gpt-"), QStringLiteral("openai"));
}

QByteArray GatewayHarness::chatBody(const QString &model, bool stream, QJsonObject extra)
{
    extra.insert(QStringLiteral("model"), model);
    extra.insert(QStringLiteral("stream"), stream);
    if (!extra.contains(QStringLiteral("messages")))
        extra.insert(QStringLiteral("messages"),
                     QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                            {QStringLiteral("content"), QStringLiteral("Hi")}}});
    return QJsonDocument(extra).toJson(QJsonDocument::Compact);
}

void GatewayHarness::addOpenAiProvider(const QString &id, const QUrl &baseUrl, const QString &key)
{
    ProviderSettings provider;
    provider.id = id;
    provider.displayName = id;
    provider.type = ProviderType::OpenAi;
    provider.baseUrl = baseUrl;
    provider.enabled = true;
    m_config.providers.append(provider);
    if (!key.isEmpty())
        m_keys.insert(id, key);
}

void GatewayHarness::addRoute(const QString &prefix, const QString &providerId, bool stripPrefix)
{
    m_config.routes.append(PrefixRule{prefix, providerId, stripPrefix});
}

void GatewayHarness::addAlias(const QString &name, const QString &providerId, const QString &model)
{
    m_config.aliases.append(ModelAlias{name, providerId, model});
}

bool GatewayHarness::start(int timeoutMs)
{
    QSignalSpy serving(&m_controller, &GatewayController::serving);
    QSignalSpy failed(&m_controller, &GatewayController::failed);
    // The e2e suites run twice in ctest: once on the gateway's own HTTP/1.1 client for
    // plain-http upstreams (the default), once on QNetworkAccessManager, the path HTTPS
    // providers always take.
    if (qEnvironmentVariable("LLMGW_TEST_UPSTREAM_CLIENT") == QLatin1String("qt"))
        m_config.builtinHttpClient = false;
    // HTTPS fakes (LLMGW_TEST_UPSTREAM_TLS=1) carry certificates of the test CA, trusted as a
    // user would trust a private CA: through the provider's CA file.
    if (m_trustTestCa) {
        for (ProviderSettings &provider : m_config.providers) {
            if (provider.baseUrl.scheme() == QLatin1String("https") && provider.caFile.isEmpty())
                provider.caFile = TestTls::caFile();
        }
    }
    m_controller.start(m_config, m_keys);
    [[maybe_unused]] const bool settled =
        QTest::qWaitFor([&] { return !serving.isEmpty() || !failed.isEmpty(); }, timeoutMs);
    if (!failed.isEmpty())
        qWarning("The gateway failed to start: %s", qPrintable(m_controller.errorMessage()));
    return !serving.isEmpty() && m_controller.state() == GatewayController::State::Serving;
}

void GatewayHarness::stop()
{
    m_controller.stop();
}

quint16 GatewayHarness::closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

std::optional<RequestRecord> GatewayHarness::awaitRecord(QSignalSpy &finished,
                                                         const QByteArray &requestId, int timeoutMs)
{
    const auto find = [&finished, &requestId]() -> std::optional<RequestRecord> {
        for (const QList<QVariant> &arguments : std::as_const(finished)) {
            auto record = arguments.first().value<RequestRecord>();
            if (!requestId.isEmpty() && record.id == requestId)
                return record;
        }
        return std::nullopt;
    };
    QTest::qWaitFor([&find] { return find().has_value(); }, timeoutMs);
    return find();
}
