#pragma once

#include "Conversation.h"
#include "ConversationDatabase.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class QThread;

/// The chat history for the GUI thread: every read and write runs on the store's own thread
/// (a slow disk never stalls the window), in the order they were asked; answers come back as
/// callbacks in the asking object's thread. Write failures are reported once through problem().
class ConversationStore : public QObject
{
    Q_OBJECT

public:
    using ListCallback = std::function<void(const QList<ConversationSummary> &)>;
    using LoadCallback = std::function<void(const std::optional<Conversation> &)>;
    using TextCallback = std::function<void(const QString &)>;

    /// `path`: the SQLite file; defaultPath() in the app.
    explicit ConversationStore(const QString &path, QObject *parent = nullptr);
    /// Runs what is queued, closes the file and joins the thread.
    ~ConversationStore() override;

    /// chats.db in AppDataLocation (beside the request log).
    static QString defaultPath();
    QString path() const { return m_path; }

    /// Opens the file (recovering a damaged one); opened() reports how it went. Conversations
    /// left in the trash by an earlier run are deleted for good then.
    void open();
    bool isOpen() const { return m_opened && m_report.ok; }
    ConversationOpenReport openReport() const { return m_report; }

    void list(const QString &search, QObject *context, ListCallback done);
    void load(const QString &id, QObject *context, LoadCallback done);
    void saveConversation(const Conversation &conversation);
    void saveMessage(const QString &conversationId, int seq, const ChatMessage &message);
    void deleteMessages(const QStringList &messageIds);
    void rename(const QString &id, const QString &title);
    /// Hides (or restores) a conversation; it is deleted for good at the next start, or now
    /// with purgeTrash(). This is what makes "Undo" after a delete possible.
    void setTrashed(const QString &id, bool trashed);
    void purgeTrash();
    /// Writes the conversation as Markdown to `filePath`; `done` gets an error text or "".
    void exportMarkdown(const QString &id, const QString &filePath, QObject *context,
                        TextCallback done);
    void setting(const QString &key, QObject *context, TextCallback done);
    void setSetting(const QString &key, const QString &value);

Q_SIGNALS:
    void opened(const ConversationOpenReport &report);
    /// The list of conversations changed (a save, rename, trash or restore).
    void conversationsChanged();
    /// A write failed; in plain words. Not repeated for every failure in a row.
    void problem(const QString &message);

private:
    /// Runs `work` on the store's thread with the database.
    void post(std::function<void(ConversationDatabase &)> work);
    /// From the store's thread: reports a failed write (once until one succeeds).
    void reportWrite(bool ok, const QString &error);
    template <typename Result>
    void reply(const QPointer<QObject> &context, std::function<void(const Result &)> done,
               Result result);

    QString m_path;
    QThread *m_thread;
    QObject *m_worker; ///< lives in m_thread; the context of the posted work
    std::unique_ptr<ConversationDatabase> m_database; ///< used on m_thread only
    ConversationOpenReport m_report;
    bool m_opened = false;
    bool m_writeFailing = false; ///< touched on m_thread only
};
