#include "RequestLogStore.h"

#include "RequestLogWriter.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMetaMethod>
#include <QMutexLocker>
#include <QStandardPaths>
#include <QThread>

Q_LOGGING_CATEGORY(lcRequestLog, "llmgw.requestlog")

namespace {

/// The words for a write problem, with what the user can do about it.
QString problemText(SqliteProblem problem, const QString &path, const QString &detail)
{
    switch (problem) {
    case SqliteProblem::DiskFull:
        return QCoreApplication::translate(
                   "RequestLogStore",
                   "The disk that holds the request log (%1) is full, so requests are served "
                   "but not recorded. Free some disk space: recording resumes by itself.")
            .arg(path);
    case SqliteProblem::ReadOnly:
        return QCoreApplication::translate(
                   "RequestLogStore",
                   "The request log %1 cannot be written (%2), so requests are served but not "
                   "recorded. Make its folder writable, or turn the request log off in the "
                   "settings.")
            .arg(path, detail);
    case SqliteProblem::Locked:
        return QCoreApplication::translate(
                   "RequestLogStore",
                   "Another program keeps the request log %1 locked, so requests are served but "
                   "not recorded until it lets go. Close the program that holds it (another "
                   "gateway, an SQLite browser).")
            .arg(path);
    case SqliteProblem::Corrupt:
        return QCoreApplication::translate(
                   "RequestLogStore",
                   "The request log %1 is damaged (%2) and could not be moved aside, so requests "
                   "are served but not recorded. Delete the file to start a new log.")
            .arg(path, detail);
    case SqliteProblem::None:
    case SqliteProblem::Other:
        break;
    }
    return QCoreApplication::translate(
               "RequestLogStore",
               "The request log %1 cannot be written (%2), so requests are served but not "
               "recorded.")
        .arg(path, detail);
}
} // namespace

RequestLogStore::RequestLogStore(const QString &path, const Options &options, QObject *parent)
    : QObject(parent), m_path(path), m_options(options),
      m_queue(options.queueRecords, options.queueBytes)
{
    qRegisterMetaType<RequestRecord>();
    qRegisterMetaType<StoredRecord>();
    qRegisterMetaType<QList<StoredRecord>>();
    qRegisterMetaType<RequestLogStatus>();
    m_status.path = path;
}

RequestLogStore::RequestLogStore(const QString &path, QObject *parent)
    : RequestLogStore(path, Options(), parent)
{}

RequestLogStore::~RequestLogStore()
{
    stop();
}

QString RequestLogStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/requests.db");
}

void RequestLogStore::start(const RequestLogSettings &settings)
{
    if (m_thread)
        return;
    applySettings(settings);
    m_stopping = false;
    m_thread = QThread::create([this] { runWriter(); });
    m_thread->setObjectName(QStringLiteral("requestlog"));
    m_thread->start(QThread::LowPriority);
}

void RequestLogStore::applySettings(const RequestLogSettings &settings)
{
    {
        QMutexLocker lock(&m_mutex);
        m_settings = settings;
    }
    m_enabled = settings.enabled;
    ++m_settingsGeneration;
    updateStatus([&](RequestLogStatus &s) {
        if (!settings.enabled) {
            s.state = RequestLogStatus::State::Off;
            s.problem.clear();
        } else if (s.state == RequestLogStatus::State::Off) {
            s.state = RequestLogStatus::State::Starting;
        }
    });
    m_queue.wake(); // retention limits may have changed: the writer looks again
}

RequestLogSettings RequestLogStore::settings() const
{
    QMutexLocker lock(&m_mutex);
    return m_settings;
}

void RequestLogStore::stop()
{
    if (!m_thread)
        return;
    m_stopping = true;
    m_queue.wake();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

bool RequestLogStore::flush(int timeoutMs)
{
    ++m_flushRequests;
    m_queue.wake();
    const bool done = m_queue.waitUntilHandled(QDeadlineTimer(timeoutMs));
    --m_flushRequests;
    return done;
}

RequestLogStatus RequestLogStore::status() const
{
    QMutexLocker lock(&m_mutex);
    RequestLogStatus s = m_status;
    s.dropped += m_queue.droppedWhenFull();
    return s;
}

void RequestLogStore::requestStarted(const RequestRecord &record)
{
    // Nobody listening (headless): no copy, no event.
    static const QMetaMethod began = QMetaMethod::fromSignal(&RequestLogStore::requestBegan);
    if (isSignalConnected(began))
        Q_EMIT requestBegan(record);
}

void RequestLogStore::requestFinished(const RequestRecord &record)
{
    static const QMetaMethod ended = QMetaMethod::fromSignal(&RequestLogStore::requestEnded);
    if (isSignalConnected(ended))
        Q_EMIT requestEnded(record.id);
    if (!m_enabled.load(std::memory_order_relaxed))
        return;
    RequestRecord copy = record; // implicitly shared strings: no deep copy
    m_queue.push(std::move(copy));
}

void RequestLogStore::updateStatus(const std::function<void(RequestLogStatus &)> &change)
{
    RequestLogStatus before;
    RequestLogStatus after;
    {
        QMutexLocker lock(&m_mutex);
        before = m_status;
        change(m_status);
        after = m_status;
    }
    // `written` changes with every batch: on its own it is not news.
    before.written = after.written;
    if (before != after) {
        after.dropped += m_queue.droppedWhenFull();
        Q_EMIT statusChanged(after);
    }
}

void RequestLogStore::reportProblem(const QString &problem)
{
    bool isNew = false;
    updateStatus([&](RequestLogStatus &s) {
        isNew = s.problem != problem;
        s.state = RequestLogStatus::State::Failing;
        s.problem = problem;
    });
    if (isNew)
        qCWarning(lcRequestLog, "%s", qPrintable(problem));
}

void RequestLogStore::reportWriting()
{
    bool recovered = false;
    qint64 dropped = 0;
    updateStatus([&](RequestLogStatus &s) {
        recovered = s.state == RequestLogStatus::State::Failing;
        if (s.state != RequestLogStatus::State::Off)
            s.state = RequestLogStatus::State::Writing;
        s.problem.clear();
        dropped = s.dropped;
    });
    if (recovered) {
        qCInfo(lcRequestLog, "The request log %s is written again (%lld records were lost).",
               qPrintable(m_path), dropped + m_queue.droppedWhenFull());
    }
}

void RequestLogStore::dropRecords(int count)
{
    if (count <= 0)
        return;
    m_droppedByWriter += count;
    updateStatus([&](RequestLogStatus &s) { s.dropped = m_droppedByWriter; });
}

bool RequestLogStore::openWriter(RequestLogWriter &writer)
{
    if (writer.open()) {
        reportWriting();
        return true;
    }
    if (writer.problem() == SqliteProblem::Corrupt) {
        const QString detail = writer.errorText();
        const QString aside = writer.setAside();
        if (!aside.isEmpty() && writer.open()) {
            const QString notice =
                QCoreApplication::translate(
                    "RequestLogStore", "The request log %1 was damaged (%2). It was moved to %3 "
                                       "and a new log was started.")
                    .arg(m_path, detail, aside);
            qCWarning(lcRequestLog, "%s", qPrintable(notice));
            updateStatus([&](RequestLogStatus &s) { s.notice = notice; });
            reportWriting();
            return true;
        }
        reportProblem(problemText(SqliteProblem::Corrupt, m_path, detail));
        return false;
    }
    reportProblem(problemText(writer.problem(), m_path, writer.errorText()));
    return false;
}

void RequestLogStore::onWriteFailed(RequestLogWriter &writer)
{
    const SqliteProblem problem = writer.problem();
    if (problem == SqliteProblem::Corrupt) {
        writer.close();
        m_reopenAtOnce = true; // openWriter() sets the damaged file aside
        return;
    }
    reportProblem(problemText(problem, m_path, writer.errorText()));
    // A full disk or a lock may go away at any moment: the next batch tries again on the
    // open file. Anything else is retried with a fresh connection after a pause.
    if (problem != SqliteProblem::DiskFull && problem != SqliteProblem::Locked)
        writer.close();
}

void RequestLogStore::writeBatch(RequestLogWriter &writer, const RequestLogSettings &settings,
                                 QList<RequestRecord> &batch)
{
    QList<qint64> seqs;
    if (!writer.write(batch, settings.recordBodies, settings.maxBodyBytes, &seqs)) {
        dropRecords(int(batch.size()));
        onWriteFailed(writer);
        return;
    }
    {
        QMutexLocker lock(&m_mutex);
        m_status.written += batch.size();
    }
    reportWriting();
    static const QMetaMethod stored = QMetaMethod::fromSignal(&RequestLogStore::recordsStored);
    if (isSignalConnected(stored)) {
        QList<StoredRecord> out;
        out.reserve(batch.size());
        for (qsizetype i = 0; i < batch.size(); ++i) {
            StoredRecord r{seqs.at(i), std::move(batch[i])};
            r.record.requestBody.clear();
            r.record.responseBody.clear();
            out.append(std::move(r));
        }
        Q_EMIT recordsStored(out);
    }
}

bool RequestLogStore::housekeep(RequestLogWriter &writer, const RequestLogSettings &settings)
{
    const int chunk = m_options.retentionChunk;
    if (settings.retentionDays > 0) {
        const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() -
                              qint64(settings.retentionDays) * 24 * 60 * 60 * 1000;
        const int deleted = writer.deleteOlderThan(cutoff, chunk);
        if (deleted < 0) {
            onWriteFailed(writer);
            return false;
        }
        if (deleted == chunk)
            return true;
    }
    if (settings.maxRecords > 0 && writer.rowCount() > settings.maxRecords) {
        const int excess = int(qMin<qint64>(chunk, writer.rowCount() - settings.maxRecords));
        if (writer.deleteOldest(excess) < 0) {
            onWriteFailed(writer);
            return false;
        }
        if (writer.rowCount() > settings.maxRecords)
            return true;
    }
    writer.optimize();
    return false;
}

void RequestLogStore::runWriter()
{
    RequestLogWriter writer(m_path);
    QElapsedTimer clock;
    clock.start();
    qint64 nextOpenAt = 0;
    qint64 nextHousekeepingAt = 0;
    qint64 lastCommitAt = -m_options.flushIntervalMs;
    qint64 firstQueuedAt = -1; // when the batch being gathered got its first record
    QList<RequestRecord> batch;
    int settingsSeen = -1;

    for (;;) {
        const int generation = m_settingsGeneration.load();
        const RequestLogSettings s = settings();
        const bool stopping = m_stopping.load();
        const bool flushing = m_flushRequests.load() > 0;
        const qint64 now = clock.elapsed();
        if (generation != settingsSeen) {
            settingsSeen = generation;
            nextHousekeepingAt = now; // new retention limits apply at once
        }

        if (!s.enabled) {
            if (writer.isOpen())
                writer.close(); // let the user move or delete the file
            batch.clear();
            m_queue.markHandled(m_queue.take(&batch, INT_MAX));
            batch.clear();
            if (stopping)
                break;
            m_queue.waitForRecords(QDeadlineTimer(QDeadlineTimer::Forever));
            continue;
        }
        if (!writer.isOpen() && (now >= nextOpenAt || m_reopenAtOnce || flushing || stopping)) {
            m_reopenAtOnce = false;
            if (openWriter(writer))
                nextHousekeepingAt = now;
            else
                nextOpenAt = now + m_options.reopenIntervalMs;
        }
        if (writer.isOpen() && now >= nextHousekeepingAt) {
            const bool more = housekeep(writer, s);
            nextHousekeepingAt = more ? now : now + m_options.housekeepingIntervalMs;
        }

        const int queued = m_queue.size();
        if (queued == 0) {
            if (stopping)
                break;
            qint64 wakeAt = nextHousekeepingAt;
            if (!writer.isOpen())
                wakeAt = qMin(wakeAt, nextOpenAt);
            m_queue.waitForRecords(QDeadlineTimer(qMax<qint64>(0, wakeAt - clock.elapsed())));
            continue;
        }
        if (!writer.isOpen()) {
            if (stopping || flushing) {
                // No file to write to: what is queued is lost, and counted.
                batch.clear();
                const int n = m_queue.take(&batch, INT_MAX);
                batch.clear();
                dropRecords(n);
                m_queue.markHandled(n);
                if (stopping)
                    break;
                continue;
            }
            m_queue.sleep(QDeadlineTimer(qMax<qint64>(0, nextOpenAt - now)));
            continue;
        }
        // Let a batch gather: one transaction per flush interval instead of one per request.
        // The interval also runs from the batch's first record, so that a quiet gateway does
        // not write each record at the moment it finished: that is when the client sends its
        // next request, and the write would compete with it for the CPU.
        if (firstQueuedAt < 0)
            firstQueuedAt = now;
        const qint64 writeAt = qMax(lastCommitAt, firstQueuedAt) + m_options.flushIntervalMs;
        if (!stopping && !flushing && queued < m_options.maxBatch && now < writeAt) {
            m_queue.sleep(QDeadlineTimer(writeAt - now));
            continue;
        }
        firstQueuedAt = -1;
        batch.clear();
        const int n = m_queue.take(&batch, m_options.maxBatch);
        writeBatch(writer, s, batch);
        batch.clear();
        m_queue.markHandled(n);
        lastCommitAt = clock.elapsed();
        // Count retention is checked after every batch, with some slack so that a full log
        // does not pay a delete per insert.
        const qint64 slack = qMin<qint64>(s.maxRecords / 100, 10000);
        if (writer.isOpen() && s.maxRecords > 0 && writer.rowCount() > s.maxRecords + slack)
            nextHousekeepingAt = lastCommitAt;
        if (!writer.isOpen() && !m_reopenAtOnce)
            nextOpenAt = lastCommitAt + m_options.reopenIntervalMs;
    }
    writer.close();
}
