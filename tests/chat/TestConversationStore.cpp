// The chat history on disk: create, save, rename, delete with undo, search, export, reopen
// after a restart, a damaged file reported and what it still holds recovered, and the list
// model the sidebar shows.
#include "ChatTestSupport.h"
#include "chat/ConversationListModel.h"
#include "chat/ConversationStore.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ChatTestSupport;

namespace {

QList<ConversationSummary> listOf(ConversationStore &store, const QString &search = {})
{
    QObject context;
    bool done = false;
    QList<ConversationSummary> result;
    store.list(search, &context, [&](const QList<ConversationSummary> &rows) {
        result = rows;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, kTimeoutMs))
        qFatal("the store did not answer");
    return result;
}

std::optional<Conversation> loadOf(ConversationStore &store, const QString &id)
{
    QObject context;
    bool done = false;
    std::optional<Conversation> result;
    store.load(id, &context, [&](const std::optional<Conversation> &conversation) {
        result = conversation;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, kTimeoutMs))
        qFatal("the store did not answer");
    return result;
}

ConversationOpenReport openStore(ConversationStore &store)
{
    QSignalSpy opened(&store, &ConversationStore::opened);
    store.open();
    if (!opened.wait(kTimeoutMs))
        qFatal("the store did not open");
    return opened.first().first().value<ConversationOpenReport>();
}

QStringList titles(const QList<ConversationSummary> &rows)
{
    QStringList result;
    for (const ConversationSummary &row : rows)
        result.append(row.title);
    return result;
}

/// A conversation with a user message (with an image) and a finished reply.
Conversation sample(const QString &title, const QString &question, const QString &answer,
                    qint64 updatedMs)
{
    Conversation conversation = Conversation::create(QStringLiteral("deepseek-chat"));
    conversation.title = title;
    conversation.systemPrompt = QStringLiteral("Answer briefly.");
    conversation.reasoningEffort = QStringLiteral("high");
    conversation.updatedAt = QDateTime::fromMSecsSinceEpoch(updatedMs, Qt::UTC);
    conversation.createdAt = conversation.updatedAt;
    conversation.messages.append(ChatMessage::user(question, {ChatImage{"image/png", tinyPng()}}));
    ChatMessage reply = ChatMessage::assistant(QStringLiteral("deepseek-chat"));
    reply.content = answer;
    reply.reasoning = QStringLiteral("Thinking about: ") + question;
    reply.state = ChatMessage::State::Complete;
    reply.usage.promptTokens = 12;
    reply.usage.completionTokens = 34;
    reply.usage.reasoningTokens = 5;
    reply.durationMs = 1234;
    reply.firstTokenMs = 321;
    reply.finishReason = QStringLiteral("stop");
    conversation.messages.append(reply);
    return conversation;
}

void saveAll(ConversationStore &store, const Conversation &conversation)
{
    store.saveConversation(conversation);
    for (int i = 0; i < conversation.messages.size(); ++i)
        store.saveMessage(conversation.id, i, conversation.messages[i]);
}

void compareMessages(const ChatMessage &actual, const ChatMessage &expected)
{
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(actual.role, expected.role);
    QCOMPARE(actual.content, expected.content);
    QCOMPARE(actual.reasoning, expected.reasoning);
    QCOMPARE(actual.images, expected.images);
    QCOMPARE(actual.model, expected.model);
    QCOMPARE(actual.usage, expected.usage);
    QCOMPARE(actual.durationMs, expected.durationMs);
    QCOMPARE(actual.firstTokenMs, expected.firstTokenMs);
    QCOMPARE(actual.state, expected.state);
    QCOMPARE(actual.error, expected.error);
    QCOMPARE(actual.finishReason, expected.finishReason);
    QCOMPARE(actual.createdAt.toMSecsSinceEpoch(), expected.createdAt.toMSecsSinceEpoch());
}

} // namespace

class TestConversationStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void savedConversationLoadsBackWhole();
    void listNewestFirstAndRename();
    void deleteCanBeUndoneUntilTheNextStart();
    void searchTitlesAndText_data();
    void searchTitlesAndText();
    void reopenAfterRestart();
    void messagesReplacedAndDeleted();
    void exportAsMarkdown();
    void fileThatIsNoDatabaseIsReportedAndKept();
    void damagedPageCostsOnlyItsRows();
    void unusableLocationIsReported();
    void listModelFollowsTheStore();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("chats.db")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestConversationStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestConversationStore::savedConversationLoadsBackWhole()
{
    ConversationStore store(dbPath());
    const ConversationOpenReport report = openStore(store);
    QVERIFY(report.ok);
    QVERIFY(report.problem.isEmpty());

    Conversation conversation = sample(QStringLiteral("Sorting"), QStringLiteral("How to sort?"),
                                       QStringLiteral("Use `sorted()`."), 1767225600000);
    ChatMessage failed = ChatMessage::assistant(QStringLiteral("deepseek-chat"));
    failed.state = ChatMessage::State::Failed;
    failed.content = QStringLiteral("Partial");
    failed.error = ChatError::fromHttp(
        429, R"({"error":{"message":"slow down","code":"rate_limit_exceeded"}})", "9");
    conversation.messages.append(ChatMessage::user(QStringLiteral("And again?")));
    conversation.messages.append(failed);
    saveAll(store, conversation);

    const std::optional<Conversation> loaded = loadOf(store, conversation.id);
    QVERIFY(loaded);
    QCOMPARE(loaded->title, conversation.title);
    QCOMPARE(loaded->systemPrompt, conversation.systemPrompt);
    QCOMPARE(loaded->model, conversation.model);
    QCOMPARE(loaded->reasoningEffort, QStringLiteral("high"));
    QCOMPARE(loaded->updatedAt, conversation.updatedAt);
    QCOMPARE(loaded->messages.size(), 4);
    for (int i = 0; i < 4; ++i)
        compareMessages(loaded->messages[i], conversation.messages[i]);
    QCOMPARE(loaded->messages[3].error.retryAfterSeconds, 9);
    QVERIFY(!loadOf(store, QStringLiteral("no-such-id")));
}

void TestConversationStore::listNewestFirstAndRename()
{
    ConversationStore store(dbPath());
    openStore(store);
    QSignalSpy changed(&store, &ConversationStore::conversationsChanged);
    const Conversation older =
        sample(QStringLiteral("Older"), QStringLiteral("q1"), QStringLiteral("a1"), 1000);
    const Conversation newer =
        sample(QStringLiteral("Newer"), QStringLiteral("q2"), QStringLiteral("a2"), 2000);
    saveAll(store, older);
    saveAll(store, newer);
    QCOMPARE(titles(listOf(store)),
             (QStringList{QStringLiteral("Newer"), QStringLiteral("Older")}));
    QVERIFY(!changed.isEmpty());

    store.rename(older.id, QStringLiteral("Renamed"));
    QCOMPARE(titles(listOf(store)),
             (QStringList{QStringLiteral("Newer"), QStringLiteral("Renamed")}));
    const std::optional<Conversation> loaded = loadOf(store, older.id);
    QVERIFY(loaded->customTitle);
    QCOMPARE(loaded->title, QStringLiteral("Renamed"));
}

void TestConversationStore::deleteCanBeUndoneUntilTheNextStart()
{
    const Conversation keep =
        sample(QStringLiteral("Keep"), QStringLiteral("q"), QStringLiteral("a"), 1000);
    const Conversation drop =
        sample(QStringLiteral("Drop"), QStringLiteral("q"), QStringLiteral("a"), 2000);
    {
        ConversationStore store(dbPath());
        openStore(store);
        saveAll(store, keep);
        saveAll(store, drop);
        store.setTrashed(drop.id, true);
        QCOMPARE(titles(listOf(store)), QStringList{QStringLiteral("Keep")});
        store.setTrashed(drop.id, false); // Undo
        QCOMPARE(titles(listOf(store)),
                 (QStringList{QStringLiteral("Drop"), QStringLiteral("Keep")}));
        store.setTrashed(drop.id, true);
        QCOMPARE(titles(listOf(store)), QStringList{QStringLiteral("Keep")});
    }
    ConversationStore reopened(dbPath());
    openStore(reopened);
    QCOMPARE(titles(listOf(reopened)), QStringList{QStringLiteral("Keep")});
    // Gone for good, messages and images too.
    QVERIFY(!loadOf(reopened, drop.id));
    reopened.setTrashed(drop.id, false);
    QCOMPARE(titles(listOf(reopened)), QStringList{QStringLiteral("Keep")});
}

void TestConversationStore::searchTitlesAndText_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("snippetContains");
    QTest::newRow("title, any case")
        << QStringLiteral("RUST") << QStringList{QStringLiteral("Rust lifetimes")} << QString();
    QTest::newRow("reply text") << QStringLiteral("borrow checker")
                                << QStringList{QStringLiteral("Rust lifetimes")}
                                << QStringLiteral("borrow checker");
    QTest::newRow("question text in two")
        << QStringLiteral("explain")
        << QStringList{QStringLiteral("旅行计划"), QStringLiteral("Rust lifetimes")}
        << QStringLiteral("xplain");
    QTest::newRow("Chinese") << QStringLiteral("东京") << QStringList{QStringLiteral("旅行计划")}
                             << QStringLiteral("东京");
    QTest::newRow("wildcards are literal")
        << QStringLiteral("100%") << QStringList{QStringLiteral("Percent")}
        << QStringLiteral("100%");
    QTest::newRow("underscore is literal") << QStringLiteral("a_b") << QStringList{} << QString();
    QTest::newRow("nothing") << QStringLiteral("zebra") << QStringList{} << QString();
    QTest::newRow("blank lists all")
        << QStringLiteral("  ")
        << QStringList{QStringLiteral("Percent"), QStringLiteral("旅行计划"),
                       QStringLiteral("Rust lifetimes")}
        << QString();
}

void TestConversationStore::searchTitlesAndText()
{
    QFETCH(QString, search);
    QFETCH(QStringList, expected);
    QFETCH(QString, snippetContains);
    ConversationStore store(dbPath());
    openStore(store);
    saveAll(store,
            sample(QStringLiteral("Rust lifetimes"), QStringLiteral("Explain lifetimes"),
                   QStringLiteral("The borrow checker makes sure references stay valid."), 1000));
    saveAll(store, sample(QStringLiteral("旅行计划"),
                          QStringLiteral("Please explain: 东京三日游怎么安排？"),
                          QStringLiteral("第一天：浅草寺。"), 2000));
    saveAll(store, sample(QStringLiteral("Percent"), QStringLiteral("Is 100% certain?"),
                          QStringLiteral("aXb"), 3000));
    const QList<ConversationSummary> rows = listOf(store, search);
    QCOMPARE(titles(rows), expected);
    if (!snippetContains.isEmpty())
        QVERIFY2(rows.first().snippet.contains(snippetContains), qPrintable(rows.first().snippet));
}

void TestConversationStore::reopenAfterRestart()
{
    const Conversation conversation =
        sample(QStringLiteral("Yesterday"), QStringLiteral("What did we say?"),
               QStringLiteral("This."), 1000);
    {
        ConversationStore store(dbPath());
        openStore(store);
        saveAll(store, conversation);
        store.setSetting(QStringLiteral("lastModel"), QStringLiteral("claude-sonnet-4-5"));
        // The destructor finishes the queued writes before it returns.
    }
    ConversationStore store(dbPath());
    QVERIFY(openStore(store).problem.isEmpty());
    QCOMPARE(titles(listOf(store)), QStringList{QStringLiteral("Yesterday")});
    const std::optional<Conversation> loaded = loadOf(store, conversation.id);
    QVERIFY(loaded);
    QCOMPARE(loaded->messages.size(), 2);
    compareMessages(loaded->messages[1], conversation.messages[1]);
    QObject context;
    QString lastModel;
    store.setting(QStringLiteral("lastModel"), &context,
                  [&](const QString &value) { lastModel = value; });
    QTRY_COMPARE_WITH_TIMEOUT(lastModel, QStringLiteral("claude-sonnet-4-5"), kTimeoutMs);
}

void TestConversationStore::messagesReplacedAndDeleted()
{
    ConversationStore store(dbPath());
    openStore(store);
    Conversation conversation =
        sample(QStringLiteral("Edit"), QStringLiteral("q"), QStringLiteral("first answer"), 1000);
    saveAll(store, conversation);
    // A streamed reply saved again when it finished: same id, new text.
    conversation.messages[1].content = QStringLiteral("final answer");
    store.saveMessage(conversation.id, 1, conversation.messages[1]);
    QCOMPARE(loadOf(store, conversation.id)->messages[1].content, QStringLiteral("final answer"));
    // Regenerate: the old reply goes.
    store.deleteMessages({conversation.messages[1].id});
    const std::optional<Conversation> loaded = loadOf(store, conversation.id);
    QCOMPARE(loaded->messages.size(), 1);
    QCOMPARE(loaded->messages[0].images.size(), 1);
}

void TestConversationStore::exportAsMarkdown()
{
    ConversationStore store(dbPath());
    openStore(store);
    Conversation conversation =
        sample(QStringLiteral("Sorting"), QStringLiteral("How do I sort?"),
               QStringLiteral("Like this:\n\n```python\nsorted(x)\n```"), 1000);
    saveAll(store, conversation);
    const QString target = m_dir->filePath(QStringLiteral("export/sorting.md"));
    QDir().mkpath(m_dir->filePath(QStringLiteral("export")));
    QObject context;
    QString error = QStringLiteral("pending");
    store.exportMarkdown(conversation.id, target, &context, [&](const QString &e) { error = e; });
    QTRY_VERIFY_WITH_TIMEOUT(error != QLatin1String("pending"), kTimeoutMs);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QFile file(target);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString markdown = QString::fromUtf8(file.readAll());
    QVERIFY(markdown.startsWith(QStringLiteral("# Sorting\n")));
    QVERIFY(markdown.contains(QStringLiteral("> Answer briefly.")));
    QVERIFY(markdown.contains(QStringLiteral("## You\n\nHow do I sort?")));
    QVERIFY(markdown.contains(QStringLiteral("## deepseek-chat")));
    QVERIFY(markdown.contains(
        QStringLiteral("<summary>Reasoning</summary>\n\nThinking about: How do I sort?")));
    QVERIFY(markdown.contains(QStringLiteral("```python\nsorted(x)\n```")));
    QVERIFY(markdown.contains(QStringLiteral("12 prompt tokens · 34 completion tokens · 1.2 s")));
    QVERIFY(markdown.contains(QStringLiteral("[image 1: image/png")));

    // A place that cannot be written is reported.
    error = QStringLiteral("pending");
    store.exportMarkdown(conversation.id, m_dir->filePath(QStringLiteral("missing/dir/x.md")),
                         &context, [&](const QString &e) { error = e; });
    QTRY_VERIFY_WITH_TIMEOUT(error != QLatin1String("pending"), kTimeoutMs);
    QVERIFY(!error.isEmpty());
}

void TestConversationStore::fileThatIsNoDatabaseIsReportedAndKept()
{
    const QByteArray junk = QByteArray("This is not an SQLite file at all. ").repeated(200);
    {
        QFile file(dbPath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(junk);
    }
    ConversationStore store(dbPath());
    const ConversationOpenReport report = openStore(store);
    QVERIFY(report.ok);
    QVERIFY(!report.problem.isEmpty());
    QVERIFY2(report.problem.contains(QDir::toNativeSeparators(report.damagedFilePath)),
             qPrintable(report.problem));
    QCOMPARE(report.recoveredConversations, 0);
    // The damaged file is kept as it was, beside the new one.
    QFile kept(report.damagedFilePath);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), junk);
    // The new history works.
    saveAll(store, sample(QStringLiteral("Fresh"), QStringLiteral("q"), QStringLiteral("a"), 1000));
    QCOMPARE(titles(listOf(store)), QStringList{QStringLiteral("Fresh")});
}

void TestConversationStore::damagedPageCostsOnlyItsRows()
{
    constexpr int kConversations = 40;
    QList<Conversation> originals;
    {
        ConversationStore store(dbPath());
        openStore(store);
        for (int i = 0; i < kConversations; ++i) {
            // About a page of text per message, so the rows spread over many pages.
            const QString answer = QStringLiteral("Answer %1 ").arg(i).repeated(150);
            originals.append(sample(QStringLiteral("Conversation %1").arg(i),
                                    QStringLiteral("Question %1").arg(i), answer, 1000 + i));
            saveAll(store, originals.last());
        }
    }
    // Written through the WAL into the main file by the close; damage one page in the middle.
    QFile file(dbPath());
    QVERIFY(file.open(QIODevice::ReadWrite));
    const qint64 pageSize = 4096;
    const qint64 pages = file.size() / pageSize;
    QVERIFY2(pages > 20, "the test needs a file of many pages");
    QVERIFY(file.seek((pages / 2) * pageSize));
    file.write(QByteArray(int(pageSize), '\xA5'));
    file.close();

    ConversationStore store(dbPath());
    const ConversationOpenReport report = openStore(store);
    QVERIFY(report.ok);
    QVERIFY2(!report.damagedFilePath.isEmpty(), qPrintable(report.problem));
    QVERIFY(QFile::exists(report.damagedFilePath));
    QVERIFY2(report.problem.contains(QStringLiteral("damaged")), qPrintable(report.problem));
    const QList<ConversationSummary> rows = listOf(store);
    qInfo("%d of %d conversations recovered after one damaged page of %lld", int(rows.size()),
          kConversations, pages);
    QVERIFY2(rows.size() >= kConversations / 2, "one damaged page must not cost half the history");
    QCOMPARE(report.recoveredConversations, int(rows.size()));
    // What was recovered is whole where its rows were readable, and never garbled.
    int wholeConversations = 0;
    for (const ConversationSummary &row : rows) {
        const std::optional<Conversation> loaded = loadOf(store, row.id);
        QVERIFY(loaded);
        const auto original = std::find_if(originals.cbegin(), originals.cend(),
                                           [&](const Conversation &c) { return c.id == row.id; });
        QVERIFY(original != originals.cend());
        for (const ChatMessage &message : loaded->messages) {
            const auto same =
                std::find_if(original->messages.cbegin(), original->messages.cend(),
                             [&](const ChatMessage &m) { return m.id == message.id; });
            QVERIFY(same != original->messages.cend());
            QCOMPARE(message.content, same->content);
        }
        wholeConversations += loaded->messages.size() == 2 ? 1 : 0;
    }
    QVERIFY(wholeConversations >= kConversations / 2);
    // The next start finds a sound file.
    store.saveConversation(originals.first());
}

void TestConversationStore::unusableLocationIsReported()
{
    // A file where a directory should be: no history can be made there, as root or not.
    QFile blocker(m_dir->filePath(QStringLiteral("blocker")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    ConversationStore store(m_dir->filePath(QStringLiteral("blocker/chats.db")));
    const ConversationOpenReport report = openStore(store);
    QVERIFY(!report.ok);
    QVERIFY2(report.problem.contains(QStringLiteral("blocker")), qPrintable(report.problem));
    // The chat still answers (nothing is kept), and does not flood with errors.
    QSignalSpy problems(&store, &ConversationStore::problem);
    saveAll(store, sample(QStringLiteral("Lost"), QStringLiteral("q"), QStringLiteral("a"), 1));
    QVERIFY(listOf(store).isEmpty());
    QCOMPARE(problems.size(), 0);
}

void TestConversationStore::listModelFollowsTheStore()
{
    ConversationStore store(dbPath());
    openStore(store);
    ConversationListModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy refreshed(&model, &ConversationListModel::refreshed);

    const Conversation a =
        sample(QStringLiteral("Alpha"), QStringLiteral("first"), QStringLiteral("x"), 1000);
    const Conversation b =
        sample(QStringLiteral("Beta"), QStringLiteral("second"), QStringLiteral("y"), 2000);
    saveAll(store, a);
    saveAll(store, b);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, kTimeoutMs);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("Beta"));
    QCOMPARE(model.index(1).data(ConversationListModel::IdRole).toString(), a.id);
    QCOMPARE(model.rowOf(a.id), 1);

    // Renaming in the list renames in the store.
    QVERIFY(model.setData(model.index(1), QStringLiteral("  Alpha   renamed ")));
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("Alpha renamed"));
    QVERIFY(!model.setData(model.index(1), QStringLiteral("   ")));
    QTRY_COMPARE_WITH_TIMEOUT(titles(listOf(store)).value(1), QStringLiteral("Alpha renamed"),
                              kTimeoutMs);

    model.setSearch(QStringLiteral("second"));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, kTimeoutMs);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("Beta"));
    QCOMPARE(model.index(0).data(ConversationListModel::SnippetRole).toString(),
             QStringLiteral("second"));

    store.setTrashed(b.id, true);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 0, kTimeoutMs);
    model.setSearch(QString());
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, kTimeoutMs);
    QVERIFY(!refreshed.isEmpty());
}

QTEST_GUILESS_MAIN(TestConversationStore)
#include "TestConversationStore.moc"
