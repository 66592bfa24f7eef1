#pragma once

#include <QList>
#include <QString>
#include <QStringList>

/// One top-level piece of a Markdown reply: prose (paragraphs, lists, tables, quotes) or a
/// fenced code block.
struct MarkdownBlock
{
    enum class Kind
    {
        Prose,
        Code
    };
    Kind kind = Kind::Prose;
    QString text;     ///< prose: its Markdown; code: the code without its fences
    QString language; ///< code: the fence's info word ("python"), may be empty

    bool operator==(const MarkdownBlock &other) const
    {
        return kind == other.kind && text == other.text && language == other.language;
    }
    bool operator!=(const MarkdownBlock &other) const { return !(*this == other); }
};

/// Cuts a Markdown text that arrives in pieces into finished blocks, so a view renders each
/// block once and re-renders only the open one at the end. It works on complete lines, so the
/// blocks do not depend on how the text was cut into pieces: the blocks of a streamed reply
/// equal those of the same text split at once. A blank line ends a prose block unless a list
/// goes on after it (an indented line or another item); a closing fence ends a code block.
/// Fences indented inside a list stay part of the list.
class MarkdownStreamSplitter
{
public:
    /// Appends text; returns the blocks it completed, in order.
    QList<MarkdownBlock> append(const QString &text);
    /// The text is complete: returns the last, open block (if any).
    QList<MarkdownBlock> finish();
    /// The open block as it stands, with the incomplete last line (what is still arriving).
    MarkdownBlock openBlock() const;
    bool hasOpenBlock() const;

    /// The blocks of a complete text.
    static QList<MarkdownBlock> split(const QString &text);

private:
    struct Fence
    {
        QChar marker;
        int length = 0;
        int indent = 0;
        QString info;
    };

    void processLine(const QString &line, QList<MarkdownBlock> &out);
    void emitBlock(QList<MarkdownBlock> &out);
    static bool openingFence(const QString &line, Fence *fence);
    static bool closesFence(const QString &line, const Fence &fence);
    static bool isListItem(const QString &line);
    static bool isIndented(const QString &line);

    QString m_partialLine;
    QStringList m_lines; ///< the open block's complete lines
    bool m_inCode = false;
    Fence m_codeFence;
    bool m_isList = false;       ///< the open prose block is a list
    bool m_blankPending = false; ///< the open prose block ended with blank lines so far
    bool m_inListFence = false;  ///< inside a fence that belongs to a list item
    Fence m_listFence;
};
