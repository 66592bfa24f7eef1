#pragma once

#include "RecordQueue.h"
#include "RequestLogSink.h"
#include "RequestLogStatus.h"
#include "StoredRecord.h"
#include "config/GatewayConfig.h"

#include <QMutex>
#include <QObject>

#include <atomic>
#include <functional>

class QThread;
class RequestLogWriter;

/// The request log (SPEC §6): records handed over by the gateway thread are written to
/// requests.db by a thread of its own, in batched transactions, and old ones are deleted by
/// age and count. The gateway never waits for it: when the disk is full or the file locked
/// or damaged, records are dropped and counted and status() says what is wrong.
class RequestLogStore : public QObject, public RequestLogSink
{
    Q_OBJECT

public:
    /// Tuning; the defaults suit the app, tests make them small.
    struct Options
    {
        int queueRecords = 20000;                ///< records waiting at most (then dropped)
        qint64 queueBytes = 64LL * 1024 * 1024;  ///< their bytes at most (bodies count)
        int maxBatch = 2000;                     ///< records per transaction at most
        int flushIntervalMs = 100;               ///< a batch gathers this long at most
        int housekeepingIntervalMs = 600 * 1000; ///< retention by age runs this often
        int reopenIntervalMs = 5000;             ///< retry opening a file that failed
        int retentionChunk = 5000;               ///< rows deleted per statement
    };

    RequestLogStore(const QString &path, const Options &options, QObject *parent = nullptr);
    explicit RequestLogStore(const QString &path, QObject *parent = nullptr);
    ~RequestLogStore() override;

    /// requests.db in the platform's data location (AppDataLocation).
    static QString defaultPath();

    /// Starts the writer thread with these settings; it opens (or creates) the file.
    void start(const RequestLogSettings &settings);
    /// New settings for the records that follow (on/off, bodies, retention).
    void applySettings(const RequestLogSettings &settings);
    /// Writes what is queued, then ends the writer thread. Called by the owner after the
    /// gateway stopped; also run by the destructor.
    void stop();
    /// Blocks the calling thread (never the gateway's) until every record handed over before
    /// the call is written or dropped; false on timeout.
    bool flush(int timeoutMs = 10000);

    RequestLogStatus status() const;
    QString path() const { return m_path; }

    // RequestLogSink, called on the gateway thread: both return at once.
    void requestStarted(const RequestRecord &record) override;
    void requestFinished(const RequestRecord &record) override;

Q_SIGNALS:
    /// A request was admitted (for a live view; nothing is stored for it). Emitted on the
    /// gateway thread: connect with a context object in your own thread.
    void requestBegan(const RequestRecord &record);
    /// The request with this id was answered (emitted on the gateway thread).
    void requestEnded(const QByteArray &id);
    /// Records were written, in this order (bodies left out). Emitted on the writer thread.
    void recordsStored(const QList<StoredRecord> &records);
    /// The state, the problem or the count of dropped records changed.
    void statusChanged(const RequestLogStatus &status);

private:
    void runWriter();
    bool openWriter(RequestLogWriter &writer);
    /// One step of retention; true when more remains to delete.
    bool housekeep(RequestLogWriter &writer, const RequestLogSettings &settings);
    void writeBatch(RequestLogWriter &writer, const RequestLogSettings &settings,
                    QList<RequestRecord> &batch);
    void onWriteFailed(RequestLogWriter &writer);
    void reportProblem(const QString &problem);
    void reportWriting();
    void dropRecords(int count);
    void updateStatus(const std::function<void(RequestLogStatus &)> &change);
    RequestLogSettings settings() const;

    const QString m_path;
    const Options m_options;
    RecordQueue m_queue;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_enabled{true};
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_flushRequests{0};
    std::atomic<int> m_settingsGeneration{0}; ///< bumped by applySettings()
    mutable QMutex m_mutex;                   ///< guards m_settings and m_status
    RequestLogSettings m_settings;
    RequestLogStatus m_status;
    qint64 m_droppedByWriter = 0; ///< writer thread only
    bool m_reopenAtOnce = false;  ///< writer thread only
};
