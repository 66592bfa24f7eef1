#include "RequestCurlCommand.h"

#include "RequestRecord.h"

#include <QCoreApplication>

namespace RequestCurlCommand {

QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString build(const RequestRecord &record, const QUrl &baseUrl)
{
    QString base = baseUrl.toString();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const bool anthropic = record.format == QLatin1String("anthropic") ||
                           record.path.contains(QLatin1String("/v1/messages"));
    QStringList lines;
    if (record.requestBody.isEmpty() && record.method != QLatin1String("GET")) {
        lines << QLatin1String("# ") +
                     QCoreApplication::translate("RequestCurlCommand",
                                                 "The request body was not recorded: turn on "
                                                 "recording of bodies in the request log "
                                                 "settings to copy it too.");
    }
    QStringList args;
    args << QStringLiteral("curl");
    if (record.stream)
        args << QStringLiteral("-N");
    if (record.method != QLatin1String("GET") && record.method != QLatin1String("POST"))
        args << QStringLiteral("-X ") + record.method;
    else if (record.method == QLatin1String("POST") && record.requestBody.isEmpty())
        args << QStringLiteral("-X POST");
    args << shellQuote(base + record.path);
    // Double quotes: the shell puts the token in from the environment, so it is never in the
    // copied text.
    if (anthropic) {
        args << QStringLiteral("-H \"x-api-key: $LLM_GATEWAY_TOKEN\"")
             << QStringLiteral("-H 'anthropic-version: 2023-06-01'");
    } else {
        args << QStringLiteral("-H \"Authorization: Bearer $LLM_GATEWAY_TOKEN\"");
    }
    if (!record.requestBody.isEmpty()) {
        args << QStringLiteral("-H 'Content-Type: application/json'")
             << QStringLiteral("--data-raw ") + shellQuote(QString::fromUtf8(record.requestBody));
    }
    lines << args.join(QLatin1String(" \\\n  "));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace RequestCurlCommand
