#pragma once

#include <QDialog>
#include <QUrl>
#include <memory>

class QPushButton;

namespace Ui {
class ClaudeSettingsDialog;
}

/// Shows what ~/.claude/settings.json will hold once the gateway's env block is merged in
/// (the token masked), and writes it, keeping a backup of the old file, only when asked.
class ClaudeSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    ClaudeSettingsDialog(const QString &path, const QUrl &baseUrl, const QString &token,
                         QWidget *parent = nullptr);
    ~ClaudeSettingsDialog() override;

    /// After accept(): where the old file was kept (empty if there was none).
    QString backupPath() const { return m_backupPath; }
    QPushButton *writeButton() const { return m_writeButton; }

private:
    void onWrite();

    const std::unique_ptr<Ui::ClaudeSettingsDialog> m_ui;
    QString m_path;
    QByteArray m_content;
    QString m_backupPath;
    QPushButton *m_writeButton;
};
