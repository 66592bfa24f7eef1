#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

/// HTTP header fields as (name, value) pairs, in the order they were sent or are to be sent.
using HeaderList = QList<QPair<QByteArray, QByteArray>>;
