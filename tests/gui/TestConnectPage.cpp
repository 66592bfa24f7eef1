// The Connect page: each client's settings carry the live address and token (Anthropic
// clients without /v1, Codex on the Responses API), the copy buttons put the full token on the
// clipboard while the screen shows it masked, and Claude Code's settings file is written with
// a preview and a backup, keeping the user's other settings.
#include "DesktopStack.h"
#include "connect/ClaudeCodeSettings.h"
#include "connect/ClaudeSettingsDialog.h"
#include "connect/ClientSnippets.h"
#include "connect/ConnectPage.h"

#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>

class TestConnectPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void snippetsCarryTheLiveAddress_data()
    {
        QTest::addColumn<QString>("client");
        QTest::addColumn<QStringList>("contains");
        QTest::addColumn<QStringList>("lacks");
        const QString root = QStringLiteral("http://127.0.0.1:7777");
        QTest::newRow("claude code") << "claude-code"
                                     << QStringList{"ANTHROPIC_BASE_URL=" + root + "\n",
                                                    "ANTHROPIC_AUTH_TOKEN=tok-123", "--model m-1"}
                                     << QStringList{"/v1"};
        QTest::newRow("codex") << "codex"
                               << QStringList{"wire_api = \"responses\"",
                                              "base_url = \"" + root + "/v1\"",
                                              "env_key = \"LLM_GATEWAY_TOKEN\"", "model = \"m-1\""}
                               << QStringList{"tok-123"}; // the token stays out of the file
        QTest::newRow("qwen code") << "qwen-code"
                                   << QStringList{"OPENAI_BASE_URL=" + root + "/v1\n",
                                                  "OPENAI_API_KEY=tok-123", "OPENAI_MODEL=m-1"}
                                   << QStringList{};
        QTest::newRow("continue") << "continue"
                                  << QStringList{"apiBase: " + root + "/v1", "apiKey: tok-123",
                                                 "provider: openai"}
                                  << QStringList{};
        QTest::newRow("anthropic sdk")
            << "anthropic-python" << QStringList{"base_url=\"" + root + "\"", "api_key=\"tok-123\""}
            << QStringList{"/v1"};
        QTest::newRow("openai sdk")
            << "openai-python" << QStringList{"base_url=\"" + root + "/v1\""} << QStringList{};
        QTest::newRow("zed") << "zed" << QStringList{"\"api_url\": \"" + root + "/v1\""}
                             << QStringList{"tok-123"};
        QTest::newRow("curl") << "curl"
                              << QStringList{root + "/v1/chat/completions", "Bearer tok-123"}
                              << QStringList{};
    }

    void snippetsCarryTheLiveAddress()
    {
        QFETCH(QString, client);
        QFETCH(QStringList, contains);
        QFETCH(QStringList, lacks);
        const ClientSetup setup =
            ClientSnippets::byId(client, {QUrl(QStringLiteral("http://127.0.0.1:7777")),
                                          QStringLiteral("tok-123"), QStringLiteral("m-1")});
        QCOMPARE(setup.id, client);
        for (const QString &part : contains)
            QVERIFY2(setup.snippet.contains(part), qPrintable(setup.snippet));
        for (const QString &part : lacks)
            QVERIFY2(!setup.snippet.contains(part), qPrintable(setup.snippet));
    }

    void pageUsesGatewayAndCopiesFullToken()
    {
        DesktopStack stack;
        QVERIFY(stack.start());
        ConnectPage page(stack.settings, *stack.keys, *stack.token, stack.gateway);
        page.show();
        page.load();
        page.reveal(QStringLiteral("claude-code"));
        const QString token = stack.token->token();
        QVERIFY(!token.isEmpty());
        auto *snippet = page.findChild<QPlainTextEdit *>(QStringLiteral("snippetPlainTextEdit"));
        const QString port = QString::number(stack.gateway.baseUrl().port());
        QVERIFY(snippet->toPlainText().contains(QStringLiteral("127.0.0.1:") + port));
        QVERIFY(!snippet->toPlainText().contains(token)); // masked on screen
        QGuiApplication::clipboard()->clear();
        page.findChild<QPushButton *>(QStringLiteral("copySnippetPushButton"))->click();
        QVERIFY(QGuiApplication::clipboard()->text().contains(
            QStringLiteral("ANTHROPIC_AUTH_TOKEN=") + token));
        // The model box changes every example.
        page.findChild<QComboBox *>(QStringLiteral("modelComboBox"))
            ->setCurrentText(QStringLiteral("fast-x"));
        QVERIFY(page.currentSetup().snippet.contains(QStringLiteral("--model fast-x")));
        // Codex has a second step: the token in the shell.
        page.reveal(QStringLiteral("codex"));
        QVERIFY(page.currentSetup().secondSnippet.contains(
            QStringLiteral("export LLM_GATEWAY_TOKEN=") + token));
        QVERIFY(page.findChild<QPushButton *>(QStringLiteral("copySecondPushButton"))
                    ->isVisibleTo(&page));
        QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("writeClaudeSettingsPushButton"))
                     ->isVisibleTo(&page));
    }

    void claudeSettingsMergeKeepsTheRest()
    {
        QString error;
        const QByteArray merged = ClaudeCodeSettings::merged(
            R"({"model":"opus","env":{"ANTHROPIC_API_KEY":"sk-old","OTHER":"1"},"permissions":{"allow":["Bash"]}})",
            QUrl(QStringLiteral("http://127.0.0.1:7352/")), QStringLiteral("tok"), &error);
        QVERIFY2(!merged.isEmpty(), qPrintable(error));
        const QJsonObject root = QJsonDocument::fromJson(merged).object();
        QCOMPARE(root.value(QStringLiteral("model")).toString(), QStringLiteral("opus"));
        QVERIFY(root.value(QStringLiteral("permissions")).isObject());
        const QJsonObject env = root.value(QStringLiteral("env")).toObject();
        QCOMPARE(env.value(QStringLiteral("ANTHROPIC_BASE_URL")).toString(),
                 QStringLiteral("http://127.0.0.1:7352"));
        QCOMPARE(env.value(QStringLiteral("ANTHROPIC_AUTH_TOKEN")).toString(),
                 QStringLiteral("tok"));
        QCOMPARE(env.value(QStringLiteral("OTHER")).toString(), QStringLiteral("1"));
        QVERIFY(!env.contains(QStringLiteral("ANTHROPIC_API_KEY")));
        QVERIFY(ClaudeCodeSettings::merged("[1,2]", QUrl(), QString(), &error).isEmpty());
        QVERIFY(!error.isEmpty());
        QVERIFY(ClaudeCodeSettings::merged("{broken", QUrl(), QString(), &error).isEmpty());
    }

    void claudeSettingsWrittenWithBackup()
    {
        DesktopStack stack;
        QVERIFY(stack.start());
        const QString path = stack.dirPath(QStringLiteral("claude/settings.json"));
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write(R"({"theme":"dark"})");
        old.close();

        ConnectPage page(stack.settings, *stack.keys, *stack.token, stack.gateway);
        page.setClaudeSettingsPath(path);
        page.show();
        page.load();
        page.reveal(QStringLiteral("claude-code"));
        // The preview dialog opens; the user reads it and presses Write.
        auto *timer = new QTimer(this);
        timer->setInterval(20);
        QString preview;
        connect(timer, &QTimer::timeout, this, [&, timer] {
            auto *dialog = qobject_cast<ClaudeSettingsDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            timer->stop();
            preview = dialog->findChild<QPlainTextEdit *>()->toPlainText();
            dialog->writeButton()->click();
        });
        timer->start();
        QSignalSpy message(&page, &DashboardPage::statusMessage);
        page.findChild<QPushButton *>(QStringLiteral("writeClaudeSettingsPushButton"))->click();
        QTRY_COMPARE(message.count(), 1);
        QVERIFY(preview.contains(QStringLiteral("\"theme\"")));
        QVERIFY(!preview.contains(stack.token->token())); // masked in the preview
        QFile written(path);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(written.readAll()).object();
        QCOMPARE(root.value(QStringLiteral("theme")).toString(), QStringLiteral("dark"));
        const QJsonObject env = root.value(QStringLiteral("env")).toObject();
        QCOMPARE(env.value(QStringLiteral("ANTHROPIC_AUTH_TOKEN")).toString(),
                 stack.token->token());
        QCOMPARE(env.value(QStringLiteral("ANTHROPIC_BASE_URL")).toString(),
                 stack.gateway.baseUrl().toString());
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
        const QStringList backups = QDir(QFileInfo(path).absolutePath())
                                        .entryList({QStringLiteral("settings.json.backup-*")});
        QCOMPARE(backups.size(), 1);
        QFile backup(QFileInfo(path).absolutePath() + QLatin1Char('/') + backups.first());
        QVERIFY(backup.open(QIODevice::ReadOnly));
        QCOMPARE(backup.readAll(), QByteArray(R"({"theme":"dark"})"));
        QVERIFY(message.first().first().toString().contains(backups.first()));
    }
};

QTEST_MAIN(TestConnectPage)
#include "TestConnectPage.moc"
