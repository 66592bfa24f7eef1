// The Overview page: every problem in plain words with a button that fixes it, pressed as a
// user would, and the problem gone afterwards: a taken port, a broken config file, a provider
// without a key, the token off, no keychain.
#include "DesktopStack.h"
#include "FakeUpstream.h"
#include "RawHttpClient.h"
#include "overview/OverviewPage.h"
#include "overview/ProblemRow.h"

#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTcpServer>

namespace {
ProblemRow *rowOf(OverviewPage &page, GatewayProblem::Kind kind, const QString &subject = {})
{
    for (ProblemRow *row : page.findChildren<ProblemRow *>()) {
        if (!row->isHidden() && row->problem().kind == kind &&
            (subject.isEmpty() || row->problem().subject == subject))
            return row;
    }
    return nullptr;
}

QPushButton *fix(ProblemRow *row, const char *name)
{
    return row ? row->findChild<QPushButton *>(QLatin1String(name)) : nullptr;
}
} // namespace

class TestOverviewPage : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<OverviewPage> page(DesktopStack &stack)
    {
        auto page = std::make_unique<OverviewPage>(stack.settings, *stack.keys, *stack.token,
                                                   stack.gateway, *stack.problems, *stack.today);
        page->show();
        page->load();
        return page;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        RawHttpClient::defaultHeaders().clear();
    }

    void takenPortFixedWithOneClick()
    {
        QTcpServer occupier;
        QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
        DesktopStack stack([&](GatewayConfig &c) { c.port = occupier.serverPort(); });
        auto overview = page(stack);
        QSignalSpy failed(&stack.gateway, &GatewayController::failed);
        stack.runner->start();
        QVERIFY(failed.wait(10000));
        QTRY_VERIFY(rowOf(*overview, GatewayProblem::Kind::ListenFailed));
        ProblemRow *row = rowOf(*overview, GatewayProblem::Kind::ListenFailed);
        QCOMPARE(row->problem().severity, GatewayProblem::Severity::Error);
        QVERIFY(row->problem().detail.contains(QString::number(occupier.serverPort())));
        QCOMPARE(stack.problems->state(), ProblemMonitor::State::Error);
        QPushButton *usePort = fix(row, "usePortButton");
        QVERIFY(usePort);
        QSignalSpy ready(stack.runner.get(), &GatewayRunner::ready);
        usePort->click();
        QVERIFY(ready.wait(10000));
        QVERIFY(stack.settings.fileConfig().port != occupier.serverPort());
        QCOMPARE(stack.gateway.baseUrl().port(), int(stack.settings.fileConfig().port));
        QTRY_VERIFY(!rowOf(*overview, GatewayProblem::Kind::ListenFailed));
        QCOMPARE(overview->findChild<QLineEdit *>(QStringLiteral("endpointLineEdit"))->text(),
                 stack.gateway.baseUrl().toString() + QStringLiteral("/v1"));
    }

    void brokenConfigFileNamedAndReplaced()
    {
        DesktopStack stack;
        QVERIFY(stack.start());
        auto overview = page(stack);
        QFile file(stack.configPath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{\n  \"port\": 7352,\n  \"routes\": [oops]\n}\n");
        file.close();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(*overview, GatewayProblem::Kind::ConfigFileBroken), 5000);
        ProblemRow *row = rowOf(*overview, GatewayProblem::Kind::ConfigFileBroken);
        const QString detail =
            row->findChild<QLabel *>(QStringLiteral("problemDetailLabel"))->text();
        QVERIFY2(detail.contains(stack.configPath()) && detail.contains(QStringLiteral("line 3")),
                 qPrintable(detail));
        QCOMPARE(stack.problems->state(), ProblemMonitor::State::ServingWithWarning);
        fix(row, "overwriteConfigButton")->click();
        QTRY_VERIFY(!rowOf(*overview, GatewayProblem::Kind::ConfigFileBroken));
        const QStringList backups = QDir(QFileInfo(stack.configPath()).absolutePath())
                                        .entryList({QStringLiteral("config.json.broken-*")});
        QCOMPARE(backups.size(), 1);
    }

    void providerWithoutKey()
    {
        DesktopStack stack;
        QVERIFY(stack.start());
        auto overview = page(stack);
        QSignalSpy navigated(overview.get(), &DashboardPage::navigationRequested);
        ProblemRow *openai =
            rowOf(*overview, GatewayProblem::Kind::ProviderWithoutKey, QStringLiteral("openai"));
        QVERIFY(openai);
        QVERIFY(openai->problem().title.contains(QStringLiteral("OpenAI")));
        fix(openai, "enterKeyButton")->click();
        QCOMPARE(navigated.count(), 1);
        QCOMPARE(navigated.first().at(0).toString(), QStringLiteral("providers"));
        QCOMPARE(navigated.first().at(1).toString(), QStringLiteral("openai"));
        fix(openai, "disableProviderButton")->click();
        QVERIFY(!stack.settings.effective().provider(QStringLiteral("openai"))->enabled);
        QTRY_VERIFY(
            !rowOf(*overview, GatewayProblem::Kind::ProviderWithoutKey, QStringLiteral("openai")));
        // A key makes the problem go too.
        std::optional<QString> stored;
        stack.keys->setKey(QStringLiteral("deepseek"), QStringLiteral("sk-ds-typed-0000000000"),
                           this, [&](const QString &e) { stored = e; });
        QTRY_VERIFY(stored.has_value());
        QTRY_VERIFY(!rowOf(*overview, GatewayProblem::Kind::ProviderWithoutKey,
                           QStringLiteral("deepseek")));
        // Local servers need no key: never reported.
        QVERIFY(
            !rowOf(*overview, GatewayProblem::Kind::ProviderWithoutKey, QStringLiteral("ollama")));
    }

    void tokenOffIsAWarningWithAFix()
    {
        DesktopStack stack([](GatewayConfig &c) { c.access.requireToken = false; });
        QVERIFY(stack.start());
        auto overview = page(stack);
        ProblemRow *row = rowOf(*overview, GatewayProblem::Kind::TokenOff);
        QVERIFY(row);
        fix(row, "tokenOnButton")->click();
        QVERIFY(stack.settings.effective().access.requireToken);
        QTRY_VERIFY(!rowOf(*overview, GatewayProblem::Kind::TokenOff));
    }

    void noKeychainThenRetry()
    {
        DesktopStack stack;
        stack.memoryKeychain().setUnavailable(
            QStringLiteral("The system keychain is unavailable: no Secret Service."));
        QVERIFY(stack.start());
        auto overview = page(stack);
        ProblemRow *keychain = rowOf(*overview, GatewayProblem::Kind::KeychainUnavailable);
        QVERIFY(keychain);
        QVERIFY(keychain->problem().detail.contains(QStringLiteral("no Secret Service")));
        QVERIFY(rowOf(*overview, GatewayProblem::Kind::TokenMissing));
        QCOMPARE(stack.problems->state(), ProblemMonitor::State::Error);
        QVERIFY(fix(keychain, "copyCommandButton"));
        fix(keychain, "copyCommandButton")->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), OverviewPage::keychainStartCommand());
        // The user started a keychain; Retry finds it, and the token is created.
        stack.memoryKeychain().setUnavailable(QString());
        fix(keychain, "retryKeychainButton")->click();
        QTRY_COMPARE(stack.token->state(), AccessTokenStore::State::Ready);
        QTRY_VERIFY(!rowOf(*overview, GatewayProblem::Kind::KeychainUnavailable));
        QVERIFY(!rowOf(*overview, GatewayProblem::Kind::TokenMissing));
        QTRY_COMPARE(RawHttpClient::fetch(
                         stack.gateway.baseUrl(), "POST", "/v1/chat/completions",
                         R"({"model":"nothing-x","messages":[{"role":"user","content":"x"}]})",
                         {{"Authorization", "Bearer " + stack.token->token().toUtf8()}})
                         .status,
                     404);
    }

    void stateTokenAndToday()
    {
        FakeUpstream upstream;
        QVERIFY(upstream.listen());
        upstream.setChatReply(
            FakeReply::chatCompletion(QStringLiteral("gpt-4o"), QStringLiteral("hello")));
        DesktopStack stack([&](GatewayConfig &c) { c.providers[0].baseUrl = upstream.baseUrl(); });
        QVERIFY(stack.start());
        auto overview = page(stack);
        auto *token = overview->findChild<QLineEdit *>(QStringLiteral("tokenLineEdit"));
        QCOMPARE(token->text(), stack.token->token());
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        overview->findChild<QPushButton *>(QStringLiteral("copyTokenPushButton"))->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), stack.token->token());
        QCOMPARE(overview->findChild<QLineEdit *>(QStringLiteral("anthropicLineEdit"))->text(),
                 stack.gateway.baseUrl().toString());
        // A real answered request counts for today.
        QCOMPARE(
            RawHttpClient::fetch(stack.gateway.baseUrl(), "POST", "/v1/chat/completions",
                                 R"({"model":"gpt-4o","messages":[{"role":"user","content":"x"}]})",
                                 {{"Authorization", "Bearer " + stack.token->token().toUtf8()}})
                .status,
            200);
        auto *today = overview->findChild<QLabel *>(QStringLiteral("todayLabel"));
        QTRY_VERIFY2(today->text().startsWith(QStringLiteral("1 request")),
                     qPrintable(today->text()));
        // Pause and resume.
        auto *pause = overview->findChild<QPushButton *>(QStringLiteral("pausePushButton"));
        pause->click();
        QVERIFY(stack.gateway.isPaused());
        QCOMPARE(stack.problems->state(), ProblemMonitor::State::Paused);
        pause->click();
        QVERIFY(!stack.gateway.isPaused());
    }
};

QTEST_MAIN(TestOverviewPage)
#include "TestOverviewPage.moc"
