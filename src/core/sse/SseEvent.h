#pragma once

#include <QByteArray>

/// One Server-Sent Event, or one comment line (`: keep-alive`), as read off the wire.
struct SseEvent
{
    QByteArray event;   ///< the `event:` field; empty means the default "message"
    QByteArray data;    ///< `data:` lines joined with '\n'
    QByteArray id;      ///< the `id:` field, if any
    QByteArray comment; ///< text after ':' on a comment line
    bool isComment = false;

    /// Serialises the event back to wire form, ending with the blank line.
    QByteArray toWire() const;
};
