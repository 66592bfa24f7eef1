#include "AutostartEntry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace {
/// A desktop-entry Exec argument: quoted when it has spaces or specials (Desktop Entry spec).
QString execArgument(const QString &program)
{
    static const QString specials = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    bool plain = true;
    for (QChar c : program)
        plain = plain && !specials.contains(c);
    if (plain)
        return program;
    QString quoted = program;
    for (const QString &c :
         {QStringLiteral("\\"), QStringLiteral("\""), QStringLiteral("`"), QStringLiteral("$")})
        quoted.replace(c, QStringLiteral("\\") + c);
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}
} // namespace

namespace AutostartEntry {

QString path()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(QStringLiteral("autostart/llm-gateway.desktop"));
}

bool isEnabled()
{
    QFile file(path());
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = file.readAll();
    return !text.contains("\nHidden=true") && !text.contains("X-GNOME-Autostart-enabled=false");
}

bool setEnabled(bool enabled, QString *error, const QString &executable)
{
    const QString file = path();
    if (!enabled) {
        if (QFileInfo::exists(file) && !QFile::remove(file)) {
            *error =
                QCoreApplication::translate("AutostartEntry", "Could not remove %1.").arg(file);
            return false;
        }
        return true;
    }
    const QString program =
        executable.isEmpty() ? QCoreApplication::applicationFilePath() : executable;
    if (!QDir().mkpath(QFileInfo(file).absolutePath())) {
        *error = QCoreApplication::translate("AutostartEntry", "Could not create the folder of %1.")
                     .arg(file);
        return false;
    }
    const QByteArray entry = QStringLiteral("[Desktop Entry]\n"
                                            "Type=Application\n"
                                            "Name=LLM Gateway\n"
                                            "Comment=Local OpenAI- and Anthropic-compatible "
                                            "gateway to your LLM providers\n"
                                            "Exec=%1 --minimized\n"
                                            "Icon=llm-gateway\n"
                                            "Terminal=false\n"
                                            "X-GNOME-Autostart-enabled=true\n")
                                 .arg(execArgument(program))
                                 .toUtf8();
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(entry) != entry.size() || !out.commit()) {
        *error = QCoreApplication::translate("AutostartEntry", "Could not write %1: %2")
                     .arg(file, out.errorString());
        return false;
    }
    return true;
}

} // namespace AutostartEntry
