#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

/// What went wrong with a SQLite database, in the terms the user can act on.
enum class SqliteProblem
{
    None,
    DiskFull, ///< SQLITE_FULL: no space left for the database or its journal
    ReadOnly, ///< the file or its directory cannot be written (SQLITE_READONLY, SQLITE_CANTOPEN)
    Locked,   ///< another connection holds the lock past the busy timeout
    Corrupt,  ///< SQLITE_CORRUPT or SQLITE_NOTADB: the file is damaged or not a database
    Other     ///< an I/O error or anything else
};

/// One QSQLITE connection that belongs to the thread that made it: a unique connection name,
/// opened with the options given, closed and removed from QSqlDatabase's registry when this
/// object goes. A connection must never be used from another thread (QtSql refuses it).
class SqliteConnection
{
public:
    enum class Mode
    {
        ReadWrite, ///< creates the file when missing
        ReadOnly   ///< never writes (SQLITE_OPEN_READONLY)
    };

    SqliteConnection(const QString &path, Mode mode, int busyTimeoutMs);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    /// Opens the file; false with lastError() set when it cannot.
    bool open();
    bool isOpen() const { return m_db.isOpen(); }
    void close();

    QSqlDatabase &database() { return m_db; }
    const QString &path() const { return m_path; }
    QSqlError lastError() const { return m_lastError; }
    void setLastError(const QSqlError &error) { m_lastError = error; }

    /// Runs one statement that returns no rows; false (and lastError()) on failure.
    bool exec(const QString &sql);
    /// The first column of the first row of `sql`, or an invalid QVariant on failure.
    QVariant scalar(const QString &sql);

    /// Sorts a QtSql error into what the user can do about it.
    static SqliteProblem classify(const QSqlError &error);

private:
    QString m_path;
    Mode m_mode;
    int m_busyTimeoutMs;
    QString m_name;
    QSqlDatabase m_db;
    QSqlError m_lastError;
};
