#include "RequestLogWriter.h"

#include "RequestLogSchema.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>

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
    if (!m_db->exec(QStringLiteral("PRAGMA synchronous=NORMAL")) ||
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
            " response_bytes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")))
        return fail(m_insert->lastError());
    m_insertBodies = std::make_unique<QSqlQuery>(m_db->database());
    m_insertBodies->setForwardOnly(true);
    if (!m_insertBodies->prepare(QStringLiteral(
            "INSERT INTO request_bodies (seq, request_body, response_body) VALUES (?,?,?)")))
        return fail(m_insertBodies->lastError());
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
    if (!m_db->exec(QStringLiteral("COMMIT")))
        return rollback(m_db->lastError());
    m_rowCount += records.size();
    return true;
}

int RequestLogWriter::deleteWhere(const QString &sql, const QVariantList &values)
{
    if (!isOpen())
        return -1;
    QSqlQuery q(m_db->database());
    if (!q.prepare(sql)) {
        fail(q.lastError());
        return -1;
    }
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    if (!q.exec()) {
        fail(q.lastError());
        return -1;
    }
    const int deleted = q.numRowsAffected();
    m_rowCount = qMax<qint64>(0, m_rowCount - deleted);
    return deleted;
}

int RequestLogWriter::deleteOlderThan(qint64 cutoffMsSinceEpoch, int max)
{
    // A bounded chunk per statement: a big clean-up never holds the write lock for long,
    // and new batches are written between chunks. The bodies go with their rows (trigger).
    return deleteWhere(QStringLiteral("DELETE FROM requests WHERE seq IN (SELECT seq FROM "
                                      "requests WHERE started_at < ? ORDER BY started_at LIMIT ?)"),
                       {cutoffMsSinceEpoch, max});
}

int RequestLogWriter::deleteOldest(int count)
{
    return deleteWhere(QStringLiteral("DELETE FROM requests WHERE seq IN (SELECT seq FROM "
                                      "requests ORDER BY started_at, seq LIMIT ?)"),
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
