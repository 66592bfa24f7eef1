#include "ConversationRecovery.h"

#include "Conversation.h"
#include "ConversationDatabase.h"

#include <QDateTime>
#include <QFile>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <functional>

namespace {

/// How far past the last readable row probing goes when the table's end cannot be read.
constexpr qint64 kProbeReach = 100000;

using RowHandler = std::function<void(const QSqlQuery &row)>;

/// Every readable row of `table`: a plain scan while it works, then one lookup per rowid past
/// the point where it broke, so rows behind a damaged page are still found.
void readRows(QSqlDatabase &db, const QString &table, const QString &columns,
              const RowHandler &handle)
{
    qint64 lastRowId = 0;
    {
        QSqlQuery scan(db);
        scan.setForwardOnly(true);
        if (scan.exec(
                QStringLiteral("SELECT rowid, %1 FROM %2 ORDER BY rowid").arg(columns, table))) {
            while (scan.next()) {
                lastRowId = scan.value(0).toLongLong();
                handle(scan);
            }
            if (!scan.lastError().isValid())
                return;
        }
    }
    qint64 maxRowId = lastRowId + kProbeReach;
    {
        QSqlQuery last(db);
        if (last.exec(QStringLiteral("SELECT max(rowid) FROM %1").arg(table)) && last.next() &&
            !last.value(0).isNull())
            maxRowId = last.value(0).toLongLong();
    }
    QSqlQuery probe(db);
    probe.setForwardOnly(true);
    probe.prepare(QStringLiteral("SELECT rowid, %1 FROM %2 WHERE rowid = ?").arg(columns, table));
    for (qint64 rowId = lastRowId + 1; rowId <= maxRowId; ++rowId) {
        probe.bindValue(0, rowId);
        if (probe.exec() && probe.next())
            handle(probe);
        probe.finish();
    }
}

bool moveAside(const QString &path, const QString &target, QString *error)
{
    if (!QFile::rename(path, target)) {
        *error = QStringLiteral("cannot rename %1 to %2").arg(path, target);
        return false;
    }
    // The journal files belong to the damaged file: they go with it.
    for (const char *suffix : {"-wal", "-shm", "-journal"}) {
        const QString side = path + QLatin1String(suffix);
        if (QFile::exists(side))
            QFile::rename(side, target + QLatin1String(suffix));
    }
    return true;
}

} // namespace

namespace ConversationRecovery {

Result recover(const QString &path)
{
    Result result;
    result.damagedFilePath =
        path + QStringLiteral(".damaged-") +
        QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    if (!moveAside(path, result.damagedFilePath, &result.error))
        return result;

    static int counter = 0;
    const QString oldName = QStringLiteral("llmgw-chat-damaged-%1").arg(++counter);
    const QString newName = QStringLiteral("llmgw-chat-recovered-%1").arg(counter);
    {
        QSqlDatabase fresh = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), newName);
        fresh.setDatabaseName(path);
        if (!fresh.open() || !ConversationDatabase::createSchema(fresh, &result.error)) {
            if (result.error.isEmpty())
                result.error = fresh.lastError().text();
            fresh.close();
            QSqlDatabase::removeDatabase(newName);
            return result;
        }
        result.ok = true;

        QSqlDatabase old = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), oldName);
        old.setDatabaseName(result.damagedFilePath);
        old.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (old.open()) {
            fresh.transaction();
            QSet<QString> conversationIds;
            readRows(old, QStringLiteral("conversations"),
                     QStringLiteral("id, title, custom_title, system_prompt, model, created_at, "
                                    "updated_at, trashed, options"),
                     [&](const QSqlQuery &row) {
                         if (row.value(8).toInt() != 0)
                             return; // it was in the trash
                         QSqlQuery insert(fresh);
                         insert.prepare(QStringLiteral(
                             "INSERT OR IGNORE INTO conversations (id, title, custom_title,"
                             " system_prompt, model, created_at, updated_at, options)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
                         for (int i = 1; i <= 7; ++i)
                             insert.addBindValue(row.value(i));
                         insert.addBindValue(row.value(9));
                         if (insert.exec())
                             conversationIds.insert(row.value(1).toString());
                     });
            result.conversations = int(conversationIds.size());
            QSet<QString> messageIds;
            readRows(old, QStringLiteral("messages"),
                     QStringLiteral("id, conversation_id, seq, role, content, reasoning, model,"
                                    " state, finish_reason, error, usage, duration_ms,"
                                    " first_token_ms, created_at"),
                     [&](const QSqlQuery &row) {
                         const QString conversationId = row.value(2).toString();
                         if (!conversationIds.contains(conversationId)) {
                             // Its conversation's row is lost: give the messages a new home
                             // rather than lose them too.
                             QSqlQuery orphan(fresh);
                             orphan.prepare(QStringLiteral(
                                 "INSERT OR IGNORE INTO conversations (id, title, created_at,"
                                 " updated_at) VALUES (?, ?, ?, ?)"));
                             orphan.addBindValue(conversationId);
                             orphan.addBindValue(
                                 Conversation::titleFromText(row.value(5).toString()));
                             orphan.addBindValue(row.value(14));
                             orphan.addBindValue(row.value(14));
                             if (!orphan.exec())
                                 return;
                             conversationIds.insert(conversationId);
                             ++result.conversations;
                         }
                         QSqlQuery insert(fresh);
                         insert.prepare(QStringLiteral(
                             "INSERT OR IGNORE INTO messages (id, conversation_id, seq, role,"
                             " content, reasoning, model, state, finish_reason, error, usage,"
                             " duration_ms, first_token_ms, created_at)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
                         for (int i = 1; i <= 14; ++i)
                             insert.addBindValue(row.value(i));
                         if (insert.exec())
                             messageIds.insert(row.value(1).toString());
                     });
            result.messages = int(messageIds.size());
            readRows(old, QStringLiteral("images"),
                     QStringLiteral("message_id, seq, mime_type, data"), [&](const QSqlQuery &row) {
                         if (!messageIds.contains(row.value(1).toString()))
                             return;
                         QSqlQuery insert(fresh);
                         insert.prepare(
                             QStringLiteral("INSERT OR IGNORE INTO images (message_id,"
                                            " seq, mime_type, data) VALUES (?, ?, ?, ?)"));
                         for (int i = 1; i <= 4; ++i)
                             insert.addBindValue(row.value(i));
                         insert.exec();
                     });
            readRows(old, QStringLiteral("settings"), QStringLiteral("key, value"),
                     [&](const QSqlQuery &row) {
                         QSqlQuery insert(fresh);
                         insert.prepare(QStringLiteral(
                             "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)"));
                         insert.addBindValue(row.value(1));
                         insert.addBindValue(row.value(2));
                         insert.exec();
                     });
            fresh.commit();
        }
        old.close();
        fresh.close();
    }
    QSqlDatabase::removeDatabase(oldName);
    QSqlDatabase::removeDatabase(newName);
    return result;
}

} // namespace ConversationRecovery
