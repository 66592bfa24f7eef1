// Renders the chat window with a sample conversation (a question, a reply with folded
// reasoning, Markdown and a code block, usage and time, a follow-up) into a PNG, in English or
// Simplified Chinese. scripts/screenshots.sh runs it (under Xvfb for real fonts).
//
//   chat-screenshot OUTPUT.png [--language zh_CN] [--size 1100x720]
#include "chat/ChatModelListModel.h"
#include "chat/ChatSession.h"
#include "chat/ChatWindow.h"
#include "chat/ChatWindowController.h"
#include "chat/ConversationStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTranslator>

#include <cstdio>

namespace {

struct Sample
{
    QString title;
    QString question;
    QString reasoning;
    QString answer;
    QString followUp;
    QString followUpAnswer;
    QStringList otherTitles;
};

Sample english()
{
    return Sample{
        QStringLiteral("Deduplicate a list in Python"),
        QStringLiteral("How do I remove duplicates from a list in Python but keep the order?"),
        QStringLiteral("The user wants order-preserving deduplication. A set loses the order; "
                       "dict.fromkeys keeps insertion order since Python 3.7, so that is the "
                       "shortest answer. I should also show the loop with a seen-set for "
                       "unhashable items, and mention the cost."),
        QStringLiteral("Use `dict.fromkeys()`: dictionaries keep insertion order (Python 3.7+), "
                       "so the first occurrence of each item wins.\n\n"
                       "```python\n"
                       "items = [3, 1, 3, 2, 1]\n"
                       "unique = list(dict.fromkeys(items))\n"
                       "print(unique)  # [3, 1, 2]\n"
                       "```\n\n"
                       "This runs in **O(n)** time. A few notes:\n\n"
                       "1. The items must be *hashable* (numbers, strings, tuples).\n"
                       "2. For lists of dicts, keep a `seen` set of keys in a loop instead.\n"
                       "3. `set(items)` is faster but does **not** keep the order.\n"),
        QStringLiteral("And for a list of dicts, by the \"id\" key?"),
        QStringLiteral(
            "Track the ids you have seen:\n\n"
            "```python\n"
            "seen = set()\n"
            "unique = [d for d in rows if not (d[\"id\"] in seen or seen.add(d[\"id\"]))]\n"
            "```\n"),
        {QStringLiteral("Weekend trip to Lisbon"), QStringLiteral("SQL window functions"),
         QStringLiteral("Review my cover letter"), QStringLiteral("Rust lifetimes, explained")}};
}

Sample chinese()
{
    return Sample{
        QStringLiteral("Python 列表去重"),
        QStringLiteral("在 Python 里怎样去掉列表中的重复元素，同时保持原来的顺序？"),
        QStringLiteral(
            "用户需要保持顺序的去重。集合会打乱顺序；从 Python 3.7 起字典保持插入顺序，"
            "所以 dict.fromkeys 是最简短的写法。还应提到不可哈希元素的情况和时间复杂度。"),
        QStringLiteral("用 `dict.fromkeys()`：字典会保持插入顺序（Python 3.7 及以上），"
                       "每个元素保留第一次出现的位置。\n\n"
                       "```python\n"
                       "items = [3, 1, 3, 2, 1]\n"
                       "unique = list(dict.fromkeys(items))\n"
                       "print(unique)  # [3, 1, 2]\n"
                       "```\n\n"
                       "时间复杂度为 **O(n)**。注意：\n\n"
                       "1. 元素必须*可哈希*（数字、字符串、元组）。\n"
                       "2. 如果是字典列表，请在循环里用 `seen` 集合记录键。\n"
                       "3. `set(items)` 更快，但**不**保持顺序。\n"),
        QStringLiteral("如果是字典列表，按 \"id\" 去重呢？"),
        QStringLiteral(
            "记录已经见过的 id：\n\n"
            "```python\n"
            "seen = set()\n"
            "unique = [d for d in rows if not (d[\"id\"] in seen or seen.add(d[\"id\"]))]\n"
            "```\n"),
        {QStringLiteral("里斯本周末行程"), QStringLiteral("SQL 窗口函数"),
         QStringLiteral("帮我修改求职信"), QStringLiteral("Rust 生命周期详解")}};
}

ChatMessage reply(const QString &reasoning, const QString &answer, qint64 prompt, qint64 completion,
                  qint64 reasoningTokens, qint64 durationMs)
{
    ChatMessage message = ChatMessage::assistant(QStringLiteral("deepseek-reasoner"));
    message.reasoning = reasoning;
    message.content = answer;
    message.state = ChatMessage::State::Complete;
    message.finishReason = QStringLiteral("stop");
    message.usage.promptTokens = prompt;
    message.usage.completionTokens = completion;
    message.usage.reasoningTokens = reasoningTokens;
    message.durationMs = durationMs;
    message.firstTokenMs = 900;
    return message;
}

bool waitFor(const std::function<bool()> &condition, int timeoutMs = 10000)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("llm-gateway"));
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("output"), QStringLiteral("The PNG to write."));
    parser.addOption({QStringLiteral("language"), QStringLiteral("en or zh_CN."),
                      QStringLiteral("code"), QStringLiteral("en")});
    parser.addOption({QStringLiteral("size"), QStringLiteral("Window size."), QStringLiteral("WxH"),
                      QStringLiteral("1100x720")});
    parser.addHelpOption();
    parser.process(app);
    if (parser.positionalArguments().size() != 1)
        parser.showHelp(2);
    const QString output = parser.positionalArguments().first();
    const bool zh = parser.value(QStringLiteral("language")).startsWith(QLatin1String("zh"));
    const QStringList size = parser.value(QStringLiteral("size")).split(QLatin1Char('x'));

    QTranslator translator;
    if (zh &&
        translator.load(QLocale(QLocale::Chinese, QLocale::China), QStringLiteral("llm-gateway"),
                        QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("chats.db"));
    const Sample sample = zh ? chinese() : english();
    QString openId;
    {
        ConversationStore store(path);
        QSignalSpy opened(&store, &ConversationStore::opened);
        store.open();
        waitFor([&] { return !opened.isEmpty(); });
        qint64 time = QDateTime::currentMSecsSinceEpoch() - 5 * 86400000LL;
        for (const QString &title : sample.otherTitles) {
            Conversation other = Conversation::create(QStringLiteral("deepseek-chat"));
            other.title = title;
            other.updatedAt = QDateTime::fromMSecsSinceEpoch(time += 3600000);
            store.saveConversation(other);
            store.saveMessage(other.id, 0, ChatMessage::user(title));
        }
        Conversation conversation = Conversation::create(QStringLiteral("deepseek-reasoner"));
        conversation.title = sample.title;
        conversation.updatedAt = QDateTime::currentDateTimeUtc();
        conversation.messages = {ChatMessage::user(sample.question),
                                 reply(sample.reasoning, sample.answer, 38, 412, 156, 6400),
                                 ChatMessage::user(sample.followUp),
                                 reply(QString(), sample.followUpAnswer, 470, 64, -1, 2100)};
        store.saveConversation(conversation);
        for (int i = 0; i < conversation.messages.size(); ++i)
            store.saveMessage(conversation.id, i, conversation.messages[i]);
        store.setSetting(QStringLiteral("lastModel"), QStringLiteral("deepseek-reasoner"));
        openId = conversation.id;
    }

    ChatWindowController controller(path);
    // An address nothing answers on: the window shows no "not running" notice, and its model
    // list (asked at once) fails quietly into the picker's status line.
    controller.setEndpoint(GatewayEndpoint{QUrl(QStringLiteral("http://127.0.0.1:9")), QString()});
    controller.show();
    ChatWindow *window = controller.window();
    window->resize(size.value(0).toInt(), size.value(1).toInt());
    window->openConversation(openId);
    if (!waitFor([&] { return window->session() && window->session()->id() == openId; })) {
        std::fputs("chat-screenshot: the sample conversation did not open\n", stderr);
        return 1;
    }
    window->modelList()->setModels(
        {{QStringLiteral("deepseek-chat"), QStringLiteral("deepseek")},
         {QStringLiteral("deepseek-reasoner"), QStringLiteral("deepseek")},
         {QStringLiteral("claude-sonnet-4-5"), QStringLiteral("anthropic")}});
    // Let the list, the layout and the text documents settle.
    waitFor([] { return false; }, 800);
    const QImage image = window->grab().toImage();
    if (image.isNull() || !image.save(output)) {
        std::fprintf(stderr, "chat-screenshot: cannot write %s\n", qPrintable(output));
        return 1;
    }
    std::printf("%s\n", qPrintable(output));
    return 0;
}
