#pragma once

#include "requestlog/RequestLogSink.h"
#include "requestlog/RequestRecord.h"

#include <QList>
#include <QMutex>

/// A RequestLogSink that keeps every record it is given, for tests. Called from the gateway
/// thread, read from the test's: guarded by a mutex.
class RecordingSink : public RequestLogSink
{
public:
    void requestStarted(const RequestRecord &record) override;
    void requestFinished(const RequestRecord &record) override;

    QList<RequestRecord> started() const;
    QList<RequestRecord> finished() const;
    /// The finished records with this id (one, when all is well).
    QList<RequestRecord> finishedWithId(const QByteArray &id) const;
    /// Waits, spinning the event loop, until a record with this id has finished.
    bool waitForFinished(const QByteArray &id, int timeoutMs = 15000) const;
    /// Waits until at least `count` records have finished.
    bool waitForFinishedCount(int count, int timeoutMs = 15000) const;
    void clear();

private:
    mutable QMutex m_mutex;
    QList<RequestRecord> m_started;
    QList<RequestRecord> m_finished;
};
