#pragma once

#include "config/GatewayConfig.h"
#include "gateway/GatewayController.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <optional>

class QSignalSpy;
struct RequestRecord;

/// The real gateway, started in-process through GatewayController (in its own thread, as
/// the app runs it) on 127.0.0.1 with an OS-chosen port and the access token on, configured
/// by the test.
class GatewayHarness : public QObject
{
    Q_OBJECT

public:
    explicit GatewayHarness(QObject *parent = nullptr);
    ~GatewayHarness() override;

    /// Adjust before start(): providers, routes, aliases, limits. Starts with none of them.
    GatewayConfig &config() { return m_config; }
    ProviderKeys &keys() { return m_keys; }

    /// Adds an `openai`-type provider whose base URL is `baseUrl`, with `key` when not empty.
    void addOpenAiProvider(const QString &id, const QUrl &baseUrl, const QString &key = {});
    void addRoute(const QString &prefix, const QString &providerId, bool stripPrefix = false);
    void addAlias(const QString &name, const QString &providerId, const QString &model);
    /// The set-up most end-to-end tests share: provider "openai" at `baseUrl` with the key
    /// "sk-test", serving every model whose name starts with "gpt-".
    void addOpenAiGptRoute(const QUrl &baseUrl);

    /// False: HTTPS providers without a caFile are left so (by default start() gives them the
    /// test CA of tests/data/tls, which signs the fake upstreams' certificates).
    void setTrustTestCa(bool trust) { m_trustTestCa = trust; }

    /// Starts the gateway and waits until it serves (or failed).
    bool start(int timeoutMs = 10000);
    void stop();

    GatewayController &controller() { return m_controller; }
    /// e.g. http://127.0.0.1:40123
    QUrl baseUrl() const { return m_controller.baseUrl(); }

    /// The local access token the harness's gateway requires (SPEC §5); every RawHttpClient
    /// request carries it through RawHttpClient::defaultHeaders().
    static QByteArray accessToken();

    /// A port on 127.0.0.1 that nothing listens on (bound, then released).
    static quint16 closedPort();

    /// A chat completions request for `model` with `extra`'s members, by default asking one
    /// user message "Hi".
    static QByteArray chatBody(const QString &model, bool stream, QJsonObject extra = {});

    /// The log record of the call whose answer carried `requestId` (its x-request-id), among
    /// those `finished` (a spy on GatewayController::callFinished) caught, waiting up to
    /// `timeoutMs` for it. Records come in batches (RequestJournal::kGatherMs), so another
    /// call's record may come before it or with it.
    static std::optional<RequestRecord>
    awaitRecord(QSignalSpy &finished, const QByteArray &requestId, int timeoutMs = 10000);

private:
    GatewayConfig m_config;
    ProviderKeys m_keys;
    GatewayController m_controller;
    bool m_trustTestCa = true;
};
