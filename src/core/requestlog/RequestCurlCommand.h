#pragma once

#include <QString>
#include <QUrl>

struct RequestRecord;

/// "Copy as curl" on the Logs page: a shell command that sends the recorded request to the
/// gateway again. The local token is never in it: the command reads $LLM_GATEWAY_TOKEN.
namespace RequestCurlCommand {
/// The command for `record` against the gateway at `baseUrl` (e.g. http://127.0.0.1:7352).
/// Without a recorded body, the command has none and a first comment line says why.
QString build(const RequestRecord &record, const QUrl &baseUrl);
/// `text` quoted for a POSIX shell (single quotes).
QString shellQuote(const QString &text);
} // namespace RequestCurlCommand
