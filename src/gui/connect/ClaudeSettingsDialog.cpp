#include "ClaudeSettingsDialog.h"

#include "ClaudeCodeSettings.h"
#include "ui_ClaudeSettingsDialog.h"

#include <QFile>
#include <QFontDatabase>
#include <QPushButton>

ClaudeSettingsDialog::ClaudeSettingsDialog(const QString &path, const QUrl &baseUrl,
                                           const QString &token, QWidget *parent)
    : QDialog(parent), m_ui(new Ui::ClaudeSettingsDialog), m_path(path)
{
    m_ui->setupUi(this);
    m_ui->previewPlainTextEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->errorLabel->setStyleSheet(QStringLiteral("color: #b91c1c;"));
    m_writeButton = m_ui->buttonBox->addButton(tr("Write the file"), QDialogButtonBox::AcceptRole);
    m_writeButton->setObjectName(QStringLiteral("writePushButton"));
    connect(m_writeButton, &QPushButton::clicked, this, &ClaudeSettingsDialog::onWrite);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);

    QFile existing(path);
    const bool exists = existing.exists();
    const QByteArray before =
        existing.open(QIODevice::ReadOnly) ? existing.readAll() : QByteArray();
    QString error;
    m_content = ClaudeCodeSettings::merged(before, baseUrl, token, &error);
    m_ui->explanationLabel->setText(
        exists ? tr("%1 will hold this: your settings stay, and its \"env\" block points Claude "
                    "Code at the gateway. The current file is kept as a backup beside it.")
                     .arg(path)
               : tr("%1 does not exist yet; it will hold this:").arg(path));
    if (m_content.isEmpty()) {
        m_ui->errorLabel->setText(error);
        m_writeButton->setEnabled(false);
        return;
    }
    m_ui->errorLabel->hide();
    QString preview = QString::fromUtf8(m_content);
    if (!token.isEmpty()) // shown on screen only masked; written in full
        preview.replace(token, token.left(6) + QString(12, QChar(0x2022)));
    m_ui->previewPlainTextEdit->setPlainText(preview);
}

ClaudeSettingsDialog::~ClaudeSettingsDialog() = default;

void ClaudeSettingsDialog::onWrite()
{
    QString error;
    if (!ClaudeCodeSettings::write(m_path, m_content, &m_backupPath, &error)) {
        m_ui->errorLabel->setText(error);
        m_ui->errorLabel->show();
        return;
    }
    accept();
}
