// The request log in the desktop app (the real AppRoot, run through with-keyring.sh in a
// throwaway HOME): the dashboard's Logs and Usage pages are the real ones; a request a client
// makes shows on the Logs page within a second, with the id the client saw, and in today's
// usage; when the log cannot be written the Overview says so, with fixes that work.
#include "AppRoot.h"
#include "DesktopApp.h"
#include "DesktopShell.h"
#include "FakeUpstream.h"
#include "RawHttpClient.h"
#include "config/ConfigFile.h"
#include "dashboard/DashboardWindow.h"
#include "gateway/GatewayController.h"
#include "logs/LogsPage.h"
#include "logs/RequestLogModel.h"
#include "overview/ProblemRow.h"
#include "requestlog/RequestLogStore.h"
#include "usage/UsagePage.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

namespace {
const QByteArray kToken = QByteArrayLiteral("desktop-requestlog-token-0123456789");
constexpr int kWaitMs = 20000;

void writeConfig(const QUrl &upstream)
{
    const QString path = ConfigFile::defaultPath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument::fromJson(R"({"version": 1, "port": 0,
        "providers": [{"id": "fakeai", "type": "openai", "baseUrl": ")" +
                                       upstream.toString().toUtf8() + R"("}],
        "routes": [{"prefix": "gpt-", "provider": "fakeai"}]})")
                   .toJson());
}
} // namespace

class TestRequestLogDesktop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QFAIL("No D-Bus session: run through tests/access/with-keyring.sh (ctest does).");
        // The token from the environment: the test does not wait for the keychain.
        qputenv("LLM_GATEWAY_TOKEN", kToken);
        qputenv("FAKEAI_API_KEY", "sk-fake");
        RawHttpClient::defaultHeaders() = {{"Authorization", "Bearer " + kToken}};
    }

    void cleanup()
    {
        QFile::remove(ConfigFile::defaultPath());
        const QString data = QFileInfo(RequestLogStore::defaultPath()).absolutePath();
        QFile::remove(data); // a file put there by a test
        QDir(data).removeRecursively();
    }

    void requestsShowLiveOnTheLogsAndUsagePages()
    {
        FakeUpstream upstream;
        QVERIFY(upstream.listen());
        upstream.setChatReply(
            FakeReply::chatCompletion(QStringLiteral("gpt-4o"), QStringLiteral("hello")));
        writeConfig(upstream.baseUrl());
        AppRoot app{StartupOptions(), &DesktopApp::create};
        QSignalSpy serving(&app.gateway(), &GatewayController::serving);
        QVERIFY(app.start());
        QVERIFY(serving.wait(kWaitMs));
        DashboardWindow *window = qobject_cast<DesktopApp *>(app.desktop())->shell()->dashboard();
        QVERIFY(window);
        auto *logs = qobject_cast<LogsPage *>(window->page(QStringLiteral("logs")));
        auto *usage = qobject_cast<UsagePage *>(window->page(QStringLiteral("usage")));
        QVERIFY2(logs && usage, "the placeholders were not replaced");
        QVERIFY(window->showPage(QStringLiteral("logs")));
        const int before = logs->model()->rowCount();

        // Wait for real answers (503 while the keychain is read), then one request timed.
        QTRY_COMPARE_WITH_TIMEOUT(
            RawHttpClient::fetch(app.gateway().baseUrl(), "GET", "/v1/models").status, 200,
            kWaitMs);
        const RawHttpResponse response = RawHttpClient::fetch(
            app.gateway().baseUrl(), "POST", "/v1/chat/completions",
            R"({"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]})",
            {{"User-Agent", "desktop-client/1.0"}});
        QCOMPARE(response.status, 200);
        QElapsedTimer shown;
        shown.start();
        const QByteArray id = response.header("x-request-id");
        QVERIFY(!id.isEmpty());
        const auto onPage = [&] {
            for (int row = 0; row < logs->model()->rowCount(); ++row) {
                if (logs->model()->storedRecord(row).record.id == id)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(onPage(), kWaitMs);
        qInfo("on the Logs page %lld ms after the answer", shown.elapsed());
        QVERIFY(logs->model()->rowCount() > before);
        QCOMPARE(logs->model()->storedRecord(0).record.userAgent,
                 QStringLiteral("desktop-client/1.0"));
        QCOMPARE(logs->model()->storedRecord(0).record.usage.completionTokens, 12);

        QVERIFY(window->showPage(QStringLiteral("usage")));
        QTRY_VERIFY_WITH_TIMEOUT(
            usage->findChild<QLabel *>(QStringLiteral("todayLabel"))
                ->text()
                .contains(QLocale().toString(21)), // 9 prompt + 12 completion tokens
            kWaitMs);
    }

    void logThatCannotBeWrittenIsOnTheOverview()
    {
        FakeUpstream upstream;
        QVERIFY(upstream.listen());
        upstream.setChatReply(
            FakeReply::chatCompletion(QStringLiteral("gpt-4o"), QStringLiteral("hello")));
        writeConfig(upstream.baseUrl());
        // A file where the log's directory should be: it cannot be created.
        const QString data = QFileInfo(RequestLogStore::defaultPath()).absolutePath();
        QDir().mkpath(QFileInfo(data).absolutePath());
        QDir(data).removeRecursively();
        {
            QFile blocker(data);
            QVERIFY(blocker.open(QIODevice::WriteOnly));
        }
        AppRoot app{StartupOptions(), &DesktopApp::create};
        QSignalSpy serving(&app.gateway(), &GatewayController::serving);
        QVERIFY(app.start());
        QVERIFY(serving.wait(kWaitMs));
        DashboardWindow *window = qobject_cast<DesktopApp *>(app.desktop())->shell()->dashboard();
        QVERIFY(window->showPage(QStringLiteral("overview")));
        const auto row = [window]() -> ProblemRow * {
            for (ProblemRow *r : window->findChildren<ProblemRow *>()) {
                if (!r->isHidden() && r->problem().kind == GatewayProblem::Kind::RequestLogFailing)
                    return r;
            }
            return nullptr;
        };
        QTRY_VERIFY_WITH_TIMEOUT(row(), kWaitMs);
        QVERIFY2(row()->problem().detail.contains(data), qPrintable(row()->problem().detail));
        QCOMPARE(row()->problem().severity, GatewayProblem::Severity::Warning);
        // The gateway serves all the same.
        QTRY_COMPARE_WITH_TIMEOUT(
            RawHttpClient::fetch(
                app.gateway().baseUrl(), "POST", "/v1/chat/completions",
                R"({"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]})")
                .status,
            200, kWaitMs);
        QVERIFY(row()->findChild<QPushButton *>(QStringLiteral("openLogFolderButton")));
        auto *off = row()->findChild<QPushButton *>(QStringLiteral("requestLogOffButton"));
        QVERIFY(off);
        off->click();
        // Saved to the file, applied to the store: the problem is gone.
        QTRY_VERIFY_WITH_TIMEOUT(!row(), kWaitMs);
        QFile config(ConfigFile::defaultPath());
        QVERIFY(config.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(config.readAll())
                     .object()
                     .value(QStringLiteral("requestLog"))
                     .toObject()
                     .value(QStringLiteral("enabled"))
                     .toBool(true),
                 false);
    }
};

QTEST_MAIN(TestRequestLogDesktop)
#include "TestRequestLogDesktop.moc"
