#include "ReasoningKeyFile.h"

#include "ReasoningSigner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace {
constexpr qsizetype kMinimumKeyBytes = 16;

QString tr(const char *text)
{
    return QCoreApplication::translate("ReasoningKeyFile", text);
}
} // namespace

namespace ReasoningKeyFile {

QString defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/reasoning-signing.key");
}

QByteArray loadOrCreate(const QString &path, QString *error)
{
    QFile existing(path);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly)) {
            *error = tr("Cannot read %1: %2").arg(path, existing.errorString());
            return {};
        }
        const QByteArray key = QByteArray::fromBase64(existing.readAll().trimmed());
        if (key.size() >= kMinimumKeyBytes)
            return key;
        // A damaged file: replace it. Old signatures stop verifying, which costs only the
        // reasoning of earlier turns.
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = tr("Cannot create the folder of %1.").arg(path);
        return {};
    }
    const QByteArray key = ReasoningSigner::generateKey();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return {};
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(key.toBase64() + '\n');
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return {};
    }
    return key;
}

} // namespace ReasoningKeyFile
