#pragma once

#include <QTextBrowser>

/// A read-only text view as tall as its document at the current width, without a vertical
/// scroll bar, for text inside the chat transcript (which scrolls as a whole). With line
/// wrapping off (code), it scrolls sideways and counts the scroll bar in its height.
class AutoHeightTextView : public QTextBrowser
{
    Q_OBJECT

public:
    explicit AutoHeightTextView(QWidget *parent = nullptr);

    /// Code: no wrapping, a horizontal scroll bar when needed.
    void setNoWrap(bool noWrap);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    void updateHeight();

    int m_height = 0;
};
