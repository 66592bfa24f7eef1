#pragma once

#include "Conversation.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

/// How opening the chat history went: a damaged file is set aside and what could be read is
/// carried into a new one.
struct ConversationOpenReport
{
    bool ok = false;         ///< the history can be used (possibly after a recovery)
    QString problem;         ///< in plain words; empty when the file opened cleanly
    QString damagedFilePath; ///< where a damaged file was kept
    int recoveredConversations = 0;
    int recoveredMessages = 0;
};

/// The chat history in SQLite (its own file, e.g. chats.db in AppDataLocation): conversations,
/// their messages and images, and a few chat settings. Synchronous; used from one thread only
/// (ConversationStore runs it on its worker thread).
class ConversationDatabase
{
public:
    static constexpr int kSchemaVersion = 1;

    ConversationDatabase();
    ~ConversationDatabase();
    ConversationDatabase(const ConversationDatabase &) = delete;
    ConversationDatabase &operator=(const ConversationDatabase &) = delete;

    /// Opens or creates the file. A damaged file is renamed aside and recovered into a new one.
    ConversationOpenReport open(const QString &path);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }

    /// Conversations not in the trash, newest first; with `search`, only those whose title or
    /// text contains it (case-insensitive for Latin letters), each with a snippet.
    QList<ConversationSummary> list(const QString &search = {}, QString *error = nullptr);
    std::optional<Conversation> load(const QString &id, QString *error = nullptr);

    /// Inserts or updates the conversation's own fields (not its messages).
    bool saveConversation(const Conversation &conversation, QString *error = nullptr);
    /// Inserts or updates one message at position `seq`, with its images.
    bool saveMessage(const QString &conversationId, int seq, const ChatMessage &message,
                     QString *error = nullptr);
    bool deleteMessages(const QStringList &messageIds, QString *error = nullptr);
    bool rename(const QString &id, const QString &title, QString *error = nullptr);
    /// A conversation in the trash is hidden from list() until restored or purged.
    bool setTrashed(const QString &id, bool trashed, QString *error = nullptr);
    bool purgeTrash(QString *error = nullptr);
    bool remove(const QString &id, QString *error = nullptr);

    QString setting(const QString &key, QString *error = nullptr);
    bool setSetting(const QString &key, const QString &value, QString *error = nullptr);

    /// Creates the tables in an empty database (also used by the recovery).
    static bool createSchema(QSqlDatabase &db, QString *error);

private:
    bool openConnection(const QString &path, QString *error);
    bool integrityOk(QString *detail);

    QString m_connectionName;
    QString m_path;
};
