#include "MemoryTrimmer.h"

#include "MonotonicClock.h"

#include <QTimer>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {
// Below this, freed memory is not worth a trim (glibc returns what sits at the top anyway).
constexpr qint64 kTrimThresholdBytes = 1024 * 1024;
// Trim this long after the last large release...
constexpr int kQuietMs = 1000;
// ...but no later than this after the first one still untrimmed.
constexpr qint64 kMaxDelayMs = 5000;
} // namespace

MemoryTrimmer::MemoryTrimmer(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &MemoryTrimmer::trim);
}

void MemoryTrimmer::noteReleased(qint64 bytes)
{
#if defined(__GLIBC__)
    const qint64 now = monotonicMs();
    if (m_pendingBytes == 0)
        m_firstPendingMs = now;
    m_pendingBytes += bytes;
    if (m_pendingBytes < kTrimThresholdBytes)
        return;
    const qint64 latest = m_firstPendingMs + kMaxDelayMs;
    const qint64 due = qMin<qint64>(now + kQuietMs, latest);
    m_timer->start(int(qMax<qint64>(0, due - now)));
#else
    Q_UNUSED(bytes)
#endif
}

void MemoryTrimmer::trim()
{
    m_pendingBytes = 0;
    ++m_trims;
#if defined(__GLIBC__)
    // Returns the free pages of every arena (the gateway thread has its own) to the system.
    malloc_trim(0);
#endif
}
