#pragma once

#include "RequestRecord.h"

#include <QList>
#include <QMetaType>

/// A record as the request log holds it: `seq` orders rows by the time they were written and
/// addresses one row (its bodies, the detail view).
struct StoredRecord
{
    qint64 seq = 0;
    RequestRecord record;
};

Q_DECLARE_METATYPE(StoredRecord)
