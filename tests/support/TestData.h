#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

/// The fixtures under tests/data, shared by every suite (LLMGW_TEST_DATA_DIR comes from
/// llmgw_add_test()).
namespace TestData {

/// The absolute path of `relative` under tests/data, e.g. "sse/openai_basic.sse".
inline QString path(const QString &relative)
{
    return QStringLiteral(LLMGW_TEST_DATA_DIR "/") + relative;
}

/// The bytes of the fixture at `absolutePath`. A missing fixture is a broken checkout, not a
/// test result: fatal.
inline QByteArray read(const QString &absolutePath)
{
    QFile file(absolutePath);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("Cannot read fixture %s", qPrintable(absolutePath));
    return file.readAll();
}

} // namespace TestData
