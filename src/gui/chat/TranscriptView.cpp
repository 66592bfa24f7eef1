#include "TranscriptView.h"

#include "ChatMessageView.h"
#include "chat/ChatSession.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollBar>
#include <QVBoxLayout>

namespace {
/// A user message is indented by this much on the left, so replies and questions read apart.
constexpr int kUserIndent = 80;
} // namespace

TranscriptView::TranscriptView(QWidget *parent)
    : QScrollArea(parent), m_column(new QWidget), m_layout(new QVBoxLayout(m_column)),
      m_emptyLabel(new QLabel)
{
    setFrameShape(QFrame::NoFrame);
    setWidgetResizable(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFocusPolicy(Qt::NoFocus);
    auto *canvas = new QWidget;
    canvas->setObjectName(QStringLiteral("transcriptCanvas"));
    auto *centering = new QHBoxLayout(canvas);
    centering->setContentsMargins(16, 12, 16, 12);
    centering->addStretch(1);
    m_column->setMaximumWidth(kColumnWidth);
    m_column->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
    centering->addWidget(m_column, 100);
    centering->addStretch(1);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(14);

    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    nameEmptyState();
    m_layout->addWidget(m_emptyLabel);
    m_layout->addStretch();
    setWidget(canvas);

    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int maximum) {
        if (m_stickToBottom)
            verticalScrollBar()->setValue(maximum);
    });
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        // Scrolled up by the user: stop following; back at the end: follow again.
        m_stickToBottom = value >= verticalScrollBar()->maximum() - 4;
    });
}

void TranscriptView::nameEmptyState()
{
    m_emptyLabel->setText(tr("Ask anything. Enter sends, Shift+Enter starts a new line; Esc "
                             "stops a reply."));
}

void TranscriptView::changeEvent(QEvent *event)
{
    QScrollArea::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        nameEmptyState();
}

void TranscriptView::setSession(ChatSession *session)
{
    if (m_session)
        m_session->disconnect(this);
    qDeleteAll(m_rows);
    m_rows.clear();
    m_views.clear();
    m_session = session;
    if (m_session) {
        for (int row = 0; row < m_session->messages().size(); ++row)
            m_views.append(createView(row));
        connect(m_session, &ChatSession::messageAppended, this, &TranscriptView::onMessageAppended);
        connect(m_session, &ChatSession::messagesRemoved, this, &TranscriptView::onMessagesRemoved);
        connect(m_session, &ChatSession::replyUpdated, this, &TranscriptView::onReplyUpdated);
        connect(m_session, &ChatSession::messageChanged, this, &TranscriptView::onMessageChanged);
        connect(m_session, &ChatSession::busyChanged, this, &TranscriptView::updateActions);
    }
    updateActions();
    updateEmptyState();
    scrollToBottom();
}

ChatMessageView *TranscriptView::createView(int row)
{
    const ChatMessage &message = m_session->messages().at(row);
    auto *view = new ChatMessageView(message);
    QWidget *rowWidget = view;
    if (message.role == ChatMessage::Role::User) {
        rowWidget = new QWidget;
        auto *indent = new QHBoxLayout(rowWidget);
        indent->setContentsMargins(kUserIndent, 0, 0, 0);
        indent->addWidget(view);
    }
    // Rows go before the empty label and the stretch at the end.
    m_layout->insertWidget(row, rowWidget);
    m_rows.insert(row, rowWidget);
    connect(view, &ChatMessageView::editRequested, this, &TranscriptView::editRequested);
    connect(view, &ChatMessageView::regenerateRequested, this,
            &TranscriptView::regenerateRequested);
    return view;
}

void TranscriptView::onMessageAppended(int row)
{
    m_views.insert(row, createView(row));
    updateActions();
    updateEmptyState();
}

void TranscriptView::onMessagesRemoved(int first, int count)
{
    for (int i = 0; i < count && first < m_views.size(); ++i) {
        m_views.removeAt(first);
        delete m_rows.takeAt(first);
    }
    updateActions();
    updateEmptyState();
}

void TranscriptView::onReplyUpdated(int row, const QString &contentDelta,
                                    const QString &reasoningDelta)
{
    if (ChatMessageView *view = m_views.value(row))
        view->appendReply(contentDelta, reasoningDelta);
}

void TranscriptView::onMessageChanged(int row)
{
    if (ChatMessageView *view = m_views.value(row))
        view->setMessage(m_session->messages().at(row));
    updateActions();
}

void TranscriptView::updateActions()
{
    if (!m_session)
        return;
    const bool busy = m_session->isBusy();
    int lastUser = -1;
    for (int row = 0; row < m_views.size(); ++row) {
        if (m_session->messages().at(row).role == ChatMessage::Role::User)
            lastUser = row;
    }
    const int last = int(m_views.size()) - 1;
    for (int row = 0; row < m_views.size(); ++row) {
        const bool isReply = m_session->messages().at(row).role == ChatMessage::Role::Assistant;
        m_views[row]->setActions(!busy && row == lastUser,
                                 !busy && isReply && row == last && m_session->canRegenerate());
    }
}

void TranscriptView::updateEmptyState()
{
    m_emptyLabel->setVisible(m_views.isEmpty());
}

void TranscriptView::scrollToBottom()
{
    m_stickToBottom = true;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}
