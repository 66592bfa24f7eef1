#include "RequestLogSchema.h"

#include "SqliteConnection.h"

#include <QSqlQuery>
#include <QStringList>

namespace {

// Each step takes the file from version (index) to version (index + 1). Steps are never
// edited once released: a change of layout is a new step.
const QList<QStringList> &steps()
{
    static const QList<QStringList> list = {
        // 1: the records, one row per answer, with the fields of SPEC §6. Times are
        // milliseconds since the epoch (UTC); unknown counts are NULL.
        {
            QStringLiteral("CREATE TABLE requests ("
                           " seq INTEGER PRIMARY KEY,"
                           " request_id TEXT NOT NULL DEFAULT '',"
                           " started_at INTEGER NOT NULL,"
                           " client TEXT NOT NULL DEFAULT '',"
                           " method TEXT NOT NULL DEFAULT '',"
                           " path TEXT NOT NULL DEFAULT '',"
                           " format TEXT NOT NULL DEFAULT '',"
                           " model TEXT NOT NULL DEFAULT '',"
                           " provider TEXT NOT NULL DEFAULT '',"
                           " upstream_model TEXT NOT NULL DEFAULT '',"
                           " stream INTEGER NOT NULL DEFAULT 0,"
                           " status INTEGER NOT NULL DEFAULT 0,"
                           " error TEXT NOT NULL DEFAULT '',"
                           " latency_ms INTEGER NOT NULL DEFAULT 0,"
                           " ttft_ms INTEGER,"
                           " prompt_tokens INTEGER,"
                           " completion_tokens INTEGER,"
                           " cached_tokens INTEGER,"
                           " reasoning_tokens INTEGER,"
                           " request_bytes INTEGER NOT NULL DEFAULT 0,"
                           " response_bytes INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE INDEX requests_by_time ON requests(started_at)"),
        },
        // 2: recorded bodies in a table of their own, so that scanning the records never
        // reads them; they go with their record. Indexes for the Logs page's filters, each
        // ending in the time so a filtered page is read newest first from the index.
        {
            QStringLiteral("CREATE TABLE request_bodies ("
                           " seq INTEGER PRIMARY KEY,"
                           " request_body BLOB,"
                           " response_body BLOB)"),
            QStringLiteral("CREATE TRIGGER requests_delete_bodies AFTER DELETE ON requests"
                           " BEGIN DELETE FROM request_bodies WHERE seq = OLD.seq; END"),
            QStringLiteral("CREATE INDEX requests_by_status ON requests(status, started_at)"),
            QStringLiteral("CREATE INDEX requests_by_provider ON requests(provider, started_at)"),
            QStringLiteral("CREATE INDEX requests_by_model ON requests(model, started_at)"),
            QStringLiteral("CREATE INDEX requests_by_client ON requests(client, started_at)"),
        },
        // 3: usage summed per 15 minutes, provider and billed model, kept in step by the
        // writer (its batches add, retention subtracts), so that the usage page and
        // `llm-gateway usage` read thousands of sums instead of a million rows. Every time
        // zone's midnight falls on a 15-minute boundary, so local days are whole buckets.
        // Filled from the records already there (900000 ms: kBucketMs). And the gateway's notes on
        // a request
        // (what it changed while translating), one per line.
        {
            QStringLiteral("ALTER TABLE requests ADD COLUMN notes TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("CREATE TABLE usage_buckets ("
                           " bucket INTEGER NOT NULL,"
                           " provider TEXT NOT NULL,"
                           " model TEXT NOT NULL,"
                           " requests INTEGER NOT NULL,"
                           " errors INTEGER NOT NULL,"
                           " prompt_tokens INTEGER NOT NULL,"
                           " completion_tokens INTEGER NOT NULL,"
                           " cached_tokens INTEGER NOT NULL,"
                           " reasoning_tokens INTEGER NOT NULL,"
                           " PRIMARY KEY (bucket, provider, model)) WITHOUT ROWID"),
            QStringLiteral("INSERT INTO usage_buckets SELECT started_at / 900000, provider,"
                           " CASE WHEN upstream_model != '' THEN upstream_model ELSE model END,"
                           " count(*), sum(status >= 400), coalesce(sum(prompt_tokens), 0),"
                           " coalesce(sum(completion_tokens), 0), coalesce(sum(cached_tokens), 0),"
                           " coalesce(sum(reasoning_tokens), 0) FROM requests GROUP BY 1, 2, 3"),
        },
    };
    return list;
}

} // namespace

int RequestLogSchema::version(SqliteConnection &db)
{
    const QVariant value = db.scalar(QStringLiteral("PRAGMA user_version"));
    return value.isValid() ? value.toInt() : -1;
}

bool RequestLogSchema::migrate(SqliteConnection &db, QString *error, int targetVersion)
{
    Q_ASSERT(steps().size() == kCurrentVersion);
    const auto fail = [&db, error](const QSqlError &failure, bool rollback) {
        if (rollback)
            db.exec(QStringLiteral("ROLLBACK"));
        db.setLastError(failure);
        *error = failure.text();
        return false;
    };
    for (;;) {
        // IMMEDIATE takes the write lock before the version is read, so that two processes
        // opening a new file at once never run the same step twice.
        if (!db.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return fail(db.lastError(), false);
        const int current = version(db);
        if (current < 0)
            return fail(db.lastError(), true);
        if (current > kCurrentVersion) {
            db.exec(QStringLiteral("ROLLBACK"));
            *error = QStringLiteral("the file has layout version %1, newer than this build's %2")
                         .arg(current)
                         .arg(kCurrentVersion);
            return false;
        }
        if (current >= targetVersion)
            return db.exec(QStringLiteral("COMMIT")) || fail(db.lastError(), true);
        QStringList statements = steps().at(current);
        statements.append(QStringLiteral("PRAGMA user_version = %1").arg(current + 1));
        for (const QString &sql : std::as_const(statements)) {
            if (!db.exec(sql))
                return fail(db.lastError(), true);
        }
        if (!db.exec(QStringLiteral("COMMIT")))
            return fail(db.lastError(), true);
    }
}
