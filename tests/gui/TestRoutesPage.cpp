// The Routes page: rules and aliases edited in the tables, reordered by drag and drop (and the
// buttons), the "where does this model go" box, and apply: the file and the running gateway
// follow. Invalid rules show their problem and save nothing. Models under
// QAbstractItemModelTester.
#include "DesktopStack.h"
#include "FakeUpstream.h"
#include "RawHttpClient.h"
#include "routes/AliasModel.h"
#include "routes/RouteRuleModel.h"
#include "routes/RoutesPage.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>

class TestRoutesPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        RawHttpClient::defaultHeaders().clear();
    }

    void ruleModelMovesAndDrops()
    {
        RouteRuleModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRules({PrefixRule{QStringLiteral("a-"), QStringLiteral("p"), false},
                        PrefixRule{QStringLiteral("b-"), QStringLiteral("p"), false},
                        PrefixRule{QStringLiteral("c-"), QStringLiteral("p"), true}});
        const auto prefixes = [&model] {
            QStringList list;
            for (const PrefixRule &r : model.rules())
                list.append(r.prefix);
            return list;
        };
        QVERIFY(model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3));
        QCOMPARE(prefixes(), (QStringList{"b-", "c-", "a-"}));
        QVERIFY(!model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 2)); // onto itself
        // A drag of row 2 dropped before row 0, as the view hands it over.
        std::unique_ptr<QMimeData> data(model.mimeData({model.index(2, 0)}));
        QVERIFY(data);
        QVERIFY(!model.dropMimeData(data.get(), Qt::MoveAction, 0, 0, QModelIndex()));
        QCOMPARE(prefixes(), (QStringList{"a-", "b-", "c-"}));
        QCOMPARE(model.rules().at(2).stripPrefix, true); // the row moved whole
        QVERIFY(model.setData(model.index(1, RouteRuleModel::StripColumn), Qt::Checked,
                              Qt::CheckStateRole));
        QVERIFY(model.rules().at(1).stripPrefix);
        QVERIFY(model.removeRows(0, 1));
        QCOMPARE(model.rowCount(), 2);

        AliasModel aliases;
        QAbstractItemModelTester aliasTester(
            &aliases, QAbstractItemModelTester::FailureReportingMode::QtTest);
        aliases.appendAlias(
            ModelAlias{QStringLiteral("fast"), QStringLiteral("p"), QStringLiteral("m")});
        QVERIFY(aliases.setData(aliases.index(0, AliasModel::ModelColumn), QStringLiteral(" n "),
                                Qt::EditRole));
        QCOMPARE(aliases.aliases().first().model, QStringLiteral("n"));
        QVERIFY(aliases.removeRows(0, 1));
    }

    void addRuleAndAliasThenApply()
    {
        FakeUpstream upstream;
        QVERIFY(upstream.listen());
        upstream.setChatReply(
            FakeReply::chatCompletion(QStringLiteral("x"), QStringLiteral("routed")));
        DesktopStack stack([&](GatewayConfig &c) {
            ProviderSettings team;
            team.id = QStringLiteral("team");
            team.baseUrl = upstream.baseUrl();
            c.providers.append(team);
        });
        QVERIFY(stack.start());
        RoutesPage page(stack.settings);
        page.show();
        page.load();
        QAbstractItemModelTester tester(page.ruleModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *test = page.findChild<QLineEdit *>(QStringLiteral("routeTestLineEdit"));
        auto *result = page.findChild<QLabel *>(QStringLiteral("routeTestResultLabel"));
        test->setText(QStringLiteral("qwen-max"));
        QVERIFY2(result->text().contains(QStringLiteral("Nothing matches")),
                 qPrintable(result->text()));

        page.findChild<QPushButton *>(QStringLiteral("addRoutePushButton"))->click();
        const int row = page.ruleModel()->rowCount() - 1;
        QVERIFY(page.ruleModel()->setData(page.ruleModel()->index(row, 0), QStringLiteral("qwen"),
                                          Qt::EditRole));
        QVERIFY(page.ruleModel()->setData(page.ruleModel()->index(row, 1), QStringLiteral("team"),
                                          Qt::EditRole));
        // The box follows the unsaved rules at once.
        QVERIFY2(result->text().contains(QStringLiteral("team")), qPrintable(result->text()));
        QVERIFY(result->text().contains(QStringLiteral("\"qwen-max\"")));
        page.findChild<QPushButton *>(QStringLiteral("addAliasPushButton"))->click();
        AliasModel *aliases = page.aliasModel();
        aliases->setData(aliases->index(0, AliasModel::NameColumn), QStringLiteral("house"),
                         Qt::EditRole);
        aliases->setData(aliases->index(0, AliasModel::ProviderColumn), QStringLiteral("team"),
                         Qt::EditRole);
        aliases->setData(aliases->index(0, AliasModel::ModelColumn), QStringLiteral("llama3"),
                         Qt::EditRole);
        QVERIFY(page.describeRoute(QStringLiteral("house")).contains(QStringLiteral("llama3")));
        QVERIFY(page.isModified());
        QVERIFY(page.apply());
        QVERIFY(!page.isModified());

        QVERIFY(stack.configBytes().contains("\"qwen\""));
        QVERIFY(stack.configBytes().contains("\"house\""));
        const QUrl base = stack.gateway.baseUrl();
        const RawHttpClient::HeaderList auth{
            {"Authorization", "Bearer " + stack.token->token().toUtf8()}};
        QTRY_COMPARE(RawHttpClient::fetch(
                         base, "POST", "/v1/chat/completions",
                         R"({"model":"house","messages":[{"role":"user","content":"x"}]})", auth)
                         .status,
                     200);
        QCOMPARE(upstream.lastChatRequest().json.value(QStringLiteral("model")).toString(),
                 QStringLiteral("llama3"));
    }

    void invalidRulesSaveNothing()
    {
        DesktopStack stack;
        QVERIFY(stack.start());
        const QByteArray before = stack.configBytes();
        RoutesPage page(stack.settings);
        page.show();
        page.load();
        page.findChild<QPushButton *>(QStringLiteral("addRoutePushButton"))->click();
        // A rule without a prefix, and a duplicate of an existing one.
        page.ruleModel()->appendRule(
            PrefixRule{QStringLiteral("gpt-"), QStringLiteral("openai"), false});
        auto *error = page.findChild<QLabel *>(QStringLiteral("routesErrorLabel"));
        QVERIFY(!error->isHidden());
        QVERIFY2(error->text().contains(QStringLiteral("no prefix")), qPrintable(error->text()));
        QVERIFY(error->text().contains(QStringLiteral("\"gpt-\"")));
        QVERIFY(!page.apply());
        QCOMPARE(stack.configBytes(), before);
    }

    void reorderWithButtonsIsSaved()
    {
        DesktopStack stack;
        QVERIFY(stack.start());
        RoutesPage page(stack.settings);
        page.show();
        page.load();
        auto *view = page.findChild<QTableView *>(QStringLiteral("routesTableView"));
        const QString last = page.ruleModel()->rules().last().prefix;
        view->setCurrentIndex(page.ruleModel()->index(page.ruleModel()->rowCount() - 1, 0));
        page.findChild<QPushButton *>(QStringLiteral("moveUpPushButton"))->click();
        QCOMPARE(page.ruleModel()->rules().at(page.ruleModel()->rowCount() - 2).prefix, last);
        QVERIFY(page.apply());
        const QList<PrefixRule> &saved = stack.settings.fileConfig().routes;
        QCOMPARE(saved.at(saved.size() - 2).prefix, last);
    }
};

QTEST_MAIN(TestRoutesPage)
#include "TestRoutesPage.moc"
