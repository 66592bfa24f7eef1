#pragma once

#include <QElapsedTimer>

/// Milliseconds on the monotonic clock; comparable across every object in the test process,
/// so a client's arrival times can be set against the fake upstream's send times.
inline qint64 monotonicNowMs()
{
    QElapsedTimer timer;
    timer.start();
    return timer.msecsSinceReference();
}
