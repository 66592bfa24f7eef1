#pragma once

#include "chat/MarkdownStreamSplitter.h"

#include <QTimer>
#include <QWidget>

class QVBoxLayout;

/// A reply rendered as Markdown while it streams: each finished block (prose or code) is
/// rendered once into its own view; only the open block at the end is rendered again, at most
/// every few tens of milliseconds, however fast the pieces arrive. The view of a streamed text
/// equals the view of the same text set at once (both go through the same blocks).
class MarkdownView : public QWidget
{
    Q_OBJECT

public:
    explicit MarkdownView(QWidget *parent = nullptr);

    /// Appends a piece of the streaming text.
    void appendText(const QString &piece);
    /// The text is complete: the open block is rendered as a finished one.
    void finish();
    /// Shows a whole text at once (a stored reply).
    void setMarkdown(const QString &text);
    void clear();

    QString markdown() const { return m_source; }
    /// The views of the blocks, in order (prose: AutoHeightTextView, code: CodeBlockView).
    QList<QWidget *> blockViews() const;
    /// Renders the open block now instead of at the next tick (tests, benchmark).
    void flushPending();
    /// How many times the open block was rendered (the benchmark reports it).
    int tailRenderCount() const { return m_tailRenders; }

    /// The longest time between two renders of the open block, in ms.
    static constexpr int kTailIntervalMs = 40;

private:
    void takeFinished(const QList<MarkdownBlock> &blocks);
    QWidget *createView(MarkdownBlock::Kind kind);
    void renderFinal(QWidget *view, const MarkdownBlock &block);
    void renderTail();

    QVBoxLayout *m_layout;
    MarkdownStreamSplitter m_splitter;
    QString m_source;
    QList<QWidget *> m_finished;
    QWidget *m_tail = nullptr;
    MarkdownBlock::Kind m_tailKind = MarkdownBlock::Kind::Prose;
    QString m_tailRendered;
    QTimer m_tailTimer;
    int m_tailRenders = 0;
};
