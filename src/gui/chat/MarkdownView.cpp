#include "MarkdownView.h"

#include "AutoHeightTextView.h"
#include "CodeBlockView.h"
#include "MarkdownDocument.h"

#include <QRegularExpression>
#include <QVBoxLayout>

namespace {
/// An ordered list that does not start at 1 opens a new run: MarkdownDocument can number a
/// list from its own start only at the top of a document (Qt 6.4 has no list start).
bool startsNumberedList(const QString &text)
{
    static const QRegularExpression item(QStringLiteral("^ {0,3}(\\d{1,9})[.)][ \\t]"));
    const QRegularExpressionMatch match = item.match(text);
    return match.hasMatch() && match.captured(1).toInt() != 1;
}
} // namespace

MarkdownView::MarkdownView(QWidget *parent) : QWidget(parent), m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(6);
    m_tailTimer.setSingleShot(true);
    m_tailTimer.setInterval(kTailIntervalMs);
    connect(&m_tailTimer, &QTimer::timeout, this, &MarkdownView::renderTail);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
}

void MarkdownView::appendText(const QString &piece)
{
    if (piece.isEmpty())
        return;
    m_source += piece;
    takeFinished(m_splitter.append(piece));
    if (m_splitter.hasOpenBlock() && !m_tailTimer.isActive())
        m_tailTimer.start();
}

void MarkdownView::finish()
{
    m_tailTimer.stop();
    takeFinished(m_splitter.finish());
    // What was shown as open and did not become a block (blank lines) goes.
    delete m_tail;
    m_tail = nullptr;
    m_tailRendered.clear();
}

void MarkdownView::setMarkdown(const QString &text)
{
    clear();
    appendText(text);
    finish();
}

void MarkdownView::clear()
{
    m_tailTimer.stop();
    qDeleteAll(m_finished);
    m_finished.clear();
    m_run = nullptr;
    m_runBlocks.clear();
    m_runStale = false;
    delete m_tail;
    m_tail = nullptr;
    m_tailRendered.clear();
    m_splitter = MarkdownStreamSplitter();
    m_source.clear();
}

QList<QWidget *> MarkdownView::blockViews() const
{
    QList<QWidget *> views = m_finished;
    if (m_tail)
        views.append(m_tail);
    return views;
}

void MarkdownView::flushPending()
{
    if (m_tailTimer.isActive()) {
        m_tailTimer.stop();
        renderTail();
    }
}

void MarkdownView::takeFinished(const QList<MarkdownBlock> &blocks)
{
    for (const MarkdownBlock &block : blocks) {
        if (block.kind == MarkdownBlock::Kind::Code)
            addCode(block);
        else
            addProse(block.text);
    }
    // A run is rendered once for all the blocks it got from one piece of text (a stored reply
    // comes as one piece: each run is rendered once, not once per block).
    renderRun();
}

void MarkdownView::addProse(const QString &text)
{
    if (!m_run || m_runBlocks.size() >= kBlocksPerRun || startsNumberedList(text)) {
        renderRun();
        m_run = static_cast<AutoHeightTextView *>(takeTail(MarkdownBlock::Kind::Prose));
        m_runBlocks.clear();
        insertFinished(m_run);
    }
    m_runBlocks.append(text);
    m_runStale = true;
}

void MarkdownView::renderRun()
{
    if (!m_run || !m_runStale)
        return;
    MarkdownDocument::render(m_run->document(), m_runBlocks.join(QStringLiteral("\n\n")),
                             palette());
    m_runStale = false;
}

void MarkdownView::addCode(const MarkdownBlock &block)
{
    renderRun();
    m_run = nullptr; // prose after the code starts a new run
    m_runBlocks.clear();
    auto *view = static_cast<CodeBlockView *>(takeTail(MarkdownBlock::Kind::Code));
    insertFinished(view);
    view->setCode(block.text, block.language);
}

QWidget *MarkdownView::takeTail(MarkdownBlock::Kind kind)
{
    // The open block's view, if of the same kind, becomes the finished one (no new widget).
    if (m_tail && m_tailKind == kind) {
        QWidget *view = m_tail;
        m_tail = nullptr;
        m_tailRendered.clear();
        return view;
    }
    if (kind == MarkdownBlock::Kind::Code)
        return new CodeBlockView(this);
    return new AutoHeightTextView(this);
}

void MarkdownView::insertFinished(QWidget *view)
{
    // Finished views go before the open block's view, which stays last.
    m_layout->insertWidget(int(m_finished.size()), view);
    m_finished.append(view);
}

void MarkdownView::renderTail()
{
    if (!m_splitter.hasOpenBlock())
        return;
    const MarkdownBlock open = m_splitter.openBlock();
    if (m_tail && m_tailKind != open.kind) {
        delete m_tail;
        m_tail = nullptr;
        m_tailRendered.clear();
    }
    if (!m_tail) {
        m_tail = open.kind == MarkdownBlock::Kind::Code
                     ? static_cast<QWidget *>(new CodeBlockView(this))
                     : static_cast<QWidget *>(new AutoHeightTextView(this));
        m_tailKind = open.kind;
        m_layout->addWidget(m_tail);
    }
    if (open.kind == MarkdownBlock::Kind::Code) {
        static_cast<CodeBlockView *>(m_tail)->updateCode(open.text, open.language);
    } else if (open.text != m_tailRendered) {
        MarkdownDocument::render(static_cast<AutoHeightTextView *>(m_tail)->document(), open.text,
                                 palette());
        m_tailRendered = open.text;
    }
    ++m_tailRenders;
}
