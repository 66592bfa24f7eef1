#pragma once

#include <QWidget>

class AutoHeightTextView;
class QToolButton;

/// The model's reasoning above its answer, folded by default: a header that says how long it
/// thought, and the text when unfolded. While folded, streamed reasoning is only kept, not
/// laid out.
class ReasoningView : public QWidget
{
    Q_OBJECT

public:
    explicit ReasoningView(QWidget *parent = nullptr);

    void setText(const QString &text);
    void appendText(const QString &piece);
    QString text() const { return m_text; }
    /// While the model is still reasoning the header says so.
    void setStreaming(bool streaming);
    void setExpanded(bool expanded);
    bool isExpanded() const { return m_expanded; }

private:
    void updateHeader();

    QToolButton *m_header;
    AutoHeightTextView *m_view;
    QString m_text;
    bool m_expanded = false;
    bool m_streaming = false;
    bool m_viewStale = false; ///< m_text has grown while folded
};
