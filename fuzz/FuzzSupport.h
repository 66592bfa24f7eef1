#pragma once

#include "api/GatewayError.h"
#include "sse/SseEvent.h"

#include <QByteArray>
#include <QList>

#include <QJsonObject>

class JsonTree;

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>

/// Helpers shared by the libFuzzer harnesses: how they cut their input into pieces, and the
/// properties they check on what the code under test produced (a broken property aborts, so
/// libFuzzer keeps the input as a crash).
namespace FuzzSupport {

/// Aborts the run with `what` (and an excerpt of `detail`) on stderr when `ok` is false.
void check(bool ok, const char *what, const QByteArray &detail = {});

/// The input as a QByteArray (deep copy: ASan then sees reads past its end).
QByteArray bytes(const uint8_t *data, size_t size);

/// Splits `input` at its first NUL byte: the part before goes to `*head`, the rest to `*tail`.
/// Without a NUL, all of it is the tail.
void splitAtNul(const QByteArray &input, QByteArray *head, QByteArray *tail);

/// Cuts `bytes` into pieces whose sizes come from a small generator seeded with `seed`, so that
/// each input is also tried with its own, reproducible, network-like split.
QList<QByteArray> pieces(const QByteArray &bytes, uint32_t seed);

/// True when `json` is one complete JSON object.
bool isJsonObject(const QByteArray &json);

/// Parses everything a client would receive on a stream. Checks that it is framed SSE (it ends
/// after a complete event) and, when `jsonData`, that every data payload is a JSON object or
/// the OpenAI terminator `[DONE]`. Returns the events.
QList<SseEvent> checkClientStream(const QByteArray &wire, bool jsonData);

/// Checks an error the gateway would send: a status in `minStatus`..599, words, and a JSON
/// body (and a framed stream event) in `format`.
void checkError(const GatewayError &error, ApiFormat format, int minStatus,
                const QByteArray &input);

/// Checks that a chat validator decides the checked tree of `body` (JsonTree::parseChecked, as
/// ChatEndpoint reads large bodies) as it decides `whole`, Qt's parse of it: both valid, or
/// both refused for the same field with the same message.
void checkTreeValidatesAlike(
    const QByteArray &body, const QJsonObject &whole,
    const std::function<std::optional<GatewayError>(const QJsonObject &)> &validateWhole,
    const std::function<std::optional<GatewayError>(const JsonTree &)> &validateTree);

} // namespace FuzzSupport
