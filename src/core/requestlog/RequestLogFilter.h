#pragma once

#include "RequestRecord.h"

#include <QDateTime>
#include <QString>

/// Which records to show: the filters of the Logs page and of `llm-gateway logs`. The same
/// rules are applied in SQL (RequestLogReader) and to records arriving live (matches()).
struct RequestLogFilter
{
    qint64 sinceMs = -1;  ///< started at or after (ms since the epoch); -1: no bound
    qint64 untilMs = -1;  ///< started before; -1: no bound
    int statusMin = 0;    ///< inclusive; 0: any status
    int statusMax = 0;    ///< inclusive
    QString provider;     ///< exact provider id; empty: any
    QString modelPrefix;  ///< the requested model starts with this (case-sensitive)
    QString clientPrefix; ///< the client (user agent) starts with this (case-sensitive)
    /// Case-insensitive (ASCII) part of the id, path, model, upstream model, provider, client
    /// or error.
    QString text;

    bool matches(const RequestRecord &record) const;
    bool isEmpty() const;

    /// "4xx" (400-499), "404", "2xx"... into an inclusive range; false when it is neither.
    static bool parseStatus(const QString &text, int *min, int *max);
    /// "90s", "30m", "1h", "2d", "1w" before `now`, or an ISO 8601 date or date-time (local
    /// time unless it names a zone), into ms since the epoch; false when it is neither.
    static bool parseSince(const QString &text, const QDateTime &now, qint64 *ms);
};
