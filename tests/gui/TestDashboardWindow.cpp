// The dashboard window as a container: pages added and replaced in place (how the request
// log's pages arrive), navigation, the Apply bar, unsaved changes asked about, and closing
// without a tray asking whether to keep serving.
#include "DesktopStack.h"
#include "dashboard/DashboardPage.h"
#include "dashboard/DashboardWindow.h"
#include "dashboard/PlaceholderPage.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>

namespace {
/// A page with one editable value, applied into `saved`.
class CounterPage : public DashboardPage
{
public:
    explicit CounterPage(QString id, bool acceptApply = true)
        : m_id(std::move(id)), m_accept(acceptApply)
    {}
    QString pageId() const override { return m_id; }
    QString title() const override { return QStringLiteral("Page ") + m_id; }
    QIcon icon() const override { return QIcon(); }
    void load() override
    {
        ++loads;
        value = saved;
        setModified(false);
    }
    bool apply() override
    {
        if (!m_accept)
            return false;
        saved = value;
        setModified(false);
        return true;
    }
    bool isEditable() const override { return true; }
    void edit(int v)
    {
        value = v;
        setModified(true);
    }
    void reveal(const QString &item) override { revealed = item; }

    int value = 0;
    int saved = 0;
    int loads = 0;
    QString revealed;

private:
    QString m_id;
    bool m_accept;
};

QStringList listed(DashboardWindow &window)
{
    QStringList titles;
    auto *list = window.findChild<QListWidget *>(QStringLiteral("pageListWidget"));
    for (int i = 0; i < list->count(); ++i)
        titles.append(list->item(i)->text());
    return titles;
}
} // namespace

class TestDashboardWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void pagesAddedAndReplaced()
    {
        DashboardWindow window;
        auto *a = new CounterPage(QStringLiteral("a"));
        window.addPage(a);
        window.addPage(new PlaceholderPage(PlaceholderPage::Kind::Logs));
        window.addPage(new CounterPage(QStringLiteral("z")));
        QCOMPARE(a->loads, 1); // loaded when added
        QCOMPARE(listed(window), (QStringList{"Page a", "Logs", "Page z"}));
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("placeholderLabel")));
        // The request log's page takes the placeholder's place.
        auto *logs = new CounterPage(QStringLiteral("logs"));
        window.replacePage(logs);
        QCOMPARE(listed(window), (QStringList{"Page a", "Page logs", "Page z"}));
        QCOMPARE(window.page(QStringLiteral("logs")), logs);
        // addPage before another one.
        window.addPage(new CounterPage(QStringLiteral("b")), QStringLiteral("logs"));
        QCOMPARE(listed(window), (QStringList{"Page a", "Page b", "Page logs", "Page z"}));
        QCOMPARE(window.currentPage(), a);
        QVERIFY(window.showPage(QStringLiteral("logs"), QStringLiteral("row-7")));
        QCOMPARE(window.currentPage(), logs);
        QCOMPARE(logs->revealed, QStringLiteral("row-7"));
        QVERIFY(!window.showPage(QStringLiteral("missing")));
    }

    void applyBarFollowsThePage()
    {
        DashboardWindow window;
        auto *page = new CounterPage(QStringLiteral("a"));
        window.addPage(page);
        window.show();
        auto *apply = window.findChild<QPushButton *>(QStringLiteral("applyPushButton"));
        auto *discard = window.findChild<QPushButton *>(QStringLiteral("discardPushButton"));
        QVERIFY(apply->isVisible());
        QVERIFY(!apply->isEnabled());
        page->edit(5);
        QVERIFY(apply->isEnabled() && discard->isEnabled());
        apply->click();
        QCOMPARE(page->saved, 5);
        QVERIFY(!apply->isEnabled());
        page->edit(9);
        discard->click();
        QCOMPARE(page->value, 5);
        QVERIFY(!page->isModified());
    }

    void unsavedChangesAreAskedAbout()
    {
        DashboardWindow window;
        auto *first = new CounterPage(QStringLiteral("a"));
        window.addPage(first);
        window.addPage(new CounterPage(QStringLiteral("b")));
        window.show();
        first->edit(3);
        answerNextMessageBox(QMessageBox::Cancel);
        QVERIFY(!window.showPage(QStringLiteral("b")));
        QCOMPARE(window.currentPage(), first);
        answerNextMessageBox(QMessageBox::Apply);
        QVERIFY(window.showPage(QStringLiteral("b")));
        QCOMPARE(first->saved, 3);
        window.showPage(QStringLiteral("a"));
        first->edit(4);
        answerNextMessageBox(QMessageBox::Discard);
        QVERIFY(window.showPage(QStringLiteral("b")));
        QCOMPARE(first->saved, 3);
        QCOMPARE(first->value, 3);
    }

    void closingWithoutTrayAsks()
    {
        DashboardWindow window;
        window.addPage(new CounterPage(QStringLiteral("a")));
        window.setCloseBehaviour(DashboardWindow::CloseBehaviour::AskKeepServing);
        window.show();
        QSignalSpy hidden(&window, &DashboardWindow::hiddenToBackground);
        QSignalSpy quit(&window, &DashboardWindow::quitRequested);
        answerNextMessageBox([](QMessageBox *box) {
            return box->findChild<QAbstractButton *>(QStringLiteral("keepServingButton"));
        });
        QVERIFY(window.close());
        QCOMPARE(hidden.count(), 1);
        QCOMPARE(quit.count(), 0);
        QVERIFY(!window.isVisible());

        window.show();
        answerNextMessageBox(QMessageBox::Cancel);
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());

        answerNextMessageBox([](QMessageBox *box) {
            return box->findChild<QAbstractButton *>(QStringLiteral("quitButton"));
        });
        QVERIFY(window.close());
        QCOMPARE(quit.count(), 1);
    }

    void bringToFrontRestoresAMinimisedWindow()
    {
        DashboardWindow window;
        window.addPage(new CounterPage(QStringLiteral("a")));
        window.showMinimized();
        QVERIFY(window.isMinimized());
        window.bringToFront();
        QVERIFY(window.isVisible());
        QVERIFY(!window.isMinimized());
        window.hide();
        window.bringToFront();
        QVERIFY(window.isVisible());
    }
};

QTEST_MAIN(TestDashboardWindow)
#include "TestDashboardWindow.moc"
