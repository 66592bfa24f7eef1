// Measures how the chat window takes a long streamed reply: the real gateway (its own thread)
// and a fake provider (another thread) stream N tokens into a shown ChatWindow, and every
// event the GUI thread handles is timed. Reports, in milliseconds, the time per network
// delivery of reply data and per SSE chunk, per render of the open Markdown block, per paint,
// and the longest the GUI thread was busy at once (a stall). Times are the GUI thread's CPU
// time (the machine may be shared); the longest event is also given in wall-clock time.
//
//   chat-stream-bench [--tokens 20000] [--interval-ms 0] [--json]
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "chat/ChatClient.h"
#include "chat/ChatComposer.h"
#include "chat/ChatMessageView.h"
#include "chat/ChatSession.h"
#include "chat/ChatWindow.h"
#include "chat/ChatWindowController.h"
#include "chat/ComposerTextEdit.h"
#include "chat/MarkdownView.h"
#include "chat/TranscriptView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace {

/// CPU time of the calling thread, in ms: unlike the wall clock it does not count the time
/// the thread waited for a core (the machine may be shared).
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

/// Times each top-level event the GUI thread handles, by kind.
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        // notify() runs in every thread (the gateway's, the provider's): only the GUI
        // thread is measured, and only it touches the lists.
        if (QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        if (!m_recording || m_depth > 0)
            return countedNotify(receiver, event);
        ++m_depth;
        QElapsedTimer clock;
        clock.start();
        const double cpuStart = threadCpuMs();
        const bool result = QApplication::notify(receiver, event);
        const double wallMs = clock.nsecsElapsed() / 1e6;
        const double ms = threadCpuMs() - cpuStart;
        --m_depth;
        m_wall.append(wallMs);
        m_all.append(ms);
        if (m_sawReply) {
            // This event delivered reply text: parsing it and showing it took `ms`.
            m_replyDeliveries.append(ms);
            m_sawReply = false;
        }
        switch (event->type()) {
        case QEvent::MetaCall:
            m_metaCalls.append(ms);
            break;
        case QEvent::Timer:
            m_timers.append(ms);
            break;
        case QEvent::UpdateRequest:
        case QEvent::Paint:
            m_paints.append(ms);
            break;
        case QEvent::LayoutRequest:
            m_layouts.append(ms);
            break;
        default:
            break;
        }
        return result;
    }

    void setRecording(bool on) { m_recording = on; }
    /// Called from the reply's update signal, inside the event that carried the data.
    void noteReply() { m_sawReply = true; }
    /// Per event: `m_wall` in wall-clock ms, the others in the GUI thread's CPU ms.
    QList<double> m_wall, m_all, m_replyDeliveries, m_metaCalls, m_timers, m_paints, m_layouts;

private:
    bool countedNotify(QObject *receiver, QEvent *event)
    {
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        return result;
    }

    bool m_recording = false;
    bool m_sawReply = false;
    int m_depth = 0;
};

struct Stats
{
    int count = 0;
    double mean = 0, p50 = 0, p99 = 0, max = 0, total = 0;
};

Stats stats(QList<double> values)
{
    Stats s;
    s.count = int(values.size());
    if (values.isEmpty())
        return s;
    std::sort(values.begin(), values.end());
    for (double v : values)
        s.total += v;
    s.mean = s.total / values.size();
    s.p50 = values[values.size() / 2];
    s.p99 = values[qMin<qsizetype>(values.size() - 1, qsizetype(values.size() * 0.99))];
    s.max = values.last();
    return s;
}

QJsonObject toJson(const Stats &s)
{
    return QJsonObject{{QStringLiteral("count"), s.count}, {QStringLiteral("mean_ms"), s.mean},
                       {QStringLiteral("p50_ms"), s.p50},  {QStringLiteral("p99_ms"), s.p99},
                       {QStringLiteral("max_ms"), s.max},  {QStringLiteral("total_ms"), s.total}};
}

/// A long Markdown reply as a model writes it, cut into token-sized pieces (about 4 chars).
QStringList replyTokens(int count)
{
    // The mix of a long technical answer: mostly paragraphs, some lists, a table, a quote
    // and a code block every dozen blocks.
    const QString paragraph = QStringLiteral(
        "The **gateway** forwards each event as it arrives, so the reader sees the answer "
        "grow. Here is `inline code`, a [link](https://example.org) and some *emphasis* in "
        "a sentence long enough to wrap across the column more than once.\n\n");
    const QStringList paragraphs{
        QStringLiteral("## Section\n\n"),
        paragraph,
        paragraph,
        QStringLiteral(
            "1. First, measure.\n2. Then change one thing.\n3. Measure again, and compare.\n\n"),
        paragraph,
        QStringLiteral(
            "```cpp\nfor (int i = 0; i < n; ++i) {\n    total += values[i] * weights[i];\n}\n"
            "return total / n;\n```\n\n"),
        paragraph,
        QStringLiteral(
            "- one point\n- another point, a little longer than the first\n- a third\n\n"),
        paragraph,
        QStringLiteral("| Step | Time |\n|---|---|\n| parse | 1 ms |\n| render | 2 ms |\n\n"),
        paragraph,
        QStringLiteral("> A quoted remark that the model adds for colour.\n\n"),
    };
    QStringList tokens;
    int p = 0;
    while (tokens.size() < count) {
        const QString &text = paragraphs[p++ % paragraphs.size()];
        for (qsizetype at = 0; at < text.size() && tokens.size() < count; at += 4)
            tokens.append(text.mid(at, 4));
    }
    return tokens;
}

} // namespace

int main(int argc, char *argv[])
{
    TimedApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("tokens"), QStringLiteral("Reply length in tokens."),
                      QStringLiteral("n"), QStringLiteral("20000")});
    parser.addOption({QStringLiteral("interval-ms"),
                      QStringLiteral("Pause between tokens at the provider."), QStringLiteral("ms"),
                      QStringLiteral("0")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
    parser.addHelpOption();
    parser.process(app);
    const int tokenCount = parser.value(QStringLiteral("tokens")).toInt();
    const int intervalMs = parser.value(QStringLiteral("interval-ms")).toInt();

    // The provider in its own thread, so its writing does not load the GUI thread.
    QThread upstreamThread;
    upstreamThread.start();
    auto *upstream = new FakeUpstream;
    upstream->moveToThread(&upstreamThread);
    const QStringList tokens = replyTokens(tokenCount);
    FakeReply reply = FakeReply::contentStream(QStringLiteral("bench-model"), tokens, intervalMs);
    bool listening = false;
    QMetaObject::invokeMethod(
        upstream,
        [&] {
            listening = upstream->listen();
            upstream->setChatReply(reply);
        },
        Qt::BlockingQueuedConnection);
    if (!listening)
        qFatal("the fake provider cannot listen");

    GatewayHarness gateway;
    gateway.addOpenAiProvider(QStringLiteral("bench"), upstream->baseUrl(),
                              QStringLiteral("sk-bench"));
    gateway.addRoute(QStringLiteral("bench-"), QStringLiteral("bench"));
    if (!gateway.start())
        qFatal("the gateway did not start");

    QTemporaryDir dir;
    ChatWindowController chat(dir.filePath(QStringLiteral("chats.db")));
    chat.setEndpoint(
        GatewayEndpoint{gateway.baseUrl(), QString::fromLatin1(GatewayHarness::accessToken())});
    chat.show();
    ChatWindow *window = chat.window();
    window->resize(1100, 760);
    if (!QTest::qWaitForWindowExposed(window))
        qFatal("the chat window was not shown");
    QTest::qWait(300);
    window->session()->setModel(QStringLiteral("bench-model"));
    auto *composer = window->findChild<ChatComposer *>(QStringLiteral("composer"));
    auto *transcript = window->findChild<TranscriptView *>(QStringLiteral("transcriptView"));

    int chunks = 0;
    QElapsedTimer wall;
    app.setRecording(true);
    wall.start();
    composer->setText(QStringLiteral("Write a long answer."));
    QTest::keyClick(composer->input(), Qt::Key_Return);
    ChatSession *session = window->session();
    QObject::connect(session, &ChatSession::replyUpdated, session, [&chunks, &app] {
        ++chunks;
        app.noteReply();
    });
    const bool finished = QTest::qWaitFor([session] { return !session->isBusy(); }, 600000);
    const qint64 wallMs = wall.elapsed();
    QTest::qWait(200); // the last layout and paint
    app.setRecording(false);

    ChatMessageView *view = transcript->messageView(transcript->messageCount() - 1);
    const QString expected = tokens.join(QString());
    const bool exact = view && view->body()->markdown() == expected &&
                       session->messages().last().content == expected;
    const Stats replies = stats(app.m_replyDeliveries);
    const Stats deliveries = stats(app.m_metaCalls);
    const Stats timers = stats(app.m_timers);
    const Stats paints = stats(app.m_paints);
    const Stats layouts = stats(app.m_layouts);
    const Stats all = stats(app.m_all);
    const Stats wallEvents = stats(app.m_wall);
    QJsonObject result{
        {QStringLiteral("platform"), QGuiApplication::platformName()},
        {QStringLiteral("tokens"), tokenCount},
        {QStringLiteral("provider_interval_ms"), intervalMs},
        {QStringLiteral("finished"), finished},
        {QStringLiteral("assembled_exactly"), exact},
        {QStringLiteral("wall_ms"), wallMs},
        {QStringLiteral("reply_updates"), chunks},
        {QStringLiteral("markdown_blocks"), view ? int(view->body()->blockViews().size()) : 0},
        {QStringLiteral("open_block_renders"), view ? view->body()->tailRenderCount() : 0},
        {QStringLiteral("gui_busy_ms"), all.total},
        {QStringLiteral("gui_busy_per_chunk_ms"), chunks > 0 ? all.total / chunks : 0.0},
        {QStringLiteral("longest_gui_event_cpu_ms"), all.max},
        {QStringLiteral("longest_gui_event_wall_ms"), wallEvents.max},
        {QStringLiteral("gui_events_wall"), toJson(wallEvents)},
        {QStringLiteral("reply_deliveries"), toJson(replies)},
        {QStringLiteral("reply_ms_per_token"), replies.total / qMax(1, tokenCount)},
        {QStringLiteral("all_metacalls"), toJson(deliveries)},
        {QStringLiteral("timer_events"), toJson(timers)},
        {QStringLiteral("paints"), toJson(paints)},
        {QStringLiteral("layouts"), toJson(layouts)}};
    if (parser.isSet(QStringLiteral("json"))) {
        std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    } else {
        std::printf("platform %s, %d tokens, provider interval %d ms: %s, %s, %lld ms wall\n",
                    qPrintable(QGuiApplication::platformName()), tokenCount, intervalMs,
                    finished ? "finished" : "DID NOT FINISH",
                    exact ? "assembled exactly" : "TEXT DIFFERS", wallMs);
        std::printf("  %d reply updates, %d Markdown blocks, open block rendered %d times\n",
                    chunks, view ? int(view->body()->blockViews().size()) : 0,
                    view ? view->body()->tailRenderCount() : 0);
        std::printf("  GUI thread CPU %.0f ms in all = %.3f ms per reply update; longest event "
                    "%.1f ms CPU, %.1f ms wall (p99 %.2f ms wall)\n",
                    all.total, chunks > 0 ? all.total / chunks : 0.0, all.max, wallEvents.max,
                    wallEvents.p99);
        const auto line = [](const char *name, const Stats &s) {
            std::printf("  %-20s n=%6d mean %.3f ms  p50 %.3f  p99 %.3f  max %.1f\n", name, s.count,
                        s.mean, s.p50, s.p99, s.max);
        };
        line("reply deliveries", replies);
        std::printf("  %.2f tokens per delivery; %.4f ms of delivery work per token\n",
                    double(tokenCount) / qMax(1, replies.count),
                    replies.total / qMax(1, tokenCount));
        line("all metacalls", deliveries);
        line("timers (renders)", timers);
        line("paints", paints);
        line("layouts", layouts);
    }
    gateway.stop();
    QMetaObject::invokeMethod(
        upstream, [upstream] { delete upstream; }, Qt::BlockingQueuedConnection);
    upstreamThread.quit();
    upstreamThread.wait();
    return finished && exact ? 0 : 1;
}
