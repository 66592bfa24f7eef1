#include "AnthropicPassthroughTranslator.h"

#include "AnthropicErrorReader.h"
#include "UsageConverter.h"

#include <QJsonDocument>

bool AnthropicPassthroughTranslator::translateRequest(const QJsonObject &clientRequest,
                                                      const QString &upstreamModel,
                                                      QByteArray *upstreamBody, GatewayError *)
{
    QJsonObject request = clientRequest;
    request.insert(QStringLiteral("model"), upstreamModel);
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
