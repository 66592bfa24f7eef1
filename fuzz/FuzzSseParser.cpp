// libFuzzer harness: the SSE parser every upstream stream goes through. The input is the
// upstream's bytes; the parser must give the same events however the network cuts them, and
// each event must survive a round trip through SseEvent::toWire (how the passthroughs forward
// events to clients).
#include "FuzzSupport.h"
#include "sse/SseParser.h"

using FuzzSupport::check;

namespace {

QByteArray describe(const QList<SseEvent> &events)
{
    QByteArray out;
    for (const SseEvent &e : events) {
        if (e.isComment)
            out += "comment[" + e.comment + "]\n";
        else
            out += "event[" + e.event + "] id[" + e.id + "] data[" + e.data + "]\n";
    }
    return out;
}

QList<SseEvent> feedAll(const QList<QByteArray> &pieces, bool *partial)
{
    SseParser parser;
    QList<SseEvent> events;
    for (const QByteArray &piece : pieces)
        events += parser.feed(piece);
    *partial = parser.hasPartialEvent();
    return events;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = FuzzSupport::bytes(data, size);

    bool wholePartial = false;
    const QList<SseEvent> whole = feedAll({input}, &wholePartial);
    const QByteArray expected = describe(whole);

    bool splitPartial = false;
    const QList<SseEvent> split =
        feedAll(FuzzSupport::pieces(input, uint32_t(size) * 2654435761u), &splitPartial);
    check(describe(split) == expected, "events differ when the stream is split", input);
    check(splitPartial == wholePartial, "partial-event state differs when split", input);

    if (size <= 1024) {
        QList<QByteArray> single;
        for (const char c : input)
            single.append(QByteArray(1, c));
        bool singlePartial = false;
        check(describe(feedAll(single, &singlePartial)) == expected,
              "events differ when the stream comes byte by byte", input);
        check(singlePartial == wholePartial, "partial-event state differs byte by byte", input);
    }

    for (const SseEvent &e : whole) {
        check(!e.event.contains('\n') && !e.event.contains('\r'), "a line end in an event name",
              input);
        check(!e.id.contains('\n') && !e.id.contains('\r'), "a line end in an event id", input);
        check(!e.data.contains('\r'), "a CR in event data", input);
        check(!e.comment.contains('\n') && !e.comment.contains('\r'), "a line end in a comment",
              input);
        // What a passthrough forwards must parse back into the same event.
        bool partial = false;
        const QList<SseEvent> again = feedAll({e.toWire()}, &partial);
        check(!partial && describe(again) == describe({e}), "toWire does not round-trip",
              e.toWire());
    }
    return 0;
}
