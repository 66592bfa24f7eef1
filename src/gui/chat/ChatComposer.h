#pragma once

#include "chat/ChatMessage.h"

#include <QWidget>

#include <memory>

class ComposerTextEdit;
class QPushButton;

namespace Ui {
class ChatComposer;
}

/// Where the user writes: the input, the images attached to the next message (pasted,
/// dropped or picked), Send that turns into Stop while a reply streams, and the banner of
/// Edit-and-resend.
class ChatComposer : public QWidget
{
    Q_OBJECT

public:
    explicit ChatComposer(QWidget *parent = nullptr);
    ~ChatComposer() override;

    QString text() const;
    void setText(const QString &text);
    QList<ChatImage> images() const { return m_images; }
    void addImage(const ChatImage &image);
    void clear();

    /// While a reply streams the button stops it; Enter does not send.
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    /// Puts the last user message back for editing; Send then replaces it.
    void startEditing(const ChatMessage &message);
    void cancelEditing();
    bool isEditing() const { return m_editing; }
    /// A short line under the input (an image that could not be attached...); empty hides it.
    void showNotice(const QString &text);
    void focusInput();
    /// The text field (tests type into it).
    ComposerTextEdit *input() const;
    QPushButton *sendButton() const;

Q_SIGNALS:
    void sendRequested(const QString &text, const QList<ChatImage> &images);
    void resendRequested(const QString &text, const QList<ChatImage> &images);
    void stopRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void submit();
    void attachFiles(const QStringList &paths);
    void pickFiles();
    void rebuildAttachments();
    void updateSendButton();

    const std::unique_ptr<Ui::ChatComposer> m_ui;
    QList<ChatImage> m_images;
    QList<QWidget *> m_thumbnails;
    bool m_busy = false;
    bool m_editing = false;
};
