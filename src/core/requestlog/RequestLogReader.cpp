#include "RequestLogReader.h"

#include "RequestLogSchema.h"

#include <QFileInfo>
#include <QMap>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>
#include <limits>
#include <tuple>

namespace {
/// Readers wait briefly for a checkpoint in progress; they never take the write lock.
constexpr int kBusyTimeoutMs = 2000;
constexpr int kExportPage = 1000;

/// The columns readRow() reads; `notes` arrived with layout 3.
QString columns(int version)
{
    return QStringLiteral(
               "seq, request_id, started_at, client, method, path, format, model, provider, "
               "upstream_model, stream, status, error, latency_ms, ttft_ms, prompt_tokens, "
               "completion_tokens, cached_tokens, reasoning_tokens, request_bytes, "
               "response_bytes, ") +
           (version >= 3 ? QStringLiteral("notes") : QStringLiteral("'' AS notes"));
}

qint64 countOrUnknown(const QVariant &value)
{
    return value.isNull() ? -1 : value.toLongLong();
}

StoredRecord readRow(const QSqlQuery &q)
{
    StoredRecord s;
    s.seq = q.value(0).toLongLong();
    RequestRecord &r = s.record;
    r.id = q.value(1).toString().toLatin1();
    r.startedAt = QDateTime::fromMSecsSinceEpoch(q.value(2).toLongLong(), Qt::UTC);
    r.userAgent = q.value(3).toString();
    r.method = q.value(4).toString();
    r.path = q.value(5).toString();
    r.format = q.value(6).toString();
    r.requestedModel = q.value(7).toString();
    r.providerId = q.value(8).toString();
    r.upstreamModel = q.value(9).toString();
    r.stream = q.value(10).toInt() != 0;
    r.status = q.value(11).toInt();
    r.errorMessage = q.value(12).toString();
    r.latencyMs = q.value(13).toLongLong();
    r.firstTokenMs = countOrUnknown(q.value(14));
    r.usage.promptTokens = countOrUnknown(q.value(15));
    r.usage.completionTokens = countOrUnknown(q.value(16));
    r.usage.cachedTokens = countOrUnknown(q.value(17));
    r.usage.reasoningTokens = countOrUnknown(q.value(18));
    r.requestBytes = q.value(19).toLongLong();
    r.responseBytes = q.value(20).toLongLong();
    r.notes = q.value(21).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return s;
}

/// The smallest string greater than every string that starts with `prefix` (SQLite compares
/// UTF-8 bytes, and U+10FFFF encodes as the largest sequence), so that a prefix match is a
/// range an index can serve.
QString prefixEnd(const QString &prefix)
{
    const char32_t last = 0x10FFFF;
    return prefix + QString::fromUcs4(&last, 1);
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

/// The WHERE clause of `filter` (with " WHERE " when not empty) and its values in order.
QString whereClause(const RequestLogFilter &f, const RequestLogReader::Cursor *after,
                    QVariantList *values)
{
    QStringList terms;
    if (f.sinceMs >= 0) {
        terms << QStringLiteral("started_at >= ?");
        *values << f.sinceMs;
    }
    if (f.untilMs >= 0) {
        terms << QStringLiteral("started_at < ?");
        *values << f.untilMs;
    }
    if (f.statusMin > 0) {
        terms << QStringLiteral("status BETWEEN ? AND ?");
        *values << f.statusMin << f.statusMax;
    }
    if (!f.provider.isEmpty()) {
        terms << QStringLiteral("provider = ?");
        *values << f.provider;
    }
    if (!f.modelPrefix.isEmpty()) {
        terms << QStringLiteral("model >= ? AND model < ?");
        *values << f.modelPrefix << prefixEnd(f.modelPrefix);
    }
    if (!f.clientPrefix.isEmpty()) {
        terms << QStringLiteral("client >= ? AND client < ?");
        *values << f.clientPrefix << prefixEnd(f.clientPrefix);
    }
    if (!f.text.isEmpty()) {
        QStringList any;
        for (const char *column :
             {"request_id", "path", "model", "upstream_model", "provider", "client", "error"}) {
            any << QStringLiteral("%1 LIKE ? ESCAPE '\\'").arg(QLatin1String(column));
            *values << likePattern(f.text);
        }
        terms << QLatin1Char('(') + any.join(QLatin1String(" OR ")) + QLatin1Char(')');
    }
    if (after) {
        terms << QStringLiteral("(started_at, seq) < (?, ?)");
        *values << after->startedAtMs << after->seq;
    }
    return terms.isEmpty() ? QString()
                           : QStringLiteral(" WHERE ") + terms.join(QLatin1String(" AND "));
}
} // namespace

RequestLogReader::RequestLogReader(const QString &path) : m_path(path) {}

RequestLogReader::~RequestLogReader() = default;

bool RequestLogReader::run(QSqlQuery &q, const QString &sql, const QVariantList &values)
{
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return fail(q.lastError());
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    return q.exec() || fail(q.lastError());
}

bool RequestLogReader::fail(const QSqlError &error)
{
    m_errorText = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return false;
}

bool RequestLogReader::isOpen() const
{
    return m_db && m_db->isOpen();
}

bool RequestLogReader::open()
{
    m_db.reset();
    if (!QFileInfo::exists(m_path)) {
        m_errorText = QStringLiteral("%1 does not exist").arg(m_path);
        return false;
    }
    m_db = std::make_unique<SqliteConnection>(m_path, SqliteConnection::Mode::ReadOnly,
                                              kBusyTimeoutMs);
    if (!m_db->open()) {
        fail(m_db->lastError());
        m_db.reset();
        return false;
    }
    // The file may be new and still without tables: say so instead of failing every query.
    const QVariant tables =
        m_db->scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'requests'"));
    if (!tables.isValid() || tables.toInt() == 0) {
        if (tables.isValid())
            m_errorText = QStringLiteral("%1 holds no request log").arg(m_path);
        else
            fail(m_db->lastError());
        m_db.reset();
        return false;
    }
    // A file in an older layout (the gateway that will upgrade it has not opened it yet) is
    // read as it is: a reader never changes the file.
    m_version = RequestLogSchema::version(*m_db);
    return true;
}

bool RequestLogReader::records(const RequestLogFilter &filter, int limit, QList<StoredRecord> *out,
                               const Cursor *after)
{
    if (!isOpen() && !open())
        return false;
    QVariantList values;
    // Two steps: the rows are chosen (and sorted) on the filter's index alone, which holds the
    // filtered column, the time and the row number; only the chosen rows are then read. Sorting
    // whole rows instead costs seconds when a prefix matches a quarter of a million rows.
    const QString sql = QStringLiteral("SELECT ") + columns(m_version) +
                        QStringLiteral(" FROM requests WHERE seq IN (SELECT seq FROM requests") +
                        whereClause(filter, after, &values) +
                        QStringLiteral(" ORDER BY started_at DESC, seq DESC LIMIT ?) "
                                       "ORDER BY started_at DESC, seq DESC");
    values << limit;
    QSqlQuery q(m_db->database());
    if (!run(q, sql, values))
        return false;
    while (q.next())
        out->append(readRow(q));
    return q.lastError().type() == QSqlError::NoError || fail(q.lastError());
}

bool RequestLogReader::forEach(const RequestLogFilter &filter,
                               const std::function<bool(const StoredRecord &)> &visit)
{
    QList<StoredRecord> page;
    Cursor cursor;
    bool first = true;
    for (;;) {
        page.clear();
        if (!records(filter, kExportPage, &page, first ? nullptr : &cursor))
            return false;
        for (const StoredRecord &r : std::as_const(page)) {
            if (!visit(r))
                return true;
        }
        if (page.size() < kExportPage)
            return true;
        cursor = {page.last().record.startedAt.toMSecsSinceEpoch(), page.last().seq};
        first = false;
    }
}

bool RequestLogReader::record(qint64 seq, StoredRecord *out)
{
    if (!isOpen() && !open())
        return false;
    QSqlQuery q(m_db->database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + columns(m_version) +
              QStringLiteral(" FROM requests WHERE seq = ?"));
    q.bindValue(0, seq);
    if (!q.exec())
        return fail(q.lastError());
    if (!q.next()) {
        m_errorText = QStringLiteral("no record %1").arg(seq);
        return false;
    }
    *out = readRow(q);
    if (m_version < 2)
        return true; // bodies arrived with layout 2
    QSqlQuery b(m_db->database());
    b.setForwardOnly(true);
    b.prepare(
        QStringLiteral("SELECT request_body, response_body FROM request_bodies WHERE seq = ?"));
    b.bindValue(0, seq);
    if (!b.exec())
        return fail(b.lastError());
    if (b.next()) {
        out->record.requestBody = b.value(0).toByteArray();
        out->record.responseBody = b.value(1).toByteArray();
    }
    return true;
}

bool RequestLogReader::usage(qint64 sinceMs, qint64 untilMs, QList<UsageTotals> *out)
{
    if (!isOpen() && !open())
        return false;
    // Whole 15-minute buckets come from the sums; the ends of the range that cut into a
    // bucket are summed from the records themselves (a few minutes of them at most).
    const qint64 width = RequestLogSchema::kBucketMs;
    const qint64 firstWhole = sinceMs < 0 ? -1 : (sinceMs + width - 1) / width;
    const qint64 endWhole = untilMs < 0 ? -1 : untilMs / width;
    QMap<QPair<QString, QString>, UsageTotals> sums;
    bool ok = true;
    if (m_version < 3) { // no sums in this layout yet: from the rows alone
        ok = addRowUsage(qMax<qint64>(0, sinceMs),
                         untilMs < 0 ? std::numeric_limits<qint64>::max() : untilMs, &sums);
    } else if (firstWhole >= 0 && endWhole >= 0 && firstWhole >= endWhole) {
        ok = addRowUsage(sinceMs, untilMs, &sums);
    } else {
        ok = addBucketUsage(firstWhole, endWhole, &sums);
        if (ok && sinceMs >= 0 && sinceMs < firstWhole * width)
            ok = addRowUsage(sinceMs, firstWhole * width, &sums);
        if (ok && untilMs >= 0 && endWhole * width < untilMs)
            ok = addRowUsage(endWhole * width, untilMs, &sums);
    }
    if (!ok)
        return false;
    QList<UsageTotals> list = sums.values();
    std::sort(list.begin(), list.end(), [](const UsageTotals &a, const UsageTotals &b) {
        if (a.totalTokens() != b.totalTokens())
            return a.totalTokens() > b.totalTokens();
        if (a.requests != b.requests)
            return a.requests > b.requests;
        return std::tie(a.provider, a.model) < std::tie(b.provider, b.model);
    });
    *out += list;
    return true;
}

bool RequestLogReader::addBucketUsage(qint64 firstBucket, qint64 endBucket,
                                      QMap<QPair<QString, QString>, UsageTotals> *sums)
{
    QStringList terms;
    QVariantList values;
    if (firstBucket >= 0) {
        terms << QStringLiteral("bucket >= ?");
        values << firstBucket;
    }
    if (endBucket >= 0) {
        terms << QStringLiteral("bucket < ?");
        values << endBucket;
    }
    return addUsageRows(
        QStringLiteral("SELECT provider, model, sum(requests), sum(errors), sum(prompt_tokens), "
                       "sum(completion_tokens), sum(cached_tokens), sum(reasoning_tokens) "
                       "FROM usage_buckets") +
            (terms.isEmpty() ? QString()
                             : QStringLiteral(" WHERE ") + terms.join(QLatin1String(" AND "))) +
            QStringLiteral(" GROUP BY provider, model"),
        values, sums);
}

bool RequestLogReader::addRowUsage(qint64 sinceMs, qint64 untilMs,
                                   QMap<QPair<QString, QString>, UsageTotals> *sums)
{
    return addUsageRows(
        QStringLiteral(
            "SELECT provider, CASE WHEN upstream_model != '' THEN upstream_model ELSE model END "
            "AS billed, count(*), sum(status >= 400), coalesce(sum(prompt_tokens), 0), "
            "coalesce(sum(completion_tokens), 0), coalesce(sum(cached_tokens), 0), "
            "coalesce(sum(reasoning_tokens), 0) FROM requests WHERE started_at >= ? AND "
            "started_at < ? GROUP BY provider, billed"),
        {sinceMs, untilMs}, sums);
}

bool RequestLogReader::addUsageRows(const QString &sql, const QVariantList &values,
                                    QMap<QPair<QString, QString>, UsageTotals> *sums)
{
    QSqlQuery q(m_db->database());
    if (!run(q, sql, values))
        return false;
    while (q.next()) {
        UsageTotals t;
        t.provider = q.value(0).toString();
        t.model = q.value(1).toString();
        t.requests = q.value(2).toLongLong();
        t.errors = q.value(3).toLongLong();
        t.promptTokens = q.value(4).toLongLong();
        t.completionTokens = q.value(5).toLongLong();
        t.cachedTokens = q.value(6).toLongLong();
        t.reasoningTokens = q.value(7).toLongLong();
        UsageTotals &sum = (*sums)[{t.provider, t.model}];
        sum.provider = t.provider;
        sum.model = t.model;
        sum.add(t);
    }
    return q.lastError().type() == QSqlError::NoError || fail(q.lastError());
}

bool RequestLogReader::dailyTokens(qint64 sinceMs, QList<DailyTokens> *out)
{
    if (!isOpen() && !open())
        return false;
    // SQLite's 'localtime' and QDate both follow the process's time zone (TZ). Whole
    // buckets from the sums, the first cut bucket from the records.
    const qint64 width = RequestLogSchema::kBucketMs;
    const qint64 since = qMax<qint64>(0, sinceMs);
    // No sums in layouts before 3: every row is summed then.
    const qint64 firstWhole =
        m_version < 3 ? std::numeric_limits<qint64>::max() / width : (since + width - 1) / width;
    QMap<QDate, DailyTokens> days;
    const auto add = [&](const QString &sql, const QVariantList &values) {
        QSqlQuery q(m_db->database());
        if (!run(q, sql, values))
            return false;
        while (q.next()) {
            const QDate day = QDate::fromString(q.value(0).toString(), Qt::ISODate);
            DailyTokens &d = days[day];
            d.day = day;
            d.requests += q.value(1).toLongLong();
            d.promptTokens += q.value(2).toLongLong();
            d.completionTokens += q.value(3).toLongLong();
        }
        return q.lastError().type() == QSqlError::NoError || fail(q.lastError());
    };
    if (m_version >= 3 &&
        !add(QStringLiteral("SELECT date(bucket * %1, 'unixepoch', 'localtime') AS day, "
                            "sum(requests), sum(prompt_tokens), sum(completion_tokens) "
                            "FROM usage_buckets WHERE bucket >= ? GROUP BY day")
                 .arg(width / 1000),
             {firstWhole}))
        return false;
    if (since < firstWhole * width &&
        !add(QStringLiteral("SELECT date(started_at / 1000, 'unixepoch', 'localtime') AS day, "
                            "count(*), coalesce(sum(prompt_tokens), 0), "
                            "coalesce(sum(completion_tokens), 0) FROM requests "
                            "WHERE started_at >= ? AND started_at < ? GROUP BY day"),
             {since, firstWhole * width}))
        return false;
    *out += days.values(); // QMap: oldest day first
    return true;
}
