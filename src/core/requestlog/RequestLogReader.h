#pragma once

#include "RequestLogFilter.h"
#include "SqliteConnection.h"
#include "StoredRecord.h"
#include "UsageTotals.h"

#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>

class QSqlQuery;

/// Reads requests.db without ever writing to it (SQLITE_OPEN_READONLY), also while a gateway
/// is writing (WAL: readers and the writer do not block each other). For the `logs` and
/// `usage` commands and the Logs and Usage pages; one reader per thread.
class RequestLogReader
{
public:
    /// Where a page of records ended: the next page starts after it (newest first).
    struct Cursor
    {
        qint64 startedAtMs = 0;
        qint64 seq = 0;
    };

    explicit RequestLogReader(const QString &path);
    ~RequestLogReader();

    /// False when the file does not exist yet or cannot be read (errorText() says why).
    bool open();
    bool isOpen() const;
    QString errorText() const { return m_errorText; }
    const QString &path() const { return m_path; }

    /// Up to `limit` records matching `filter`, newest first (by start time), after `after`
    /// when given. Bodies are not read (see bodies()).
    bool records(const RequestLogFilter &filter, int limit, QList<StoredRecord> *out,
                 const Cursor *after = nullptr);
    /// Every record matching `filter`, newest first, handed to `visit` page by page (CSV
    /// export); `visit` returns false to stop.
    bool forEach(const RequestLogFilter &filter,
                 const std::function<bool(const StoredRecord &)> &visit);
    /// The record with this row number, with its bodies when they were recorded.
    bool record(qint64 seq, StoredRecord *out);
    /// Totals per provider and model of the records started in [sinceMs, untilMs) (-1: open),
    /// most tokens first.
    bool usage(qint64 sinceMs, qint64 untilMs, QList<UsageTotals> *out);
    /// Tokens per local calendar day since `sinceMs`, oldest day first (days without
    /// requests left out).
    bool dailyTokens(qint64 sinceMs, QList<DailyTokens> *out);

private:
    bool fail(const QSqlError &error);
    /// Prepares `sql` on `q` (forward only), binds `values` in order and runs it; false (and
    /// the error kept) when any step fails.
    bool run(QSqlQuery &q, const QString &sql, const QVariantList &values);
    bool addBucketUsage(qint64 firstBucket, qint64 endBucket,
                        QMap<QPair<QString, QString>, UsageTotals> *sums);
    bool addRowUsage(qint64 sinceMs, qint64 untilMs,
                     QMap<QPair<QString, QString>, UsageTotals> *sums);
    bool addUsageRows(const QString &sql, const QVariantList &values,
                      QMap<QPair<QString, QString>, UsageTotals> *sums);

    QString m_path;
    std::unique_ptr<SqliteConnection> m_db;
    QString m_errorText;
    int m_version = 0; ///< the file's layout (RequestLogSchema)
};
