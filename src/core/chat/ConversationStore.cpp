#include "ConversationStore.h"

#include "ConversationMarkdown.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>

ConversationStore::ConversationStore(const QString &path, QObject *parent)
    : QObject(parent), m_path(path), m_thread(new QThread), m_worker(new QObject),
      m_database(std::make_unique<ConversationDatabase>())
{
    qRegisterMetaType<ConversationOpenReport>();
    m_thread->setObjectName(QStringLiteral("chat history"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

ConversationStore::~ConversationStore()
{
    // Everything queued runs first (the posted work is ordered), then the connection is closed
    // in the thread that made it, as QtSql requires.
    QMetaObject::invokeMethod(
        m_worker,
        [database = m_database.get()] {
            if (database->isOpen())
                database->purgeTrash();
            database->close();
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
    delete m_thread;
}

QString ConversationStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/chats.db");
}

void ConversationStore::post(std::function<void(ConversationDatabase &)> work)
{
    QMetaObject::invokeMethod(
        m_worker, [database = m_database.get(), work = std::move(work)] { work(*database); },
        Qt::QueuedConnection);
}

template <typename Result>
void ConversationStore::reply(const QPointer<QObject> &context,
                              std::function<void(const Result &)> done, Result result)
{
    // Delivered through this object (which outlives the thread), then only if the asker lives.
    QMetaObject::invokeMethod(
        this,
        [context, done = std::move(done), result = std::move(result)] {
            if (context)
                done(result);
        },
        Qt::QueuedConnection);
}

void ConversationStore::reportWrite(bool ok, const QString &error)
{
    if (ok) {
        m_writeFailing = false;
        return;
    }
    if (m_writeFailing)
        return;
    m_writeFailing = true;
    const QString message = QCoreApplication::translate(
                                "ConversationStore", "The chat history could not be saved (%1): %2")
                                .arg(QDir::toNativeSeparators(m_path), error);
    QMetaObject::invokeMethod(
        this, [this, message] { Q_EMIT problem(message); }, Qt::QueuedConnection);
}

void ConversationStore::open()
{
    post([this](ConversationDatabase &database) {
        ConversationOpenReport report = database.open(m_path);
        if (report.ok)
            database.purgeTrash();
        QMetaObject::invokeMethod(
            this,
            [this, report] {
                m_opened = true;
                m_report = report;
                Q_EMIT opened(report);
                Q_EMIT conversationsChanged();
            },
            Qt::QueuedConnection);
    });
}

void ConversationStore::list(const QString &search, QObject *context, ListCallback done)
{
    post([this, search, context = QPointer<QObject>(context),
          done = std::move(done)](ConversationDatabase &database) mutable {
        QList<ConversationSummary> result;
        if (database.isOpen())
            result = database.list(search);
        reply<QList<ConversationSummary>>(context, std::move(done), result);
    });
}

void ConversationStore::load(const QString &id, QObject *context, LoadCallback done)
{
    post([this, id, context = QPointer<QObject>(context),
          done = std::move(done)](ConversationDatabase &database) mutable {
        std::optional<Conversation> result;
        if (database.isOpen())
            result = database.load(id);
        reply<std::optional<Conversation>>(context, std::move(done), result);
    });
}

void ConversationStore::saveConversation(const Conversation &conversation)
{
    post([this, conversation](ConversationDatabase &database) {
        if (!database.isOpen())
            return;
        QString error;
        const bool ok = database.saveConversation(conversation, &error);
        reportWrite(ok, error);
        if (ok)
            QMetaObject::invokeMethod(
                this, [this] { Q_EMIT conversationsChanged(); }, Qt::QueuedConnection);
    });
}

void ConversationStore::saveMessage(const QString &conversationId, int seq,
                                    const ChatMessage &message)
{
    post([this, conversationId, seq, message](ConversationDatabase &database) {
        if (!database.isOpen())
            return;
        QString error;
        reportWrite(database.saveMessage(conversationId, seq, message, &error), error);
    });
}

void ConversationStore::deleteMessages(const QStringList &messageIds)
{
    post([this, messageIds](ConversationDatabase &database) {
        if (!database.isOpen())
            return;
        QString error;
        reportWrite(database.deleteMessages(messageIds, &error), error);
    });
}

void ConversationStore::rename(const QString &id, const QString &title)
{
    post([this, id, title](ConversationDatabase &database) {
        if (!database.isOpen())
            return;
        QString error;
        const bool ok = database.rename(id, title, &error);
        reportWrite(ok, error);
        if (ok)
            QMetaObject::invokeMethod(
                this, [this] { Q_EMIT conversationsChanged(); }, Qt::QueuedConnection);
    });
}

void ConversationStore::setTrashed(const QString &id, bool trashed)
{
    post([this, id, trashed](ConversationDatabase &database) {
        if (!database.isOpen())
            return;
        QString error;
        const bool ok = database.setTrashed(id, trashed, &error);
        reportWrite(ok, error);
        if (ok)
            QMetaObject::invokeMethod(
                this, [this] { Q_EMIT conversationsChanged(); }, Qt::QueuedConnection);
    });
}

void ConversationStore::purgeTrash()
{
    post([this](ConversationDatabase &database) {
        if (!database.isOpen())
            return;
        QString error;
        reportWrite(database.purgeTrash(&error), error);
    });
}

void ConversationStore::exportMarkdown(const QString &id, const QString &filePath, QObject *context,
                                       TextCallback done)
{
    post([this, id, filePath, context = QPointer<QObject>(context),
          done = std::move(done)](ConversationDatabase &database) mutable {
        QString error;
        const std::optional<Conversation> conversation =
            database.isOpen() ? database.load(id, &error) : std::nullopt;
        if (!conversation) {
            if (error.isEmpty())
                error = QCoreApplication::translate("ConversationStore",
                                                    "The conversation is not in the history.");
        } else {
            QSaveFile file(filePath);
            if (!file.open(QIODevice::WriteOnly) ||
                file.write(ConversationMarkdown::render(*conversation).toUtf8()) < 0 ||
                !file.commit())
                error = file.errorString();
        }
        reply<QString>(context, std::move(done), error);
    });
}

void ConversationStore::setting(const QString &key, QObject *context, TextCallback done)
{
    post([this, key, context = QPointer<QObject>(context),
          done = std::move(done)](ConversationDatabase &database) mutable {
        reply<QString>(context, std::move(done),
                       database.isOpen() ? database.setting(key) : QString());
    });
}

void ConversationStore::setSetting(const QString &key, const QString &value)
{
    post([this, key, value](ConversationDatabase &database) {
        if (!database.isOpen())
            return;
        QString error;
        reportWrite(database.setSetting(key, value, &error), error);
    });
}
