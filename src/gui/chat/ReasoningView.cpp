#include "ReasoningView.h"

#include "AutoHeightTextView.h"

#include <QTextCursor>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
/// Words of Latin-script text, and characters of Chinese or Japanese (which has no spaces).
int wordCount(const QString &text)
{
    int words = 0;
    bool inWord = false;
    for (const QChar c : text) {
        const QChar::Script script = c.script();
        if (script == QChar::Script_Han || script == QChar::Script_Hiragana ||
            script == QChar::Script_Katakana) {
            ++words;
            inWord = false;
        } else if (c.isSpace() || c.isPunct()) {
            inWord = false;
        } else if (!inWord) {
            ++words;
            inWord = true;
        }
    }
    return words;
}
} // namespace

ReasoningView::ReasoningView(QWidget *parent)
    : QWidget(parent), m_header(new QToolButton(this)), m_view(new AutoHeightTextView(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_header->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_header->setAutoRaise(true);
    m_header->setFocusPolicy(Qt::NoFocus);
    m_header->setCheckable(true);
    m_header->setForegroundRole(QPalette::PlaceholderText);
    connect(m_header, &QToolButton::toggled, this, &ReasoningView::setExpanded);
    layout->addWidget(m_header, 0, Qt::AlignLeft);

    m_view->setObjectName(QStringLiteral("reasoningText"));
    m_view->setForegroundRole(QPalette::PlaceholderText);
    QPalette faded = m_view->palette();
    faded.setColor(QPalette::Text, faded.color(QPalette::PlaceholderText));
    m_view->setPalette(faded);
    m_view->setContentsMargins(12, 0, 0, 0);
    m_view->setVisible(false);
    layout->addWidget(m_view);
    updateHeader();
}

void ReasoningView::setText(const QString &text)
{
    m_text = text;
    if (m_expanded)
        m_view->setPlainText(m_text);
    else
        m_viewStale = true;
    updateHeader();
}

void ReasoningView::appendText(const QString &piece)
{
    if (piece.isEmpty())
        return;
    const bool wasEmpty = m_text.isEmpty();
    m_text += piece;
    if (m_expanded && !m_viewStale) {
        QTextCursor cursor(m_view->document());
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(piece);
    } else {
        m_viewStale = true;
    }
    if (wasEmpty)
        updateHeader();
}

void ReasoningView::setStreaming(bool streaming)
{
    if (streaming == m_streaming)
        return;
    m_streaming = streaming;
    updateHeader();
}

void ReasoningView::setExpanded(bool expanded)
{
    if (m_header->isChecked() != expanded)
        m_header->setChecked(expanded); // comes back here through toggled
    if (expanded == m_expanded)
        return;
    m_expanded = expanded;
    if (expanded && m_viewStale) {
        m_view->setPlainText(m_text);
        m_viewStale = false;
    }
    m_view->setVisible(expanded);
    updateHeader();
}

void ReasoningView::updateHeader()
{
    m_header->setArrowType(m_expanded ? Qt::DownArrow : Qt::RightArrow);
    if (m_streaming) {
        m_header->setText(tr("Thinking…"));
        return;
    }
    m_header->setText(tr("Reasoning (%n words)", nullptr, wordCount(m_text)));
}
