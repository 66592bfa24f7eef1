// The Settings page: a new port applied live (the gateway answers there, the file has it); a
// taken port reported with the old one kept; values from the environment shown and left
// alone; invalid origins and a token off beyond loopback refused with nothing saved; start at
// login writes and removes the XDG autostart entry; a new token replaces the old one.
#include "DesktopStack.h"
#include "RawHttpClient.h"
#include "settings/AutostartEntry.h"
#include "settings/SettingsPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>

namespace {
quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}
} // namespace

class TestSettingsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        RawHttpClient::defaultHeaders().clear();
        QFile::remove(AutostartEntry::path());
    }

    void portAppliedLive()
    {
        DesktopStack stack;
        QVERIFY(stack.start());
        SettingsPage page(stack.settings, *stack.token, stack.gateway);
        page.show();
        page.load();
        const quint16 port = freePort();
        page.findChild<QSpinBox *>(QStringLiteral("portSpinBox"))->setValue(port);
        QVERIFY(page.isModified());
        QSignalSpy ready(stack.runner.get(), &GatewayRunner::ready);
        QVERIFY(page.apply());
        QCOMPARE(stack.settings.fileConfig().port, port);
        QCOMPARE(stack.settings.effective().port, port);
        QVERIFY(stack.configBytes().contains(QStringLiteral("\"port\": %1").arg(port).toUtf8()));
        QVERIFY(ready.wait(10000));
        QCOMPARE(stack.gateway.baseUrl().port(), int(port));
        QCOMPARE(RawHttpClient::fetch(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), "GET",
                                      "/health")
                     .status,
                 200);
    }

    void takenPortKeepsTheOldOne()
    {
        QTcpServer occupier;
        QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
        DesktopStack stack;
        QVERIFY(stack.start());
        const QUrl before = stack.gateway.baseUrl();
        SettingsPage page(stack.settings, *stack.token, stack.gateway);
        page.show();
        page.load();
        page.findChild<QSpinBox *>(QStringLiteral("portSpinBox"))->setValue(occupier.serverPort());
        QSignalSpy messages(&page, &DashboardPage::statusMessage);
        QVERIFY(page.apply());
        QTRY_VERIFY_WITH_TIMEOUT(messages.count() >= 2, 10000);
        QVERIFY(messages.last().at(1).toBool()); // an error
        QVERIFY2(
            messages.last().first().toString().contains(QString::number(occupier.serverPort())),
            qPrintable(messages.last().first().toString()));
        QCOMPARE(stack.gateway.baseUrl(), before);
        QCOMPARE(RawHttpClient::fetch(before, "GET", "/health").status, 200);
    }

    void environmentValuesAreShownNotEdited()
    {
        DesktopStack stack({}, {{QStringLiteral("LLM_GATEWAY_PORT"), QStringLiteral("0")}});
        QVERIFY(stack.start());
        SettingsPage page(stack.settings, *stack.token, stack.gateway);
        page.show();
        page.load();
        auto *port = page.findChild<QSpinBox *>(QStringLiteral("portSpinBox"));
        QVERIFY(!port->isEnabled());
        QVERIFY(page.findChild<QLabel *>(QStringLiteral("portNoteLabel"))
                    ->text()
                    .contains(QStringLiteral("LLM_GATEWAY_PORT")));
        // Saving other settings leaves the file's port alone.
        page.findChild<QPlainTextEdit *>(QStringLiteral("originsPlainTextEdit"))
            ->setPlainText(QStringLiteral("http://localhost:5173"));
        QVERIFY(page.apply());
        QCOMPARE(stack.settings.fileConfig().port, quint16(0));
        QCOMPARE(stack.settings.fileConfig().allowedOrigins,
                 QStringList{QStringLiteral("http://localhost:5173")});
    }

    void invalidInputSavesNothing()
    {
        DesktopStack stack;
        QVERIFY(stack.start());
        const QByteArray before = stack.configBytes();
        SettingsPage page(stack.settings, *stack.token, stack.gateway);
        page.show();
        page.load();
        auto *origins = page.findChild<QPlainTextEdit *>(QStringLiteral("originsPlainTextEdit"));
        origins->setPlainText(QStringLiteral("http://localhost:5173\n*"));
        auto *error = page.findChild<QLabel *>(QStringLiteral("originsErrorLabel"));
        QVERIFY(!error->isHidden());
        QVERIFY2(error->text().contains(QStringLiteral("\"*\"")), qPrintable(error->text()));
        QVERIFY(!page.apply());
        QCOMPARE(stack.configBytes(), before);

        // The token may be off only on loopback.
        origins->setPlainText(QString());
        auto *host = page.findChild<QLineEdit *>(QStringLiteral("hostLineEdit"));
        host->setText(QStringLiteral("0.0.0.0"));
        page.findChild<QCheckBox *>(QStringLiteral("requireTokenCheckBox"))->setChecked(false);
        QVERIFY(!page.apply());
        QCOMPARE(stack.configBytes(), before);
        host->setText(QStringLiteral("not-an-address"));
        QVERIFY(!page.apply());
        QCOMPARE(stack.configBytes(), before);
    }

    void tokenOffForLoopback()
    {
        DesktopStack stack;
        QVERIFY(stack.start());
        SettingsPage page(stack.settings, *stack.token, stack.gateway);
        page.show();
        page.load();
        page.findChild<QCheckBox *>(QStringLiteral("requireTokenCheckBox"))->setChecked(false);
        QVERIFY(page.apply());
        QVERIFY(!stack.settings.effective().access.requireToken);
        QTRY_COMPARE(RawHttpClient::fetch(
                         stack.gateway.baseUrl(), "POST", "/v1/chat/completions",
                         R"({"model":"nothing-x","messages":[{"role":"user","content":"x"}]})")
                         .status,
                     404); // past the token check: no route for that model
    }

    void startAtLogin()
    {
        DesktopStack stack;
        SettingsPage page(stack.settings, *stack.token, stack.gateway);
        page.show();
        page.load();
        auto *box = page.findChild<QCheckBox *>(QStringLiteral("startAtLoginCheckBox"));
        QVERIFY(!box->isChecked());
        box->setChecked(true);
        QVERIFY(page.apply());
        QFile entry(AutostartEntry::path());
        QVERIFY(entry.open(QIODevice::ReadOnly));
        const QByteArray text = entry.readAll();
        QVERIFY(text.startsWith("[Desktop Entry]"));
        QVERIFY2(text.contains("Exec=" + QCoreApplication::applicationFilePath().toUtf8() +
                               " --minimized\n"),
                 text.constData());
        QVERIFY(AutostartEntry::isEnabled());
        box->setChecked(false);
        QVERIFY(page.apply());
        QVERIFY(!QFile::exists(AutostartEntry::path()));
    }

    void languageIsSaved()
    {
        DesktopStack stack;
        SettingsPage page(stack.settings, *stack.token, stack.gateway);
        page.show();
        page.load();
        auto *language = page.findChild<QComboBox *>(QStringLiteral("languageComboBox"));
        language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));
        QVERIFY(page.apply());
        QCOMPARE(stack.settings.effective().language, QStringLiteral("zh_CN"));
    }

    void newToken()
    {
        DesktopStack stack;
        QVERIFY(stack.start());
        const QString old = stack.token->token();
        SettingsPage page(stack.settings, *stack.token, stack.gateway);
        page.show();
        page.load();
        answerNextMessageBox(QMessageBox::Yes);
        page.findChild<QPushButton *>(QStringLiteral("regenerateTokenPushButton"))->click();
        QTRY_VERIFY(stack.token->token() != old);
        QCOMPARE(page.findChild<QLineEdit *>(QStringLiteral("tokenLineEdit"))->text(),
                 stack.token->token());
        const QByteArray body =
            R"({"model":"nothing-x","messages":[{"role":"user","content":"x"}]})";
        QTRY_COMPARE(RawHttpClient::fetch(stack.gateway.baseUrl(), "POST", "/v1/chat/completions",
                                          body, {{"Authorization", "Bearer " + old.toUtf8()}})
                         .status,
                     401);
    }
};

QTEST_MAIN(TestSettingsPage)
#include "TestSettingsPage.moc"
