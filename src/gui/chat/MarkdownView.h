#pragma once

#include "chat/MarkdownStreamSplitter.h"

#include <QTimer>
#include <QWidget>

class AutoHeightTextView;
class QVBoxLayout;

/// A reply rendered as Markdown while it streams. The text is cut into blocks
/// (MarkdownStreamSplitter); finished prose blocks are gathered into runs of up to
/// kBlocksPerRun blocks, one text view per run, and code blocks get their own view. Only the
/// open block at the end is rendered again as text arrives, at most every kTailIntervalMs,
/// and a run is rendered again only while it is the last one and not full. So a long reply
/// costs a bounded amount of work per piece, and a few dozen widgets, not one per paragraph.
/// The view of a streamed text equals the view of the same text set at once: both go through
/// the same blocks and runs.
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
    /// The views in order: prose runs (AutoHeightTextView), code (CodeBlockView), and the
    /// open block's view last while the text streams.
    QList<QWidget *> blockViews() const;
    /// Renders the open block now instead of at the next tick (tests, benchmark).
    void flushPending();
    /// How many times the open block was rendered (the benchmark reports it).
    int tailRenderCount() const { return m_tailRenders; }

    /// The longest time between two renders of the open block, in ms.
    static constexpr int kTailIntervalMs = 40;
    /// Prose blocks per text view.
    static constexpr int kBlocksPerRun = 8;

private:
    void takeFinished(const QList<MarkdownBlock> &blocks);
    void addProse(const QString &text);
    void renderRun();
    void addCode(const MarkdownBlock &block);
    QWidget *takeTail(MarkdownBlock::Kind kind);
    void insertFinished(QWidget *view);
    void renderTail();

    QVBoxLayout *m_layout;
    MarkdownStreamSplitter m_splitter;
    QString m_source;
    QList<QWidget *> m_finished;
    AutoHeightTextView *m_run = nullptr; ///< the last prose run, while it takes more blocks
    QStringList m_runBlocks;
    bool m_runStale = false; ///< m_run lacks blocks added since it was rendered
    QWidget *m_tail = nullptr;
    MarkdownBlock::Kind m_tailKind = MarkdownBlock::Kind::Prose;
    QString m_tailRendered;
    QTimer m_tailTimer;
    int m_tailRenders = 0;
};
