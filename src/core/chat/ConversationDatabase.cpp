#include "ConversationDatabase.h"

#include "ConversationRecovery.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

bool run(QSqlQuery &query, QString *error)
{
    if (query.exec())
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

bool runSql(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

/// SQLite's codes for a file that is not a database or is damaged: only these start a
/// recovery (a locked or read-only file is not damaged).
bool isDamage(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("11") || code == QLatin1String("26");
}

qint64 toMs(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

/// About 80 characters of `text` around the first case-insensitive `needle`, on one line.
QString snippetAround(const QString &text, const QString &needle)
{
    const qsizetype at = text.indexOf(needle, 0, Qt::CaseInsensitive);
    if (at < 0)
        return {};
    const qsizetype start = qMax<qsizetype>(0, at - 30);
    QString snippet = text.mid(start, needle.size() + 60).simplified();
    if (start > 0)
        snippet.prepend(QStringLiteral("…"));
    if (start + needle.size() + 60 < text.size())
        snippet.append(QStringLiteral("…"));
    return snippet;
}

/// Text for a NOT NULL column: a null QString would be bound as NULL.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

const char *roleName(ChatMessage::Role role)
{
    return role == ChatMessage::Role::Assistant ? "assistant" : "user";
}

int gConnectionCounter = 0;

} // namespace

ConversationDatabase::ConversationDatabase()
    : m_connectionName(QStringLiteral("llmgw-chat-%1").arg(++gConnectionCounter))
{}

ConversationDatabase::~ConversationDatabase()
{
    close();
}

bool ConversationDatabase::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) &&
           QSqlDatabase::database(m_connectionName, false).isOpen();
}

void ConversationDatabase::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool ConversationDatabase::openConnection(const QString &path, QString *error)
{
    close();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(path);
    if (!db.open()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    return true;
}

bool ConversationDatabase::integrityOk(QString *detail)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery check(db);
    if (!check.exec(QStringLiteral("PRAGMA quick_check"))) {
        *detail = check.lastError().text();
        return !isDamage(check.lastError());
    }
    QStringList problems;
    while (check.next())
        problems.append(check.value(0).toString());
    if (check.lastError().isValid()) {
        *detail = check.lastError().text();
        return !isDamage(check.lastError());
    }
    if (problems == QStringList{QStringLiteral("ok")})
        return true;
    *detail = problems.mid(0, 3).join(QStringLiteral("; "));
    return false;
}

bool ConversationDatabase::createSchema(QSqlDatabase &db, QString *error)
{
    static const char *const statements[] = {
        "CREATE TABLE IF NOT EXISTS conversations ("
        " id TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '',"
        " custom_title INTEGER NOT NULL DEFAULT 0, system_prompt TEXT NOT NULL DEFAULT '',"
        " model TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL DEFAULT 0,"
        " updated_at INTEGER NOT NULL DEFAULT 0, trashed INTEGER NOT NULL DEFAULT 0,"
        " options TEXT NOT NULL DEFAULT '')",
        "CREATE INDEX IF NOT EXISTS conversations_by_update ON conversations(updated_at)",
        "CREATE TABLE IF NOT EXISTS messages ("
        " id TEXT PRIMARY KEY,"
        " conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,"
        " seq INTEGER NOT NULL, role TEXT NOT NULL, content TEXT NOT NULL DEFAULT '',"
        " reasoning TEXT NOT NULL DEFAULT '', model TEXT NOT NULL DEFAULT '',"
        " state TEXT NOT NULL DEFAULT 'complete', finish_reason TEXT NOT NULL DEFAULT '',"
        " error TEXT NOT NULL DEFAULT '', usage TEXT NOT NULL DEFAULT '',"
        " duration_ms INTEGER NOT NULL DEFAULT -1, first_token_ms INTEGER NOT NULL DEFAULT -1,"
        " created_at INTEGER NOT NULL DEFAULT 0)",
        "CREATE INDEX IF NOT EXISTS messages_by_conversation ON messages(conversation_id, seq)",
        "CREATE TABLE IF NOT EXISTS images ("
        " message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
        " seq INTEGER NOT NULL, mime_type TEXT NOT NULL, data BLOB NOT NULL,"
        " PRIMARY KEY (message_id, seq))",
        "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    };
    if (!db.transaction()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    for (const char *statement : statements) {
        if (!runSql(db, QLatin1String(statement), error)) {
            db.rollback();
            return false;
        }
    }
    if (!runSql(db, QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion), error)) {
        db.rollback();
        return false;
    }
    return db.commit();
}

ConversationOpenReport ConversationDatabase::open(const QString &path)
{
    ConversationOpenReport report;
    m_path = path;
    QDir().mkpath(QFileInfo(path).absolutePath());
    const bool existed = QFileInfo(path).size() > 0;

    QString error;
    QString damage;
    bool damaged = false;
    if (openConnection(path, &error)) {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        QSqlQuery version(db);
        if (!version.exec(QStringLiteral("PRAGMA user_version")) || !version.next()) {
            damaged = isDamage(version.lastError());
            error = version.lastError().text();
        } else if (!integrityOk(&damage)) {
            damaged = true;
        } else {
            const int fileVersion = version.value(0).toInt();
            version.finish();
            // WAL: the history is written while the window reads; NORMAL is durable enough
            // for a chat (a power cut loses at most the last reply), and much faster.
            runSql(db, QStringLiteral("PRAGMA journal_mode = WAL"), nullptr);
            runSql(db, QStringLiteral("PRAGMA synchronous = NORMAL"), nullptr);
            runSql(db, QStringLiteral("PRAGMA foreign_keys = ON"), nullptr);
            if (fileVersion > kSchemaVersion) {
                report.problem = QCoreApplication::translate(
                                     "ConversationDatabase",
                                     "The chat history %1 was written by a newer version of LLM "
                                     "Gateway; some of it may not show.")
                                     .arg(QDir::toNativeSeparators(path));
            }
            if (createSchema(db, &error)) {
                report.ok = true;
                return report;
            }
            damaged = isDamage(db.lastError());
        }
    }
    if (!damaged || !existed) {
        close();
        report.problem = QCoreApplication::translate(
                             "ConversationDatabase",
                             "The chat history %1 cannot be opened: %2. Conversations will not "
                             "be kept until this is fixed.")
                             .arg(QDir::toNativeSeparators(path), error);
        return report;
    }

    // Damaged: keep the file as it is for the user, carry what can be read into a new one.
    close();
    const ConversationRecovery::Result recovered = ConversationRecovery::recover(path);
    report.damagedFilePath = recovered.damagedFilePath;
    report.recoveredConversations = recovered.conversations;
    report.recoveredMessages = recovered.messages;
    if (!recovered.ok) {
        report.problem = QCoreApplication::translate(
                             "ConversationDatabase",
                             "The chat history %1 is damaged and could not be replaced: %2")
                             .arg(QDir::toNativeSeparators(path), recovered.error);
        return report;
    }
    if (!openConnection(path, &error)) {
        report.problem = QCoreApplication::translate("ConversationDatabase",
                                                     "The chat history %1 cannot be opened: %2")
                             .arg(QDir::toNativeSeparators(path), error);
        return report;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    runSql(db, QStringLiteral("PRAGMA journal_mode = WAL"), nullptr);
    runSql(db, QStringLiteral("PRAGMA synchronous = NORMAL"), nullptr);
    runSql(db, QStringLiteral("PRAGMA foreign_keys = ON"), nullptr);
    report.ok = true;
    if (recovered.conversations > 0) {
        report.problem =
            QCoreApplication::translate("ConversationDatabase",
                                        "The chat history file was damaged. Conversations "
                                        "recovered: %n. The damaged file was kept as %1.",
                                        nullptr, recovered.conversations)
                .arg(QDir::toNativeSeparators(recovered.damagedFilePath));
    } else {
        report.problem = QCoreApplication::translate(
                             "ConversationDatabase",
                             "The chat history file was damaged and nothing in it could be read. "
                             "It was kept as %1; a new, empty history was started.")
                             .arg(QDir::toNativeSeparators(recovered.damagedFilePath));
    }
    return report;
}

QList<ConversationSummary> ConversationDatabase::list(const QString &search, QString *error)
{
    QList<ConversationSummary> result;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    const QString needle = search.trimmed();
    if (needle.isEmpty()) {
        query.prepare(QStringLiteral("SELECT id, title, model, updated_at FROM conversations "
                                     "WHERE trashed = 0 ORDER BY updated_at DESC, rowid DESC"));
    } else {
        query.prepare(QStringLiteral(
            "SELECT c.id, c.title, c.model, c.updated_at,"
            " (SELECT m.content FROM messages m WHERE m.conversation_id = c.id"
            "  AND m.content LIKE :p ESCAPE '\\' ORDER BY m.seq LIMIT 1)"
            " FROM conversations c WHERE c.trashed = 0 AND (c.title LIKE :p ESCAPE '\\'"
            " OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id"
            "  AND m.content LIKE :p ESCAPE '\\'))"
            " ORDER BY c.updated_at DESC, c.rowid DESC"));
        query.bindValue(QStringLiteral(":p"), likePattern(needle));
    }
    if (!run(query, error))
        return result;
    while (query.next()) {
        ConversationSummary summary;
        summary.id = query.value(0).toString();
        summary.title = query.value(1).toString();
        summary.model = query.value(2).toString();
        summary.updatedAt = fromMs(query.value(3).toLongLong());
        if (!needle.isEmpty())
            summary.snippet = snippetAround(query.value(4).toString(), needle);
        result.append(summary);
    }
    if (error && query.lastError().isValid())
        *error = query.lastError().text();
    return result;
}

std::optional<Conversation> ConversationDatabase::load(const QString &id, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery head(db);
    head.prepare(QStringLiteral("SELECT title, custom_title, system_prompt, model, created_at, "
                                "updated_at, options FROM conversations WHERE id = ?"));
    head.addBindValue(id);
    if (!run(head, error) || !head.next())
        return std::nullopt;
    Conversation conversation;
    conversation.id = id;
    conversation.title = head.value(0).toString();
    conversation.customTitle = head.value(1).toBool();
    conversation.systemPrompt = head.value(2).toString();
    conversation.model = head.value(3).toString();
    conversation.createdAt = fromMs(head.value(4).toLongLong());
    conversation.updatedAt = fromMs(head.value(5).toLongLong());
    const QJsonObject options = QJsonDocument::fromJson(head.value(6).toByteArray()).object();
    conversation.reasoningEffort = options.value(QStringLiteral("reasoningEffort")).toString();

    QSqlQuery messages(db);
    messages.prepare(QStringLiteral(
        "SELECT id, role, content, reasoning, model, state, finish_reason, error, usage,"
        " duration_ms, first_token_ms, created_at FROM messages WHERE conversation_id = ?"
        " ORDER BY seq, rowid"));
    messages.addBindValue(id);
    if (!run(messages, error))
        return std::nullopt;
    while (messages.next()) {
        ChatMessage message;
        message.id = messages.value(0).toString();
        message.role = messages.value(1).toString() == QLatin1String("assistant")
                           ? ChatMessage::Role::Assistant
                           : ChatMessage::Role::User;
        message.content = messages.value(2).toString();
        message.reasoning = messages.value(3).toString();
        message.model = messages.value(4).toString();
        message.state = ChatMessage::stateFromName(messages.value(5).toString());
        message.finishReason = messages.value(6).toString();
        message.error = ChatError::fromStorageJson(
            QJsonDocument::fromJson(messages.value(7).toByteArray()).object());
        message.usage = ChatUsage::fromStorageJson(
            QJsonDocument::fromJson(messages.value(8).toByteArray()).object());
        message.durationMs = messages.value(9).toLongLong();
        message.firstTokenMs = messages.value(10).toLongLong();
        message.createdAt = fromMs(messages.value(11).toLongLong());
        conversation.messages.append(message);
    }

    QSqlQuery images(db);
    images.prepare(QStringLiteral(
        "SELECT i.message_id, i.mime_type, i.data FROM images i JOIN messages m"
        " ON m.id = i.message_id WHERE m.conversation_id = ? ORDER BY i.message_id, i.seq"));
    images.addBindValue(id);
    if (!run(images, error))
        return std::nullopt;
    while (images.next()) {
        const QString messageId = images.value(0).toString();
        for (ChatMessage &message : conversation.messages) {
            if (message.id == messageId) {
                message.images.append(
                    ChatImage{images.value(1).toByteArray(), images.value(2).toByteArray()});
                break;
            }
        }
    }
    return conversation;
}

bool ConversationDatabase::saveConversation(const Conversation &conversation, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO conversations (id, title, custom_title, system_prompt, model, created_at,"
        " updated_at, options) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
        " title = excluded.title, custom_title = excluded.custom_title,"
        " system_prompt = excluded.system_prompt, model = excluded.model,"
        " updated_at = excluded.updated_at, options = excluded.options"));
    query.addBindValue(text(conversation.id));
    query.addBindValue(text(conversation.title));
    query.addBindValue(conversation.customTitle ? 1 : 0);
    query.addBindValue(text(conversation.systemPrompt));
    query.addBindValue(text(conversation.model));
    query.addBindValue(toMs(conversation.createdAt));
    query.addBindValue(toMs(conversation.updatedAt));
    QJsonObject options;
    if (!conversation.reasoningEffort.isEmpty())
        options.insert(QStringLiteral("reasoningEffort"), conversation.reasoningEffort);
    query.addBindValue(options.isEmpty() ? QStringLiteral("")
                                         : QString::fromUtf8(QJsonDocument(options).toJson(
                                               QJsonDocument::Compact)));
    return run(query, error);
}

bool ConversationDatabase::saveMessage(const QString &conversationId, int seq,
                                       const ChatMessage &message, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO messages (id, conversation_id, seq, role, content, reasoning, model, state,"
        " finish_reason, error, usage, duration_ms, first_token_ms, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
        " seq = excluded.seq, content = excluded.content, reasoning = excluded.reasoning,"
        " model = excluded.model, state = excluded.state,"
        " finish_reason = excluded.finish_reason, error = excluded.error,"
        " usage = excluded.usage, duration_ms = excluded.duration_ms,"
        " first_token_ms = excluded.first_token_ms"));
    query.addBindValue(text(message.id));
    query.addBindValue(text(conversationId));
    query.addBindValue(seq);
    query.addBindValue(QLatin1String(roleName(message.role)));
    query.addBindValue(text(message.content));
    query.addBindValue(text(message.reasoning));
    query.addBindValue(text(message.model));
    query.addBindValue(ChatMessage::stateName(message.state));
    query.addBindValue(text(message.finishReason));
    query.addBindValue(message.error.isError() ? json(message.error.toStorageJson()) : text({}));
    query.addBindValue(message.usage.isValid() ? json(message.usage.toStorageJson()) : text({}));
    query.addBindValue(message.durationMs);
    query.addBindValue(message.firstTokenMs);
    query.addBindValue(toMs(message.createdAt));
    bool ok = run(query, error);
    if (ok) {
        QSqlQuery clear(db);
        clear.prepare(QStringLiteral("DELETE FROM images WHERE message_id = ?"));
        clear.addBindValue(text(message.id));
        ok = run(clear, error);
    }
    for (qsizetype i = 0; ok && i < message.images.size(); ++i) {
        QSqlQuery image(db);
        image.prepare(QStringLiteral(
            "INSERT INTO images (message_id, seq, mime_type, data) VALUES (?, ?, ?, ?)"));
        image.addBindValue(text(message.id));
        image.addBindValue(int(i));
        image.addBindValue(QString::fromLatin1(message.images[i].mimeType));
        image.addBindValue(message.images[i].data);
        ok = run(image, error);
    }
    if (!ok) {
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    return true;
}

bool ConversationDatabase::deleteMessages(const QStringList &messageIds, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    for (const QString &id : messageIds) {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("DELETE FROM messages WHERE id = ?"));
        query.addBindValue(id);
        if (!run(query, error)) {
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

bool ConversationDatabase::rename(const QString &id, const QString &title, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("UPDATE conversations SET title = ?, custom_title = 1 WHERE id = ?"));
    query.addBindValue(text(title));
    query.addBindValue(id);
    return run(query, error);
}

bool ConversationDatabase::setTrashed(const QString &id, bool trashed, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE conversations SET trashed = ? WHERE id = ?"));
    query.addBindValue(trashed ? 1 : 0);
    query.addBindValue(id);
    return run(query, error);
}

bool ConversationDatabase::purgeTrash(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    return runSql(db, QStringLiteral("DELETE FROM conversations WHERE trashed = 1"), error);
}

bool ConversationDatabase::remove(const QString &id, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM conversations WHERE id = ?"));
    query.addBindValue(id);
    return run(query, error);
}

QString ConversationDatabase::setting(const QString &key, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    query.addBindValue(text(key));
    if (!run(query, error) || !query.next())
        return {};
    return query.value(0).toString();
}

bool ConversationDatabase::setSetting(const QString &key, const QString &value, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"
                                 " ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    query.addBindValue(text(key));
    query.addBindValue(text(value));
    return run(query, error);
}
