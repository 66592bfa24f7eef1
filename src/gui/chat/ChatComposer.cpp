#include "ChatComposer.h"

#include "ChatImageEncoder.h"
#include "ui_ChatComposer.h"

#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QStandardPaths>
#include <QToolButton>

namespace {
constexpr int kThumbnailSize = 56;
constexpr int kMaxImages = 8;
} // namespace

ChatComposer::ChatComposer(QWidget *parent) : QWidget(parent), m_ui(new Ui::ChatComposer)
{
    m_ui->setupUi(this);
    m_ui->editingFrame->setVisible(false);
    m_ui->attachmentsWidget->setVisible(false);
    m_ui->composerNoticeLabel->setVisible(false);
    m_ui->composerNoticeLabel->setForegroundRole(QPalette::PlaceholderText);
    connect(m_ui->inputTextEdit, &ComposerTextEdit::submitRequested, this, &ChatComposer::submit);
    connect(m_ui->inputTextEdit, &ComposerTextEdit::imagePasted, this, [this](const QImage &image) {
        const ChatImage encoded = ChatImageEncoder::fromImage(image);
        if (encoded.data.isEmpty())
            showNotice(tr("The pasted image could not be attached."));
        else
            addImage(encoded);
    });
    connect(m_ui->inputTextEdit, &ComposerTextEdit::imageFilesDropped, this,
            &ChatComposer::attachFiles);
    connect(m_ui->inputTextEdit, &QPlainTextEdit::textChanged, this,
            &ChatComposer::updateSendButton);
    connect(m_ui->sendPushButton, &QPushButton::clicked, this, [this] {
        if (m_busy)
            Q_EMIT stopRequested();
        else
            submit();
        focusInput();
    });
    connect(m_ui->attachToolButton, &QToolButton::clicked, this, &ChatComposer::pickFiles);
    connect(m_ui->cancelEditToolButton, &QToolButton::clicked, this, &ChatComposer::cancelEditing);
    updateSendButton();
}

ChatComposer::~ChatComposer() = default;

QString ChatComposer::text() const
{
    return m_ui->inputTextEdit->toPlainText();
}

void ChatComposer::setText(const QString &text)
{
    m_ui->inputTextEdit->setPlainText(text);
    m_ui->inputTextEdit->moveCursor(QTextCursor::End);
}

void ChatComposer::clear()
{
    m_editing = false;
    m_ui->editingFrame->setVisible(false);
    m_ui->inputTextEdit->clear();
    m_images.clear();
    rebuildAttachments();
    showNotice(QString());
}

void ChatComposer::addImage(const ChatImage &image)
{
    if (m_images.size() >= kMaxImages) {
        showNotice(tr("At most %1 images go with one message.").arg(kMaxImages));
        return;
    }
    m_images.append(image);
    rebuildAttachments();
    showNotice(QString());
}

void ChatComposer::attachFiles(const QStringList &paths)
{
    QStringList problems;
    for (const QString &path : paths) {
        QString error;
        const ChatImage image = ChatImageEncoder::fromFile(path, &error);
        if (image.data.isEmpty())
            problems.append(error);
        else
            addImage(image);
    }
    if (!problems.isEmpty())
        showNotice(problems.join(QLatin1Char(' ')));
    focusInput();
}

void ChatComposer::pickFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Attach images"),
        QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
        tr("Images (*.png *.jpg *.jpeg *.gif *.webp)"));
    attachFiles(paths);
}

void ChatComposer::rebuildAttachments()
{
    qDeleteAll(m_thumbnails);
    m_thumbnails.clear();
    for (int i = 0; i < m_images.size(); ++i) {
        auto *thumbnail = new QWidget(m_ui->attachmentsWidget);
        thumbnail->setObjectName(QStringLiteral("attachment"));
        auto *layout = new QHBoxLayout(thumbnail);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(0);
        auto *picture = new QLabel(thumbnail);
        QPixmap pixmap;
        pixmap.loadFromData(m_images[i].data);
        picture->setPixmap(pixmap.scaled(kThumbnailSize, kThumbnailSize, Qt::KeepAspectRatio,
                                         Qt::SmoothTransformation));
        picture->setToolTip(tr("%1 KB").arg((m_images[i].data.size() + 1023) / 1024));
        layout->addWidget(picture);
        auto *remove = new QToolButton(thumbnail);
        remove->setText(QStringLiteral("×"));
        remove->setToolTip(tr("Remove this image"));
        remove->setAutoRaise(true);
        remove->setFocusPolicy(Qt::NoFocus);
        connect(remove, &QToolButton::clicked, this, [this, i] {
            if (i < m_images.size())
                m_images.removeAt(i);
            rebuildAttachments();
            focusInput();
        });
        layout->addWidget(remove, 0, Qt::AlignTop);
        m_ui->attachmentsLayout->insertWidget(i, thumbnail);
        m_thumbnails.append(thumbnail);
    }
    m_ui->attachmentsWidget->setVisible(!m_images.isEmpty());
    updateSendButton();
}

void ChatComposer::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    m_ui->retranslateUi(this);
    rebuildAttachments(); // their tooltips; also names the send button
}

void ChatComposer::setBusy(bool busy)
{
    m_busy = busy;
    updateSendButton();
}

void ChatComposer::updateSendButton()
{
    if (m_busy) {
        m_ui->sendPushButton->setText(tr("Stop"));
        m_ui->sendPushButton->setToolTip(tr("Stop the reply (Esc); what arrived is kept"));
        m_ui->sendPushButton->setEnabled(true);
        return;
    }
    m_ui->sendPushButton->setText(m_editing ? tr("Resend") : tr("Send"));
    m_ui->sendPushButton->setToolTip(tr("Send (Enter)"));
    m_ui->sendPushButton->setEnabled(!text().trimmed().isEmpty() || !m_images.isEmpty());
}

void ChatComposer::submit()
{
    if (m_busy)
        return; // Enter while a reply streams does nothing; Esc or Stop ends it
    const QString message = text();
    if (message.trimmed().isEmpty() && m_images.isEmpty())
        return;
    const QList<ChatImage> images = m_images;
    if (m_editing)
        Q_EMIT resendRequested(message, images);
    else
        Q_EMIT sendRequested(message, images);
}

void ChatComposer::startEditing(const ChatMessage &message)
{
    m_editing = true;
    setText(message.content);
    m_images = message.images;
    rebuildAttachments();
    m_ui->editingFrame->setVisible(true);
    updateSendButton();
    focusInput();
}

void ChatComposer::cancelEditing()
{
    if (!m_editing)
        return;
    clear();
    focusInput();
}

void ChatComposer::showNotice(const QString &text)
{
    m_ui->composerNoticeLabel->setText(text);
    m_ui->composerNoticeLabel->setVisible(!text.isEmpty());
}

ComposerTextEdit *ChatComposer::input() const
{
    return m_ui->inputTextEdit;
}

QPushButton *ChatComposer::sendButton() const
{
    return m_ui->sendPushButton;
}

void ChatComposer::focusInput()
{
    m_ui->inputTextEdit->setFocus(Qt::OtherFocusReason);
}
