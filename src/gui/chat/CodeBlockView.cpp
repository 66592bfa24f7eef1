#include "CodeBlockView.h"

#include "AutoHeightTextView.h"
#include "MarkdownDocument.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QTextCursor>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

CodeBlockView::CodeBlockView(QWidget *parent)
    : QFrame(parent), m_view(new AutoHeightTextView(this)), m_languageLabel(new QLabel(this)),
      m_copyButton(new QToolButton(this))
{
    setObjectName(QStringLiteral("codeBlock"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 2, 4, 6);
    layout->setSpacing(0);
    auto *header = new QHBoxLayout;
    m_languageLabel->setForegroundRole(QPalette::PlaceholderText);
    QFont small = m_languageLabel->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_languageLabel->setFont(small);
    header->addWidget(m_languageLabel);
    header->addStretch();
    m_copyButton->setText(tr("Copy"));
    m_copyButton->setToolTip(tr("Copy the code"));
    m_copyButton->setAutoRaise(true);
    m_copyButton->setFocusPolicy(Qt::NoFocus);
    m_copyButton->setFont(small);
    connect(m_copyButton, &QToolButton::clicked, this, &CodeBlockView::copy);
    header->addWidget(m_copyButton);
    layout->addLayout(header);

    m_view->setNoWrap(true);
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_view->document()->setDefaultFont(fixed);
    layout->addWidget(m_view);
}

void CodeBlockView::paintEvent(QPaintEvent *)
{
    // A rounded tinted box, painted here rather than by a style sheet (cheaper per block).
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(MarkdownDocument::codeBackground(palette())));
    painter.drawRoundedRect(QRectF(rect()), 6, 6);
}

void CodeBlockView::setLanguage(const QString &language)
{
    if (language == m_language && !m_languageLabel->text().isEmpty())
        return;
    m_language = language;
    m_languageLabel->setText(language.isEmpty() ? tr("code") : language);
}

void CodeBlockView::setCode(const QString &code, const QString &language)
{
    setLanguage(language);
    m_code = code;
    m_view->setPlainText(code);
}

void CodeBlockView::updateCode(const QString &code, const QString &language)
{
    setLanguage(language);
    if (code == m_code)
        return;
    if (!m_code.isEmpty() && code.startsWith(m_code)) {
        // Only the new part: a long block must not be laid out again for every piece.
        QTextCursor cursor(m_view->document());
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(code.mid(m_code.size()));
        m_code = code;
        return;
    }
    setCode(code, language);
}

void CodeBlockView::copy()
{
    QGuiApplication::clipboard()->setText(m_code);
    m_copyButton->setText(tr("Copied"));
    QTimer::singleShot(1500, m_copyButton,
                       [button = m_copyButton] { button->setText(tr("Copy")); });
}
