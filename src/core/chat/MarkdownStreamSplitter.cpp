#include "MarkdownStreamSplitter.h"

namespace {
int leadingSpaces(const QString &line)
{
    int n = 0;
    while (n < line.size() && line.at(n) == QLatin1Char(' '))
        ++n;
    return n;
}

bool isBlank(const QString &line)
{
    for (const QChar c : line) {
        if (!c.isSpace())
            return false;
    }
    return true;
}
} // namespace

QList<MarkdownBlock> MarkdownStreamSplitter::split(const QString &text)
{
    MarkdownStreamSplitter splitter;
    QList<MarkdownBlock> blocks = splitter.append(text);
    blocks += splitter.finish();
    return blocks;
}

QList<MarkdownBlock> MarkdownStreamSplitter::append(const QString &text)
{
    QList<MarkdownBlock> out;
    qsizetype start = 0;
    while (true) {
        const qsizetype newline = text.indexOf(QLatin1Char('\n'), start);
        if (newline < 0)
            break;
        QString line = m_partialLine;
        line += QStringView(text).mid(start, newline - start);
        m_partialLine.clear();
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        processLine(line, out);
        start = newline + 1;
    }
    m_partialLine += QStringView(text).mid(start);
    return out;
}

QList<MarkdownBlock> MarkdownStreamSplitter::finish()
{
    QList<MarkdownBlock> out;
    if (!m_partialLine.isEmpty()) {
        const QString line = m_partialLine;
        m_partialLine.clear();
        processLine(line, out);
    }
    emitBlock(out);
    return out;
}

bool MarkdownStreamSplitter::hasOpenBlock() const
{
    return m_inCode || !m_lines.isEmpty() || !isBlank(m_partialLine);
}

MarkdownBlock MarkdownStreamSplitter::openBlock() const
{
    MarkdownBlock block;
    if (m_inCode) {
        block.kind = MarkdownBlock::Kind::Code;
        block.language = m_codeFence.info;
        QStringList lines = m_lines;
        // The incomplete last line may turn out to be the closing fence: keep it back.
        if (!m_partialLine.isEmpty() && !m_partialLine.trimmed().startsWith(m_codeFence.marker))
            lines.append(m_partialLine);
        block.text = lines.join(QLatin1Char('\n'));
        return block;
    }
    QStringList lines = m_lines;
    while (!lines.isEmpty() && isBlank(lines.last()))
        lines.removeLast();
    // A line that may become a fence is held back, or it would show as text for a moment.
    const QString trimmed = m_partialLine.trimmed();
    const bool maybeFence =
        trimmed.startsWith(QLatin1Char('`')) || trimmed.startsWith(QLatin1Char('~'));
    if (!m_partialLine.isEmpty() && !maybeFence) {
        if (m_blankPending && !lines.isEmpty())
            lines.append(QString());
        lines.append(m_partialLine);
    }
    block.text = lines.join(QLatin1Char('\n'));
    return block;
}

void MarkdownStreamSplitter::processLine(const QString &line, QList<MarkdownBlock> &out)
{
    if (m_inCode) {
        if (closesFence(line, m_codeFence)) {
            emitBlock(out);
            return;
        }
        // Code lines lose up to the fence's own indentation (CommonMark).
        const int strip = qMin(leadingSpaces(line), m_codeFence.indent);
        m_lines.append(line.mid(strip));
        return;
    }
    if (m_inListFence) {
        m_lines.append(line);
        if (closesFence(line, m_listFence))
            m_inListFence = false;
        return;
    }
    Fence fence;
    if (openingFence(line, &fence)) {
        if (m_isList && !m_lines.isEmpty() && fence.indent >= 2) {
            // Code inside a list item: it stays with its item.
            if (m_blankPending)
                m_blankPending = false;
            m_lines.append(line);
            m_inListFence = true;
            m_listFence = fence;
            return;
        }
        emitBlock(out);
        m_inCode = true;
        m_codeFence = fence;
        return;
    }
    if (isBlank(line)) {
        if (!m_lines.isEmpty()) {
            m_lines.append(QString());
            m_blankPending = true;
        }
        return;
    }
    if (m_lines.isEmpty()) {
        m_lines.append(line);
        m_isList = isListItem(line);
        return;
    }
    if (m_blankPending) {
        const bool listGoesOn = m_isList && (isIndented(line) || isListItem(line));
        if (!listGoesOn) {
            emitBlock(out);
            m_lines.append(line);
            m_isList = isListItem(line);
            return;
        }
        m_blankPending = false;
    }
    m_lines.append(line);
}

void MarkdownStreamSplitter::emitBlock(QList<MarkdownBlock> &out)
{
    if (m_inCode) {
        MarkdownBlock block;
        block.kind = MarkdownBlock::Kind::Code;
        block.text = m_lines.join(QLatin1Char('\n'));
        block.language = m_codeFence.info;
        out.append(block);
    } else {
        while (!m_lines.isEmpty() && isBlank(m_lines.last()))
            m_lines.removeLast();
        if (!m_lines.isEmpty()) {
            MarkdownBlock block;
            block.text = m_lines.join(QLatin1Char('\n'));
            out.append(block);
        }
    }
    m_lines.clear();
    m_inCode = false;
    m_isList = false;
    m_blankPending = false;
    m_inListFence = false;
}

bool MarkdownStreamSplitter::openingFence(const QString &line, Fence *fence)
{
    const int indent = leadingSpaces(line);
    if (indent > 3 || indent >= line.size())
        return false;
    const QChar marker = line.at(indent);
    if (marker != QLatin1Char('`') && marker != QLatin1Char('~'))
        return false;
    int length = 0;
    while (indent + length < line.size() && line.at(indent + length) == marker)
        ++length;
    if (length < 3)
        return false;
    const QString info = line.mid(indent + length).trimmed();
    // A backtick fence's info string may not contain backticks (that is inline code).
    if (marker == QLatin1Char('`') && info.contains(QLatin1Char('`')))
        return false;
    fence->marker = marker;
    fence->length = length;
    fence->indent = indent;
    fence->info = info.section(QLatin1Char(' '), 0, 0);
    return true;
}

bool MarkdownStreamSplitter::closesFence(const QString &line, const Fence &fence)
{
    const QString trimmed = line.trimmed();
    if (trimmed.size() < fence.length)
        return false;
    for (const QChar c : trimmed) {
        if (c != fence.marker)
            return false;
    }
    return leadingSpaces(line) <= 3 + fence.indent;
}

bool MarkdownStreamSplitter::isListItem(const QString &line)
{
    const int indent = leadingSpaces(line);
    if (indent >= line.size())
        return false;
    const QChar first = line.at(indent);
    if (first == QLatin1Char('-') || first == QLatin1Char('*') || first == QLatin1Char('+'))
        return indent + 1 < line.size() && line.at(indent + 1).isSpace();
    int digits = 0;
    while (indent + digits < line.size() && line.at(indent + digits).isDigit())
        ++digits;
    if (digits == 0 || digits > 9 || indent + digits + 1 >= line.size())
        return false;
    const QChar delimiter = line.at(indent + digits);
    return (delimiter == QLatin1Char('.') || delimiter == QLatin1Char(')')) &&
           line.at(indent + digits + 1).isSpace();
}

bool MarkdownStreamSplitter::isIndented(const QString &line)
{
    return !line.isEmpty() && (line.at(0) == QLatin1Char(' ') || line.at(0) == QLatin1Char('\t'));
}
