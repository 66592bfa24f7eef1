#include "ComposerTextEdit.h"

#include "chat/ChatImage.h"

#include <QFile>
#include <QKeyEvent>
#include <QMimeData>
#include <QTextBlock>
#include <QTextDocument>

namespace {
constexpr int kMaxLines = 10;

QStringList imageFiles(const QMimeData *source)
{
    QStringList paths;
    for (const QUrl &url : source->urls()) {
        if (!url.isLocalFile())
            continue;
        QFile file(url.toLocalFile());
        if (file.open(QIODevice::ReadOnly) && !ChatImage::sniffMimeType(file.read(16)).isEmpty())
            paths.append(url.toLocalFile());
    }
    return paths;
}
} // namespace

ComposerTextEdit::ComposerTextEdit(QWidget *parent) : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(this, &QPlainTextEdit::textChanged, this, &ComposerTextEdit::updateHeight);
    updateHeight();
}

int ComposerTextEdit::heightForLines(int lines) const
{
    const int margins = int(2 * document()->documentMargin()) + 2 * frameWidth() +
                        contentsMargins().top() + contentsMargins().bottom();
    return lines * fontMetrics().lineSpacing() + margins;
}

QSize ComposerTextEdit::sizeHint() const
{
    return QSize(QPlainTextEdit::sizeHint().width(), height());
}

QSize ComposerTextEdit::minimumSizeHint() const
{
    return QSize(80, heightForLines(2));
}

void ComposerTextEdit::updateHeight()
{
    // Visual lines (wrapped ones count), between 2 and kMaxLines; beyond that it scrolls.
    int lines = 0;
    for (QTextBlock block = document()->begin(); block.isValid() && lines <= kMaxLines;
         block = block.next())
        lines += qMax(1, block.layout() ? block.layout()->lineCount() : 1);
    setFixedHeight(heightForLines(qBound(2, lines, kMaxLines)));
}

void ComposerTextEdit::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter) {
        const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
        if (modifiers == Qt::NoModifier) {
            event->accept();
            Q_EMIT submitRequested();
            return;
        }
        if (modifiers == Qt::ShiftModifier) {
            insertPlainText(QStringLiteral("\n"));
            event->accept();
            return;
        }
    }
    QPlainTextEdit::keyPressEvent(event);
}

bool ComposerTextEdit::canInsertFromMimeData(const QMimeData *source) const
{
    return source->hasImage() || !imageFiles(source).isEmpty() ||
           QPlainTextEdit::canInsertFromMimeData(source);
}

void ComposerTextEdit::insertFromMimeData(const QMimeData *source)
{
    const QStringList files = imageFiles(source);
    if (!files.isEmpty()) {
        Q_EMIT imageFilesDropped(files);
        return;
    }
    if (source->hasImage()) {
        const QImage image = qvariant_cast<QImage>(source->imageData());
        if (!image.isNull()) {
            Q_EMIT imagePasted(image);
            return;
        }
    }
    QPlainTextEdit::insertFromMimeData(source);
}
