#include "ChatMessageView.h"

#include "MarkdownView.h"
#include "ReasoningView.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
constexpr int kThumbnailSize = 160;

QColor mix(const QColor &a, const QColor &b, qreal amountOfB)
{
    return QColor::fromRgbF(a.redF() * (1 - amountOfB) + b.redF() * amountOfB,
                            a.greenF() * (1 - amountOfB) + b.greenF() * amountOfB,
                            a.blueF() * (1 - amountOfB) + b.blueF() * amountOfB);
}

QString seconds(qint64 ms)
{
    return QLocale().toString(ms / 1000.0, 'f', ms < 10000 ? 1 : 0);
}
} // namespace

ChatMessageView::ChatMessageView(const ChatMessage &message, QWidget *parent)
    : QFrame(parent), m_message(message)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
    if (message.role == ChatMessage::Role::User)
        buildUser();
    else
        buildReply();
    refresh();
}

QToolButton *ChatMessageView::actionButton(const QString &name, const QString &text,
                                           const QString &toolTip)
{
    auto *button = new QToolButton(this);
    button->setObjectName(name);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::NoFocus); // the input keeps the focus
    QFont small = button->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    button->setFont(small);
    return button;
}

void ChatMessageView::buildUser()
{
    setObjectName(QStringLiteral("userMessage"));
    const QColor bubble =
        mix(palette().color(QPalette::Base), palette().color(QPalette::Highlight), 0.12);
    setStyleSheet(
        QStringLiteral("#userMessage { background: %1; border-radius: 10px; }").arg(bubble.name()));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 4);
    layout->setSpacing(4);
    if (!m_message.content.isEmpty()) {
        m_text = new QLabel(this);
        m_text->setTextFormat(Qt::PlainText);
        m_text->setWordWrap(true);
        m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_text->setText(m_message.content);
        layout->addWidget(m_text);
    }
    addImages(layout);
    auto *actions = new QHBoxLayout;
    actions->addStretch();
    m_editButton = actionButton(QStringLiteral("editToolButton"), tr("Edit"),
                                tr("Put this message back into the input to change "
                                   "and send it again"));
    connect(m_editButton, &QToolButton::clicked, this, &ChatMessageView::editRequested);
    actions->addWidget(m_editButton);
    m_copyButton =
        actionButton(QStringLiteral("copyToolButton"), tr("Copy"), tr("Copy the message"));
    connect(m_copyButton, &QToolButton::clicked, this, &ChatMessageView::copy);
    actions->addWidget(m_copyButton);
    layout->addLayout(actions);
}

void ChatMessageView::addImages(QLayout *layout)
{
    if (m_message.images.isEmpty())
        return;
    auto *row = new QHBoxLayout;
    for (const ChatImage &image : std::as_const(m_message.images)) {
        QPixmap pixmap;
        pixmap.loadFromData(image.data);
        auto *label = new QLabel(this);
        label->setObjectName(QStringLiteral("imageThumbnail"));
        if (pixmap.isNull()) {
            label->setText(tr("[image]"));
        } else {
            label->setPixmap(pixmap.scaled(kThumbnailSize, kThumbnailSize, Qt::KeepAspectRatio,
                                           Qt::SmoothTransformation));
            label->setToolTip(tr("%1 × %2 pixels, %3 KB")
                                  .arg(pixmap.width())
                                  .arg(pixmap.height())
                                  .arg((image.data.size() + 1023) / 1024));
        }
        row->addWidget(label);
    }
    row->addStretch();
    static_cast<QVBoxLayout *>(layout)->addLayout(row);
}

void ChatMessageView::buildReply()
{
    setObjectName(QStringLiteral("replyMessage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 2);
    layout->setSpacing(4);

    m_reasoning = new ReasoningView(this);
    layout->addWidget(m_reasoning);
    m_body = new MarkdownView(this);
    layout->addWidget(m_body);

    m_status = new QLabel(this);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setVisible(false);
    layout->addWidget(m_status);

    m_errorFrame = new QFrame(this);
    m_errorFrame->setObjectName(QStringLiteral("errorFrame"));
    const QColor red(0xd0, 0x30, 0x30);
    m_errorFrame->setStyleSheet(
        QStringLiteral("#errorFrame { border: 1px solid %1; border-radius: 6px; background: %2; }")
            .arg(red.name(), mix(palette().color(QPalette::Base), red, 0.08).name()));
    auto *errorLayout = new QVBoxLayout(m_errorFrame);
    errorLayout->setContentsMargins(10, 6, 10, 6);
    m_errorLabel = new QLabel(m_errorFrame);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextFormat(Qt::RichText);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errorLayout->addWidget(m_errorLabel);
    m_errorFrame->setVisible(false);
    layout->addWidget(m_errorFrame);

    auto *footer = new QHBoxLayout;
    m_meta = new QLabel(this);
    m_meta->setForegroundRole(QPalette::PlaceholderText);
    QFont small = m_meta->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_meta->setFont(small);
    footer->addWidget(m_meta);
    footer->addStretch();
    m_copyButton = actionButton(QStringLiteral("copyToolButton"), tr("Copy"),
                                tr("Copy the reply as Markdown"));
    connect(m_copyButton, &QToolButton::clicked, this, &ChatMessageView::copy);
    footer->addWidget(m_copyButton);
    m_regenerateButton = actionButton(QStringLiteral("regenerateToolButton"), tr("Regenerate"),
                                      tr("Ask for this reply again"));
    connect(m_regenerateButton, &QToolButton::clicked, this, &ChatMessageView::regenerateRequested);
    footer->addWidget(m_regenerateButton);
    layout->addLayout(footer);

    m_reasoning->setText(m_message.reasoning);
    if (m_message.state == ChatMessage::State::Streaming) {
        m_body->appendText(m_message.content);
    } else {
        m_body->setMarkdown(m_message.content);
    }
}

void ChatMessageView::appendReply(const QString &contentDelta, const QString &reasoningDelta)
{
    if (!m_body)
        return;
    m_message.content += contentDelta;
    m_message.reasoning += reasoningDelta;
    m_reasoning->appendText(reasoningDelta);
    m_body->appendText(contentDelta);
    // Reasoning streams first; once the answer starts, the model is done thinking.
    const bool firstOfKind =
        (!contentDelta.isEmpty() && m_message.content.size() == contentDelta.size()) ||
        (!reasoningDelta.isEmpty() && m_message.reasoning.size() == reasoningDelta.size());
    if (firstOfKind)
        refresh();
}

void ChatMessageView::setMessage(const ChatMessage &message)
{
    const bool wasStreaming = m_message.state == ChatMessage::State::Streaming;
    const QString shownContent = m_message.content;
    m_message = message;
    if (m_body) {
        if (wasStreaming && message.content == shownContent)
            m_body->finish();
        else if (message.content != shownContent)
            m_body->setMarkdown(message.content);
        else if (wasStreaming)
            m_body->finish();
        if (message.reasoning != m_reasoning->text())
            m_reasoning->setText(message.reasoning);
    }
    refresh();
}

void ChatMessageView::setActions(bool canEdit, bool canRegenerate)
{
    if (m_editButton)
        m_editButton->setVisible(canEdit);
    if (m_regenerateButton)
        m_regenerateButton->setVisible(canRegenerate);
}

QString ChatMessageView::metaText() const
{
    if (m_message.role == ChatMessage::Role::User)
        return {};
    QStringList parts;
    if (!m_message.model.isEmpty())
        parts.append(m_message.model);
    if (m_message.state == ChatMessage::State::Streaming)
        return parts.join(QStringLiteral(" · "));
    const ChatUsage &usage = m_message.usage;
    if (usage.completionTokens >= 0) {
        QString tokens = tr("%1 → %2 tokens")
                             .arg(QLocale().toString(qMax<qint64>(0, usage.promptTokens)),
                                  QLocale().toString(usage.completionTokens));
        if (usage.reasoningTokens > 0)
            tokens += QLatin1Char(' ') +
                      tr("(%1 reasoning)").arg(QLocale().toString(usage.reasoningTokens));
        parts.append(tokens);
    }
    if (m_message.durationMs >= 0) {
        parts.append(tr("%1 s").arg(seconds(m_message.durationMs)));
        const qint64 writingMs = m_message.durationMs - qMax<qint64>(0, m_message.firstTokenMs);
        if (usage.completionTokens > 0 && writingMs > 200)
            parts.append(
                tr("%1 tokens/s")
                    .arg(QLocale().toString(usage.completionTokens * 1000.0 / writingMs, 'f', 0)));
    }
    return parts.join(QStringLiteral(" · "));
}

QString ChatMessageView::errorText() const
{
    return m_errorFrame && m_errorFrame->isVisible() ? m_errorLabel->text() : QString();
}

QString ChatMessageView::statusText() const
{
    return m_status && m_status->isVisible() ? m_status->text() : QString();
}

void ChatMessageView::refresh()
{
    const bool streaming = m_message.state == ChatMessage::State::Streaming;
    if (m_meta)
        m_meta->setText(metaText());
    if (m_reasoning) {
        m_reasoning->setVisible(!m_message.reasoning.isEmpty());
        m_reasoning->setStreaming(streaming && m_message.content.isEmpty());
    }
    if (m_status) {
        QString status;
        if (streaming && m_message.content.isEmpty() && m_message.reasoning.isEmpty())
            status = tr("Waiting for the model…");
        else if (m_message.state == ChatMessage::State::Stopped)
            status = tr("Stopped.");
        else if (m_message.finishReason == QLatin1String("length"))
            status = tr("The reply hit the model's output limit.");
        m_status->setText(status);
        m_status->setVisible(!status.isEmpty());
    }
    if (m_errorFrame) {
        const bool failed =
            m_message.state == ChatMessage::State::Failed && m_message.error.isError();
        if (failed) {
            QString html =
                QStringLiteral("<b>%1</b>").arg(m_message.error.summary().toHtmlEscaped());
            if (!m_message.error.detail.isEmpty())
                html += QStringLiteral("<br><span style=\"font-size: small\">%1</span>")
                            .arg(m_message.error.detail.toHtmlEscaped());
            m_errorLabel->setText(html);
        }
        m_errorFrame->setVisible(failed);
    }
    if (m_copyButton)
        m_copyButton->setVisible(!streaming && !m_message.content.isEmpty());
}

void ChatMessageView::copy()
{
    QGuiApplication::clipboard()->setText(m_message.content);
    m_copyButton->setText(tr("Copied"));
    QTimer::singleShot(1500, m_copyButton,
                       [button = m_copyButton] { button->setText(tr("Copy")); });
}
