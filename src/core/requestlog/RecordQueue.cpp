#include "RecordQueue.h"

#include <QMutexLocker>

RecordQueue::RecordQueue(int maxRecords, qint64 maxBytes)
    : m_maxRecords(maxRecords), m_maxBytes(maxBytes)
{}

qint64 RecordQueue::footprint(const RequestRecord &r)
{
    // Strings count two bytes per character; the fixed part is sizeof the struct.
    return qint64(sizeof(RequestRecord)) + r.id.size() +
           2 * (r.userAgent.size() + r.method.size() + r.path.size() + r.format.size() +
                r.requestedModel.size() + r.providerId.size() + r.upstreamModel.size() +
                r.errorMessage.size()) +
           r.requestBody.size() + r.responseBody.size();
}

bool RecordQueue::push(RequestRecord &&record)
{
    const qint64 bytes = footprint(record);
    QMutexLocker lock(&m_mutex);
    if (m_records.size() >= m_maxRecords || m_bytes + bytes > m_maxBytes) {
        ++m_dropped;
        return false;
    }
    const bool wasEmpty = m_records.isEmpty();
    m_records.append(std::move(record));
    m_bytes += bytes;
    ++m_accepted;
    // Only a writer idle on an empty queue needs waking; one letting a batch gather is left
    // alone, so a busy gateway does not pay a wake-up per request.
    if (wasEmpty && m_waiting == Waiting::ForRecords)
        m_writerWake.wakeOne();
    return true;
}

int RecordQueue::take(QList<RequestRecord> *out, int max)
{
    QMutexLocker lock(&m_mutex);
    const int n = int(qMin<qsizetype>(max, m_records.size()));
    if (n == 0)
        return 0;
    if (n == m_records.size() && out->isEmpty()) {
        out->swap(m_records);
        m_bytes = 0;
        return n;
    }
    for (int i = 0; i < n; ++i) {
        m_bytes -= footprint(m_records.at(i));
        out->append(std::move(m_records[i]));
    }
    m_records.remove(0, n);
    return n;
}

int RecordQueue::size() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_records.size());
}

void RecordQueue::waitForRecords(QDeadlineTimer deadline)
{
    QMutexLocker lock(&m_mutex);
    m_waiting = Waiting::ForRecords;
    while (m_records.isEmpty() && !m_woken) {
        if (!m_writerWake.wait(&m_mutex, deadline))
            break;
    }
    m_waiting = Waiting::No;
    m_woken = false;
}

void RecordQueue::sleep(QDeadlineTimer deadline)
{
    QMutexLocker lock(&m_mutex);
    m_waiting = Waiting::Sleeping;
    while (!m_woken) {
        if (!m_writerWake.wait(&m_mutex, deadline))
            break;
    }
    m_waiting = Waiting::No;
    m_woken = false;
}

void RecordQueue::wake()
{
    QMutexLocker lock(&m_mutex);
    m_woken = true;
    m_writerWake.wakeAll();
}

void RecordQueue::markHandled(int count)
{
    QMutexLocker lock(&m_mutex);
    m_handled += count;
    m_handledChanged.wakeAll();
}

bool RecordQueue::waitUntilHandled(QDeadlineTimer deadline)
{
    QMutexLocker lock(&m_mutex);
    const qint64 target = m_accepted;
    while (m_handled < target) {
        if (!m_handledChanged.wait(&m_mutex, deadline))
            return m_handled >= target;
    }
    return true;
}

qint64 RecordQueue::droppedWhenFull() const
{
    QMutexLocker lock(&m_mutex);
    return m_dropped;
}

qint64 RecordQueue::accepted() const
{
    QMutexLocker lock(&m_mutex);
    return m_accepted;
}
