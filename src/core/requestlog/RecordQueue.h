#pragma once

#include "RequestRecord.h"

#include <QDeadlineTimer>
#include <QList>
#include <QMutex>
#include <QWaitCondition>

/// The bounded hand-over of finished records from the gateway thread to the log's writer
/// thread. push() never waits for the writer: it takes a mutex held only for list operations
/// and, when the queue is full (by count or by bytes), drops the record and counts it.
class RecordQueue
{
public:
    RecordQueue(int maxRecords, qint64 maxBytes);

    /// Queues `record`; false when the queue is full (the record is dropped and counted).
    bool push(RequestRecord &&record);

    /// Moves up to `max` of the oldest records into `out`; returns how many.
    int take(QList<RequestRecord> *out, int max);
    int size() const;

    /// Blocks until a record is queued, wake() is called or `deadline` passes.
    void waitForRecords(QDeadlineTimer deadline);
    /// Blocks until wake() is called or `deadline` passes; new records do not end it (the
    /// writer lets a batch gather).
    void sleep(QDeadlineTimer deadline);
    /// Ends the writer's current wait at once (a flush, a stop, new settings).
    void wake();

    /// Records the writer has finished with (written or dropped) since the start.
    void markHandled(int count);
    /// Blocks until every record queued before the call has been handled, or `deadline`.
    bool waitUntilHandled(QDeadlineTimer deadline);

    /// Records refused because the queue was full, since the start.
    qint64 droppedWhenFull() const;
    qint64 accepted() const;

    /// The bytes a record holds on the heap, as counted against the byte limit.
    static qint64 footprint(const RequestRecord &record);

private:
    enum class Waiting
    {
        No,
        ForRecords,
        Sleeping
    };

    const int m_maxRecords;
    const qint64 m_maxBytes;
    mutable QMutex m_mutex;
    QWaitCondition m_writerWake;
    QWaitCondition m_handledChanged;
    QList<RequestRecord> m_records;
    qint64 m_bytes = 0;
    qint64 m_accepted = 0;
    qint64 m_handled = 0;
    qint64 m_dropped = 0;
    Waiting m_waiting = Waiting::No;
    bool m_woken = false;
};
