#include "RecordingSink.h"

#include <QTest>

void RecordingSink::requestStarted(const RequestRecord &record)
{
    QMutexLocker lock(&m_mutex);
    m_started.append(record);
}

void RecordingSink::requestFinished(const RequestRecord &record)
{
    QMutexLocker lock(&m_mutex);
    m_finished.append(record);
}

QList<RequestRecord> RecordingSink::started() const
{
    QMutexLocker lock(&m_mutex);
    return m_started;
}

QList<RequestRecord> RecordingSink::finished() const
{
    QMutexLocker lock(&m_mutex);
    return m_finished;
}

QList<RequestRecord> RecordingSink::finishedWithId(const QByteArray &id) const
{
    QMutexLocker lock(&m_mutex);
    QList<RequestRecord> out;
    for (const RequestRecord &record : m_finished) {
        if (record.id == id)
            out.append(record);
    }
    return out;
}

bool RecordingSink::waitForFinished(const QByteArray &id, int timeoutMs) const
{
    return QTest::qWaitFor([&] { return !finishedWithId(id).isEmpty(); }, timeoutMs);
}

bool RecordingSink::waitForFinishedCount(int count, int timeoutMs) const
{
    return QTest::qWaitFor([&] { return finished().size() >= count; }, timeoutMs);
}

void RecordingSink::clear()
{
    QMutexLocker lock(&m_mutex);
    m_started.clear();
    m_finished.clear();
}
