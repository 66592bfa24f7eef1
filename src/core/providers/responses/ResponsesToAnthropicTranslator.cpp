#include "ResponsesToAnthropicTranslator.h"

#include <QJsonDocument>

ResponsesToAnthropicTranslator::ResponsesToAnthropicTranslator()
    : m_responses(ResponsesRequestConverter::ThinkingBlocks::Keep)
{}

void ResponsesToAnthropicTranslator::setCreatedTimestamp(qint64 secondsSinceEpoch)
{
    m_responses.setCreatedTimestamp(secondsSinceEpoch);
    m_anthropic.setCreatedTimestamp(secondsSinceEpoch);
}

bool ResponsesToAnthropicTranslator::translateRequest(const QJsonObject &clientRequest,
                                                      const QString &upstreamModel,
                                                      QByteArray *upstreamBody, GatewayError *error)
{
    QByteArray chatBody;
    if (!m_responses.translateRequest(clientRequest, upstreamModel, &chatBody, error))
        return false;
    const QJsonObject chat = m_responses.chatRequest();
    QByteArray anthropicBody;
    if (!m_anthropic.translateRequest(chat, upstreamModel, &anthropicBody, error))
        return false;
    for (const QString &note : m_responses.notes() + m_anthropic.notes())
        addNote(note);
    const QJsonObject format = chat.value(QStringLiteral("response_format")).toObject();
    if (format.value(QStringLiteral("type")).toString() != QLatin1String("json_schema")) {
        *upstreamBody = anthropicBody;
        return true;
    }
    // The Chat translator has no Anthropic form for response_format; structured outputs do.
    QJsonObject anthropic = QJsonDocument::fromJson(anthropicBody).object();
    anthropic.insert(
        QStringLiteral("output_config"),
        QJsonObject{
            {QStringLiteral("format"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("json_schema")},
                         {QStringLiteral("schema"), format.value(QStringLiteral("json_schema"))
                                                        .toObject()
                                                        .value(QStringLiteral("schema"))}}}});
    *upstreamBody = QJsonDocument(anthropic).toJson(QJsonDocument::Compact);
    return true;
}

bool ResponsesToAnthropicTranslator::translateResponse(const QByteArray &upstreamBody,
                                                       QByteArray *clientBody, GatewayError *error)
{
    QByteArray chatBody;
    if (!m_anthropic.translateResponse(upstreamBody, &chatBody, error))
        return false;
    return m_responses.responseFromChat(QJsonDocument::fromJson(chatBody).object(), clientBody,
                                        error);
}

QByteArray ResponsesToAnthropicTranslator::fromChatStream(const QByteArray &chatSse)
{
    QByteArray out;
    for (const SseEvent &chatEvent : m_chatParser.feed(chatSse))
        out += m_responses.translateEvent(chatEvent);
    return out;
}

QByteArray ResponsesToAnthropicTranslator::translateEvent(const SseEvent &event)
{
    QByteArray out = fromChatStream(m_anthropic.translateEvent(event));
    if (m_anthropic.isStreamComplete() && !m_chatStreamEnded) {
        // message_stop (or an error event) ended the Chat stream: its closing [DONE] (none
        // after an error) completes the response now, not only when the connection closes.
        m_chatStreamEnded = true;
        out += fromChatStream(m_anthropic.finishStream());
    }
    return out;
}

GatewayError ResponsesToAnthropicTranslator::translateError(int status, const QByteArray &body,
                                                            const QByteArray &retryAfter) const
{
    return m_anthropic.translateError(status, body, retryAfter);
}

QByteArray ResponsesToAnthropicTranslator::streamError(const GatewayError &error,
                                                       ApiFormat clientFormat)
{
    return m_responses.streamError(error, clientFormat);
}
