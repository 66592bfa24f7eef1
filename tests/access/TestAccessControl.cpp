// Access control over real loopback sockets (SPEC §5): token, Host, Origin and CORS are
// enforced before any upstream request, and nothing of the client's credentials reaches it.
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "RawHttpClient.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

namespace {
const QByteArray kToken = QByteArrayLiteral("llmgw-test-token-7f3a");
const QString kUpstreamKey = QStringLiteral("sk-upstream-secret-9c1e");
const QByteArray kChatBody =
    QByteArrayLiteral(R"({"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]})");
} // namespace

class TestAccessControl : public QObject
{
    Q_OBJECT

private:
    FakeUpstream *m_upstream = nullptr;
    GatewayHarness *m_gateway = nullptr;

    QByteArray hostPort() const
    {
        return "127.0.0.1:" + QByteArray::number(m_gateway->baseUrl().port());
    }

    /// Sends exact bytes (so the Host header is the test's) and waits for the answer.
    RawHttpResponse sendRaw(const QByteArray &bytes)
    {
        RawHttpClient client(m_gateway->baseUrl());
        if (!client.connectToServer())
            return {};
        if (bytes.startsWith("HEAD "))
            client.expectHeadResponse();
        client.sendRaw(bytes);
        client.waitForResponse();
        return client.response();
    }

    static QByteArray requestBytes(const QByteArray &method, const QByteArray &path,
                                   const QList<QByteArray> &headerLines,
                                   const QByteArray &body = QByteArray())
    {
        QByteArray out = method + ' ' + path + " HTTP/1.1\r\n";
        for (const QByteArray &line : headerLines)
            out += line + "\r\n";
        if (!body.isEmpty() || method == "POST")
            out += "Content-Type: application/json\r\nContent-Length: " +
                   QByteArray::number(body.size()) + "\r\n";
        return out + "\r\n" + body;
    }

private Q_SLOTS:
    void init()
    {
        RawHttpClient::defaultHeaders().clear(); // every header of these tests is explicit
        m_upstream = new FakeUpstream(this);
        QVERIFY(m_upstream->listen());
        m_upstream->setChatReply(
            FakeReply::chatCompletion(QStringLiteral("gpt-4o"), QStringLiteral("hello")));
        m_upstream->setModelIds({QStringLiteral("gpt-4o")});
        m_gateway = new GatewayHarness(this);
        m_gateway->addOpenAiProvider(QStringLiteral("openai"), m_upstream->baseUrl(), kUpstreamKey);
        m_gateway->addRoute(QStringLiteral("gpt-"), QStringLiteral("openai"));
        m_gateway->config().allowedOrigins = {QStringLiteral("http://localhost:5173")};
        m_gateway->config().access.requireToken = true;
        m_gateway->config().access.token = QString::fromLatin1(kToken);
        QVERIFY(m_gateway->start());
    }

    void cleanup()
    {
        delete m_gateway;
        delete m_upstream;
        m_gateway = nullptr;
        m_upstream = nullptr;
    }

    void refusedBeforeUpstream_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QList<QByteArray>>("headers"); // "HOST" stands for the right Host line
        QTest::addColumn<int>("status");
        const QByteArray auth = "Authorization: Bearer " + kToken;
        const QByteArray chat = "/v1/chat/completions";
        QTest::newRow("no token") << QByteArray("POST") << chat << QList<QByteArray>{"HOST"} << 401;
        QTest::newRow("wrong bearer")
            << QByteArray("POST") << chat << QList<QByteArray>{"HOST", "Authorization: Bearer nope"}
            << 401;
        QTest::newRow("wrong x-api-key")
            << QByteArray("POST") << chat << QList<QByteArray>{"HOST", "x-api-key: " + kToken + "x"}
            << 401;
        QTest::newRow("token prefix")
            << QByteArray("POST") << chat << QList<QByteArray>{"HOST", auth.left(auth.size() - 1)}
            << 401;
        QTest::newRow("anthropic path, no token")
            << QByteArray("POST") << QByteArray("/v1/messages") << QList<QByteArray>{"HOST"} << 401;
        QTest::newRow("models, no token")
            << QByteArray("GET") << QByteArray("/v1/models") << QList<QByteArray>{"HOST"} << 401;
        QTest::newRow("Host evil.example")
            << QByteArray("POST") << chat << QList<QByteArray>{"Host: evil.example", auth} << 403;
        QTest::newRow("Host evil.example:port")
            << QByteArray("POST") << chat << QList<QByteArray>{"Host: evil.example:PORT", auth}
            << 403;
        QTest::newRow("Host 127.0.0.1.evil.example")
            << QByteArray("POST") << chat
            << QList<QByteArray>{"Host: 127.0.0.1.evil.example:PORT", auth} << 403;
        QTest::newRow("Host decimal IP") << QByteArray("POST") << chat
                                         << QList<QByteArray>{"Host: 2130706433:PORT", auth} << 403;
        QTest::newRow("Host 0.0.0.0")
            << QByteArray("POST") << chat << QList<QByteArray>{"Host: 0.0.0.0:PORT", auth} << 403;
        QTest::newRow("Host 127.1")
            << QByteArray("POST") << chat << QList<QByteArray>{"Host: 127.1:PORT", auth} << 403;
        QTest::newRow("Host other port")
            << QByteArray("POST") << chat << QList<QByteArray>{"Host: 127.0.0.1:1", auth} << 403;
        QTest::newRow("no Host") << QByteArray("POST") << chat << QList<QByteArray>{auth} << 403;
        QTest::newRow("Host rebinding on models")
            << QByteArray("GET") << QByteArray("/v1/models")
            << QList<QByteArray>{"Host: evil.example:PORT", auth} << 403;
        QTest::newRow("Host rebinding on health")
            << QByteArray("GET") << QByteArray("/health")
            << QList<QByteArray>{"Host: evil.example:PORT"} << 403;
        QTest::newRow("foreign Origin, simple request")
            << QByteArray("POST") << chat
            << QList<QByteArray>{"HOST", auth, "Origin: https://evil.example"} << 403;
        QTest::newRow("foreign Origin on localhost port")
            << QByteArray("POST") << chat
            << QList<QByteArray>{"HOST", auth, "Origin: http://localhost:5174"} << 403;
        QTest::newRow("Origin null")
            << QByteArray("POST") << chat << QList<QByteArray>{"HOST", auth, "Origin: null"} << 403;
        QTest::newRow("foreign Origin, preflight")
            << QByteArray("OPTIONS") << chat
            << QList<QByteArray>{"HOST", "Origin: https://evil.example",
                                 "Access-Control-Request-Method: POST",
                                 "Access-Control-Request-Headers: authorization, content-type"}
            << 403;
        QTest::newRow("cross-site no-cors GET")
            << QByteArray("GET") << QByteArray("/v1/models")
            << QList<QByteArray>{"HOST", auth, "Sec-Fetch-Site: cross-site"} << 403;
    }

    void refusedBeforeUpstream()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QList<QByteArray>, headers);
        QFETCH(int, status);
        const QByteArray port = QByteArray::number(m_gateway->baseUrl().port());
        for (QByteArray &line : headers) {
            if (line == "HOST")
                line = "Host: " + hostPort();
            line.replace("PORT", port);
        }
        const RawHttpResponse response = sendRaw(
            requestBytes(method, path, headers, method == "POST" ? kChatBody : QByteArray()));
        QCOMPARE(response.status, status);
        QVERIFY(!response.hasHeader("access-control-allow-origin"));
        if (method != "OPTIONS") {
            const QJsonObject error = response.json().value(QStringLiteral("error")).toObject();
            QVERIFY2(!error.value(QStringLiteral("message")).toString().isEmpty(),
                     response.body.constData());
            QVERIFY(!response.body.contains(kToken));
        }
        if (status == 401)
            QVERIFY(response.header("www-authenticate").startsWith("Bearer"));
        // Refused before anything reached the provider, the model list included.
        QTest::qWait(50);
        QCOMPARE(m_upstream->requests().size(), 0);
    }

    void acceptedForms_data()
    {
        QTest::addColumn<QByteArray>("hostLine");
        QTest::addColumn<QByteArray>("authLine");
        QTest::newRow("Bearer, 127.0.0.1")
            << QByteArray("Host: 127.0.0.1:PORT") << QByteArray("Authorization: Bearer " + kToken);
        QTest::newRow("x-api-key, localhost")
            << QByteArray("Host: localhost:PORT") << QByteArray("x-api-key: " + kToken);
        QTest::newRow("bearer lower case, LOCALHOST")
            << QByteArray("Host: LOCALHOST:PORT") << QByteArray("authorization: bearer " + kToken);
    }

    void acceptedForms()
    {
        QFETCH(QByteArray, hostLine);
        QFETCH(QByteArray, authLine);
        hostLine.replace("PORT", QByteArray::number(m_gateway->baseUrl().port()));
        const RawHttpResponse response =
            sendRaw(requestBytes("POST", "/v1/chat/completions", {hostLine, authLine}, kChatBody));
        QCOMPARE(response.status, 200);
        QCOMPARE(m_upstream->chatRequests().size(), 1);
    }

    void healthNeedsNoToken()
    {
        const RawHttpResponse response =
            sendRaw(requestBytes("GET", "/health", {"Host: " + hostPort()}));
        QCOMPARE(response.status, 200);
        QVERIFY(!response.body.contains(kUpstreamKey.toUtf8()));
    }

    void allowedOriginGetsCors()
    {
        const QByteArray origin = "Origin: http://localhost:5173";
        const RawHttpResponse preflight = sendRaw(
            requestBytes("OPTIONS", "/v1/chat/completions",
                         {"Host: " + hostPort(), origin, "Access-Control-Request-Method: POST",
                          "Access-Control-Request-Headers: authorization, content-type",
                          "Access-Control-Request-Private-Network: true"}));
        QCOMPARE(preflight.status, 204);
        QCOMPARE(preflight.header("access-control-allow-origin"),
                 QByteArray("http://localhost:5173"));
        QCOMPARE(preflight.header("access-control-allow-private-network"), QByteArray("true"));
        QVERIFY(preflight.header("access-control-allow-methods").contains("POST"));
        QVERIFY(preflight.header("access-control-allow-headers").contains("authorization"));
        QCOMPARE(m_upstream->requests().size(), 0);

        const RawHttpResponse post = sendRaw(requestBytes(
            "POST", "/v1/chat/completions",
            {"Host: " + hostPort(), origin, "Authorization: Bearer " + kToken}, kChatBody));
        QCOMPARE(post.status, 200);
        QCOMPARE(post.header("access-control-allow-origin"), QByteArray("http://localhost:5173"));
        QCOMPARE(post.header("vary"), QByteArray("Origin"));

        // Even a refused request from the allowed origin can be read by that page.
        const RawHttpResponse unauthorized = sendRaw(requestBytes(
            "POST", "/v1/chat/completions", {"Host: " + hostPort(), origin}, kChatBody));
        QCOMPARE(unauthorized.status, 401);
        QCOMPARE(unauthorized.header("access-control-allow-origin"),
                 QByteArray("http://localhost:5173"));
        QCOMPARE(m_upstream->chatRequests().size(), 1);
    }

    void forwardedHeaderHygiene()
    {
        QByteArray body = kChatBody;
        body.replace("{\"model\"", "{\"api_base\":\"http://127.0.0.1:1/v1\",\"base_url\":"
                                   "\"http://127.0.0.1:1/v1\",\"api_key\":\"sk-client\",\"model\"");
        const RawHttpResponse response = sendRaw(requestBytes(
            "POST", "/v1/chat/completions",
            {"Host: " + hostPort(), "Authorization: Bearer " + kToken, "x-api-key: " + kToken,
             "Cookie: session=abc123", "Proxy-Authorization: Basic Zm9vOmJhcg==",
             "Connection: keep-alive, X-Secret-Hop", "X-Secret-Hop: 1", "Keep-Alive: timeout=5",
             "TE: trailers", "X-Forwarded-Host: evil.example", "Forwarded: host=evil.example",
             "X-Api-Base: http://127.0.0.1:1/v1", "OpenAI-Organization: org-client",
             "anthropic-version: 2023-06-01"},
            body));
        QCOMPARE(response.status, 200);
        QCOMPARE(m_upstream->chatRequests().size(), 1);
        const RecordedRequest upstream = m_upstream->lastChatRequest();
        // The provider's own key, and nothing of the client's credentials.
        QCOMPARE(upstream.header("authorization"), "Bearer " + kUpstreamKey.toUtf8());
        for (const QByteArray name :
             {"x-api-key", "cookie", "proxy-authorization", "x-secret-hop", "keep-alive", "te",
              "x-forwarded-host", "forwarded", "x-api-base", "openai-organization"}) {
            QVERIFY2(!upstream.hasHeader(name), name.constData());
        }
        for (const auto &h : upstream.headers)
            QVERIFY2(!h.second.contains(kToken), h.first.constData());
        // Body fields cannot choose the upstream: the request went to the configured URL.
        QCOMPARE(upstream.path, QByteArray("/v1/chat/completions"));
    }

    void anthropicProviderHygiene()
    {
        GatewayConfig config = m_gateway->config();
        ProviderSettings anthropic;
        anthropic.id = QStringLiteral("anthropic");
        anthropic.displayName = QStringLiteral("Anthropic");
        anthropic.type = ProviderType::Anthropic;
        anthropic.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_upstream->port()));
        config.providers.append(anthropic);
        config.routes.append(
            PrefixRule{QStringLiteral("claude-"), QStringLiteral("anthropic"), false});
        m_gateway->keys().insert(QStringLiteral("anthropic"), QStringLiteral("sk-ant-upstream-55"));
        m_gateway->stop();
        m_gateway->config() = config;
        QVERIFY(m_gateway->start());

        const QByteArray body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,"
                                "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        sendRaw(requestBytes(
            "POST", "/v1/messages",
            {"Host: " + hostPort(), "x-api-key: " + kToken, "Authorization: Bearer " + kToken,
             "Cookie: a=b", "anthropic-version: 2023-06-01",
             "anthropic-beta: prompt-caching-2024-07-31", "Proxy-Authorization: Basic eA=="},
            body));
        QVERIFY(!m_upstream->requests().isEmpty());
        const RecordedRequest upstream = m_upstream->requests().last();
        QCOMPARE(upstream.header("x-api-key"), QByteArray("sk-ant-upstream-55"));
        QCOMPARE(upstream.header("anthropic-version"), QByteArray("2023-06-01"));
        QCOMPARE(upstream.header("anthropic-beta"), QByteArray("prompt-caching-2024-07-31"));
        for (const QByteArray name : {"authorization", "cookie", "proxy-authorization"})
            QVERIFY2(!upstream.hasHeader(name), name.constData());
        for (const auto &h : upstream.headers)
            QVERIFY2(!h.second.contains(kToken), h.first.constData());
        QCOMPARE(upstream.path, QByteArray("/v1/messages"));
    }

    void providerPointingAtGatewayIsRefused()
    {
        GatewayConfig config = m_gateway->config();
        ProviderSettings self;
        self.id = QStringLiteral("self");
        self.displayName = QStringLiteral("loop");
        self.baseUrl = QUrl(m_gateway->baseUrl().toString() + QStringLiteral("/v1"));
        config.providers.append(self);
        ProviderSettings selfByName = self;
        selfByName.id = QStringLiteral("selfname");
        selfByName.baseUrl =
            QUrl(QStringLiteral("http://localhost:%1/v1").arg(m_gateway->baseUrl().port()));
        config.providers.append(selfByName);
        config.routes.append(PrefixRule{QStringLiteral("self-"), QStringLiteral("self"), false});
        config.routes.append(
            PrefixRule{QStringLiteral("name-"), QStringLiteral("selfname"), false});
        m_gateway->controller().applyConfig(config);
        QTest::qWait(50);

        for (const QByteArray model : {"self-model", "name-model"}) {
            QByteArray body = kChatBody;
            body.replace("gpt-4o", model);
            const RawHttpResponse response = sendRaw(
                requestBytes("POST", "/v1/chat/completions",
                             {"Host: " + hostPort(), "Authorization: Bearer " + kToken}, body));
            QCOMPARE(response.status, 502);
            QVERIFY(response.body.contains("points back at this gateway"));
        }
        // The model list leaves the looping providers out instead of asking itself forever.
        const RawHttpResponse models = sendRaw(requestBytes(
            "GET", "/v1/models", {"Host: " + hostPort(), "Authorization: Bearer " + kToken}));
        QCOMPARE(models.status, 200);
        QVERIFY(models.body.contains("gpt-4o"));
        QVERIFY(!models.body.contains("self/"));
    }

    void tokenOffOnLoopbackOnly()
    {
        // Loopback: the user may turn the token off.
        GatewayHarness open;
        open.addOpenAiProvider(QStringLiteral("openai"), m_upstream->baseUrl(), kUpstreamKey);
        open.addRoute(QStringLiteral("gpt-"), QStringLiteral("openai"));
        open.config().access.requireToken = false;
        QVERIFY(open.start());
        const RawHttpResponse response =
            RawHttpClient::fetch(open.baseUrl(), "POST", "/v1/chat/completions", kChatBody);
        QCOMPARE(response.status, 200);

        // Any other address: refused before listening, with the reason.
        GatewayHarness exposed;
        exposed.config().host = QStringLiteral("0.0.0.0");
        exposed.config().access.requireToken = false;
        QVERIFY(!exposed.start());
        QCOMPARE(exposed.controller().state(), GatewayController::State::Failed);
        QVERIFY(exposed.controller().errorMessage().contains(QLatin1String("loopback")));
    }
};

QTEST_GUILESS_MAIN(TestAccessControl)
#include "TestAccessControl.moc"
