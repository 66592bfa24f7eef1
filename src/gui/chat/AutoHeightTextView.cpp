#include "AutoHeightTextView.h"

#include <QAbstractTextDocumentLayout>
#include <QScrollBar>
#include <QWheelEvent>

AutoHeightTextView::AutoHeightTextView(QWidget *parent) : QTextBrowser(parent)
{
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setOpenExternalLinks(true);
    setFocusPolicy(Qt::NoFocus); // the chat's input keeps the focus; text stays selectable
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // Transparent through the palette: a style sheet per view would cost a style polish per
    // widget, and a long reply has many.
    QPalette transparent = palette();
    transparent.setColor(QPalette::Base, Qt::transparent);
    setPalette(transparent);
    viewport()->setAutoFillBackground(false);
    document()->setDocumentMargin(2);
    document()->setUndoRedoEnabled(false); // appended streams must not pile up undo steps
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            &AutoHeightTextView::updateHeight);
    // setDocument() and setMarkdown() may replace the layout.
    connect(this, &QTextEdit::textChanged, this, &AutoHeightTextView::updateHeight);
}

void AutoHeightTextView::setNoWrap(bool noWrap)
{
    setLineWrapMode(noWrap ? QTextEdit::NoWrap : QTextEdit::WidgetWidth);
    setHorizontalScrollBarPolicy(noWrap ? Qt::ScrollBarAsNeeded : Qt::ScrollBarAlwaysOff);
    updateHeight();
}

QSize AutoHeightTextView::sizeHint() const
{
    return QSize(QTextBrowser::sizeHint().width(), m_height);
}

QSize AutoHeightTextView::minimumSizeHint() const
{
    return QSize(40, m_height);
}

void AutoHeightTextView::resizeEvent(QResizeEvent *event)
{
    QTextBrowser::resizeEvent(event);
    updateHeight();
}

void AutoHeightTextView::wheelEvent(QWheelEvent *event)
{
    // Vertical wheel turns go to the transcript; sideways ones scroll a wide code block.
    if (lineWrapMode() == QTextEdit::NoWrap && event->angleDelta().x() != 0) {
        QTextBrowser::wheelEvent(event);
        return;
    }
    event->ignore();
}

void AutoHeightTextView::updateHeight()
{
    const QSizeF size = document()->documentLayout()->documentSize();
    int height = qCeil(size.height()) + 2 * frameWidth();
    if (lineWrapMode() == QTextEdit::NoWrap && size.width() > viewport()->width() + 1)
        height += horizontalScrollBar()->sizeHint().height();
    if (height == m_height)
        return;
    m_height = height;
    setFixedHeight(height);
    updateGeometry();
}
