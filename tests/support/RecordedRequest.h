#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

/// One request as the fake upstream received it.
struct RecordedRequest
{
    QByteArray method;
    QByteArray path;                              ///< with the query, as sent on the request line
    QList<QPair<QByteArray, QByteArray>> headers; ///< names in lower case
    QByteArray body;
    QJsonObject json;       ///< the body parsed, when it is a JSON object
    qint64 receivedAt = -1; ///< monotonic time the request was complete (see TestClock.h)

    QByteArray header(const QByteArray &lowerCaseName) const;
    bool hasHeader(const QByteArray &lowerCaseName) const;
};
