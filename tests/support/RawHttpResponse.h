#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

/// One HTTP/1.1 response as RawHttpClient read it off the socket.
struct RawHttpResponse
{
    int status = 0;
    QByteArray reason;
    QList<QPair<QByteArray, QByteArray>> headers; ///< names in lower case
    QByteArray body;                              ///< decoded (chunks joined)
    bool chunked = false;
    QList<QByteArray> chunks; ///< each chunk's data, in order
    QList<qint64> chunkTimes; ///< monotonic arrival time of each chunk (see TestClock.h)
    qint64 headersAt = -1;    ///< monotonic time the head was complete
    qint64 finishedAt = -1;   ///< monotonic time the body was complete
    bool complete = false;    ///< the whole body (or final chunk) arrived

    QByteArray header(const QByteArray &lowerCaseName) const;
    bool hasHeader(const QByteArray &lowerCaseName) const;
    QJsonObject json() const;
    /// The `data:` payloads of an SSE body, in order (comments and other fields left out).
    QList<QByteArray> sseData() const;
    /// The SSE comment lines (without the leading colon), in order.
    QList<QByteArray> sseComments() const;
    /// The `data:` payloads parsed as JSON objects ([DONE] and non-JSON left out).
    QList<QJsonObject> sseJson() const;
};
