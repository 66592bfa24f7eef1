// The Providers page as a user drives it (offscreen): add from a preset or custom, fill the
// form, type a key, apply; the configuration file, the effective configuration and the
// keychain change, and the gateway uses them. Invalid input shows its message and saves
// nothing. Test connection and Fetch models against a fake provider on a real socket.
#include "DesktopStack.h"
#include "FakeUpstream.h"
#include "RawHttpClient.h"
#include "providers/ProviderListModel.h"
#include "providers/ProviderValidator.h"
#include "providers/ProvidersPage.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTcpServer>

namespace {
template <typename T> T *child(QWidget *parent, const char *name)
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

const QByteArray kBody = R"({"model":"team-llama","messages":[{"role":"user","content":"hi"}]})";
} // namespace

class TestProvidersPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        RawHttpClient::defaultHeaders().clear();
    }

    void addCustomProviderWithKey()
    {
        FakeUpstream upstream;
        QVERIFY(upstream.listen());
        upstream.setChatReply(
            FakeReply::chatCompletion(QStringLiteral("llama"), QStringLiteral("from team")));
        DesktopStack stack;
        QVERIFY(stack.start());
        ProvidersPage page(stack.settings, *stack.keys, stack.gateway);
        page.show();
        page.load();
        QAbstractItemModelTester tester(child<QListView>(&page, "providerListView")->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);

        // The Add menu offers the presets and the custom kinds.
        QMenu *menu = page.addMenu();
        QVERIFY(menu->findChild<QAction *>(QStringLiteral("preset_ollama")));
        QVERIFY(menu->findChild<QAction *>(QStringLiteral("preset_vllm")));
        menu->findChild<QAction *>(QStringLiteral("preset_custom-openai"))->trigger();
        QVERIFY(page.isModified());
        auto *id = child<QLineEdit>(&page, "idLineEdit");
        QVERIFY(!id->isReadOnly()); // a new provider's id may be chosen
        type(id, QStringLiteral("team"));
        type(child<QLineEdit>(&page, "nameLineEdit"), QStringLiteral("Team server"));
        type(child<QLineEdit>(&page, "baseUrlLineEdit"), upstream.baseUrl().toString());
        type(child<QLineEdit>(&page, "keyLineEdit"), QStringLiteral("team-secret-key-1234"));
        child<QPlainTextEdit>(&page, "headersPlainTextEdit")
            ->setPlainText(QStringLiteral("X-Team: ml"));
        QVERIFY(child<QLabel>(&page, "baseUrlErrorLabel")->isHidden());

        QSignalSpy keysSaved(&page, &ProvidersPage::keysSaved);
        QVERIFY(page.apply());
        QVERIFY(keysSaved.wait(5000));
        QVERIFY(!page.isModified());
        // The file has the provider, never the key.
        const QByteArray file = stack.configBytes();
        QVERIFY(file.contains("\"team\""));
        QVERIFY(file.contains("X-Team"));
        QVERIFY(!file.contains("team-secret-key-1234"));
        const ProviderSettings *saved = stack.settings.effective().provider(QStringLiteral("team"));
        QVERIFY(saved);
        QCOMPARE(saved->displayName, QStringLiteral("Team server"));
        QCOMPARE(saved->baseUrl, upstream.baseUrl());
        QCOMPARE(stack.memoryKeychain().contents().value(QStringLiteral("provider/team")),
                 QStringLiteral("team-secret-key-1234"));
        QCOMPARE(stack.keys->source(QStringLiteral("team")), ProviderKeyStore::Source::Keychain);
        // The key is never shown back: the field is empty, its placeholder masked.
        page.reveal(QStringLiteral("team"));
        auto *key = child<QLineEdit>(&page, "keyLineEdit");
        QVERIFY(key->text().isEmpty());
        QVERIFY(!key->placeholderText().contains(QStringLiteral("team-secret-key-1234")));
        QVERIFY(key->placeholderText().endsWith(QStringLiteral("1234")));
        QVERIFY(child<QLineEdit>(&page, "idLineEdit")->isReadOnly()); // saved: id fixed

        // The gateway uses it at once, through the explicit PROVIDER/MODEL form.
        const QByteArray body =
            R"({"model":"team/llama","messages":[{"role":"user","content":"x"}]})";
        QTRY_VERIFY_WITH_TIMEOUT(
            RawHttpClient::fetch(stack.gateway.baseUrl(), "POST", "/v1/chat/completions", body,
                                 {{"Authorization", "Bearer " + stack.token->token().toUtf8()}})
                    .status == 200,
            5000);
        QCOMPARE(upstream.lastChatRequest().header("authorization"),
                 QByteArray("Bearer team-secret-key-1234"));
        QCOMPARE(upstream.lastChatRequest().header("x-team"), QByteArray("ml"));
    }

    void invalidInputSavesNothing_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("errorLabel");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not http") << "baseUrlLineEdit"
                                  << "ftp://example.com/v1"
                                  << "baseUrlErrorLabel"
                                  << "http://";
        QTest::newRow("no host") << "baseUrlLineEdit"
                                 << "https:///v1"
                                 << "baseUrlErrorLabel"
                                 << "http://";
        QTest::newRow("duplicate id") << "idLineEdit"
                                      << "deepseek"
                                      << "idErrorLabel"
                                      << "already";
        QTest::newRow("id with slash") << "idLineEdit"
                                       << "a/b"
                                       << "idErrorLabel"
                                       << "'/'";
        QTest::newRow("credential header") << "headersPlainTextEdit"
                                           << "Authorization: Bearer x"
                                           << "headersErrorLabel"
                                           << "keychain";
        QTest::newRow("header without colon") << "headersPlainTextEdit"
                                              << "just text"
                                              << "headersErrorLabel"
                                              << "Name: value";
        QTest::newRow("missing CA file") << "caFileLineEdit"
                                         << "/nonexistent/ca.pem"
                                         << "caFileErrorLabel"
                                         << "does not exist";
    }

    void invalidInputSavesNothing()
    {
        QFETCH(QString, field);
        QFETCH(QString, text);
        QFETCH(QString, errorLabel);
        QFETCH(QString, mentions);
        DesktopStack stack;
        QVERIFY(stack.start());
        const QByteArray before = stack.configBytes();
        ProvidersPage page(stack.settings, *stack.keys, stack.gateway);
        page.show();
        page.load();
        page.addProvider(QStringLiteral("custom-openai"));
        type(child<QLineEdit>(&page, "baseUrlLineEdit"), QStringLiteral("http://10.1.2.3:8000/v1"));
        if (field == QLatin1String("headersPlainTextEdit"))
            child<QPlainTextEdit>(&page, "headersPlainTextEdit")->setPlainText(text);
        else
            type(child<QLineEdit>(&page, field.toLatin1().constData()), text);
        auto *label = child<QLabel>(&page, errorLabel.toLatin1().constData());
        QVERIFY2(!label->isHidden(), qPrintable(errorLabel));
        QVERIFY2(label->text().contains(mentions), qPrintable(label->text()));
        QSignalSpy messages(&page, &DashboardPage::statusMessage);
        QVERIFY(!page.apply());
        QCOMPARE(messages.count(), 1);
        QCOMPARE(messages.first().at(1).toBool(), true);
        QCOMPARE(stack.configBytes(), before);
        QVERIFY(page.isModified()); // the user's input stays to be fixed
        QVERIFY(!stack.settings.effective().provider(QStringLiteral("custom")));
    }

    void baseUrlPointingAtTheGatewayIsRefused()
    {
        DesktopStack stack;
        QVERIFY(stack.start());
        ProvidersPage page(stack.settings, *stack.keys, stack.gateway);
        page.show();
        page.load();
        page.addProvider(QStringLiteral("custom-openai"));
        type(child<QLineEdit>(&page, "baseUrlLineEdit"),
             QStringLiteral("http://localhost:%1/v1").arg(stack.gateway.baseUrl().port()));
        auto *error = child<QLabel>(&page, "baseUrlErrorLabel");
        QVERIFY(!error->isHidden());
        QVERIFY2(error->text().contains(QStringLiteral("loop")), qPrintable(error->text()));
        QVERIFY(!page.apply());
    }

    void environmentKeyIsShownNotEditable()
    {
        DesktopStack stack({}, {{QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-env-9")}});
        QVERIFY(stack.start());
        ProvidersPage page(stack.settings, *stack.keys, stack.gateway);
        page.show();
        page.load();
        page.reveal(QStringLiteral("openai"));
        auto *key = child<QLineEdit>(&page, "keyLineEdit");
        QVERIFY(!key->isEnabled());
        QCOMPARE(key->placeholderText(), QStringLiteral("from OPENAI_API_KEY"));
        QVERIFY(child<QLabel>(&page, "keyStatusLabel")
                    ->text()
                    .contains(QStringLiteral("OPENAI_API_KEY")));
        QVERIFY(!child<QPushButton>(&page, "removeKeyPushButton")->isEnabled());
    }

    void presetAndToggle()
    {
        DesktopStack stack;
        QVERIFY(stack.start());
        ProvidersPage page(stack.settings, *stack.keys, stack.gateway);
        page.show();
        page.load();
        const int row = page.addProvider(QStringLiteral("ollama"));
        QCOMPARE(child<QLineEdit>(&page, "baseUrlLineEdit")->text(),
                 QStringLiteral("http://127.0.0.1:11434/v1"));
        // The seed's DeepSeek turned off with its list check box.
        auto *view = child<QListView>(&page, "providerListView");
        const QModelIndex deepseek = view->model()->index(
            static_cast<ProviderListModel *>(view->model())->rowOf(QStringLiteral("deepseek")), 0);
        QVERIFY(view->model()->setData(deepseek, Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(page.apply());
        QCOMPARE(row, 3);
        QVERIFY(stack.settings.effective().provider(QStringLiteral("ollama"))->enabled);
        QVERIFY(!stack.settings.effective().provider(QStringLiteral("deepseek"))->enabled);
        // Adding a preset that is there already selects it instead of a second copy.
        QCOMPARE(
            page.addProvider(QStringLiteral("deepseek")),
            static_cast<ProviderListModel *>(view->model())->rowOf(QStringLiteral("deepseek")));
        QCOMPARE(view->model()->rowCount(), 4);
    }

    void removeTakesRoutesAndKeyAlong()
    {
        DesktopStack stack([](GatewayConfig &c) {
            c.aliases = {ModelAlias{QStringLiteral("fast"), QStringLiteral("deepseek"),
                                    QStringLiteral("deepseek-chat")}};
        });
        QVERIFY(stack.start());
        std::optional<QString> stored;
        stack.keys->setKey(QStringLiteral("deepseek"), QStringLiteral("sk-ds-1234567890abcdef"),
                           qApp, [&](const QString &e) { stored = e; });
        QTRY_VERIFY(stored.has_value());
        ProvidersPage page(stack.settings, *stack.keys, stack.gateway);
        page.show();
        page.load();
        page.reveal(QStringLiteral("deepseek"));
        answerNextMessageBox(QMessageBox::Yes);
        child<QPushButton>(&page, "removePushButton")->click();
        QSignalSpy keysSaved(&page, &ProvidersPage::keysSaved);
        QVERIFY(page.apply());
        QVERIFY(keysSaved.wait(5000));
        const GatewayConfig &config = stack.settings.effective();
        // A built-in provider stays in the file, off, so it does not come back on its own.
        QVERIFY(!config.provider(QStringLiteral("deepseek")) ||
                !config.provider(QStringLiteral("deepseek"))->enabled);
        for (const PrefixRule &rule : config.routes)
            QVERIFY(rule.providerId != QLatin1String("deepseek"));
        QVERIFY(config.aliases.isEmpty());
        QVERIFY(!stack.memoryKeychain().contents().contains(QStringLiteral("provider/deepseek")));
    }

    void testConnectionSaysWhatFailed()
    {
        FakeUpstream upstream;
        QVERIFY(upstream.listen());
        upstream.setModelIds({QStringLiteral("model-b"), QStringLiteral("model-a")});
        DesktopStack stack;
        QVERIFY(stack.start());
        ProvidersPage page(stack.settings, *stack.keys, stack.gateway);
        page.show();
        page.load();
        page.addProvider(QStringLiteral("custom-openai"));
        type(child<QLineEdit>(&page, "baseUrlLineEdit"), upstream.baseUrl().toString());
        type(child<QLineEdit>(&page, "keyLineEdit"), QStringLiteral("typed-not-saved-key"));
        auto *result = child<QLabel>(&page, "checkResultLabel");
        auto *models = child<QListWidget>(&page, "modelsListWidget");

        child<QPushButton>(&page, "fetchModelsPushButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("Connected")), 10000);
        QCOMPARE(models->count(), 2);
        QCOMPARE(models->item(0)->text(), QStringLiteral("model-a"));
        // The key typed (not saved yet) was the one sent.
        QCOMPARE(upstream.requests().last().header("authorization"),
                 QByteArray("Bearer typed-not-saved-key"));

        upstream.setModelsReply(FakeReply::error(401, QStringLiteral("Invalid API key"),
                                                 QStringLiteral("invalid_request_error"),
                                                 QStringLiteral("invalid_api_key")));
        child<QPushButton>(&page, "testPushButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QStringLiteral("refused the key")), 10000);
        QVERIFY(result->text().contains(QStringLiteral("Invalid API key")));

        upstream.setModelsReply(FakeReply::json(404, "{}"));
        child<QPushButton>(&page, "testPushButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QStringLiteral("base URL")), 10000);

        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        type(child<QLineEdit>(&page, "baseUrlLineEdit"),
             QStringLiteral("http://127.0.0.1:%1/v1").arg(port));
        child<QPushButton>(&page, "testPushButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QStringLiteral("connection refused")),
                                 10000);
        QVERIFY(!result->text().contains(QStringLiteral("typed-not-saved-key")));
    }
};

QTEST_MAIN(TestProvidersPage)
#include "TestProvidersPage.moc"
