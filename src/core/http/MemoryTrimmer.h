#pragma once

#include <QObject>

class QTimer;

/// Gives freed heap memory back to the system after large buffers are released (glibc keeps
/// it otherwise: after a burst of large uploads the process would stay at its peak). Trims a
/// short while after the last large release, and at least every few seconds under steady load.
/// Does nothing where the C library has no malloc_trim.
class MemoryTrimmer : public QObject
{
    Q_OBJECT

public:
    explicit MemoryTrimmer(QObject *parent = nullptr);

    /// `bytes` of a large buffer were freed.
    void noteReleased(qint64 bytes);

    /// How often memory was trimmed (for tests and diagnostics).
    int trimCount() const { return m_trims; }

private:
    void trim();

    QTimer *m_timer;
    qint64 m_pendingBytes = 0;
    qint64 m_firstPendingMs = 0;
    int m_trims = 0;
};
