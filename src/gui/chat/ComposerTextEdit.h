#pragma once

#include <QImage>
#include <QPlainTextEdit>

/// The chat's input: Enter sends, Shift+Enter starts a new line, and a pasted or dropped
/// image becomes an attachment instead of text. Grows with its text up to a few lines.
class ComposerTextEdit : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit ComposerTextEdit(QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void submitRequested();
    void imagePasted(const QImage &image);
    void imageFilesDropped(const QStringList &paths);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    int heightForLines(int lines) const;
    void updateHeight();
};
