#include "StatusWindow.h"
#include "TrayShell.h"
#include "gateway/GatewayController.h"

#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QTcpServer>
#include <QtTest>

/// The tray shell as a user sees it without a system tray (offscreen platform): the status
/// window shows the endpoint once the gateway serves, and its button copies it.
class TestTrayShell : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsEndpointAndCopiesIt()
    {
        GatewayController gateway;
        TrayShell shell(gateway);
        shell.show();
        QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable());

        auto *window = qobject_cast<StatusWindow *>([] {
            for (QWidget *w : QApplication::topLevelWidgets()) {
                if (qobject_cast<StatusWindow *>(w))
                    return w;
            }
            return static_cast<QWidget *>(nullptr);
        }());
        QVERIFY(window);
        QVERIFY(window->isVisible());
        auto *copyButton =
            window->findChild<QPushButton *>(QStringLiteral("copyEndpointPushButton"));
        auto *endpoint = window->findChild<QLineEdit *>(QStringLiteral("endpointLineEdit"));
        QVERIFY(copyButton && endpoint);
        QVERIFY(!copyButton->isEnabled()); // nothing to copy before the gateway serves

        GatewayConfig config = GatewayConfig::defaults();
        config.port = 0;
        QSignalSpy serving(&gateway, &GatewayController::serving);
        gateway.start(config, {});
        QVERIFY(serving.wait(10000));

        const QString expected = gateway.baseUrl().toString() + QStringLiteral("/v1");
        QTRY_COMPARE(endpoint->text(), expected);
        QVERIFY(copyButton->isEnabled());
        QApplication::clipboard()->clear();
        QTest::mouseClick(copyButton, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), expected);
        QCOMPARE(shell.endpointUrl(), expected);
    }

    void showsWhyItCannotServe()
    {
        QTcpServer occupier;
        QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
        GatewayController gateway;
        TrayShell shell(gateway);
        shell.show();
        GatewayConfig config = GatewayConfig::defaults();
        config.port = occupier.serverPort();
        QSignalSpy failed(&gateway, &GatewayController::failed);
        gateway.start(config, {});
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("already in use")));
        QCOMPARE(gateway.state(), GatewayController::State::Failed);
        QVERIFY(shell.endpointUrl().isEmpty());
    }

    void quitButtonAsksToQuit()
    {
        GatewayController gateway;
        TrayShell shell(gateway);
        shell.show();
        QSignalSpy quit(&shell, &TrayShell::quitRequested);
        StatusWindow *window = nullptr;
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *candidate = qobject_cast<StatusWindow *>(w); candidate && w->isVisible())
                window = candidate;
        }
        QVERIFY(window);
        QTest::mouseClick(window->findChild<QPushButton *>(QStringLiteral("quitPushButton")),
                          Qt::LeftButton);
        QCOMPARE(quit.count(), 1);
    }
};

QTEST_MAIN(TestTrayShell)
#include "TestTrayShell.moc"
