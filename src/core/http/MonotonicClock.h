#pragma once

#include <QtGlobal>

#include <chrono>

/// Milliseconds on a clock that never jumps (for deadlines and rates, not for dates).
inline qint64 monotonicMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
