#include "ResponsesPassthroughTranslator.h"

#include "ReasoningCarrier.h"
#include "ResponsesUsage.h"
#include "providers/OpenAiPassthroughTranslator.h"
#include "providers/UpstreamErrorStatus.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace {

/// The event's type: its `event:` name, which OpenAI always sends, else the data's "type".
QByteArray eventType(const SseEvent &event)
{
    if (!event.event.isEmpty())
        return event.event;
    return QJsonDocument::fromJson(event.data)
        .object()
        .value(QStringLiteral("type"))
        .toString()
        .toUtf8();
}

/// A reasoning item that carries the gateway's own thinking blocks from another provider
/// (its encrypted_content starts with the carrier's prefix).
bool isOtherReasoning(const QJsonValue &item)
{
    const QJsonObject o = item.toObject();
    return o.value(QStringLiteral("type")).toString() == QLatin1String("reasoning") &&
           ReasoningCarrier::isCarrier(o.value(QStringLiteral("encrypted_content")).toString());
}

bool carriesOtherReasoning(const QJsonObject &request)
{
    const QJsonArray input = request.value(QStringLiteral("input")).toArray();
    return std::any_of(input.begin(), input.end(), isOtherReasoning);
}

} // namespace

bool ResponsesPassthroughTranslator::translateRequest(const QJsonObject &clientRequest,
                                                      const QString &upstreamModel,
                                                      QByteArray *upstreamBody, GatewayError *)
{
    m_model = upstreamModel;
    if (!carriesOtherReasoning(clientRequest)) {
        // The client's bytes with the model name replaced: Codex's history and tool schemas
        // are copied, not re-serialised.
        if (auto spliced = clientBodyWithModel(upstreamModel)) {
            *upstreamBody = std::move(*spliced);
            return true;
        }
    }
    QJsonObject request = wholeRequest(clientRequest);
    request.insert(QStringLiteral("model"), upstreamModel);
    const QJsonValue input = request.value(QStringLiteral("input"));
    if (input.isArray()) {
        QJsonArray kept;
        int dropped = 0;
        for (const QJsonValue &item : input.toArray()) {
            if (isOtherReasoning(item)) {
                ++dropped;
                continue;
            }
            kept.append(item);
        }
        if (dropped > 0) {
            addNote(
                QStringLiteral("left out %1 reasoning item(s) another provider made").arg(dropped));
            request.insert(QStringLiteral("input"), kept);
        }
    }
    *upstreamBody = QJsonDocument(request).toJson(QJsonDocument::Compact);
    return true;
}

bool ResponsesPassthroughTranslator::translateResponse(const QByteArray &upstreamBody,
                                                       QByteArray *clientBody, GatewayError *error)
{
    const QJsonDocument doc = QJsonDocument::fromJson(upstreamBody);
    if (!doc.isObject()) {
        *error = UpstreamErrorStatus::notAnObject(upstreamBody);
        return false;
    }
    m_usage = ResponsesUsage::tokenUsage(doc.object().value(QStringLiteral("usage")).toObject());
    *clientBody = upstreamBody; // byte for byte: nothing to change
    return true;
}

QByteArray ResponsesPassthroughTranslator::translateEvent(const SseEvent &event)
{
    if (event.isComment)
        return event.toWire();
    ++m_nextSequence; // OpenAI numbers its events 0, 1, 2...: the next one an error would take
    const QByteArray type = eventType(event);
    if (type == "response.created") {
        m_responseId = QJsonDocument::fromJson(event.data)
                           .object()
                           .value(QStringLiteral("response"))
                           .toObject()
                           .value(QStringLiteral("id"))
                           .toString();
    } else if (type == "response.completed" || type == "response.incomplete" ||
               type == "response.failed") {
        m_complete = true;
        m_usage = ResponsesUsage::tokenUsage(QJsonDocument::fromJson(event.data)
                                                 .object()
                                                 .value(QStringLiteral("response"))
                                                 .toObject()
                                                 .value(QStringLiteral("usage"))
                                                 .toObject());
    } else if (type == "error") {
        m_complete = true; // OpenAI may end the stream after its error event
    }
    return event.toWire();
}

GatewayError ResponsesPassthroughTranslator::translateError(int status, const QByteArray &body,
                                                            const QByteArray &retryAfter) const
{
    return OpenAiPassthroughTranslator::openAiStyleError(status, body, retryAfter);
}

QByteArray ResponsesPassthroughTranslator::streamError(const GatewayError &error, ApiFormat)
{
    const QJsonObject fields =
        QJsonDocument::fromJson(ErrorRenderer::body(error, ApiFormat::OpenAi))
            .object()
            .value(QStringLiteral("error"))
            .toObject();
    const QString code = fields.value(QStringLiteral("code")).toString();
    const QString message = fields.value(QStringLiteral("message")).toString();
    const QJsonObject errorEvent{{QStringLiteral("type"), QStringLiteral("error")},
                                 {QStringLiteral("sequence_number"), m_nextSequence++},
                                 {QStringLiteral("code"), code},
                                 {QStringLiteral("message"), message},
                                 {QStringLiteral("param"), fields.value(QStringLiteral("param"))},
                                 {QStringLiteral("error"), fields}};
    const QJsonObject failed{{QStringLiteral("type"), QStringLiteral("response.failed")},
                             {QStringLiteral("sequence_number"), m_nextSequence++},
                             {QStringLiteral("response"),
                              QJsonObject{{QStringLiteral("id"), m_responseId},
                                          {QStringLiteral("object"), QStringLiteral("response")},
                                          {QStringLiteral("status"), QStringLiteral("failed")},
                                          {QStringLiteral("model"), m_model},
                                          {QStringLiteral("output"), QJsonArray()},
                                          {QStringLiteral("error"),
                                           QJsonObject{{QStringLiteral("code"), code},
                                                       {QStringLiteral("message"), message}}}}}};
    return "event: error\ndata: " + QJsonDocument(errorEvent).toJson(QJsonDocument::Compact) +
           "\n\nevent: response.failed\ndata: " +
           QJsonDocument(failed).toJson(QJsonDocument::Compact) + "\n\n";
}
