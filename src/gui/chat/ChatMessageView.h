#pragma once

#include "chat/ChatMessage.h"

#include <QFrame>

class MarkdownView;
class QLabel;
class QHBoxLayout;
class QToolButton;
class ReasoningView;

/// One message of the transcript. The user's: their text and images in a tinted bubble. A
/// reply: the model's name, its reasoning folded above the answer, the answer as Markdown,
/// usage and time, and how it ended (stopped, or the error in plain words). Buttons: Copy,
/// and Edit on the last user message or Regenerate on the last reply.
class ChatMessageView : public QFrame
{
    Q_OBJECT

public:
    explicit ChatMessageView(const ChatMessage &message, QWidget *parent = nullptr);

    /// New text of a streaming reply.
    void appendReply(const QString &contentDelta, const QString &reasoningDelta);
    /// The message changed otherwise (finished, usage, error).
    void setMessage(const ChatMessage &message);
    void setActions(bool canEdit, bool canRegenerate);

    const ChatMessage &message() const { return m_message; }
    MarkdownView *body() const { return m_body; }
    ReasoningView *reasoning() const { return m_reasoning; }
    /// The line under a reply: model, tokens, time; or the error.
    QString metaText() const;
    QString errorText() const;
    /// "Stopped.", "Waiting for the model…"; empty when there is nothing to say.
    QString statusText() const;
    void copy();

Q_SIGNALS:
    void editRequested();
    void regenerateRequested();

private:
    void buildUser();
    void buildReply();
    void addImages(QLayout *layout);
    void refresh();
    QToolButton *actionButton(const QString &name, const QString &text, const QString &toolTip);

    ChatMessage m_message;
    MarkdownView *m_body = nullptr;
    ReasoningView *m_reasoning = nullptr;
    QLabel *m_text = nullptr; ///< the user's text
    QLabel *m_meta = nullptr;
    QLabel *m_status = nullptr;
    QFrame *m_errorFrame = nullptr;
    QLabel *m_errorLabel = nullptr;
    QToolButton *m_copyButton = nullptr;
    QToolButton *m_editButton = nullptr;
    QToolButton *m_regenerateButton = nullptr;
};
