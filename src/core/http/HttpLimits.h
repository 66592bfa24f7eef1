#pragma once

#include <QtGlobal>

/// The limits the HTTP server holds its clients to; each refusal has its own status.
struct HttpLimits
{
    qint64 maxBodyBytes = 32 * 1024 * 1024; ///< one request body (413 beyond)
    int maxHeadBytes = 64 * 1024;           ///< request line + headers (431 beyond)
    int maxHeaderFields = 256;              ///< header lines (431 beyond)
    int idleTimeoutMs = 120 * 1000;         ///< a quiet connection between requests is closed; a
                                            ///< request that stops arriving gets 408
    int headTimeoutMs = 30 * 1000;          ///< the whole head must arrive within this (408)
    int minBodyBytesPerSecond = 1024;       ///< a slower body is refused with 408 (0: no minimum)
    int bodyRateGraceMs = 5 * 1000;         ///< the body rate is judged only after this long
    qint64 maxBufferedBodyBytes = 256LL * 1024 * 1024; ///< all bodies held at once (503 beyond)
    // Lingering close (as nginx does it): after an early answer the connection's input is read
    // and thrown away for a while, so the client reads the answer instead of a reset.
    int lingerTimeoutMs = 5 * 1000;              ///< ... until the client is quiet this long
    int lingerTotalMs = 30 * 1000;               ///< ... at most this long in all
    qint64 lingerMaxBytes = 256LL * 1024 * 1024; ///< ... and at most this many bytes
};
