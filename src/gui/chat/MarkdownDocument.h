#pragma once

#include <QString>

class QTextDocument;
class QPalette;

/// Renders Markdown into a QTextDocument with Qt's own importer (GitHub dialect), then fixes
/// what Qt 6.4 leaves out for chat replies: code spans and blocks get a tinted background, and
/// an ordered list that starts at N (a list broken by a code block: "3. ...") is numbered from
/// N, not 1.
namespace MarkdownDocument {
void render(QTextDocument *document, const QString &markdown, const QPalette &palette);
/// The background of code, from the palette (readable in light and dark themes).
QString codeBackground(const QPalette &palette);
} // namespace MarkdownDocument
