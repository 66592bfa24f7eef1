#include "SqliteConnection.h"

#include <QSqlQuery>

#include <atomic>

namespace {
std::atomic<quint64> g_nextConnection{0};

// SQLite's primary result codes, as QSQLITE reports them in QSqlError::nativeErrorCode().
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteFull = 13;
constexpr int kSqliteCantOpen = 14;
constexpr int kSqliteNotADb = 26;
} // namespace

SqliteConnection::SqliteConnection(const QString &path, Mode mode, int busyTimeoutMs)
    : m_path(path), m_mode(mode), m_busyTimeoutMs(busyTimeoutMs),
      m_name(QStringLiteral("llmgw-sqlite-%1").arg(g_nextConnection.fetch_add(1)))
{}

SqliteConnection::~SqliteConnection()
{
    close();
}

bool SqliteConnection::open()
{
    close();
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    m_db.setDatabaseName(m_path);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_busyTimeoutMs);
    if (m_mode == Mode::ReadOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    m_db.setConnectOptions(options);
    if (!m_db.open()) {
        m_lastError = m_db.lastError();
        close();
        return false;
    }
    m_lastError = QSqlError();
    return true;
}

void SqliteConnection::close()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    // removeDatabase() wants every handle on the connection gone first.
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

bool SqliteConnection::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        m_lastError = query.lastError();
        return false;
    }
    return true;
}

QVariant SqliteConnection::scalar(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        m_lastError = query.lastError();
        return QVariant();
    }
    if (!query.next()) {
        m_lastError = query.lastError();
        return QVariant();
    }
    return query.value(0);
}

SqliteProblem SqliteConnection::classify(const QSqlError &error)
{
    if (error.type() == QSqlError::NoError)
        return SqliteProblem::None;
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff; // primary code of an extended one
    if (!ok)
        return SqliteProblem::Other;
    switch (code) {
    case kSqliteFull:
        return SqliteProblem::DiskFull;
    case kSqliteReadOnly:
    case kSqliteCantOpen:
        return SqliteProblem::ReadOnly;
    case kSqliteBusy:
    case kSqliteLocked:
        return SqliteProblem::Locked;
    case kSqliteCorrupt:
    case kSqliteNotADb:
        return SqliteProblem::Corrupt;
    default:
        return SqliteProblem::Other;
    }
}
