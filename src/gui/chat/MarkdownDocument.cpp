#include "MarkdownDocument.h"

#include <QFontDatabase>
#include <QPalette>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextList>

namespace {

QColor codeColor(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    // 7% of the text colour over the base: a light grey on white, a lighter grey on black.
    return QColor::fromRgbF(base.redF() * 0.93f + text.redF() * 0.07f,
                            base.greenF() * 0.93f + text.greenF() * 0.07f,
                            base.blueF() * 0.93f + text.blueF() * 0.07f);
}

/// The number an ordered list at the start of `markdown` begins with (1 when none).
int leadingListStart(const QString &markdown)
{
    static const QRegularExpression item(QStringLiteral("^ {0,3}(\\d{1,9})[.)][ \\t]"));
    const QRegularExpressionMatch match = item.match(markdown);
    return match.hasMatch() ? match.captured(1).toInt() : 1;
}

/// Qt 6.4 numbers every list from 1 (QTextListFormat has no start before 6.6). Hidden empty
/// items in front make the first visible one count from `start`.
void numberFrom(QTextDocument *document, int start)
{
    QTextBlock first = document->begin();
    QTextList *list = first.textList();
    if (!list || start <= 1 || start > 1000)
        return;
    const QTextListFormat::Style style = list->format().style();
    if (style != QTextListFormat::ListDecimal && style != QTextListFormat::ListLowerAlpha &&
        style != QTextListFormat::ListUpperAlpha && style != QTextListFormat::ListLowerRoman &&
        style != QTextListFormat::ListUpperRoman)
        return;
    QTextCursor cursor(first);
    cursor.movePosition(QTextCursor::StartOfBlock);
    for (int i = 1; i < start; ++i)
        cursor.insertBlock(); // the item's text moves on; the empty block before it stays
    for (int i = 0; i < start - 1; ++i) {
        QTextBlock hidden = list->item(i);
        hidden.setVisible(false);
    }
    document->markContentsDirty(0, document->characterCount());
}

bool isCodeBlock(const QTextBlock &block)
{
    const QTextBlockFormat format = block.blockFormat();
    if (format.hasProperty(QTextFormat::BlockCodeFence) || format.nonBreakableLines())
        return true;
    // Indented code blocks carry no block property, only a monospace font on their text.
    bool any = false;
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        if (!it.fragment().charFormat().fontFamilies().toStringList().contains(
                QStringLiteral("monospace")))
            return false;
        any = true;
    }
    return any && !block.textList();
}

void tintCode(QTextDocument *document, const QPalette &palette)
{
    const QColor background = codeColor(palette);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    QTextCursor cursor(document);
    cursor.beginEditBlock();
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        if (isCodeBlock(block)) {
            QTextBlockFormat format = block.blockFormat();
            format.setBackground(background);
            cursor.setPosition(block.position());
            cursor.setBlockFormat(format);
            continue;
        }
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.charFormat().fontFixedPitch())
                continue;
            QTextCharFormat format;
            format.setBackground(background);
            format.setFontFamilies({fixed.family()});
            cursor.setPosition(fragment.position());
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
            cursor.mergeCharFormat(format);
        }
    }
    cursor.endEditBlock();
}

} // namespace

namespace MarkdownDocument {

void render(QTextDocument *document, const QString &markdown, const QPalette &palette)
{
    document->setMarkdown(markdown, QTextDocument::MarkdownDialectGitHub);
    numberFrom(document, leadingListStart(markdown));
    tintCode(document, palette);
}

QString codeBackground(const QPalette &palette)
{
    return codeColor(palette).name();
}

} // namespace MarkdownDocument
