#pragma once

#include <QMetaType>
#include <QString>

/// How the request log is doing, for the Overview page and the log output: whether records
/// are being written, the problem in plain words (with what to do) when they are not, and
/// how many records were lost.
struct RequestLogStatus
{
    enum class State
    {
        Off,      ///< requestLog.enabled is false: nothing is written
        Starting, ///< the file is being opened
        Writing,  ///< records are written
        Failing   ///< records cannot be written now; `problem` says why
    };

    State state = State::Starting;
    QString path;    ///< the database file
    QString problem; ///< empty unless Failing
    /// Something the user should know that is over now (e.g. a damaged file set aside).
    QString notice;
    qint64 written = 0; ///< records written since the start
    qint64 dropped = 0; ///< records lost since the start (queue full, write failed)

    bool operator==(const RequestLogStatus &o) const
    {
        return state == o.state && path == o.path && problem == o.problem && notice == o.notice &&
               written == o.written && dropped == o.dropped;
    }
    bool operator!=(const RequestLogStatus &o) const { return !(*this == o); }
};

Q_DECLARE_METATYPE(RequestLogStatus)
