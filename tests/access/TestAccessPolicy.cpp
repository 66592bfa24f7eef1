// Unit tests of the access decision (SPEC §5): Host, Origin, CORS and token, without sockets.
#include "gateway/AccessPolicy.h"
#include "http/IncomingRequest.h"

#include <QTest>

namespace {
constexpr quint16 kPort = 7352;
const QHostAddress kLoopback(QHostAddress::LocalHost);

IncomingRequest request(const QByteArray &method, const HeaderList &headers)
{
    IncomingRequest r;
    r.method = method;
    r.path = QStringLiteral("/v1/chat/completions");
    for (const auto &h : headers)
        r.headers.append({h.first.toLower(), h.second});
    return r;
}

GatewayConfig configWithToken(const QString &token)
{
    GatewayConfig config;
    config.access.token = token;
    config.allowedOrigins = {QStringLiteral("http://localhost:5173"),
                             QStringLiteral("https://Chat.Example.com/")};
    return config;
}

QByteArray headerOf(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}
} // namespace

class TestAccessPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostHeader_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<QString>("localAddress");
        QTest::addColumn<bool>("allowed");
        const QString lo = QStringLiteral("127.0.0.1");
        QTest::newRow("127.0.0.1:port") << QByteArray("127.0.0.1:7352") << lo << true;
        QTest::newRow("localhost:port") << QByteArray("localhost:7352") << lo << true;
        QTest::newRow("LOCALHOST:port") << QByteArray("LOCALHOST:7352") << lo << true;
        QTest::newRow("[::1]:port") << QByteArray("[::1]:7352") << QStringLiteral("::1") << true;
        QTest::newRow("evil.example") << QByteArray("evil.example:7352") << lo << false;
        QTest::newRow("evil.example no port") << QByteArray("evil.example") << lo << false;
        QTest::newRow("127.0.0.1.evil.example")
            << QByteArray("127.0.0.1.evil.example:7352") << lo << false;
        QTest::newRow("localhost.evil.example")
            << QByteArray("localhost.evil.example:7352") << lo << false;
        QTest::newRow("localhost. (FQDN)") << QByteArray("localhost.:7352") << lo << false;
        QTest::newRow("wrong port") << QByteArray("127.0.0.1:8080") << lo << false;
        QTest::newRow("no port") << QByteArray("127.0.0.1") << lo << false;
        QTest::newRow("empty port") << QByteArray("127.0.0.1:") << lo << false;
        QTest::newRow("decimal IP") << QByteArray("2130706433:7352") << lo << false;
        QTest::newRow("hex IP") << QByteArray("0x7f.0.0.1:7352") << lo << false;
        QTest::newRow("short IP") << QByteArray("127.1:7352") << lo << false;
        QTest::newRow("octal IP") << QByteArray("0177.0.0.1:7352") << lo << false;
        QTest::newRow("0.0.0.0") << QByteArray("0.0.0.0:7352") << lo << false;
        QTest::newRow("LAN IP not ours") << QByteArray("192.168.1.20:7352") << lo << false;
        QTest::newRow("LAN IP we were reached on")
            << QByteArray("192.168.1.20:7352") << QStringLiteral("192.168.1.20") << true;
        QTest::newRow("v4-mapped ours")
            << QByteArray("10.0.0.5:7352") << QStringLiteral("::ffff:10.0.0.5") << true;
        QTest::newRow("unbracketed IPv6") << QByteArray("::1:7352") << lo << false;
        QTest::newRow("bracketed name") << QByteArray("[localhost]:7352") << lo << false;
        QTest::newRow("userinfo") << QByteArray("user@127.0.0.1:7352") << lo << false;
        QTest::newRow("empty") << QByteArray("") << lo << false;
        QTest::newRow("port overflow") << QByteArray("127.0.0.1:73520") << lo << false;
        QTest::newRow("port sign") << QByteArray("127.0.0.1:+7352") << lo << false;
    }

    void hostHeader()
    {
        QFETCH(QByteArray, host);
        QFETCH(QString, localAddress);
        QFETCH(bool, allowed);
        QCOMPARE(AccessPolicy::isAllowedHostHeader(host, QHostAddress(localAddress), kPort),
                 allowed);
    }

    void origins_data()
    {
        QTest::addColumn<QString>("origin");
        QTest::addColumn<QString>("normalised");
        QTest::newRow("plain") << "http://localhost:5173"
                               << "http://localhost:5173";
        QTest::newRow("case and slash") << "HTTPS://Chat.Example.com/"
                                        << "https://chat.example.com";
        QTest::newRow("default port") << "https://chat.example.com:443"
                                      << "https://chat.example.com";
        QTest::newRow("ipv6") << "http://[::1]:3000"
                              << "http://[::1]:3000";
        QTest::newRow("star") << "*"
                              << "";
        QTest::newRow("null") << "null"
                              << "";
        QTest::newRow("path") << "http://localhost:5173/app"
                              << "";
        QTest::newRow("query") << "http://localhost:5173?x=1"
                               << "";
        QTest::newRow("no scheme") << "localhost:5173"
                                   << "";
        QTest::newRow("empty") << ""
                               << "";
    }

    void origins()
    {
        QFETCH(QString, origin);
        QFETCH(QString, normalised);
        QCOMPARE(AccessPolicy::normaliseOrigin(origin), normalised);
    }

    void token_data()
    {
        QTest::addColumn<HeaderList>("headers");
        QTest::addColumn<int>("verdict");
        const auto host = qMakePair(QByteArray("Host"), QByteArray("127.0.0.1:7352"));
        const int allow = int(AccessPolicy::Verdict::Allow);
        const int unauthorized = int(AccessPolicy::Verdict::Unauthorized);
        QTest::newRow("none") << HeaderList{host} << unauthorized;
        QTest::newRow("bearer") << HeaderList{host, {"Authorization", "Bearer s3cret"}} << allow;
        QTest::newRow("bearer lower case scheme")
            << HeaderList{host, {"Authorization", "bearer s3cret"}} << allow;
        QTest::newRow("x-api-key") << HeaderList{host, {"x-api-key", "s3cret"}} << allow;
        QTest::newRow("wrong bearer")
            << HeaderList{host, {"Authorization", "Bearer s3cre"}} << unauthorized;
        QTest::newRow("longer bearer")
            << HeaderList{host, {"Authorization", "Bearer s3cret2"}} << unauthorized;
        QTest::newRow("basic scheme")
            << HeaderList{host, {"Authorization", "Basic s3cret"}} << unauthorized;
        QTest::newRow("bare token in Authorization")
            << HeaderList{host, {"Authorization", "s3cret"}} << unauthorized;
        QTest::newRow("wrong x-api-key") << HeaderList{host, {"x-api-key", "nope"}} << unauthorized;
        QTest::newRow("dummy bearer, right x-api-key")
            << HeaderList{host, {"Authorization", "Bearer dummy"}, {"x-api-key", "s3cret"}}
            << allow;
    }

    void token()
    {
        QFETCH(HeaderList, headers);
        QFETCH(int, verdict);
        const AccessPolicy policy(configWithToken(QStringLiteral("s3cret")));
        const auto decision = policy.check(
            request("POST", headers), QStringLiteral("/v1/chat/completions"), kLoopback, kPort);
        QCOMPARE(int(decision.verdict), verdict);
        // A refusal never repeats what the client presented.
        QVERIFY(!decision.message.contains(QLatin1String("dummy")));
        QVERIFY(!decision.message.contains(QLatin1String("s3cre")));
    }

    void emptyTokenRefusesEverything()
    {
        const AccessPolicy policy(configWithToken(QString()));
        const auto decision = policy.check(
            request("POST", {{"Host", "127.0.0.1:7352"}, {"Authorization", "Bearer "}}),
            QStringLiteral("/v1/chat/completions"), kLoopback, kPort);
        QCOMPARE(decision.verdict, AccessPolicy::Verdict::Unauthorized);
        QVERIFY(decision.message.contains(QLatin1String("LLM_GATEWAY_TOKEN")));
    }

    void tokenOffOnlyOnLoopback()
    {
        GatewayConfig config = configWithToken(QString());
        config.access.requireToken = false;
        const auto open =
            AccessPolicy(config).check(request("GET", {{"Host", "127.0.0.1:7352"}}),
                                       QStringLiteral("/v1/models"), kLoopback, kPort);
        QCOMPARE(open.verdict, AccessPolicy::Verdict::Allow);
        QVERIFY(AccessPolicy::listenRefusal(config).isEmpty());

        config.host = QStringLiteral("0.0.0.0");
        QVERIFY(AccessPolicy(config).tokenRequired());
        QVERIFY(AccessPolicy::listenRefusal(config).contains(QLatin1String("0.0.0.0")));
        config.access.requireToken = true;
        QVERIFY(!AccessPolicy::listenRefusal(config).isEmpty()); // on, but no token set
        config.access.token = QStringLiteral("t");
        QVERIFY(AccessPolicy::listenRefusal(config).isEmpty());
        config.host = QStringLiteral("::1");
        config.access.requireToken = false;
        QVERIFY(AccessPolicy::listenRefusal(config).isEmpty());
    }

    void originAndPreflight()
    {
        const AccessPolicy policy(configWithToken(QStringLiteral("s3cret")));
        const auto foreign = policy.check(request("POST", {{"Host", "127.0.0.1:7352"},
                                                           {"Origin", "https://evil.example"},
                                                           {"Authorization", "Bearer s3cret"}}),
                                          QStringLiteral("/v1/chat/completions"), kLoopback, kPort);
        QCOMPARE(foreign.verdict, AccessPolicy::Verdict::Forbidden);
        QVERIFY(foreign.corsHeaders.isEmpty());

        const auto preflight = policy.check(
            request("OPTIONS", {{"Host", "localhost:7352"},
                                {"Origin", "https://chat.example.com"},
                                {"Access-Control-Request-Method", "POST"},
                                {"Access-Control-Request-Headers", "authorization, content-type"},
                                {"Access-Control-Request-Private-Network", "true"}}),
            QStringLiteral("/v1/chat/completions"), kLoopback, kPort);
        QCOMPARE(preflight.verdict, AccessPolicy::Verdict::Preflight);
        QCOMPARE(headerOf(preflight.corsHeaders, "Access-Control-Allow-Origin"),
                 QByteArray("https://chat.example.com"));
        QCOMPARE(headerOf(preflight.corsHeaders, "Access-Control-Allow-Private-Network"),
                 QByteArray("true"));
        QCOMPARE(headerOf(preflight.corsHeaders, "Access-Control-Allow-Headers"),
                 QByteArray("authorization, content-type"));

        const auto foreignPreflight =
            policy.check(request("OPTIONS", {{"Host", "localhost:7352"},
                                             {"Origin", "http://localhost:5174"},
                                             {"Access-Control-Request-Method", "POST"}}),
                         QStringLiteral("/v1/chat/completions"), kLoopback, kPort);
        QCOMPARE(foreignPreflight.verdict, AccessPolicy::Verdict::Forbidden);

        // A no-cors request from another site carries no Origin, but says where it is from.
        const auto noCors = policy.check(request("GET", {{"Host", "127.0.0.1:7352"},
                                                         {"Sec-Fetch-Site", "cross-site"},
                                                         {"Authorization", "Bearer s3cret"}}),
                                         QStringLiteral("/v1/models"), kLoopback, kPort);
        QCOMPARE(noCors.verdict, AccessPolicy::Verdict::Forbidden);

        // The allowed origin gets its CORS headers on the real request too, never "*".
        const auto allowed = policy.check(request("POST", {{"Host", "127.0.0.1:7352"},
                                                           {"Origin", "http://localhost:5173"},
                                                           {"x-api-key", "s3cret"}}),
                                          QStringLiteral("/v1/chat/completions"), kLoopback, kPort);
        QCOMPARE(allowed.verdict, AccessPolicy::Verdict::Allow);
        QCOMPARE(headerOf(allowed.corsHeaders, "Access-Control-Allow-Origin"),
                 QByteArray("http://localhost:5173"));
    }

    void duplicateHostRefused()
    {
        const AccessPolicy policy(configWithToken(QStringLiteral("s3cret")));
        const auto decision = policy.check(request("GET", {{"Host", "127.0.0.1:7352"},
                                                           {"Host", "evil.example"},
                                                           {"x-api-key", "s3cret"}}),
                                           QStringLiteral("/v1/models"), kLoopback, kPort);
        QCOMPARE(decision.verdict, AccessPolicy::Verdict::Forbidden);
    }

    void secretsEqual()
    {
        QVERIFY(AccessPolicy::secretsEqual("abc", "abc"));
        QVERIFY(!AccessPolicy::secretsEqual("abc", "abd"));
        QVERIFY(!AccessPolicy::secretsEqual("abc", "abcd"));
        QVERIFY(!AccessPolicy::secretsEqual("", "a"));
        QVERIFY(AccessPolicy::secretsEqual("", ""));
        // Longer or shorter by one, a prefix, bytes past the expected end, high bytes.
        QVERIFY(!AccessPolicy::secretsEqual("abcd", "abc"));
        QVERIFY(!AccessPolicy::secretsEqual("a", ""));
        QVERIFY(!AccessPolicy::secretsEqual("ab", QByteArray("ab\0", 3)));
        QVERIFY(!AccessPolicy::secretsEqual(QByteArray("ab\0", 3), "ab"));
        QVERIFY(!AccessPolicy::secretsEqual("\xff", "\x7f"));
        QVERIFY(AccessPolicy::secretsEqual("\xffllmgw", "\xffllmgw"));
        QVERIFY(!AccessPolicy::secretsEqual("llmgw-x", "llmgw-y"));
    }

    void generatedTokens()
    {
        const QString a = AccessPolicy::generateToken();
        const QString b = AccessPolicy::generateToken();
        QVERIFY(a != b);
        QVERIFY(a.startsWith(QLatin1String("llmgw-")));
        QCOMPARE(a.size(), 6 + 43); // 32 random bytes, base64url without padding
    }
};

QTEST_GUILESS_MAIN(TestAccessPolicy)
#include "TestAccessPolicy.moc"
