// Blocks of a streamed Markdown reply: finished once, independent of how the text was cut.
#include "chat/MarkdownStreamSplitter.h"

#include <QRandomGenerator>
#include <QTest>

namespace {
using Kind = MarkdownBlock::Kind;

MarkdownBlock prose(const QString &text)
{
    return MarkdownBlock{Kind::Prose, text, QString()};
}

MarkdownBlock code(const QString &text, const QString &language = {})
{
    return MarkdownBlock{Kind::Code, text, language};
}

const QString kReply = QStringLiteral("# Sorting in Python\n"
                                      "\n"
                                      "Use `sorted()` for a new list, or `list.sort()` in place.\n"
                                      "It is *stable*.\n"
                                      "\n"
                                      "```python\n"
                                      "data = [3, 1, 2]\n"
                                      "\n"
                                      "print(sorted(data))\n"
                                      "```\n"
                                      "\n"
                                      "1. First step\n"
                                      "2. Second step\n"
                                      "\n"
                                      "3. Third, after a blank line\n"
                                      "   with a continuation\n"
                                      "\n"
                                      "   ```bash\n"
                                      "   pip install x\n"
                                      "   ```\n"
                                      "\n"
                                      "| a | b |\n"
                                      "|---|---|\n"
                                      "| 1 | 2 |\n"
                                      "\n"
                                      "> A quote\n"
                                      "\n"
                                      "~~~\n"
                                      "unterminated tilde code with ``` inside\n");
} // namespace

Q_DECLARE_METATYPE(MarkdownBlock)

class TestMarkdownStreamSplitter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void blocks_data();
    void blocks();
    void sameBlocksWhateverTheCut();
    void finishedBlocksComeAsSoonAsTheyEnd();
    void openBlockShowsTheTail();
};

void TestMarkdownStreamSplitter::blocks_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<MarkdownBlock>>("expected");
    QTest::newRow("empty") << QString() << QList<MarkdownBlock>{};
    QTest::newRow("one paragraph") << QStringLiteral("Hello\nworld")
                                   << QList<MarkdownBlock>{prose(QStringLiteral("Hello\nworld"))};
    QTest::newRow("paragraphs") << QStringLiteral("A\n\n\nB\n\n")
                                << QList<MarkdownBlock>{prose(QStringLiteral("A")),
                                                        prose(QStringLiteral("B"))};
    QTest::newRow("code between prose")
        << QStringLiteral("Intro:\n```js\nlet a = 1;\n\nlet b;\n```\nAfter")
        << QList<MarkdownBlock>{prose(QStringLiteral("Intro:")),
                                code(QStringLiteral("let a = 1;\n\nlet b;"), QStringLiteral("js")),
                                prose(QStringLiteral("After"))};
    QTest::newRow("longer fence holds shorter")
        << QStringLiteral("````md\n```\ninner\n```\n````")
        << QList<MarkdownBlock>{code(QStringLiteral("```\ninner\n```"), QStringLiteral("md"))};
    QTest::newRow("indented fence lines lose the fence's indent")
        << QStringLiteral("  ```\n  a\n    b\n  ```")
        << QList<MarkdownBlock>{code(QStringLiteral("a\n  b"))};
    QTest::newRow("inline triple backticks are not a fence")
        << QStringLiteral("Use ```x``` here")
        << QList<MarkdownBlock>{prose(QStringLiteral("Use ```x``` here"))};
    QTest::newRow("loose list stays one block")
        << QStringLiteral("- a\n\n- b\n\n  more b\n\nNext")
        << QList<MarkdownBlock>{prose(QStringLiteral("- a\n\n- b\n\n  more b")),
                                prose(QStringLiteral("Next"))};
    QTest::newRow("fence inside a list item stays in the list")
        << QStringLiteral("1. Run:\n\n   ```sh\n   make\n\n   ```\n2. Done")
        << QList<MarkdownBlock>{
               prose(QStringLiteral("1. Run:\n\n   ```sh\n   make\n\n   ```\n2. Done"))};
    QTest::newRow("unterminated code at the end")
        << QStringLiteral("```\nx") << QList<MarkdownBlock>{code(QStringLiteral("x"))};
    QTest::newRow("CRLF") << QStringLiteral("A\r\n\r\n```\r\nx\r\n```\r\n")
                          << QList<MarkdownBlock>{prose(QStringLiteral("A")),
                                                  code(QStringLiteral("x"))};
    QTest::newRow("full reply")
        << kReply
        << QList<MarkdownBlock>{
               prose(QStringLiteral("# Sorting in Python")),
               prose(QStringLiteral(
                   "Use `sorted()` for a new list, or `list.sort()` in place.\nIt is *stable*.")),
               code(QStringLiteral("data = [3, 1, 2]\n\nprint(sorted(data))"),
                    QStringLiteral("python")),
               prose(QStringLiteral(
                   "1. First step\n2. Second step\n\n3. Third, after a blank line\n"
                   "   with a continuation\n\n   ```bash\n   pip install x\n   ```")),
               prose(QStringLiteral("| a | b |\n|---|---|\n| 1 | 2 |")),
               prose(QStringLiteral("> A quote")),
               code(QStringLiteral("unterminated tilde code with ``` inside"))};
}

void TestMarkdownStreamSplitter::blocks()
{
    QFETCH(QString, text);
    QFETCH(QList<MarkdownBlock>, expected);
    const QList<MarkdownBlock> actual = MarkdownStreamSplitter::split(text);
    if (actual != expected) {
        for (const MarkdownBlock &b : actual)
            qWarning() << int(b.kind) << b.language << b.text;
    }
    QCOMPARE(actual, expected);
}

void TestMarkdownStreamSplitter::sameBlocksWhateverTheCut()
{
    const QList<MarkdownBlock> atOnce = MarkdownStreamSplitter::split(kReply);
    QRandomGenerator random(12345);
    for (int round = 0; round < 200; ++round) {
        MarkdownStreamSplitter splitter;
        QList<MarkdownBlock> streamed;
        qsizetype at = 0;
        while (at < kReply.size()) {
            const int piece = round == 0 ? 1 : 1 + int(random.bounded(12));
            streamed += splitter.append(kReply.mid(at, piece));
            at += piece;
        }
        streamed += splitter.finish();
        QCOMPARE(streamed, atOnce);
    }
}

void TestMarkdownStreamSplitter::finishedBlocksComeAsSoonAsTheyEnd()
{
    MarkdownStreamSplitter splitter;
    QVERIFY(splitter.append(QStringLiteral("First paragraph\n")).isEmpty());
    QVERIFY(splitter.append(QStringLiteral("\n")).isEmpty());
    // The next block's first complete line ends the paragraph.
    QVERIFY(splitter.append(QStringLiteral("Sec")).isEmpty());
    QCOMPARE(splitter.append(QStringLiteral("ond\n")),
             QList<MarkdownBlock>{prose(QStringLiteral("First paragraph"))});
    // A fence line ends the prose at once; the closing fence ends the code.
    QCOMPARE(splitter.append(QStringLiteral("```c\n")),
             QList<MarkdownBlock>{prose(QStringLiteral("Second"))});
    QVERIFY(splitter.append(QStringLiteral("int x;\n")).isEmpty());
    QCOMPARE(splitter.append(QStringLiteral("```\n")),
             QList<MarkdownBlock>{code(QStringLiteral("int x;"), QStringLiteral("c"))});
    QVERIFY(!splitter.hasOpenBlock());
    QVERIFY(splitter.finish().isEmpty());
}

void TestMarkdownStreamSplitter::openBlockShowsTheTail()
{
    MarkdownStreamSplitter splitter;
    splitter.append(QStringLiteral("Hello wor"));
    QCOMPARE(splitter.openBlock(), prose(QStringLiteral("Hello wor")));
    splitter.append(QStringLiteral("ld\n\n``"));
    // A line that may become a fence is not shown as text.
    QCOMPARE(splitter.openBlock(), prose(QStringLiteral("Hello world")));
    splitter.append(QStringLiteral("`py\nprint(1)\npri"));
    QCOMPARE(splitter.openBlock(), code(QStringLiteral("print(1)\npri"), QStringLiteral("py")));
    splitter.append(QStringLiteral("nt(2)\n``"));
    QCOMPARE(splitter.openBlock(),
             code(QStringLiteral("print(1)\nprint(2)"), QStringLiteral("py")));
}

QTEST_GUILESS_MAIN(TestMarkdownStreamSplitter)
#include "TestMarkdownStreamSplitter.moc"
