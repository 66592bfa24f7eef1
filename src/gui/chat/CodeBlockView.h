#pragma once

#include <QFrame>

class AutoHeightTextView;
class QLabel;
class QToolButton;

/// A fenced code block of a reply: the language, a Copy button, and the code in a monospace
/// font without wrapping. While the block streams, new code is appended, not re-rendered.
class CodeBlockView : public QFrame
{
    Q_OBJECT

public:
    explicit CodeBlockView(QWidget *parent = nullptr);

    /// Replaces the code (the finished block).
    void setCode(const QString &code, const QString &language);
    /// While streaming: shows `code`, appending when it extends what is shown.
    void updateCode(const QString &code, const QString &language);
    QString code() const { return m_code; }
    QString language() const { return m_language; }
    /// Copies the code to the clipboard (the Copy button).
    void copy();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void setLanguage(const QString &language);

    AutoHeightTextView *m_view;
    QLabel *m_languageLabel;
    QToolButton *m_copyButton;
    QString m_code;
    QString m_language;
};
