#include "MarkdownView.h"

#include "AutoHeightTextView.h"
#include "CodeBlockView.h"
#include "MarkdownDocument.h"

#include <QVBoxLayout>

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
    // Whatever was shown as open and did not become a block (blank lines) goes.
    if (m_tail) {
        delete m_tail;
        m_tail = nullptr;
        m_tailRendered.clear();
    }
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
        QWidget *view = nullptr;
        if (m_tail && m_tailKind == block.kind) {
            // The open block's view becomes the finished block's view (no new widget).
            view = m_tail;
            m_tail = nullptr;
            m_tailRendered.clear();
        } else {
            view = createView(block.kind);
            // A finished block goes before the open one's view.
            m_layout->insertWidget(int(m_finished.size()), view);
        }
        renderFinal(view, block);
        m_finished.append(view);
    }
}

QWidget *MarkdownView::createView(MarkdownBlock::Kind kind)
{
    if (kind == MarkdownBlock::Kind::Code)
        return new CodeBlockView(this);
    return new AutoHeightTextView(this);
}

void MarkdownView::renderFinal(QWidget *view, const MarkdownBlock &block)
{
    if (block.kind == MarkdownBlock::Kind::Code) {
        static_cast<CodeBlockView *>(view)->setCode(block.text, block.language);
        return;
    }
    MarkdownDocument::render(static_cast<AutoHeightTextView *>(view)->document(), block.text,
                             palette());
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
        m_tail = createView(open.kind);
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
