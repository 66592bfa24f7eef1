// The tray menu and the desktop shell (offscreen, where no system tray exists): the menu's
// actions do what they say, "Open chat" waits for the chat window, the state picture follows
// the gateway, and without a tray the dashboard is the main window that a second start brings
// back even when minimised. The language switches live.
#include "DesktopShell.h"
#include "DesktopStack.h"
#include "dashboard/DashboardWindow.h"
#include "tray/TrayShell.h"

#include <QClipboard>
#include <QListWidget>
#include <QMenu>
#include <QStandardPaths>
#include <QSystemTrayIcon>

namespace {
QAction *action(TrayShell &tray, const char *name)
{
    return tray.menu()->findChild<QAction *>(QLatin1String(name));
}
} // namespace

class TestTrayShell : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void menuActions()
    {
        DesktopStack stack;
        QVERIFY(stack.start());
        TrayShell tray(stack.gateway, *stack.problems, *stack.token);
        QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable());
        QVERIFY(!tray.show()); // no tray here, and no icon made for nothing
        QVERIFY(!tray.icon());

        QAction *chat = action(tray, "chatAction");
        QVERIFY(!chat->isVisible());
        tray.setChatAvailable(true);
        QVERIFY(chat->isVisible());
        QSignalSpy chatRequested(&tray, &TrayShell::openChatRequested);
        chat->trigger();
        QCOMPARE(chatRequested.count(), 1);

        QSignalSpy dashboard(&tray, &TrayShell::openDashboardRequested);
        action(tray, "dashboardAction")->trigger();
        QCOMPARE(dashboard.count(), 1);

        QVERIFY(action(tray, "statusAction")->text().contains(stack.gateway.baseUrl().toString()));
        action(tray, "copyOpenAiAction")->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 stack.gateway.baseUrl().toString() + QStringLiteral("/v1"));
        action(tray, "copyAnthropicAction")->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), stack.gateway.baseUrl().toString());
        action(tray, "copyTokenAction")->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), stack.token->token());

        QAction *pause = action(tray, "pauseAction");
        QCOMPARE(pause->text(), QStringLiteral("Pause"));
        pause->trigger();
        QVERIFY(stack.gateway.isPaused());
        QCOMPARE(pause->text(), QStringLiteral("Resume"));
        QVERIFY(action(tray, "statusAction")->text().startsWith(QStringLiteral("Paused")));
        pause->trigger();
        QVERIFY(!stack.gateway.isPaused());

        QSignalSpy quit(&tray, &TrayShell::quitRequested);
        action(tray, "quitAction")->trigger();
        QCOMPARE(quit.count(), 1);
    }

    void stateIconsDiffer()
    {
        const QImage serving =
            TrayShell::stateIcon(int(ProblemMonitor::State::Serving)).pixmap(22).toImage();
        const QImage error =
            TrayShell::stateIcon(int(ProblemMonitor::State::Error)).pixmap(22).toImage();
        const QImage warning = TrayShell::stateIcon(int(ProblemMonitor::State::ServingWithWarning))
                                   .pixmap(22)
                                   .toImage();
        const QImage paused =
            TrayShell::stateIcon(int(ProblemMonitor::State::Paused)).pixmap(22).toImage();
        QVERIFY(!serving.isNull() && !error.isNull() && !warning.isNull() && !paused.isNull());
        QVERIFY(serving != error && serving != warning && serving != paused && error != paused);
    }

    void withoutTrayTheDashboardIsTheWindow()
    {
        DesktopStack stack;
        QVERIFY(stack.start());
        DesktopShell shell(stack.settings, *stack.keys, *stack.token, stack.gateway,
                           *stack.problems, *stack.today);
        shell.start();
        DashboardWindow *window = shell.dashboard();
        QVERIFY(window);
        QVERIFY(window->isVisible());
        QCOMPARE(window->closeBehaviour(), DashboardWindow::CloseBehaviour::AskKeepServing);
        QVERIFY(!QApplication::quitOnLastWindowClosed());
        const QStringList expected{"overview", "providers", "routes",  "connect",
                                   "logs",     "usage",     "settings"};
        for (const QString &id : expected)
            QVERIFY2(window->page(id), qPrintable(id));
        // A second start of the app: the window comes back even when minimised.
        window->showMinimized();
        shell.activate();
        QVERIFY(window->isVisible() && !window->isMinimized());
        window->hide();
        shell.activate();
        QVERIFY(window->isVisible());
    }

    void languageSwitchesLive()
    {
        DesktopStack stack;
        QVERIFY(stack.start());
        DesktopShell shell(stack.settings, *stack.keys, *stack.token, stack.gateway,
                           *stack.problems, *stack.today);
        shell.start();
        auto *list = shell.dashboard()->findChild<QListWidget *>(QStringLiteral("pageListWidget"));
        QCOMPARE(list->item(1)->text(), QStringLiteral("Providers"));
        GatewayConfig config = stack.settings.fileConfig();
        config.language = QStringLiteral("zh_CN");
        QVERIFY(stack.settings.save(config).ok);
        QTRY_COMPARE(list->item(1)->text(), QStringLiteral("服务商"));
        QCOMPARE(action(*shell.tray(), "quitAction")->text(), QStringLiteral("退出"));
        config.language = QStringLiteral("en");
        QVERIFY(stack.settings.save(config).ok);
        QTRY_COMPARE(list->item(1)->text(), QStringLiteral("Providers"));
        // English has its plural forms.
        QCOMPARE(QCoreApplication::translate("OverviewPage", "%n request(s)", nullptr, 2),
                 QStringLiteral("2 requests"));
        QCOMPARE(QCoreApplication::translate("OverviewPage", "%n request(s)", nullptr, 1),
                 QStringLiteral("1 request"));
    }
};

QTEST_MAIN(TestTrayShell)
#include "TestTrayShell.moc"
