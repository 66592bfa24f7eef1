// The streamed Markdown view: after streaming, it equals the view of the same text rendered at
// once (same blocks, same documents, same pixels), and finished blocks are never rendered again
// while the rest of the reply arrives.
#include "chat/AutoHeightTextView.h"
#include "chat/CodeBlockView.h"
#include "chat/MarkdownView.h"

#include <QApplication>
#include <QRandomGenerator>
#include <QTest>
#include <QTextDocument>
#include <QVBoxLayout>

namespace {
const QString kReply = QStringLiteral(
    "# Plan\n\nHere is **bold**, *italic*, `inline code` and a [link](https://example.org).\n\n"
    "1. Install the tools:\n\n   ```bash\n   sudo apt install cmake\n   ```\n\n2. Build it.\n\n"
    "```cpp\n#include <cstdio>\n\nint main()\n{\n    std::puts(\"hello\");\n}\n```\n\n"
    "3. Third step after the code\n4. Fourth\n\n"
    "| Column | Value |\n|---|---|\n| a | 1 |\n| b | 2 |\n\n"
    "> A quote that spans\n> two lines.\n\n"
    "- point one\n- point two\n  - nested\n\n"
    "中文段落：流式输出的 Markdown 渲染。\n\n"
    "```\nplain code without a language, with a very long line that needs a horizontal scroll bar "
    "to be read in full\n```\n\n"
    "Final words.");

/// A reply view in a fixed-width host, as the transcript shows it.
struct Host
{
    QWidget widget;
    MarkdownView *view;
    Host() : view(new MarkdownView)
    {
        auto *layout = new QVBoxLayout(&widget);
        layout->addWidget(view);
        layout->addStretch();
        widget.resize(640, 2400);
        widget.show();
    }
};

void settle()
{
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}
} // namespace

class TestMarkdownView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void streamedEqualsAtOnce_data();
    void streamedEqualsAtOnce();
    void finishedBlocksAreNotRenderedAgain();
    void longProseUsesFewViews();
    void openBlockIsRenderedAtMostEveryTick();
    void orderedListKeepsItsNumbers();
};

void TestMarkdownView::streamedEqualsAtOnce_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("maxPiece");
    QTest::newRow("one character at a time") << 1 << 1;
    QTest::newRow("token-sized pieces") << 2 << 6;
    QTest::newRow("large pieces") << 3 << 80;
}

void TestMarkdownView::streamedEqualsAtOnce()
{
    QFETCH(int, seed);
    QFETCH(int, maxPiece);
    Host streamed;
    Host atOnce;
    QRandomGenerator random{quint32(seed)};
    qsizetype at = 0;
    int pieces = 0;
    while (at < kReply.size()) {
        const int piece = 1 + int(random.bounded(maxPiece));
        streamed.view->appendText(kReply.mid(at, piece));
        at += piece;
        // Let the open block render now and then, as the event loop would between pieces.
        if (++pieces % 7 == 0)
            streamed.view->flushPending();
        if (pieces % 31 == 0)
            settle();
    }
    streamed.view->finish();
    atOnce.view->setMarkdown(kReply);
    settle();
    QVERIFY(streamed.view->tailRenderCount() > 0); // the open block was shown while streaming

    QCOMPARE(streamed.view->markdown(), atOnce.view->markdown());
    const QList<QWidget *> a = streamed.view->blockViews();
    const QList<QWidget *> b = atOnce.view->blockViews();
    QCOMPARE(a.size(), b.size());
    // Runs of prose and the code blocks: 3 runs (the list after the C++ block counts from 3, so
    // it opens one) and 2 code views.
    QCOMPARE(a.size(), 5);
    for (qsizetype i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i]->metaObject()->className(), b[i]->metaObject()->className());
        if (auto *code = qobject_cast<CodeBlockView *>(a[i])) {
            QCOMPARE(code->code(), static_cast<CodeBlockView *>(b[i])->code());
            QCOMPARE(code->language(), static_cast<CodeBlockView *>(b[i])->language());
        } else {
            QCOMPARE(static_cast<AutoHeightTextView *>(a[i])->document()->toHtml(),
                     static_cast<AutoHeightTextView *>(b[i])->document()->toHtml());
        }
        QCOMPARE(a[i]->geometry(), b[i]->geometry());
    }
    // And on screen, pixel for pixel.
    const QImage streamedPixels = streamed.view->grab().toImage();
    const QImage atOncePixels = atOnce.view->grab().toImage();
    QCOMPARE(streamedPixels.size(), atOncePixels.size());
    QVERIFY(streamedPixels == atOncePixels);
}

void TestMarkdownView::finishedBlocksAreNotRenderedAgain()
{
    Host host;
    const qsizetype half = kReply.indexOf(QStringLiteral("| Column"));
    for (qsizetype at = 0; at < half; at += 3)
        host.view->appendText(kReply.mid(at, qMin<qsizetype>(3, half - at)));
    host.view->flushPending();
    settle();
    // Every view before the last run (which may still take blocks) and the open block's view
    // is finished: remember their documents' revisions.
    QList<QWidget *> finished = host.view->blockViews();
    QCOMPARE(finished.size(), 3); // run, C++ code, and the open list "3. Third ..."
    finished = finished.mid(0, 2);
    QList<int> revisions;
    for (QWidget *view : finished) {
        auto *text = qobject_cast<AutoHeightTextView *>(view);
        revisions.append(text ? text->document()->revision()
                              : static_cast<CodeBlockView *>(view)->code().size());
    }
    for (qsizetype at = half; at < kReply.size(); at += 3) {
        host.view->appendText(kReply.mid(at, 3));
        host.view->flushPending();
    }
    host.view->finish();
    settle();
    for (qsizetype i = 0; i < finished.size(); ++i) {
        QCOMPARE(host.view->blockViews().at(i), finished[i]); // the same widget
        auto *text = qobject_cast<AutoHeightTextView *>(finished[i]);
        const int now = text ? text->document()->revision()
                             : static_cast<CodeBlockView *>(finished[i])->code().size();
        QCOMPARE(now, revisions[i]);
    }
}

void TestMarkdownView::longProseUsesFewViews()
{
    Host host;
    QString text;
    for (int i = 0; i < 95; ++i)
        text += QStringLiteral("Paragraph %1 of a long reply.\n\n").arg(i);
    host.view->setMarkdown(text);
    // 95 paragraphs in runs of MarkdownView::kBlocksPerRun (8): 12 views, not 95.
    QCOMPARE(host.view->blockViews().size(), 12);
    auto *last = static_cast<AutoHeightTextView *>(host.view->blockViews().last());
    QCOMPARE(last->document()->toPlainText().count(QStringLiteral("Paragraph")), 95 - 11 * 8);
}

void TestMarkdownView::openBlockIsRenderedAtMostEveryTick()
{
    Host host;
    // 2,000 pieces of one paragraph with no pause: the open block is not rendered 2,000 times.
    for (int i = 0; i < 2000; ++i)
        host.view->appendText(QStringLiteral("w%1 ").arg(i));
    QCOMPARE(host.view->tailRenderCount(), 0);
    QTRY_COMPARE(host.view->tailRenderCount(), 1);
    QCOMPARE(host.view->blockViews().size(), 1);
    host.view->finish();
    QCOMPARE(static_cast<AutoHeightTextView *>(host.view->blockViews().first())
                 ->document()
                 ->toPlainText()
                 .size(),
             host.view->markdown().trimmed().size());
}

void TestMarkdownView::orderedListKeepsItsNumbers()
{
    Host host;
    host.view->setMarkdown(
        QStringLiteral("1. one\n\n```\ncode\n```\n\n2. two\n3. three\n\nA paragraph.\n\n"
                       "4. four, after the paragraph"));
    settle();
    const QList<QWidget *> views = host.view->blockViews();
    QCOMPARE(views.size(), 4); // "1. one", the code, "2. two ... paragraph", "4. four"
    // Each list counts on from its own start, as CommonMark says (Qt 6.4 would restart at 1).
    QTextDocument *second = static_cast<AutoHeightTextView *>(views[2])->document();
    QCOMPARE(second->toPlainText().trimmed(), QStringLiteral("two\nthree\nA paragraph."));
    QString markdown = second->toMarkdown();
    QVERIFY2(markdown.contains(QStringLiteral("2.  two")) &&
                 markdown.contains(QStringLiteral("3.  three")),
             qPrintable(markdown));
    markdown = static_cast<AutoHeightTextView *>(views[3])->document()->toMarkdown();
    QVERIFY2(markdown.contains(QStringLiteral("4.  four")), qPrintable(markdown));
}

QTEST_MAIN(TestMarkdownView)
#include "TestMarkdownView.moc"
