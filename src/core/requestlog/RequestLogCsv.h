#pragma once

#include <QString>

class QIODevice;
class RequestLogReader;
struct RequestLogFilter;

/// The Logs page's CSV export: the records `filter` selects, newest first, one row each,
/// with the SPEC §6 field names as the header (RFC 4180 quoting, UTF-8, times in UTC).
namespace RequestLogCsv {
/// Writes to `out`; false with `error` set when the log cannot be read or the device
/// written. `rows` gets the number of records written.
bool write(RequestLogReader &reader, const RequestLogFilter &filter, QIODevice *out, qint64 *rows,
           QString *error);
/// One CSV field, quoted when it holds a comma, a quote or a line break.
QByteArray field(const QString &value);
} // namespace RequestLogCsv
