#pragma once

#include <QPointer>
#include <QScrollArea>

class ChatMessageView;
class ChatSession;
class QLabel;
class QVBoxLayout;

/// The messages of the open conversation, one view each, in a scrolling column of readable
/// width. It follows a ChatSession: new messages and streamed text appear as they come, and
/// the view stays at the bottom while the user has not scrolled up.
class TranscriptView : public QScrollArea
{
    Q_OBJECT

public:
    explicit TranscriptView(QWidget *parent = nullptr);

    /// Shows `session`'s messages (none when null) and follows it.
    void setSession(ChatSession *session);
    ChatSession *session() const { return m_session; }
    int messageCount() const { return int(m_views.size()); }
    ChatMessageView *messageView(int row) const { return m_views.value(row); }
    /// Sticks to the bottom again (after the user sends).
    void scrollToBottom();
    bool isAtBottom() const { return m_stickToBottom; }

    static constexpr int kColumnWidth = 860;

Q_SIGNALS:
    void editRequested();
    void regenerateRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void nameEmptyState();
    void onMessageAppended(int row);
    void onMessagesRemoved(int first, int count);
    void onReplyUpdated(int row, const QString &contentDelta, const QString &reasoningDelta);
    void onMessageChanged(int row);
    void updateActions();
    void updateEmptyState();
    ChatMessageView *createView(int row);

    QPointer<ChatSession> m_session;
    QWidget *m_column;
    QVBoxLayout *m_layout;
    QLabel *m_emptyLabel;
    QList<ChatMessageView *> m_views;
    QList<QWidget *> m_rows; ///< what the layout holds: the view, or an indented row around it
    bool m_stickToBottom = true;
};
