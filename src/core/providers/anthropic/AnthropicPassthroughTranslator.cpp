#include "AnthropicPassthroughTranslator.h"

#include "AnthropicErrorReader.h"
#include "UsageConverter.h"

#include "api/JsonTree.h"
#include "providers/ReasoningSigner.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

bool isGatewayThinking(const QJsonValue &b)
{
    const QJsonObject block = b.toObject();
    return block.value(QStringLiteral("type")).toString() == QLatin1String("thinking") &&
           ReasoningSigner::isGatewaySignature(block.value(QStringLiteral("signature")).toString());
}

/// Whether withoutGatewayThinking() would remove anything (no copies made).
bool hasGatewayThinking(const QJsonArray &messages)
{
    for (const QJsonValue &m : messages) {
        const QJsonValue content = m.toObject().value(QStringLiteral("content"));
        if (!content.isArray())
            continue;
        for (const QJsonValue &b : content.toArray()) {
            if (isGatewayThinking(b))
                return true;
        }
    }
    return false;
}

/// The same, read from the tree of the client's bytes. Only a thinking block's signature is
/// decoded (a short string, and only where a conversation has thinking).
bool hasGatewayThinking(const JsonTree::Value &messages)
{
    if (!messages.isArray())
        return false;
    for (const JsonTree::Value message : messages) {
        const JsonTree::Value content = message.member("content");
        if (!content.isArray())
            continue;
        for (const JsonTree::Value block : content) {
            if (block.member("type").equals("thinking") &&
                ReasoningSigner::isGatewaySignature(block.member("signature").toString()))
                return true;
        }
    }
    return false;
}

/// `messages` without the thinking blocks the gateway signed (reasoning of another provider,
/// e.g. from a conversation that began on DeepSeek): Anthropic checks every signature and
/// would refuse the whole request. An assistant turn left empty is dropped; Anthropic joins
/// the consecutive user turns around it. Returns how many blocks were removed.
int withoutGatewayThinking(QJsonArray &messages)
{
    int removed = 0;
    for (qsizetype i = messages.size() - 1; i >= 0; --i) {
        QJsonObject message = messages.at(i).toObject();
        const QJsonValue content = message.value(QStringLiteral("content"));
        if (!content.isArray())
            continue;
        QJsonArray kept;
        const QJsonArray blocks = content.toArray();
        for (const QJsonValue &b : blocks) {
            if (isGatewayThinking(b))
                ++removed;
            else
                kept.append(b);
        }
        if (kept.size() == blocks.size())
            continue;
        if (kept.isEmpty()) {
            messages.removeAt(i);
        } else {
            message.insert(QStringLiteral("content"), kept);
            messages.replace(i, message);
        }
    }
    return removed;
}

} // namespace

bool AnthropicPassthroughTranslator::translateRequest(const QJsonObject &clientRequest,
                                                      const QString &upstreamModel,
                                                      QByteArray *upstreamBody, GatewayError *)
{
    QJsonArray messages = clientRequest.value(QStringLiteral("messages")).toArray();
    if (clientTree() ? !hasGatewayThinking(clientTree()->root().member("messages"))
                     : !hasGatewayThinking(messages)) {
        // The client's bytes with the model name replaced: the history and the tool schemas
        // are copied, not re-serialised (a 100 KB Claude Code request is mostly those).
        if (auto spliced = clientBodyWithModel(upstreamModel)) {
            *upstreamBody = std::move(*spliced);
            return true;
        }
    }
    QJsonObject request = wholeRequest(clientRequest);
    request.insert(QStringLiteral("model"), upstreamModel);
    messages = request.value(QStringLiteral("messages")).toArray();
    if (const int removed = withoutGatewayThinking(messages)) {
        request.insert(QStringLiteral("messages"), messages);
        addNote(QStringLiteral("%1 thinking block(s) of another provider's model were left out: "
                               "Anthropic accepts only its own signed thinking.")
                    .arg(removed));
    }
    *upstreamBody = QJsonDocument(request).toJson(QJsonDocument::Compact);
    return true;
}

bool AnthropicPassthroughTranslator::translateResponse(const QByteArray &upstreamBody,
                                                       QByteArray *clientBody, GatewayError *error)
{
    const QJsonDocument doc = QJsonDocument::fromJson(upstreamBody);
    if (!doc.isObject()) {
        *error = GatewayError::make(
            GatewayErrorCode::UpstreamBadResponse,
            QStringLiteral("The Anthropic upstream answered with something that is not a JSON "
                           "object: %1")
                .arg(QString::fromUtf8(upstreamBody.left(300)).simplified()));
        return false;
    }
    m_usage = UsageConverter::fromAnthropic(doc.object().value(QStringLiteral("usage")).toObject());
    *clientBody = upstreamBody; // untouched: the client speaks the upstream's own format
    return true;
}

QByteArray AnthropicPassthroughTranslator::translateEvent(const SseEvent &event)
{
    // Only the events that carry usage or end the stream are parsed; the rest pass as read.
    if (event.event == "message_start" || event.event == "message_delta") {
        const QJsonObject data = QJsonDocument::fromJson(event.data).object();
        const QJsonObject usage = event.event == "message_start"
                                      ? data.value(QStringLiteral("message"))
                                            .toObject()
                                            .value(QStringLiteral("usage"))
                                            .toObject()
                                      : data.value(QStringLiteral("usage")).toObject();
        m_anthropicUsage = UsageConverter::merged(m_anthropicUsage, usage);
        m_usage = UsageConverter::fromAnthropic(m_anthropicUsage);
    } else if (event.event == "message_stop" || event.event == "error") {
        m_complete = true;
    }
    return event.toWire();
}

GatewayError AnthropicPassthroughTranslator::translateError(int status, const QByteArray &body,
                                                            const QByteArray &retryAfter) const
{
    return AnthropicErrorReader::read(status, body, retryAfter,
                                      AnthropicErrorReader::Audience::AnthropicClient);
}
