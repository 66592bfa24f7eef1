// The desktop app end to end, as a user who never opens a terminal: the real AppRoot in a
// private D-Bus session with an unlocked gnome-keyring (run through with-keyring.sh). Through
// the Providers page a provider and its key are added; a real HTTP client then gets a
// completion from a fake upstream with that key, without a restart. The port is changed in
// Settings and the gateway answers there. config.json is edited by hand and the new route
// works. The token a client sends is the one the Overview page shows.
#include "AppRoot.h"
#include "DesktopApp.h"
#include "DesktopShell.h"
#include "FakeUpstream.h"
#include "RawHttpClient.h"
#include "config/ConfigFile.h"
#include "dashboard/DashboardWindow.h"
#include "gateway/GatewayController.h"
#include "providers/ProvidersPage.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace {
const QByteArray kKey = QByteArrayLiteral("sk-e2e-desktop-key-7788");

template <typename T> T *child(QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

void type(QLineEdit *edit, const QString &text)
{
    edit->clear();
    edit->setFocus();
    QTest::keyClicks(edit, text);
}

QByteArray secretToolLookup(const QString &account)
{
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
               {QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("llm-gateway"),
                QStringLiteral("user"), account});
    return tool.waitForFinished(20000) ? tool.readAllStandardOutput() : QByteArray("<hung>");
}

bool refusesConnections(const QUrl &base)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(base.port()));
    return !socket.waitForConnected(3000);
}
} // namespace

class TestDesktopEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QFAIL("No D-Bus session: run through tests/access/with-keyring.sh (ctest does).");
        RawHttpClient::defaultHeaders().clear();
    }

    void addProviderKeyPortAndHandEdit()
    {
        FakeUpstream upstream;
        QVERIFY(upstream.listen());
        upstream.setChatReply(
            FakeReply::chatCompletion(QStringLiteral("gpt-4o"), QStringLiteral("hello desktop")));

        // The app as main() makes it, on its standard config file (port 0: the OS picks).
        const QString configPath = ConfigFile::defaultPath();
        QDir().mkpath(QFileInfo(configPath).absolutePath());
        {
            QFile file(configPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(R"({"version": 1, "port": 0})");
        }
        StartupOptions options;
        AppRoot app(options, &DesktopApp::create);
        QSignalSpy serving(&app.gateway(), &GatewayController::serving);
        QVERIFY(app.start());
        QVERIFY(serving.wait(20000));
        DashboardWindow *window = qobject_cast<DesktopApp *>(app.desktop())->shell()->dashboard();
        QVERIFY(window && window->isVisible()); // no tray offscreen: the window is the app

        // What a user reads on the Overview page.
        auto *endpoint = child<QLineEdit>(window, "endpointLineEdit");
        QTRY_VERIFY(!endpoint->text().isEmpty());
        auto *tokenField = child<QLineEdit>(window, "tokenLineEdit");
        QTRY_VERIFY_WITH_TIMEOUT(!tokenField->text().isEmpty(), 20000); // created in the keychain
        const QByteArray token = tokenField->text().toUtf8();
        QCOMPARE(secretToolLookup(QStringLiteral("access-token")), token);
        QUrl base = app.gateway().baseUrl();
        const RawHttpClient::HeaderList auth{{"Authorization", "Bearer " + token}};

        // Providers: a custom OpenAI-compatible server with its key.
        QVERIFY(window->showPage(QStringLiteral("providers")));
        auto *providers = qobject_cast<ProvidersPage *>(window->currentPage());
        QVERIFY(providers);
        providers->addMenu()
            ->findChild<QAction *>(QStringLiteral("preset_custom-openai"))
            ->trigger();
        type(child<QLineEdit>(providers, "idLineEdit"), QStringLiteral("fakeai"));
        type(child<QLineEdit>(providers, "baseUrlLineEdit"), upstream.baseUrl().toString());
        type(child<QLineEdit>(providers, "keyLineEdit"), QString::fromLatin1(kKey));
        QSignalSpy keysSaved(providers, &ProvidersPage::keysSaved);
        child<QPushButton>(window, "applyPushButton")->click();
        QVERIFY(keysSaved.wait(20000));
        QCOMPARE(secretToolLookup(QStringLiteral("provider/fakeai")), kKey);
        {
            QFile file(configPath);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray saved = file.readAll();
            QVERIFY(saved.contains("\"fakeai\""));
            QVERIFY(!saved.contains(kKey));
        }

        // A real client gets a completion with that key, without a restart.
        const QByteArray body =
            R"({"model":"fakeai/gpt-4o","messages":[{"role":"user","content":"hi"}]})";
        RawHttpResponse reply;
        QTRY_VERIFY_WITH_TIMEOUT(
            (reply = RawHttpClient::fetch(base, "POST", "/v1/chat/completions", body, auth))
                    .status == 200,
            10000);
        QVERIFY(reply.body.contains("hello desktop"));
        QCOMPARE(upstream.lastChatRequest().header("authorization"), "Bearer " + kKey);

        // Settings: a new port, applied live.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 newPort = probe.serverPort();
        probe.close();
        QVERIFY(window->showPage(QStringLiteral("settings")));
        child<QSpinBox>(window, "portSpinBox")->setValue(newPort);
        serving.clear();
        child<QPushButton>(window, "applyPushButton")->click();
        QVERIFY(serving.wait(10000));
        const QUrl moved = app.gateway().baseUrl();
        QCOMPARE(moved.port(), int(newPort));
        QTRY_COMPARE(RawHttpClient::fetch(moved, "POST", "/v1/chat/completions", body, auth).status,
                     200);
        QTRY_VERIFY_WITH_TIMEOUT(refusesConnections(base), 10000);
        base = moved;
        QVERIFY(window->showPage(QStringLiteral("overview")));
        QTRY_COMPARE(endpoint->text(), moved.toString() + QStringLiteral("/v1"));

        // config.json edited by hand while the app runs: the new route works.
        QJsonObject json;
        {
            QFile file(configPath);
            QVERIFY(file.open(QIODevice::ReadOnly));
            json = QJsonDocument::fromJson(file.readAll()).object();
        }
        QJsonArray routes = json.value(QStringLiteral("routes")).toArray();
        routes.append(QJsonObject{{QStringLiteral("prefix"), QStringLiteral("e2e-")},
                                  {QStringLiteral("provider"), QStringLiteral("fakeai")},
                                  {QStringLiteral("stripPrefix"), true}});
        json.insert(QStringLiteral("routes"), routes);
        {
            QFile file(configPath);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(QJsonDocument(json).toJson());
        }
        const QByteArray routed =
            R"({"model":"e2e-gpt-4o-mini","messages":[{"role":"user","content":"hi"}]})";
        QTRY_COMPARE_WITH_TIMEOUT(
            RawHttpClient::fetch(base, "POST", "/v1/chat/completions", routed, auth).status, 200,
            10000);
        QCOMPARE(upstream.lastChatRequest().json.value(QStringLiteral("model")).toString(),
                 QStringLiteral("gpt-4o-mini"));
        QCOMPARE(upstream.lastChatRequest().header("authorization"), "Bearer " + kKey);
    }
};

QTEST_MAIN(TestDesktopEndToEnd)
#include "TestDesktopEndToEnd.moc"
