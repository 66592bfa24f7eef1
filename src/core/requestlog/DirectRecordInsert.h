#pragma once

#include <QSqlError>

class QSqlDatabase;
struct RequestRecord;
struct sqlite3;
struct sqlite3_stmt;

/// The request log's INSERTs run straight on the QSQLITE driver's sqlite3 handle
/// (QSqlDriver::handle()), without QSqlQuery's per-row variant binding: about 5 µs a row
/// instead of 18 µs (docs/benchmarks.md), which is what keeps logging under 10 µs of CPU per
/// request. Used only when the driver's SQLite is the very library linked here; otherwise
/// the writer keeps to QSqlQuery.
class DirectRecordInsert
{
public:
    DirectRecordInsert() = default;
    ~DirectRecordInsert();
    DirectRecordInsert(const DirectRecordInsert &) = delete;
    DirectRecordInsert &operator=(const DirectRecordInsert &) = delete;

    /// Prepares the statements on `db`'s handle; false when the driver is not SQLite or runs
    /// another SQLite version than the one this build links (then nothing is prepared).
    bool prepare(const QSqlDatabase &db);
    bool isReady() const { return m_insert != nullptr; }
    /// Frees the statements; before the connection closes.
    void finalize();

    /// Inserts `record` and, when `withBodies`, its bodies cut to `maxBodyBytes`; returns
    /// the row number, or -1 with error() set.
    qint64 insert(const RequestRecord &record, bool withBodies, int maxBodyBytes);
    QSqlError error() const { return m_error; }

private:
    qint64 fail();

    sqlite3 *m_handle = nullptr;
    sqlite3_stmt *m_insert = nullptr;
    sqlite3_stmt *m_insertBodies = nullptr;
    QSqlError m_error;
};
