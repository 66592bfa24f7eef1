#include "LogOutput.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QLoggingCategory>
#include <QtGlobal>
#include <cstdio>

namespace {
/// "yyyy-MM-dd HH:mm:ss.zzz" in local time. Formatting a local time is costly (time-zone
/// rules), and the gateway logs a line per request: the part up to the second is kept per
/// thread and only the milliseconds are added.
QByteArray timestamp()
{
    thread_local qint64 cachedSecond = -1;
    thread_local QByteArray cachedPrefix;
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    const qint64 second = ms / 1000;
    if (second != cachedSecond) {
        cachedSecond = second;
        cachedPrefix = QDateTime::fromMSecsSinceEpoch(second * 1000)
                           .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                           .toUtf8();
    }
    const int millis = int(ms % 1000);
    QByteArray out = cachedPrefix;
    out += '.';
    out += char('0' + millis / 100);
    out += char('0' + millis / 10 % 10);
    out += char('0' + millis % 10);
    return out;
}

void writeLevelLine(const char *level, QByteArrayView text)
{
    QByteArray line = timestamp();
    line.reserve(line.size() + 10 + text.size());
    line.append(' ').append(level).append(' ').append(text).append('\n');
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

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
    writeLevelLine(level, message.toUtf8());
}
} // namespace

namespace LogOutput {
void install()
{
    qInstallMessageHandler(writeLine);
}

void writeInfo(QByteArrayView text)
{
    // The same rule qInfo() follows (QT_LOGGING_RULES can turn info lines off).
    if (QLoggingCategory::defaultCategory()->isInfoEnabled())
        writeLevelLine("info", text);
}
} // namespace LogOutput
