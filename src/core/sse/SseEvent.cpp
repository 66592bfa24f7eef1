#include "SseEvent.h"

QByteArray SseEvent::toWire() const
{
    if (isComment)
        return ':' + comment + "\n\n";
    QByteArray out;
    out.reserve(data.size() + event.size() + 16);
    if (!event.isEmpty())
        out += "event: " + event + '\n';
    if (!id.isEmpty())
        out += "id: " + id + '\n';
    // A multi-line payload needs one data: field per line.
    qsizetype start = 0;
    while (true) {
        const qsizetype newline = data.indexOf('\n', start);
        out += "data: ";
        out += data.mid(start, newline < 0 ? -1 : newline - start);
        out += '\n';
        if (newline < 0)
            break;
        start = newline + 1;
    }
    out += '\n';
    return out;
}
