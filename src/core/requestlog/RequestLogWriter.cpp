#include "RequestLogWriter.h"

#include "RequestLogSchema.h"

#include <QDateTime>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <algorithm>

namespace {
/// How long a write waits for another connection's lock before the batch is given up. The
/// writer thread waits, never the gateway; records queue (bounded) meanwhile.
constexpr int kBusyTimeoutMs = 1000;
/// The WAL is cut back to this after a checkpoint, so a burst does not leave a huge file.
constexpr qint64 kJournalSizeLimit = 32LL * 1024 * 1024;

QVariant countOrNull(qint64 value)
{
    return value >= 0 ? QVariant(value) : QVariant(QMetaType::fromType<qint64>());
}

/// Text columns are NOT NULL: a null QString would be bound as NULL.
QString text(const QString &value)
{
    static const QString empty = QStringLiteral("");
    return value.isNull() ? empty : value;
}

QString sqliteMessage(const QSqlError &error)
{
    // QSQLITE puts its own words in driverText and SQLite's in databaseText.
    const QString db = error.databaseText();
    return db.isEmpty() ? error.text() : db;
}
} // namespace

RequestLogWriter::RequestLogWriter(const QString &path) : m_path(path) {}

RequestLogWriter::~RequestLogWriter()
{
    close();
}

bool RequestLogWriter::fail(const QSqlError &error)
{
    m_problem = SqliteConnection::classify(error);
    if (m_problem == SqliteProblem::None)
        m_problem = SqliteProblem::Other;
    m_errorText = sqliteMessage(error);
    return false;
}

bool RequestLogWriter::failWith(SqliteProblem problem, const QString &text)
{
    m_problem = problem;
    m_errorText = text;
    return false;
}

bool RequestLogWriter::open()
{
    close();
    m_problem = SqliteProblem::None;
    m_errorText.clear();
    const QFileInfo file(m_path);
    if (!QDir().mkpath(file.absolutePath()))
        return failWith(SqliteProblem::ReadOnly,
                        QStringLiteral("cannot create the directory %1").arg(file.absolutePath()));
    m_db = std::make_unique<SqliteConnection>(m_path, SqliteConnection::Mode::ReadWrite,
                                              kBusyTimeoutMs);
    if (!m_db->open())
        return fail(m_db->lastError());
    // WAL: readers (the `logs` command, the Logs page) never block the writer, and a crash
    // or kill -9 loses at most the transaction being written. NORMAL: no fsync per commit
    // (only at checkpoints); a power cut may lose the last commits, never the file.
    const QVariant mode = m_db->scalar(QStringLiteral("PRAGMA journal_mode=WAL"));
    if (!mode.isValid())
        return fail(m_db->lastError());
    if (mode.toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return failWith(SqliteProblem::ReadOnly,
                        QStringLiteral("cannot turn on write-ahead logging (journal mode %1)")
                            .arg(mode.toString()));
    // temp_store: retention's list of rows to delete lives in memory, not in a temp file.
    // cache_size: appending touches the right edge of the table and of each index, a few
    // dozen pages; SQLite's default 2 MB cache only grows the gateway's memory (it is the
    // largest heap user of a gateway that has served a few thousand requests).
    if (!m_db->exec(QStringLiteral("PRAGMA synchronous=NORMAL")) ||
        !m_db->exec(QStringLiteral("PRAGMA temp_store=MEMORY")) ||
        !m_db->exec(QStringLiteral("PRAGMA cache_size=-512")) ||
        !m_db->exec(QStringLiteral("PRAGMA journal_size_limit=%1").arg(kJournalSizeLimit)))
        return fail(m_db->lastError());
    QString error;
    if (!RequestLogSchema::migrate(*m_db, &error)) {
        if (m_db->lastError().type() != QSqlError::NoError)
            return fail(m_db->lastError());
        return failWith(SqliteProblem::Other, error);
    }
    if (!recount())
        return false;
    return prepareStatements();
}

bool RequestLogWriter::prepareStatements()
{
    m_insert = std::make_unique<QSqlQuery>(m_db->database());
    m_insert->setForwardOnly(true);
    if (!m_insert->prepare(QStringLiteral(
            "INSERT INTO requests (request_id, started_at, client, method, path, format, model,"
            " provider, upstream_model, stream, status, error, latency_ms, ttft_ms,"
            " prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, request_bytes,"
            " response_bytes, notes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")))
        return fail(m_insert->lastError());
    m_insertBodies = std::make_unique<QSqlQuery>(m_db->database());
    m_insertBodies->setForwardOnly(true);
    if (!m_insertBodies->prepare(QStringLiteral(
            "INSERT INTO request_bodies (seq, request_body, response_body) VALUES (?,?,?)")))
        return fail(m_insertBodies->lastError());
    m_addUsage = std::make_unique<QSqlQuery>(m_db->database());
    if (!m_addUsage->prepare(QStringLiteral(
            "INSERT INTO usage_buckets (bucket, provider, model, requests, errors, prompt_tokens,"
            " completion_tokens, cached_tokens, reasoning_tokens) VALUES (?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT (bucket, provider, model) DO UPDATE SET"
            " requests = requests + excluded.requests, errors = errors + excluded.errors,"
            " prompt_tokens = prompt_tokens + excluded.prompt_tokens,"
            " completion_tokens = completion_tokens + excluded.completion_tokens,"
            " cached_tokens = cached_tokens + excluded.cached_tokens,"
            " reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens")))
        return fail(m_addUsage->lastError());
    if (m_directAllowed)
        m_direct.prepare(m_db->database());
    m_statementsReady = true;
    return true;
}

void RequestLogWriter::close()
{
    m_statementsReady = false;
    m_direct.finalize(); // before the connection it was prepared on goes
    m_insert.reset();
    m_insertBodies.reset();
    m_addUsage.reset();
    m_db.reset();
}

bool RequestLogWriter::recount()
{
    const QVariant count = m_db->scalar(QStringLiteral("SELECT count(*) FROM requests"));
    if (!count.isValid())
        return fail(m_db->lastError());
    m_rowCount = count.toLongLong();
    return true;
}

bool RequestLogWriter::write(const QList<RequestRecord> &records, bool withBodies, int maxBodyBytes,
                             QList<qint64> *seqs)
{
    if (!isOpen())
        return failWith(SqliteProblem::Other, QStringLiteral("the request log is not open"));
    if (records.isEmpty())
        return true;
    // IMMEDIATE: a lock held elsewhere shows here, before any row is bound.
    if (!m_db->exec(QStringLiteral("BEGIN IMMEDIATE")))
        return fail(m_db->lastError());
    const qsizetype firstSeq = seqs->size();
    const auto rollback = [&](const QSqlError &error) {
        m_db->exec(QStringLiteral("ROLLBACK"));
        seqs->resize(firstSeq);
        return fail(error);
    };
    for (const RequestRecord &r : records) {
        if (m_direct.isReady()) {
            const qint64 seq = m_direct.insert(r, withBodies, maxBodyBytes);
            if (seq < 0)
                return rollback(m_direct.error());
            seqs->append(seq);
            continue;
        }
        QSqlQuery &q = *m_insert;
        q.bindValue(0, text(QString::fromLatin1(r.id)));
        q.bindValue(1, r.startedAt.toMSecsSinceEpoch());
        q.bindValue(2, text(r.userAgent));
        q.bindValue(3, text(r.method));
        q.bindValue(4, text(r.path));
        q.bindValue(5, text(r.format));
        q.bindValue(6, text(r.requestedModel));
        q.bindValue(7, text(r.providerId));
        q.bindValue(8, text(r.upstreamModel));
        q.bindValue(9, int(r.stream));
        q.bindValue(10, r.status);
        q.bindValue(11, text(r.errorMessage));
        q.bindValue(12, r.latencyMs);
        q.bindValue(13, countOrNull(r.firstTokenMs));
        q.bindValue(14, countOrNull(r.usage.promptTokens));
        q.bindValue(15, countOrNull(r.usage.completionTokens));
        q.bindValue(16, countOrNull(r.usage.cachedTokens));
        q.bindValue(17, countOrNull(r.usage.reasoningTokens));
        q.bindValue(18, r.requestBytes);
        q.bindValue(19, r.responseBytes);
        q.bindValue(20, text(r.notes.join(QLatin1Char('\n'))));
        if (!q.exec())
            return rollback(q.lastError());
        const qint64 seq = q.lastInsertId().toLongLong();
        seqs->append(seq);
        if (withBodies && (!r.requestBody.isEmpty() || !r.responseBody.isEmpty())) {
            QSqlQuery &b = *m_insertBodies;
            b.bindValue(0, seq);
            b.bindValue(1, r.requestBody.left(maxBodyBytes));
            b.bindValue(2, r.responseBody.left(maxBodyBytes));
            if (!b.exec())
                return rollback(b.lastError());
        }
    }
    if (!addUsage(records))
        return rollback(m_addUsage->lastError());
    if (!m_db->exec(QStringLiteral("COMMIT")))
        return rollback(m_db->lastError());
    m_rowCount += records.size();
    return true;
}

bool RequestLogWriter::addUsage(const QList<RequestRecord> &records)
{
    // A batch touches few buckets: sum it here, then one upsert per bucket.
    struct Key
    {
        qint64 bucket;
        QString provider;
        QString model;
        bool operator==(const Key &o) const
        {
            return bucket == o.bucket && provider == o.provider && model == o.model;
        }
    };
    QList<QPair<Key, UsageTotals>> sums;
    for (const RequestRecord &r : records) {
        const Key key{r.startedAt.toMSecsSinceEpoch() / RequestLogSchema::kBucketMs, r.providerId,
                      r.upstreamModel.isEmpty() ? r.requestedModel : r.upstreamModel};
        auto it =
            std::find_if(sums.begin(), sums.end(), [&](const auto &s) { return s.first == key; });
        if (it == sums.end()) {
            sums.append({key, UsageTotals()});
            it = sums.end() - 1;
        }
        UsageTotals &t = it->second;
        ++t.requests;
        t.errors += r.status >= 400 ? 1 : 0;
        t.promptTokens += qMax<qint64>(0, r.usage.promptTokens);
        t.completionTokens += qMax<qint64>(0, r.usage.completionTokens);
        t.cachedTokens += qMax<qint64>(0, r.usage.cachedTokens);
        t.reasoningTokens += qMax<qint64>(0, r.usage.reasoningTokens);
    }
    QSqlQuery &q = *m_addUsage;
    for (const auto &[key, t] : std::as_const(sums)) {
        q.bindValue(0, key.bucket);
        q.bindValue(1, text(key.provider));
        q.bindValue(2, text(key.model));
        q.bindValue(3, t.requests);
        q.bindValue(4, t.errors);
        q.bindValue(5, t.promptTokens);
        q.bindValue(6, t.completionTokens);
        q.bindValue(7, t.cachedTokens);
        q.bindValue(8, t.reasoningTokens);
        if (!q.exec())
            return false;
    }
    return true;
}

int RequestLogWriter::deleteChosen(const QString &choose, const QVariantList &values)
{
    if (!isOpen())
        return -1;
    // In one transaction: note the rows, take their sums off the usage buckets, delete them
    // (their bodies go with them, by trigger).
    const auto failed = [this](const QSqlError &error) {
        m_db->exec(QStringLiteral("ROLLBACK"));
        fail(error);
        return -1;
    };
    if (!m_db->exec(QStringLiteral("BEGIN IMMEDIATE")) ||
        !m_db->exec(
            QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS doomed (seq INTEGER PRIMARY KEY)")) ||
        !m_db->exec(QStringLiteral("DELETE FROM temp.doomed")))
        return failed(m_db->lastError());
    QSqlQuery pick(m_db->database());
    if (!pick.prepare(QStringLiteral("INSERT INTO temp.doomed ") + choose))
        return failed(pick.lastError());
    for (int i = 0; i < values.size(); ++i)
        pick.bindValue(i, values.at(i));
    if (!pick.exec())
        return failed(pick.lastError());
    if (!m_db->exec(
            QStringLiteral(
                "UPDATE usage_buckets AS u SET requests = u.requests - d.n,"
                " errors = u.errors - d.e, prompt_tokens = u.prompt_tokens - d.p,"
                " completion_tokens = u.completion_tokens - d.c,"
                " cached_tokens = u.cached_tokens - d.k, reasoning_tokens = u.reasoning_tokens - "
                "d.r"
                " FROM (SELECT started_at / %1 AS bucket, provider,"
                " CASE WHEN upstream_model != '' THEN upstream_model ELSE model END AS model,"
                " count(*) AS n, sum(status >= 400) AS e, coalesce(sum(prompt_tokens), 0) AS p,"
                " coalesce(sum(completion_tokens), 0) AS c, coalesce(sum(cached_tokens), 0) AS k,"
                " coalesce(sum(reasoning_tokens), 0) AS r FROM requests"
                " WHERE seq IN (SELECT seq FROM temp.doomed) GROUP BY 1, 2, 3) AS d"
                " WHERE u.bucket = d.bucket AND u.provider = d.provider AND u.model = d.model")
                .arg(RequestLogSchema::kBucketMs)) ||
        !m_db->exec(QStringLiteral("DELETE FROM usage_buckets WHERE requests <= 0")))
        return failed(m_db->lastError());
    QSqlQuery remove(m_db->database());
    if (!remove.exec(
            QStringLiteral("DELETE FROM requests WHERE seq IN (SELECT seq FROM temp.doomed)")))
        return failed(remove.lastError());
    const int deleted = remove.numRowsAffected();
    if (!m_db->exec(QStringLiteral("COMMIT")))
        return failed(m_db->lastError());
    m_rowCount = qMax<qint64>(0, m_rowCount - deleted);
    return deleted;
}

int RequestLogWriter::deleteOlderThan(qint64 cutoffMsSinceEpoch, int max)
{
    // A bounded chunk per transaction: a big clean-up never holds the write lock for long,
    // and new batches are written between chunks.
    return deleteChosen(QStringLiteral("SELECT seq FROM requests WHERE started_at < ? "
                                       "ORDER BY started_at LIMIT ?"),
                        {cutoffMsSinceEpoch, max});
}

int RequestLogWriter::deleteOldest(int count)
{
    return deleteChosen(QStringLiteral("SELECT seq FROM requests ORDER BY started_at, seq LIMIT ?"),
                        {count});
}

void RequestLogWriter::optimize()
{
    if (isOpen())
        m_db->exec(QStringLiteral("PRAGMA optimize"));
}

QString RequestLogWriter::setAside()
{
    close();
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString target = m_path + QStringLiteral(".damaged-") + stamp;
    if (!QFile::rename(m_path, target))
        return QString();
    // The WAL belongs to the damaged file; the shared-memory index is rebuilt from nothing.
    QFile::rename(m_path + QStringLiteral("-wal"), target + QStringLiteral("-wal"));
    QFile::remove(m_path + QStringLiteral("-shm"));
    return target;
}
