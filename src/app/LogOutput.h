#pragma once

#include <QByteArrayView>

/// Sends Qt's log messages to stderr as one line each: time, level, text.
namespace LogOutput {
void install();
/// An info line of already formatted UTF-8 text, as qInfo("%s", text) would write it, without
/// the printf formatting and UTF-16 round trip (the per-request line: about 18,000
/// instructions through qInfo).
void writeInfo(QByteArrayView text);
} // namespace LogOutput
