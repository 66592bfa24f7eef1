// Secrets hygiene (SPEC §2, §5): the real binary runs with keys and the token in the
// environment and a .env file, serves requests (good, refused, failing upstream, streaming),
// and afterwards neither anything it printed nor any file it wrote holds a key or the token.
#include "FakeUpstream.h"
#include "RawHttpClient.h"

#include <QDirIterator>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QByteArray kOpenAiKey = QByteArrayLiteral("sk-hygiene-openai-4d1f9a");
const QByteArray kAnthropicKey = QByteArrayLiteral("sk-ant-hygiene-7b2c0e");
const QByteArray kDeepSeekKey = QByteArrayLiteral("sk-hygiene-deepseek-e5a8");
const QByteArray kToken = QByteArrayLiteral("llmgw-hygiene-token-93c1");
const QList<QByteArray> kSecrets{kOpenAiKey, kAnthropicKey, kDeepSeekKey, kToken};
} // namespace

class TestSecretsHygiene : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nothingLeaks()
    {
        FakeUpstream upstream;
        QVERIFY(upstream.listen());
        upstream.setModelIds({QStringLiteral("gpt-4o"), QStringLiteral("deepseek-chat")});
        // A careless provider that repeats the key in its error message.
        upstream.queueChatReply(FakeReply::error(
            401,
            QStringLiteral("Incorrect API key provided: %1.").arg(QString::fromLatin1(kOpenAiKey)),
            QStringLiteral("invalid_request_error"), QStringLiteral("invalid_api_key")));
        upstream.queueChatReply(FakeReply::contentStream(
            QStringLiteral("gpt-4o"), {QStringLiteral("a"), QStringLiteral("b")}));
        upstream.setChatReply(
            FakeReply::chatCompletion(QStringLiteral("deepseek-chat"), QStringLiteral("hello")));

        QTemporaryDir home;
        QTemporaryDir outside; // the user's own .env lives elsewhere and is not the app's
        const QString envFile = outside.filePath(QStringLiteral("keys.env"));
        {
            QFile f(envFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("DEEPSEEK_API_KEY=" + kDeepSeekKey +
                    "\nDEEPSEEK_API_BASE=" + upstream.baseUrl().toString().toUtf8() + "\n");
        }
        QProcessEnvironment env;
        env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral(".local/share")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral(".cache")));
        env.insert(QStringLiteral("XDG_STATE_HOME"), home.filePath(QStringLiteral(".local/state")));
        env.insert(QStringLiteral("TMPDIR"), home.filePath(QStringLiteral("tmp")));
        QDir().mkpath(home.filePath(QStringLiteral("tmp")));
        // No keychain here: the keys come from the environment only.
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=") + home.filePath(QStringLiteral("no-bus")));
        env.insert(QStringLiteral("OPENAI_API_KEY"), QString::fromLatin1(kOpenAiKey));
        env.insert(QStringLiteral("OPENAI_API_BASE"), upstream.baseUrl().toString());
        env.insert(QStringLiteral("ANTHROPIC_API_KEY"), QString::fromLatin1(kAnthropicKey));
        env.insert(QStringLiteral("ANTHROPIC_API_BASE"), QStringLiteral("http://127.0.0.1:1"));
        env.insert(QStringLiteral("LLM_GATEWAY_TOKEN"), QString::fromLatin1(kToken));

        QProcess gateway;
        gateway.setProcessEnvironment(env);
        gateway.setWorkingDirectory(home.path());
        gateway.start(QStringLiteral(LLMGW_BINARY),
                      {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                       QStringLiteral("--env-file"), envFile});
        QVERIFY(gateway.waitForStarted());
        QByteArray printed;
        QRegularExpressionMatch match;
        const QRegularExpression serving(
            QStringLiteral("serving on (http://127\\.0\\.0\\.1:\\d+)"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                printed += gateway.readAllStandardError() + gateway.readAllStandardOutput();
                match = serving.match(QString::fromUtf8(printed));
                return match.hasMatch() || gateway.state() == QProcess::NotRunning;
            },
            30000));
        QVERIFY2(match.hasMatch(), printed.constData());
        const QUrl base(match.captured(1));
        const RawHttpClient::HeaderList auth{{"Authorization", "Bearer " + kToken}};
        const QByteArray chat = R"({"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]})";

        // The provider's error reaches the client, but never with the key in it.
        const RawHttpResponse echoed =
            RawHttpClient::fetch(base, "POST", "/v1/chat/completions", chat, auth);
        QCOMPARE(echoed.status, 401);
        QVERIFY2(!echoed.body.contains(kOpenAiKey), echoed.body.constData());
        QVERIFY(echoed.body.contains("Incorrect API key provided"));

        QByteArray streamed = chat;
        streamed.replace("\"messages\"", "\"stream\":true,\"messages\"");
        QCOMPARE(RawHttpClient::fetch(base, "POST", "/v1/chat/completions", streamed, auth).status,
                 200);
        QByteArray deepseek = chat;
        deepseek.replace("gpt-4o", "deepseek-chat");
        QCOMPARE(RawHttpClient::fetch(base, "POST", "/v1/chat/completions", deepseek, auth).status,
                 200);
        QCOMPARE(upstream.lastChatRequest().header("authorization"), "Bearer " + kDeepSeekKey);
        QCOMPARE(RawHttpClient::fetch(base, "GET", "/v1/models", {}, auth).status, 200);
        // Refusals: a wrong token, the token in a refused browser request, an unreachable
        // upstream, an unknown model.
        const RawHttpResponse wrong = RawHttpClient::fetch(
            base, "POST", "/v1/chat/completions", chat, {{"x-api-key", kToken + "-wrong"}});
        QCOMPARE(wrong.status, 401);
        QVERIFY(!wrong.body.contains(kToken));
        QCOMPARE(RawHttpClient::fetch(
                     base, "POST", "/v1/chat/completions", chat,
                     {{"Authorization", "Bearer " + kToken}, {"Origin", "https://evil.example"}})
                     .status,
                 403);
        QByteArray claude = chat;
        claude.replace("gpt-4o", "claude-sonnet-4-5");
        const RawHttpResponse unreachable =
            RawHttpClient::fetch(base, "POST", "/v1/chat/completions", claude, auth);
        QCOMPARE(unreachable.status, 502);
        QByteArray unknown = chat;
        unknown.replace("gpt-4o", QByteArray("no-such-") + kToken);
        QCOMPARE(RawHttpClient::fetch(base, "POST", "/v1/chat/completions", unknown, auth).status,
                 404);
        const RawHttpResponse health = RawHttpClient::fetch(base, "GET", "/health");
        QCOMPARE(health.status, 200);
        for (const QByteArray &secret : kSecrets) {
            QVERIFY(!health.body.contains(secret));
            QVERIFY(!unreachable.body.contains(secret));
        }

        gateway.terminate();
        QVERIFY(gateway.waitForFinished(20000));
        printed += gateway.readAllStandardError() + gateway.readAllStandardOutput();
        QVERIFY(printed.contains("status=401")); // the log did record those requests
        for (const QByteArray &secret : kSecrets)
            QVERIFY2(!printed.contains(secret), printed.constData());

        int files = 0;
        QDirIterator it(home.path(), QDir::Files | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            ++files;
            for (const QByteArray &secret : kSecrets)
                QVERIFY2(!bytes.contains(secret), qPrintable(f.fileName()));
        }
        qInfo("checked %d files the app wrote and %lld bytes it printed", files,
              qint64(printed.size()));
    }
};

QTEST_GUILESS_MAIN(TestSecretsHygiene)
#include "TestSecretsHygiene.moc"
