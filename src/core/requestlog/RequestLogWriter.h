#pragma once

#include "DirectRecordInsert.h"
#include "SqliteConnection.h"
#include "StoredRecord.h"
#include "UsageTotals.h"

#include <QSqlQuery>
#include <QString>

#include <memory>

/// Writes records into requests.db in batched transactions (WAL, synchronous=NORMAL) and
/// deletes the oldest ones for retention. Synchronous, used by one thread only: the request
/// log's writer thread in the app, the test itself in unit tests.
class RequestLogWriter
{
public:
    explicit RequestLogWriter(const QString &path);
    ~RequestLogWriter();

    /// Creates the directory and the file when missing, turns WAL on and brings the layout
    /// up to date. False, with problem() and errorText() set, when it cannot.
    bool open();
    bool isOpen() const { return m_statementsReady; }
    void close();

    /// Writes `records` in one transaction, in order, and appends their row numbers to `seqs`.
    /// Bodies are written only when `withBodies`, cut to `maxBodyBytes`. On failure nothing
    /// of the batch is kept, and problem()/errorText() say why.
    bool write(const QList<RequestRecord> &records, bool withBodies, int maxBodyBytes,
               QList<qint64> *seqs);

    /// Deletes up to `max` records that started before `cutoffMsSinceEpoch`, oldest first;
    /// returns how many, or -1 on failure.
    int deleteOlderThan(qint64 cutoffMsSinceEpoch, int max);
    /// Deletes the `count` oldest records (by start time); returns how many, or -1.
    int deleteOldest(int count);
    /// Rows in the file (counted at open, then kept up to date by this writer's changes).
    qint64 rowCount() const { return m_rowCount; }
    /// Counts the rows again (another process may write the same file).
    bool recount();
    /// Lets SQLite refresh its planner statistics after large changes (cheap when nothing
    /// changed much).
    void optimize();

    SqliteProblem problem() const { return m_problem; }
    QString errorText() const { return m_errorText; }
    const QString &path() const { return m_path; }

    /// Whether rows may be inserted on the driver's handle (DirectRecordInsert) when it is
    /// safe; false keeps to QSqlQuery (tests use it to cover that path). Before open().
    void setDirectInsertAllowed(bool allowed) { m_directAllowed = allowed; }
    /// True when the open file is written through DirectRecordInsert.
    bool usesDirectInsert() const { return m_direct.isReady(); }

    /// Renames a damaged file (and its WAL) to `requests.db.damaged-YYYYMMDD-HHMMSS` so that
    /// a new log can start; returns the new name, or an empty string when it failed.
    QString setAside();

private:
    bool fail(const QSqlError &error);
    bool failWith(SqliteProblem problem, const QString &text);
    bool prepareStatements();
    /// Deletes the rows `choose` (a SELECT of seq) picks, and their usage.
    int deleteChosen(const QString &choose, const QVariantList &values);
    bool addUsage(const QList<RequestRecord> &records);

    QString m_path;
    std::unique_ptr<SqliteConnection> m_db;
    std::unique_ptr<QSqlQuery> m_insert;
    std::unique_ptr<QSqlQuery> m_insertBodies;
    std::unique_ptr<QSqlQuery> m_addUsage;
    DirectRecordInsert m_direct;
    bool m_directAllowed = true;
    bool m_statementsReady = false;
    qint64 m_rowCount = 0;
    SqliteProblem m_problem = SqliteProblem::None;
    QString m_errorText;
};
