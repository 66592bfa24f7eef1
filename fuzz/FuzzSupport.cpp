#include "FuzzSupport.h"

#include "api/JsonTree.h"
#include "sse/SseParser.h"

#include <QJsonDocument>

#include <cstdio>
#include <cstdlib>

namespace FuzzSupport {

void check(bool ok, const char *what, const QByteArray &detail)
{
    if (ok)
        return;
    std::fprintf(stderr, "FUZZ CHECK FAILED: %s\n", what);
    if (!detail.isEmpty())
        std::fprintf(stderr, "  detail (%lld bytes): %s\n", static_cast<long long>(detail.size()),
                     detail.left(2000).toPercentEncoding(" :/{}[]\",").constData());
    std::abort();
}

QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

void splitAtNul(const QByteArray &input, QByteArray *head, QByteArray *tail)
{
    const qsizetype nul = input.indexOf('\0');
    if (nul < 0) {
        head->clear();
        *tail = input;
        return;
    }
    *head = input.left(nul);
    *tail = input.mid(nul + 1);
}

QList<QByteArray> pieces(const QByteArray &bytes, uint32_t seed)
{
    // xorshift32: cheap, deterministic, never zero for a non-zero seed.
    uint32_t state = seed | 1u;
    QList<QByteArray> out;
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        // Mostly tiny pieces (where split bugs live), now and then a large one.
        const qsizetype size =
            (state & 7u) == 0 ? qsizetype(state >> 20) + 1 : qsizetype((state >> 8) % 5u) + 1;
        out.append(bytes.mid(pos, size));
        pos += size;
    }
    return out;
}

bool isJsonObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    return error.error == QJsonParseError::NoError && doc.isObject();
}

QList<SseEvent> checkClientStream(const QByteArray &wire, bool jsonData)
{
    if (wire.isEmpty())
        return {};
    check(wire.endsWith("\n\n"), "a client stream must end with a complete event", wire.right(400));
    SseParser parser;
    const QList<SseEvent> events = parser.feed(wire);
    check(!parser.hasPartialEvent(), "a client stream must not end inside an event",
          wire.right(400));
    if (jsonData) {
        for (const SseEvent &event : events) {
            if (event.isComment || event.data == "[DONE]")
                continue;
            check(isJsonObject(event.data), "every data payload sent to a client must be JSON",
                  event.data);
        }
    }
    return events;
}

void checkError(const GatewayError &error, ApiFormat format, int minStatus, const QByteArray &input)
{
    const int status = error.httpStatus();
    check(status >= minStatus && status <= 599, "an error with an unexpected status", input);
    check(!error.message.trimmed().isEmpty(), "an error without words", input);
    const ErrorReply reply = ErrorRenderer::reply(error, format);
    check(reply.status == status, "the rendered status differs from the error's", input);
    check(isJsonObject(reply.body), "an error body that is not JSON", reply.body);
    checkClientStream(ErrorRenderer::streamEvent(error, format), true);
}

void checkTreeValidatesAlike(
    const QByteArray &body, const QJsonObject &whole,
    const std::function<std::optional<GatewayError>(const QJsonObject &)> &validateWhole,
    const std::function<std::optional<GatewayError>(const JsonTree &)> &validateTree)
{
    const std::optional<JsonTree> tree = JsonTree::parseChecked(body);
    if (!tree)
        return; // ChatEndpoint then reads the body with Qt
    const std::optional<GatewayError> onWhole = validateWhole(whole);
    const std::optional<GatewayError> onTree = validateTree(*tree);
    check(onWhole.has_value() == onTree.has_value(),
          "the tree is judged differently from Qt's parse", body);
    if (onWhole)
        check(onWhole->param == onTree->param && onWhole->message == onTree->message,
              "the tree is refused with another field or message than Qt's parse", body);
}

} // namespace FuzzSupport
