#include "LogCommands.h"

#include "requestlog/RequestLogReader.h"
#include "requestlog/RequestLogStore.h"
#include "requestlog/RequestRecordJson.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <cstring>

namespace {

constexpr int kDefaultLimit = 50;
constexpr int kUsageError = 2;

void out(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

void err(const QString &text)
{
    const QByteArray bytes = QByteArrayLiteral("llm-gateway: ") + text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
}

/// A plain-text table: columns as wide as their widest cell, up to a cap (then elided).
class TextTable
{
public:
    explicit TextTable(const QStringList &header) : m_rows({header}) {}
    void addRow(const QStringList &cells) { m_rows.append(cells); }
    /// Columns whose cells are numbers: right-aligned.
    void setRightAligned(const QList<int> &columns) { m_right = columns; }
    void setMaxWidth(int column, int width) { m_max.insert(column, width); }

    QString render() const
    {
        QList<int> widths;
        for (const QStringList &row : m_rows) {
            for (int c = 0; c < row.size(); ++c) {
                if (widths.size() <= c)
                    widths.append(0);
                widths[c] =
                    qMax(widths[c], int(qMin(row[c].size(), qsizetype(m_max.value(c, 1 << 20)))));
            }
        }
        QString text;
        for (const QStringList &row : m_rows) {
            QString line;
            for (int c = 0; c < row.size(); ++c) {
                QString cell = row[c];
                if (cell.size() > widths[c])
                    cell = cell.left(widths[c] - 1) + QChar(0x2026);
                const bool last = c == row.size() - 1;
                if (m_right.contains(c))
                    line += cell.rightJustified(widths[c]);
                else
                    line += last ? cell : cell.leftJustified(widths[c]);
                if (!last)
                    line += QLatin1String("  ");
            }
            text += line + QLatin1Char('\n');
        }
        return text;
    }

private:
    QList<QStringList> m_rows;
    QList<int> m_right;
    QHash<int, int> m_max;
};

QString countText(qint64 value)
{
    return value >= 0 ? QString::number(value) : QStringLiteral("-");
}

/// The options both commands share; false (with the exit code) when they are bad.
struct CommonOptions
{
    bool json = false;
    qint64 sinceMs = -1;
};

bool parseSince(const QCommandLineParser &parser, const QCommandLineOption &since,
                CommonOptions *options)
{
    if (!parser.isSet(since))
        return true;
    if (!RequestLogFilter::parseSince(parser.value(since), QDateTime::currentDateTimeUtc(),
                                      &options->sinceMs)) {
        err(QStringLiteral("--since takes a duration such as 90s, 30m, 1h, 2d or 1w, or an "
                           "ISO 8601 date or time such as 2026-01-31 or 2026-01-31T09:00:00Z; "
                           "not '%1'.")
                .arg(parser.value(since)));
        return false;
    }
    return true;
}

/// Opens the log; false when there is none yet or it cannot be read (the caller prints an
/// empty result: nothing recorded is not an error).
bool openLog(RequestLogReader &reader, bool *missing)
{
    *missing = false;
    if (reader.open())
        return true;
    if (!QFileInfo::exists(reader.path())) {
        *missing = true;
        err(QStringLiteral("no request log yet at %1 (the gateway creates it when it answers "
                           "its first request).")
                .arg(reader.path()));
        return false;
    }
    err(QStringLiteral("cannot read the request log %1: %2")
            .arg(reader.path(), reader.errorText()));
    return false;
}

int runLogs(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Prints the newest records of the request log, newest first: one line per answer the "
        "gateway gave, or with --json an array of objects whose keys are the request log's "
        "field names."));
    parser.addHelpOption();
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print a JSON array of records."));
    const QCommandLineOption limit(
        QStringLiteral("limit"),
        QStringLiteral("Print at most N records (default %1; 0: all).").arg(kDefaultLimit),
        QStringLiteral("N"));
    const QCommandLineOption since(
        QStringLiteral("since"),
        QStringLiteral("Only records started since then: 90s, 30m, 1h, 2d, 1w, or an ISO 8601 "
                       "date or time."),
        QStringLiteral("WHEN"));
    const QCommandLineOption status(
        QStringLiteral("status"),
        QStringLiteral("Only answers with this status (404) or class (4xx, 5xx)."),
        QStringLiteral("STATUS"));
    const QCommandLineOption model(QStringLiteral("model"),
                                   QStringLiteral("Only requested models starting with PREFIX."),
                                   QStringLiteral("PREFIX"));
    const QCommandLineOption provider(QStringLiteral("provider"),
                                      QStringLiteral("Only requests routed to this provider id."),
                                      QStringLiteral("ID"));
    parser.addOptions({json, limit, since, status, model, provider});
    if (!parser.parse(arguments)) {
        err(parser.errorText() + QStringLiteral("\nTry 'llm-gateway logs --help'."));
        return kUsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out(parser.helpText().replace(QLatin1String("[options]"), QLatin1String("logs [options]")));
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err(QStringLiteral("'logs' takes no argument '%1'.\nTry 'llm-gateway logs --help'.")
                .arg(parser.positionalArguments().first()));
        return kUsageError;
    }
    CommonOptions common;
    common.json = parser.isSet(json);
    if (!parseSince(parser, since, &common))
        return kUsageError;
    RequestLogFilter filter;
    filter.sinceMs = common.sinceMs;
    filter.modelPrefix = parser.value(model);
    filter.provider = parser.value(provider);
    if (parser.isSet(status) && !RequestLogFilter::parseStatus(
                                    parser.value(status), &filter.statusMin, &filter.statusMax)) {
        err(QStringLiteral("--status takes a status such as 404 or a class such as 4xx; not "
                           "'%1'.")
                .arg(parser.value(status)));
        return kUsageError;
    }
    int count = kDefaultLimit;
    if (parser.isSet(limit)) {
        bool ok = false;
        count = parser.value(limit).toInt(&ok);
        if (!ok || count < 0) {
            err(QStringLiteral("--limit takes a number of records (0: all); not '%1'.")
                    .arg(parser.value(limit)));
            return kUsageError;
        }
    }

    RequestLogReader reader(RequestLogStore::defaultPath());
    bool missing = false;
    QList<StoredRecord> records;
    if (!openLog(reader, &missing)) {
        if (!missing)
            return 1;
    } else if (count == 0) {
        if (!reader.forEach(filter, [&](const StoredRecord &r) {
                records.append(r);
                return true;
            })) {
            err(QStringLiteral("cannot read the request log: %1").arg(reader.errorText()));
            return 1;
        }
    } else if (!reader.records(filter, count, &records)) {
        err(QStringLiteral("cannot read the request log: %1").arg(reader.errorText()));
        return 1;
    }

    if (common.json) {
        QList<QJsonObject> objects;
        objects.reserve(records.size());
        for (const StoredRecord &r : std::as_const(records))
            objects.append(RequestRecordJson::toJson(r.record));
        const QByteArray json = RequestRecordJson::toJsonArray(objects);
        std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
        return 0;
    }
    if (records.isEmpty()) {
        if (!missing)
            out(filter.isEmpty() ? QStringLiteral("No requests recorded yet.\n")
                                 : QStringLiteral("No recorded request matches.\n"));
        return 0;
    }
    TextTable table({QStringLiteral("TIME"), QStringLiteral("STATUS"), QStringLiteral("LATENCY"),
                     QStringLiteral("TTFT"), QStringLiteral("TOKENS IN/OUT"),
                     QStringLiteral("REQUEST"), QStringLiteral("MODEL"), QStringLiteral("PROVIDER"),
                     QStringLiteral("CLIENT"), QStringLiteral("ID")});
    table.setRightAligned({1, 2, 3, 4});
    table.setMaxWidth(5, 34);
    table.setMaxWidth(6, 32);
    table.setMaxWidth(7, 36);
    table.setMaxWidth(8, 28);
    for (const StoredRecord &s : std::as_const(records)) {
        const RequestRecord &r = s.record;
        QString provider = r.providerId;
        if (!r.upstreamModel.isEmpty() && r.upstreamModel != r.requestedModel)
            provider += QLatin1Char('/') + r.upstreamModel;
        table.addRow({r.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")),
                      QString::number(r.status), QStringLiteral("%1 ms").arg(r.latencyMs),
                      r.firstTokenMs >= 0 ? QStringLiteral("%1 ms").arg(r.firstTokenMs)
                                          : QStringLiteral("-"),
                      countText(r.usage.promptTokens) + QLatin1Char('/') +
                          countText(r.usage.completionTokens),
                      r.method + QLatin1Char(' ') + r.path +
                          (r.stream ? QStringLiteral(" (stream)") : QString()),
                      r.requestedModel.isEmpty() ? QStringLiteral("-") : r.requestedModel,
                      provider.isEmpty() ? QStringLiteral("-") : provider,
                      r.userAgent.isEmpty() ? QStringLiteral("-") : r.userAgent,
                      QString::fromLatin1(r.id)});
    }
    out(table.render());
    // Errors in full under the table: they say what to fix and are too long for a column.
    bool header = false;
    for (const StoredRecord &s : std::as_const(records)) {
        if (s.record.errorMessage.isEmpty())
            continue;
        if (!header)
            out(QStringLiteral("\nErrors:\n"));
        header = true;
        // The id names the row; a record without one is named by its time.
        const QString name =
            s.record.id.isEmpty()
                ? s.record.startedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"))
                : QString::fromLatin1(s.record.id);
        out(QStringLiteral("  %1  %2\n").arg(name, s.record.errorMessage));
    }
    return 0;
}

int runUsage(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Prints request and token totals per provider and model from the request log."));
    parser.addHelpOption();
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print a JSON array of totals."));
    const QCommandLineOption since(
        QStringLiteral("since"),
        QStringLiteral("Only requests started since then: 90s, 30m, 1h, 2d, 1w, or an ISO 8601 "
                       "date or time (default: everything the log keeps)."),
        QStringLiteral("WHEN"));
    parser.addOptions({json, since});
    if (!parser.parse(arguments)) {
        err(parser.errorText() + QStringLiteral("\nTry 'llm-gateway usage --help'."));
        return kUsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out(parser.helpText().replace(QLatin1String("[options]"),
                                      QLatin1String("usage [options]")));
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err(QStringLiteral("'usage' takes no argument '%1'.\nTry 'llm-gateway usage --help'.")
                .arg(parser.positionalArguments().first()));
        return kUsageError;
    }
    CommonOptions common;
    common.json = parser.isSet(json);
    if (!parseSince(parser, since, &common))
        return kUsageError;

    RequestLogReader reader(RequestLogStore::defaultPath());
    bool missing = false;
    QList<UsageTotals> totals;
    if (!openLog(reader, &missing)) {
        if (!missing)
            return 1;
    } else if (!reader.usage(common.sinceMs, -1, &totals)) {
        err(QStringLiteral("cannot read the request log: %1").arg(reader.errorText()));
        return 1;
    }
    if (common.json) {
        QJsonArray array;
        for (const UsageTotals &t : std::as_const(totals)) {
            array.append(QJsonObject{
                {QStringLiteral("provider"),
                 t.provider.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(t.provider)},
                {QStringLiteral("model"),
                 t.model.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(t.model)},
                {QStringLiteral("requests"), t.requests},
                {QStringLiteral("errors"), t.errors},
                {QStringLiteral("prompt_tokens"), t.promptTokens},
                {QStringLiteral("completion_tokens"), t.completionTokens},
                {QStringLiteral("cached_tokens"), t.cachedTokens},
                {QStringLiteral("reasoning_tokens"), t.reasoningTokens},
                {QStringLiteral("total_tokens"), t.totalTokens()},
            });
        }
        out(array.isEmpty()
                ? QStringLiteral("[]\n")
                : QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
        return 0;
    }
    if (totals.isEmpty()) {
        if (!missing)
            out(QStringLiteral("No requests recorded%1.\n")
                    .arg(common.sinceMs >= 0 ? QStringLiteral(" in that time") : QString()));
        return 0;
    }
    out(common.sinceMs >= 0 ? QStringLiteral("Since %1:\n\n")
                                  .arg(QDateTime::fromMSecsSinceEpoch(common.sinceMs)
                                           .toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                            : QStringLiteral("Everything the request log keeps:\n\n"));
    TextTable table({QStringLiteral("PROVIDER"), QStringLiteral("MODEL"),
                     QStringLiteral("REQUESTS"), QStringLiteral("ERRORS"), QStringLiteral("PROMPT"),
                     QStringLiteral("COMPLETION"), QStringLiteral("CACHED"),
                     QStringLiteral("REASONING"), QStringLiteral("TOTAL TOKENS")});
    table.setRightAligned({2, 3, 4, 5, 6, 7, 8});
    UsageTotals sum;
    for (const UsageTotals &t : std::as_const(totals)) {
        table.addRow({t.provider.isEmpty() ? QStringLiteral("(gateway)") : t.provider,
                      t.model.isEmpty() ? QStringLiteral("-") : t.model,
                      QString::number(t.requests), QString::number(t.errors),
                      QString::number(t.promptTokens), QString::number(t.completionTokens),
                      QString::number(t.cachedTokens), QString::number(t.reasoningTokens),
                      QString::number(t.totalTokens())});
        sum.add(t);
    }
    table.addRow({QStringLiteral("all"), QString(), QString::number(sum.requests),
                  QString::number(sum.errors), QString::number(sum.promptTokens),
                  QString::number(sum.completionTokens), QString::number(sum.cachedTokens),
                  QString::number(sum.reasoningTokens), QString::number(sum.totalTokens())});
    out(table.render());
    return 0;
}

} // namespace

namespace LogCommands {

bool isLogCommand(int argc, char **argv)
{
    return argc > 1 && (std::strcmp(argv[1], "logs") == 0 || std::strcmp(argv[1], "usage") == 0);
}

int run(const QStringList &arguments)
{
    // QCommandLineParser wants the program first: "llm-gateway logs --json" becomes
    // "llm-gateway --json" for the command's own parser.
    QStringList rest = arguments;
    const QString command = rest.takeAt(1);
    const int code = command == QLatin1String("logs") ? runLogs(rest) : runUsage(rest);
    std::fflush(stdout);
    return code;
}

} // namespace LogCommands
