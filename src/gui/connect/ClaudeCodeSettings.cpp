#include "ClaudeCodeSettings.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace {} // namespace

namespace ClaudeCodeSettings {

QString defaultPath()
{
    return QDir::home().filePath(QStringLiteral(".claude/settings.json"));
}

QByteArray merged(const QByteArray &existing, const QUrl &baseUrl, const QString &token,
                  QString *error)
{
    QJsonObject root;
    if (!existing.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(existing, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            *error = QCoreApplication::translate(
                         "ClaudeCodeSettings",
                         "The file is not a JSON object (%1); fix or move it first, so nothing of "
                         "yours is lost.")
                         .arg(parseError.error != QJsonParseError::NoError
                                  ? parseError.errorString()
                                  : QCoreApplication::translate("ClaudeCodeSettings",
                                                                "its top level is not an object"));
            return QByteArray();
        }
        root = doc.object();
    }
    QJsonObject env = root.value(QStringLiteral("env")).toObject();
    QString base = baseUrl.toString();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    env.insert(QStringLiteral("ANTHROPIC_BASE_URL"), base);
    env.insert(QStringLiteral("ANTHROPIC_AUTH_TOKEN"), token);
    env.remove(QStringLiteral("ANTHROPIC_API_KEY"));
    root.insert(QStringLiteral("env"), env);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool write(const QString &path, const QByteArray &content, QString *backupPath, QString *error)
{
    backupPath->clear();
    if (QFileInfo::exists(path)) {
        const QString stamp =
            QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        QString backup = QStringLiteral("%1.backup-%2").arg(path, stamp);
        for (int n = 2; QFileInfo::exists(backup); ++n)
            backup = QStringLiteral("%1.backup-%2-%3").arg(path, stamp).arg(n);
        if (!QFile::copy(path, backup)) {
            *error = QCoreApplication::translate(
                         "ClaudeCodeSettings",
                         "Could not keep a backup of %1 as %2; nothing was written.")
                         .arg(path, backup);
            return false;
        }
        *backupPath = backup;
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error =
            QCoreApplication::translate("ClaudeCodeSettings", "Cannot create the folder of %1.")
                .arg(path);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() ||
        !file.commit()) {
        *error = QCoreApplication::translate("ClaudeCodeSettings", "%1 was not written: %2")
                     .arg(path, file.errorString());
        return false;
    }
    // The token is a credential: only the user may read the file.
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

} // namespace ClaudeCodeSettings
