#pragma once

#include "providers/TokenUsage.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

/// What one gateway request did, for the log and the GUI. Holds no secrets and no bodies.
struct CallRecord
{
    QDateTime startedAt;
    QString userAgent;
    QString method;
    QString path;
    QString requestedModel;
    QString providerId;
    QString upstreamModel;
    bool stream = false;
    int status = 0; ///< the status the client got; 499 when the client left first
    QString errorMessage;
    qint64 latencyMs = 0;
    qint64 firstTokenMs = -1; ///< time to the first streamed bytes, -1 if none
    TokenUsage usage;
    qint64 requestBytes = 0;
    qint64 responseBytes = 0;
};

Q_DECLARE_METATYPE(CallRecord)
