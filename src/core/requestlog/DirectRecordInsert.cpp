#include "DirectRecordInsert.h"

#include "RequestRecord.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

#include <iterator>

namespace {
const char kInsertSql[] =
    "INSERT INTO requests (request_id, started_at, client, method, path, format, model, "
    "provider, upstream_model, stream, status, error, latency_ms, ttft_ms, prompt_tokens, "
    "completion_tokens, cached_tokens, reasoning_tokens, request_bytes, response_bytes, notes) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
const char kInsertBodiesSql[] =
    "INSERT INTO request_bodies (seq, request_body, response_body) VALUES (?,?,?)";

void bindCount(sqlite3_stmt *statement, int index, qint64 value)
{
    if (value >= 0)
        sqlite3_bind_int64(statement, index, value);
    else
        sqlite3_bind_null(statement, index); // unknown
}
} // namespace

DirectRecordInsert::~DirectRecordInsert()
{
    finalize();
}

bool DirectRecordInsert::prepare(const QSqlDatabase &db)
{
    finalize();
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return false;
    sqlite3 *access = *static_cast<sqlite3 *const *>(handle.constData());
    if (!access)
        return false;
    // The handle belongs to the SQLite the Qt plugin uses. It is safe to drive from here only
    // when that is the library this build linked (Debian and Ubuntu's Qt use the system
    // SQLite); a plugin with its own copy of another version keeps QSqlQuery.
    QSqlQuery version(db);
    if (!version.exec(QStringLiteral("SELECT sqlite_version()")) || !version.next() ||
        version.value(0).toString() != QLatin1String(sqlite3_libversion()))
        return false;
    m_handle = access;
    if (sqlite3_prepare_v2(m_handle, kInsertSql, -1, &m_insert, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(m_handle, kInsertBodiesSql, -1, &m_insertBodies, nullptr) != SQLITE_OK) {
        fail();
        finalize();
        return false;
    }
    return true;
}

void DirectRecordInsert::finalize()
{
    sqlite3_finalize(m_insert);
    sqlite3_finalize(m_insertBodies);
    m_insert = nullptr;
    m_insertBodies = nullptr;
    m_handle = nullptr;
}

qint64 DirectRecordInsert::fail()
{
    // In QtSql's terms, so that the writer sorts it like any other error.
    m_error = QSqlError(QStringLiteral("Unable to write the record"),
                        QString::fromUtf8(sqlite3_errmsg(m_handle)), QSqlError::StatementError,
                        QString::number(sqlite3_errcode(m_handle)));
    if (m_insert)
        sqlite3_reset(m_insert);
    if (m_insertBodies)
        sqlite3_reset(m_insertBodies);
    return -1;
}

qint64 DirectRecordInsert::insert(const RequestRecord &r, bool withBodies, int maxBodyBytes)
{
    // The UTF-8 texts live until the step: SQLITE_STATIC, no copy.
    // Parameters: 1 id, 2 started_at, then these texts, whose positions follow.
    const QByteArray texts[] = {r.userAgent.toUtf8(),
                                r.method.toUtf8(),
                                r.path.toUtf8(),
                                r.format.toUtf8(),
                                r.requestedModel.toUtf8(),
                                r.providerId.toUtf8(),
                                r.upstreamModel.toUtf8(),
                                r.errorMessage.toUtf8(),
                                r.notes.join(QLatin1Char('\n')).toUtf8()};
    constexpr int kTextColumns[] = {3, 4, 5, 6, 7, 8, 9, 12, 21};
    static_assert(std::size(kTextColumns) == std::size(texts), "one position per text");
    sqlite3_stmt *s = m_insert;
    sqlite3_bind_text(s, 1, r.id.constData(), int(r.id.size()), SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, r.startedAt.toMSecsSinceEpoch());
    for (size_t i = 0; i < std::size(texts); ++i)
        sqlite3_bind_text(s, kTextColumns[i], texts[i].constData(), int(texts[i].size()),
                          SQLITE_STATIC);
    sqlite3_bind_int(s, 10, r.stream ? 1 : 0);
    sqlite3_bind_int(s, 11, r.status);
    sqlite3_bind_int64(s, 13, r.latencyMs);
    bindCount(s, 14, r.firstTokenMs);
    bindCount(s, 15, r.usage.promptTokens);
    bindCount(s, 16, r.usage.completionTokens);
    bindCount(s, 17, r.usage.cachedTokens);
    bindCount(s, 18, r.usage.reasoningTokens);
    sqlite3_bind_int64(s, 19, r.requestBytes);
    sqlite3_bind_int64(s, 20, r.responseBytes);
    if (sqlite3_step(s) != SQLITE_DONE)
        return fail();
    sqlite3_reset(s);
    const qint64 seq = sqlite3_last_insert_rowid(m_handle);
    if (withBodies && (!r.requestBody.isEmpty() || !r.responseBody.isEmpty())) {
        sqlite3_stmt *b = m_insertBodies;
        sqlite3_bind_int64(b, 1, seq);
        sqlite3_bind_blob(b, 2, r.requestBody.constData(),
                          int(qMin<qsizetype>(r.requestBody.size(), maxBodyBytes)), SQLITE_STATIC);
        sqlite3_bind_blob(b, 3, r.responseBody.constData(),
                          int(qMin<qsizetype>(r.responseBody.size(), maxBodyBytes)), SQLITE_STATIC);
        if (sqlite3_step(b) != SQLITE_DONE)
            return fail();
        sqlite3_reset(b);
    }
    return seq;
}
