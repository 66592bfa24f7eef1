#include "ResponsesToChatTranslator.h"

#include "ReasoningCarrier.h"
#include "ResponsesUsage.h"
#include "providers/OpenAiPassthroughTranslator.h"
#include "providers/UpstreamErrorStatus.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

/// DeepSeek names the provider's reasoning `reasoning_content`; OpenRouter, vLLM and Ollama
/// name it `reasoning`.
QString reasoningOf(const QJsonObject &messageOrDelta)
{
    const QString deepSeek = str(messageOrDelta, "reasoning_content");
    return deepSeek.isEmpty() ? str(messageOrDelta, "reasoning") : deepSeek;
}

/// A tool call's arguments: a JSON string, or an object as Ollama sends them.
QString argumentsText(const QJsonObject &function)
{
    const QJsonValue arguments = function.value(QStringLiteral("arguments"));
    if (arguments.isObject())
        return QString::fromUtf8(
            QJsonDocument(arguments.toObject()).toJson(QJsonDocument::Compact));
    return arguments.toString();
}

/// Why a Chat answer stopped, as a Responses `incomplete_details.reason` (empty: complete).
QString incompleteReason(const QString &finishReason)
{
    if (finishReason == QLatin1String("length"))
        return QStringLiteral("max_output_tokens");
    if (finishReason == QLatin1String("content_filter"))
        return QStringLiteral("content_filter");
    return QString();
}

/// The OpenAI type, code and message the gateway's error renders with.
QJsonObject openAiErrorFields(const GatewayError &error)
{
    return QJsonDocument::fromJson(ErrorRenderer::body(error, ApiFormat::OpenAi))
        .object()
        .value(QStringLiteral("error"))
        .toObject();
}

} // namespace

ResponsesToChatTranslator::ResponsesToChatTranslator(
    ResponsesRequestConverter::ThinkingBlocks thinkingBlocks)
    : m_converter(thinkingBlocks)
{}

bool ResponsesToChatTranslator::translateRequest(const QJsonObject &clientRequest,
                                                 const QString &upstreamModel,
                                                 QByteArray *upstreamBody, GatewayError *error)
{
    if (!m_converter.convert(clientRequest, upstreamModel, &m_chatRequest, error))
        return false;
    // Above the model's output cap the provider would refuse the whole request: lower it.
    if (m_chatRequest.value(QStringLiteral("max_tokens")).isDouble())
        m_chatRequest.insert(
            QStringLiteral("max_tokens"),
            cappedOutputTokens(m_chatRequest.value(QStringLiteral("max_tokens")).toInteger(),
                               QStringLiteral("max_output_tokens"), upstreamModel));
    if (!m_converter.droppedTools().isEmpty())
        addNote(QStringLiteral("left out what the provider cannot run: %1")
                    .arg(m_converter.droppedTools().join(QStringLiteral(", "))));
    m_envelope.setModel(upstreamModel);
    m_envelope.setRequest(clientRequest);
    *upstreamBody = QJsonDocument(m_chatRequest).toJson(QJsonDocument::Compact);
    return true;
}

bool ResponsesToChatTranslator::translateResponse(const QByteArray &upstreamBody,
                                                  QByteArray *clientBody, GatewayError *error)
{
    const QJsonDocument doc = QJsonDocument::fromJson(upstreamBody);
    if (!doc.isObject()) {
        *error = UpstreamErrorStatus::notAnObject(upstreamBody);
        return false;
    }
    return responseFromChat(doc.object(), clientBody, error);
}

bool ResponsesToChatTranslator::responseFromChat(const QJsonObject &completion,
                                                 QByteArray *clientBody, GatewayError *error)
{
    const QJsonArray choices = completion.value(QStringLiteral("choices")).toArray();
    if (choices.isEmpty() || !choices.first().isObject()) {
        *error =
            GatewayError::make(GatewayErrorCode::UpstreamBadResponse,
                               QStringLiteral("The upstream answered without a 'choices' array: %1")
                                   .arg(UpstreamErrorStatus::bodyExcerpt(
                                       QJsonDocument(completion).toJson(QJsonDocument::Compact))));
        return false;
    }
    const QJsonObject choice = choices.first().toObject();
    const QJsonObject message = choice.value(QStringLiteral("message")).toObject();
    if (!str(completion, "model").isEmpty())
        m_envelope.setModel(str(completion, "model"));

    // The same writer as for streams, driven with whole values, builds the output items, so
    // both paths give the same items.
    ResponsesStreamWriter writer(m_envelope);
    writer.start();
    writer.reasoningDelta(reasoningOf(message));
    writer.thinkingBlocks(message.value(QStringLiteral("thinking_blocks")).toArray());
    const QJsonValue content = message.value(QStringLiteral("content"));
    if (content.isString()) {
        writer.textDelta(content.toString());
    } else {
        for (const QJsonValue &p : content.toArray()) {
            const QJsonObject part = p.toObject();
            if (str(part, "type") == QLatin1String("refusal"))
                writer.refusalDelta(str(part, "refusal"));
            else
                writer.textDelta(str(part, "text"));
        }
    }
    writer.refusalDelta(str(message, "refusal"));
    const QJsonArray calls = message.value(QStringLiteral("tool_calls")).toArray();
    for (int i = 0; i < calls.size(); ++i) {
        const QJsonObject call = calls.at(i).toObject();
        const QJsonObject function = call.value(QStringLiteral("function")).toObject();
        writer.toolCallDelta(i, str(call, "id"), str(function, "name"), argumentsText(function));
    }

    const QJsonObject usage = completion.value(QStringLiteral("usage")).toObject();
    m_usage = ResponsesUsage::tokenUsageFromChat(usage);
    const QString reason = incompleteReason(str(choice, "finish_reason"));
    const QJsonValue responsesUsage =
        usage.isEmpty() ? QJsonValue() : QJsonValue(ResponsesUsage::fromChat(usage));
    writer.complete(reason, responsesUsage);
    const QJsonObject response = m_envelope.build(
        reason.isEmpty() ? QStringLiteral("completed") : QStringLiteral("incomplete"),
        writer.output(), responsesUsage, QJsonValue(),
        reason.isEmpty() ? QJsonValue()
                         : QJsonValue(QJsonObject{{QStringLiteral("reason"), reason}}));
    *clientBody = QJsonDocument(response).toJson(QJsonDocument::Compact);
    return true;
}

QByteArray ResponsesToChatTranslator::translateEvent(const SseEvent &event)
{
    if (event.isComment)
        return event.toWire(); // keep-alives keep the client's read timeout from firing
    return eventsFromChatChunk(event.data);
}

QByteArray ResponsesToChatTranslator::eventsFromChatChunk(const QByteArray &data)
{
    if (m_writer.isFinished())
        return {};
    if (data.trimmed() == "[DONE]")
        return m_writer.complete(incompleteReason(m_finishReason), m_responsesUsage);
    const QJsonDocument doc = QJsonDocument::fromJson(data);
    if (!doc.isObject())
        return {}; // not JSON: nothing a client could use
    return onChunk(doc.object());
}

QByteArray ResponsesToChatTranslator::onChunk(const QJsonObject &chunk)
{
    const QJsonValue errorValue = chunk.value(QStringLiteral("error"));
    if (errorValue.isObject() || errorValue.isString()) {
        // An error inside the stream (OpenAI-compatible servers, or the Anthropic translator
        // relaying Anthropic's error event): the response fails with its message.
        const QJsonObject e = errorValue.toObject();
        QString message = errorValue.isString() ? errorValue.toString() : str(e, "message");
        if (message.isEmpty())
            message = QStringLiteral("The provider ended the stream with an error.");
        GatewayError error =
            GatewayError::make(GatewayErrorCode::UpstreamBadResponse, message, str(e, "param"));
        error.upstreamType = str(e, "type");
        const QJsonValue code = e.value(QStringLiteral("code"));
        error.upstreamCode = code.isDouble() ? QString::number(code.toInteger()) : code.toString();
        return streamError(error, ApiFormat::OpenAi);
    }
    QByteArray out;
    if (!m_writer.hasStarted()) {
        if (!str(chunk, "model").isEmpty())
            m_envelope.setModel(str(chunk, "model"));
        out += m_writer.start();
    }
    const QJsonObject usage = chunk.value(QStringLiteral("usage")).toObject();
    if (!usage.isEmpty()) {
        m_usage = ResponsesUsage::tokenUsageFromChat(usage);
        m_responsesUsage = ResponsesUsage::fromChat(usage);
    }
    const QJsonArray choices = chunk.value(QStringLiteral("choices")).toArray();
    if (choices.isEmpty())
        return out;
    const QJsonObject choice = choices.first().toObject();
    const QJsonObject delta = choice.value(QStringLiteral("delta")).toObject();
    out += m_writer.reasoningDelta(reasoningOf(delta));
    out += m_writer.thinkingBlocks(delta.value(QStringLiteral("thinking_blocks")).toArray());
    out += m_writer.textDelta(str(delta, "content"));
    out += m_writer.refusalDelta(str(delta, "refusal"));
    const QJsonArray calls = delta.value(QStringLiteral("tool_calls")).toArray();
    for (qsizetype i = 0; i < calls.size(); ++i) {
        const QJsonObject call = calls.at(i).toObject();
        const QJsonObject function = call.value(QStringLiteral("function")).toObject();
        out +=
            m_writer.toolCallDelta(call.value(QStringLiteral("index")).toInt(int(i)),
                                   str(call, "id"), str(function, "name"), argumentsText(function));
    }
    const QString finishReason = str(choice, "finish_reason");
    if (!finishReason.isEmpty()) {
        // The items are whole now; the usage chunk and [DONE] still follow.
        m_finishReason = finishReason;
        out += m_writer.closeItems(incompleteReason(finishReason));
    }
    return out;
}

QByteArray ResponsesToChatTranslator::finishStream()
{
    return m_writer.complete(incompleteReason(m_finishReason), m_responsesUsage);
}

GatewayError ResponsesToChatTranslator::translateError(int status, const QByteArray &body,
                                                       const QByteArray &retryAfter) const
{
    return OpenAiPassthroughTranslator::openAiStyleError(status, body, retryAfter);
}

QByteArray ResponsesToChatTranslator::streamError(const GatewayError &error, ApiFormat)
{
    const QJsonObject fields = openAiErrorFields(error);
    return m_writer.fail(str(fields, "type"), str(fields, "code"), str(fields, "message"),
                         str(fields, "param"));
}
