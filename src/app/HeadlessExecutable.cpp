#include "HeadlessExecutable.h"

#include <QFileInfo>
#include <QString>

#include <unistd.h>

namespace HeadlessExecutable {

void replaceProcess(char *argv[])
{
    const QString here = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalPath();
    if (here.isEmpty())
        return;
    for (const QString &candidate : {here + QStringLiteral("/llm-gateway-headless"),
                                     here + QStringLiteral("/../libexec/llm-gateway-headless")}) {
        const QByteArray path = QFileInfo(candidate).absoluteFilePath().toLocal8Bit();
        if (::access(path.constData(), X_OK) == 0)
            ::execv(path.constData(), argv); // returns only on failure: try the next
    }
}

} // namespace HeadlessExecutable
