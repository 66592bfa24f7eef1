#include "LogOutput.h"

#include <QDateTime>
#include <QtGlobal>
#include <cstdio>

namespace {
void writeLine(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // Qt's own chatter (e.g. qt.network.ssl) is kept only for warnings and worse.
    if (type == QtDebugMsg && context.category && qstrcmp(context.category, "default") != 0)
        return;
    const char *level = "info";
    switch (type) {
    case QtDebugMsg:
        level = "debug";
        break;
    case QtInfoMsg:
        level = "info";
        break;
    case QtWarningMsg:
        level = "warning";
        break;
    case QtCriticalMsg:
        level = "error";
        break;
    case QtFatalMsg:
        level = "fatal";
        break;
    }
    const QByteArray line =
        QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")).toUtf8() +
        ' ' + level + ' ' + message.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}
} // namespace

namespace LogOutput {
void install()
{
    qInstallMessageHandler(writeLine);
}
} // namespace LogOutput
