#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

/// Claude Code's user settings (~/.claude/settings.json): the `env` block that points it at
/// the gateway, merged into whatever the file already holds, written with a backup.
namespace ClaudeCodeSettings {

/// ~/.claude/settings.json
QString defaultPath();

/// `existing` (may be empty) with env.ANTHROPIC_BASE_URL and env.ANTHROPIC_AUTH_TOKEN set,
/// and env.ANTHROPIC_API_KEY removed (Claude Code would send both and the key would win).
/// Every other setting stays. Empty with `error` when `existing` is not a JSON object.
QByteArray merged(const QByteArray &existing, const QUrl &baseUrl, const QString &token,
                  QString *error);

/// Writes `content` atomically; an existing file is first copied to
/// settings.json.backup-YYYYMMDD-HHMMSS (never over an earlier backup).
bool write(const QString &path, const QByteArray &content, QString *backupPath, QString *error);

} // namespace ClaudeCodeSettings
