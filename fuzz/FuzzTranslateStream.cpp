// libFuzzer harness: the stream side of every translator. Input: one byte that picks the
// client API and provider (TranslatorCases), one byte that picks how the network cuts the
// stream and how the call ends, then the client's request JSON, a NUL, and the upstream's SSE
// bytes. The bytes run through SseParser and translateEvent as GatewayCall relays them, and
// the stream ends with finishStream() or streamError() as GatewayCall ends it.
//
// Checked: every piece written to the client is whole SSE events; for translated streams
// every data payload is JSON. With LLMGW_FUZZ_STRICT=1 in the environment, also the event
// grammar the clients parse: Anthropic's message_start / content blocks / message_stop order,
// Responses' sequence numbers and single terminal event, OpenAI's single final [DONE].
#include "FuzzSupport.h"
#include "TranslatorCases.h"
#include "sse/SseParser.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdlib>

using FuzzSupport::check;

namespace {

bool strictGrammar()
{
    static const bool strict = qEnvironmentVariableIntValue("LLMGW_FUZZ_STRICT") != 0;
    return strict;
}

void checkAnthropicGrammar(const QList<SseEvent> &events, const QByteArray &wire)
{
    bool started = false;
    bool stopped = false;
    bool errored = false;
    int nextBlock = 0;
    int openBlock = -1;
    for (const SseEvent &e : events) {
        if (e.isComment || e.event == "ping")
            continue;
        check(!stopped && !errored, "an event after message_stop or error", wire);
        const QJsonObject data = QJsonDocument::fromJson(e.data).object();
        check(data.value(QStringLiteral("type")).toString().toUtf8() == e.event,
              "an event whose data type differs from its name", wire);
        const int index = data.value(QStringLiteral("index")).toInt(-1);
        if (e.event == "error") {
            errored = true;
        } else if (e.event == "message_start") {
            check(!started, "a second message_start", wire);
            started = true;
        } else {
            check(started, "an event before message_start", wire);
            if (e.event == "content_block_start") {
                check(openBlock < 0, "a block started while another is open", wire);
                check(index == nextBlock, "content blocks not numbered 0, 1, 2...", wire);
                openBlock = index;
                ++nextBlock;
            } else if (e.event == "content_block_delta") {
                check(openBlock >= 0 && index == openBlock, "a delta for a block not open", wire);
            } else if (e.event == "content_block_stop") {
                check(openBlock >= 0 && index == openBlock, "a stop for a block not open", wire);
                openBlock = -1;
            } else if (e.event == "message_delta") {
                check(openBlock < 0, "message_delta while a block is open", wire);
            } else if (e.event == "message_stop") {
                check(openBlock < 0, "message_stop while a block is open", wire);
                stopped = true;
            }
        }
    }
    check(stopped || errored, "a finished stream without message_stop or error", wire);
}

void checkResponsesGrammar(const QList<SseEvent> &events, const QByteArray &wire)
{
    qint64 expected = -1;
    bool terminal = false;
    bool first = true;
    for (const SseEvent &e : events) {
        if (e.isComment)
            continue;
        check(!terminal, "an event after the terminal response event", wire);
        const QJsonObject data = QJsonDocument::fromJson(e.data).object();
        const QString type = data.value(QStringLiteral("type")).toString();
        check(type.toUtf8() == e.event, "an event whose data type differs from its name", wire);
        const qint64 sequence = data.value(QStringLiteral("sequence_number")).toInteger(-1);
        check(sequence >= 0, "an event without sequence_number", wire);
        check(expected < 0 || sequence == expected, "sequence numbers not consecutive", wire);
        expected = sequence + 1;
        if (first && type != QStringLiteral("error"))
            check(type == QStringLiteral("response.created"), "the first event is not created",
                  wire);
        first = false;
        terminal = type == QStringLiteral("response.completed") ||
                   type == QStringLiteral("response.incomplete") ||
                   type == QStringLiteral("response.failed");
    }
    check(terminal, "a finished stream without its terminal event", wire);
}

void checkOpenAiGrammar(const QList<SseEvent> &events, const QByteArray &wire)
{
    bool done = false;
    bool errored = false;
    for (const SseEvent &e : events) {
        if (e.isComment)
            continue;
        check(!done, "an event after [DONE]", wire);
        if (e.data == "[DONE]") {
            done = true;
            continue;
        }
        const QJsonObject data = QJsonDocument::fromJson(e.data).object();
        errored = data.contains(QStringLiteral("error"));
        check(data.contains(QStringLiteral("choices")) || errored,
              "a chunk with neither choices nor error", wire);
    }
    check(done || errored, "a finished stream without [DONE] or an error", wire);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const TranslatorCase &c = TranslatorCases::at(data[0]);
    if (!c.streams)
        return 0;
    const uint8_t mode = data[1];
    QByteArray requestJson;
    QByteArray upstream;
    FuzzSupport::splitAtNul(FuzzSupport::bytes(data + 2, size - 2), &requestJson, &upstream);
    const ApiFormat format = clientFormat(c.api);

    std::unique_ptr<ChatTranslator> translator = TranslatorCases::prepare(c, requestJson, true);
    if (!translator)
        return 0;

    SseParser parser;
    QByteArray wire;
    const auto relay = [&](const QByteArray &piece) {
        for (const SseEvent &event : parser.feed(piece)) {
            const QByteArray out = translator->translateEvent(event);
            FuzzSupport::checkClientStream(out, !c.passthrough);
            wire += out;
        }
    };
    for (const QByteArray &piece : FuzzSupport::pieces(upstream, mode * 40503u + 1))
        relay(piece);

    // How the call ends, as GatewayCall ends it: the connection broke (mode bit 0), or it
    // closed normally and the last event lacked its blank line.
    const bool broken = mode & 1;
    if (!broken && parser.hasPartialEvent())
        relay(QByteArrayLiteral("\n\n"));
    QByteArray tail;
    if (!broken && translator->isStreamComplete()) {
        tail = translator->finishStream();
    } else {
        const GatewayError error =
            GatewayError::make(GatewayErrorCode::UpstreamBadResponse,
                               QStringLiteral("Provider 'p' ended the stream early."));
        // Empty when the stream already ended (a Responses stream after its terminal event):
        // the strict grammar checks below see that every stream has its end.
        tail = translator->streamError(error, format);
    }
    FuzzSupport::checkClientStream(tail, !c.passthrough);
    wire += tail;
    const QList<SseEvent> events = FuzzSupport::checkClientStream(wire, !c.passthrough);
    if (strictGrammar() && !c.passthrough) {
        if (format == ApiFormat::Anthropic)
            checkAnthropicGrammar(events, wire);
        else if (format == ApiFormat::Responses)
            checkResponsesGrammar(events, wire);
        else
            checkOpenAiGrammar(events, wire);
    }
    return 0;
}
