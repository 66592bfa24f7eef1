#include "AnthropicToOpenAiTranslator.h"

#include "ContentBlockConverter.h"
#include "StopReasonMap.h"
#include "TokenEstimator.h"
#include "UsageConverter.h"
#include "api/JsonWriter.h"
#include "providers/OpenAiPassthroughTranslator.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(JsonWriter::compact(o));
}

/// The system prompt as one string, without Claude Code's per-request billing line.
QString systemText(const QJsonValue &system)
{
    if (system.isString())
        return ContentBlockConverter::withoutBillingHeader(system.toString());
    QStringList texts;
    for (const QJsonValue &b : system.toArray()) {
        const QJsonObject block = b.toObject();
        if (str(block, "type") != QLatin1String("text"))
            continue;
        const QString text = texts.isEmpty()
                                 ? ContentBlockConverter::withoutBillingHeader(str(block, "text"))
                                 : str(block, "text");
        if (!text.trimmed().isEmpty())
            texts.append(text);
    }
    return texts.join(QStringLiteral("\n\n"));
}

/// A `system` entry inside `messages` (a mid-conversation system message) stays where it is,
/// as an OpenAI system message: OpenAI-compatible APIs take system messages at any position.
void appendSystemEntry(const QJsonValue &content, QJsonArray &messages)
{
    const QString text = systemText(content);
    if (!text.isEmpty())
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                    {QStringLiteral("content"), text}});
}

/// One Anthropic user turn: its tool_result blocks become `tool` messages (first, since they
/// answer the previous assistant turn), the rest one user message.
void appendUserTurn(const QJsonValue &content, QJsonArray &messages)
{
    if (content.isString()) {
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                    {QStringLiteral("content"), content}});
        return;
    }
    QJsonArray parts;
    QStringList texts;
    bool onlyText = true;
    for (const QJsonValue &b : content.toArray()) {
        const QJsonObject block = b.toObject();
        const QString type = str(block, "type");
        if (type == QLatin1String("text")) {
            parts.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                     {QStringLiteral("text"), str(block, "text")}});
            texts.append(str(block, "text"));
        } else if (type == QLatin1String("image")) {
            parts.append(ContentBlockConverter::imagePartFromAnthropic(block));
            onlyText = false;
        } else if (type == QLatin1String("document")) {
            const QJsonObject part = ContentBlockConverter::filePartFromAnthropic(block);
            if (!part.isEmpty()) {
                parts.append(part);
                onlyText = onlyText && str(part, "type") == QLatin1String("text");
                if (str(part, "type") == QLatin1String("text"))
                    texts.append(str(part, "text"));
            }
        } else if (type == QLatin1String("tool_result")) {
            const QJsonValue result = block.value(QStringLiteral("content"));
            QString text = ContentBlockConverter::anthropicText(result, QStringLiteral("\n"));
            // OpenAI tool messages hold text only: images of a result follow as user content.
            for (const QJsonValue &r : result.toArray()) {
                if (str(r.toObject(), "type") == QLatin1String("image")) {
                    parts.append(ContentBlockConverter::imagePartFromAnthropic(r.toObject()));
                    onlyText = false;
                }
            }
            if (block.value(QStringLiteral("is_error")).toBool())
                text = QStringLiteral("Error: ") + text;
            messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("tool")},
                                        {QStringLiteral("tool_call_id"), str(block, "tool_use_id")},
                                        {QStringLiteral("content"), text}});
        }
    }
    if (parts.isEmpty())
        return;
    // Plain strings suit every OpenAI-compatible server; parts only when there is an image.
    messages.append(QJsonObject{
        {QStringLiteral("role"), QStringLiteral("user")},
        {QStringLiteral("content"),
         onlyText ? QJsonValue(texts.join(QStringLiteral("\n\n"))) : QJsonValue(parts)}});
}

} // namespace

void AnthropicToOpenAiTranslator::appendAssistantTurn(const QJsonValue &content,
                                                      QJsonArray &messages) const
{
    if (content.isString()) {
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                    {QStringLiteral("content"), content}});
        return;
    }
    QString text;
    QString reasoning;
    QJsonArray toolCalls;
    for (const QJsonValue &b : content.toArray()) {
        const QJsonObject block = b.toObject();
        const QString type = str(block, "type");
        if (type == QLatin1String("text"))
            text += str(block, "text");
        else if (type == QLatin1String("thinking") && isOwnReasoning(block))
            reasoning += str(block, "thinking");
        else if (type == QLatin1String("tool_use"))
            toolCalls.append(ContentBlockConverter::toolCallFromAnthropic(block));
        // redacted_thinking is encrypted for Anthropic alone: nothing else can read it.
    }
    QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                        {QStringLiteral("content"),
                         text.isEmpty() && !toolCalls.isEmpty() ? QJsonValue() : QJsonValue(text)}};
    // DeepSeek requires the reasoning of tool-call turns back; others ignore the field.
    if (!reasoning.isEmpty())
        message.insert(QStringLiteral("reasoning_content"), reasoning);
    if (!toolCalls.isEmpty())
        message.insert(QStringLiteral("tool_calls"), toolCalls);
    messages.append(message);
}

bool AnthropicToOpenAiTranslator::isOwnReasoning(const QJsonObject &thinkingBlock) const
{
    const QString signature = str(thinkingBlock, "signature");
    // Unsigned reasoning can only have come from a non-Anthropic model (Anthropic refuses it),
    // through an older gateway or a client that dropped the signature.
    if (signature.isEmpty())
        return true;
    return m_signer && m_signer->verifies(signature, m_scope, str(thinkingBlock, "thinking"));
}

QString AnthropicToOpenAiTranslator::signature(const QString &thinking) const
{
    return m_signer ? m_signer->sign(m_scope, thinking) : QString();
}

void AnthropicToOpenAiTranslator::setReasoningSigner(std::shared_ptr<const ReasoningSigner> signer,
                                                     const QString &providerId)
{
    m_stream.setReasoningSigner(signer, providerId);
    m_scope = providerId;
    m_signer = std::move(signer);
}

bool AnthropicToOpenAiTranslator::translateRequest(const QJsonObject &client,
                                                   const QString &upstreamModel,
                                                   QByteArray *upstreamBody, GatewayError *)
{
    m_upstreamModel = upstreamModel;
    // A stream's message_start carries the estimate before the real count comes: made now,
    // while nothing waits for it. A whole answer needs it only if the upstream reports no
    // usage, which is rare: made then (about a quarter of this translation's work on an
    // agent's 100 KB request).
    m_estimatedInputTokens = -1;
    m_estimateSource = QJsonObject();
    if (client.value(QStringLiteral("stream")).toBool())
        m_estimatedInputTokens = TokenEstimator::estimateAnthropicRequest(client);
    else
        m_estimateSource = client;
    QJsonObject out{{QStringLiteral("model"), upstreamModel}};

    QJsonArray messages;
    const QString system = systemText(client.value(QStringLiteral("system")));
    if (!system.isEmpty())
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                    {QStringLiteral("content"), system}});
    for (const QJsonValue &m : client.value(QStringLiteral("messages")).toArray()) {
        const QJsonObject message = m.toObject();
        const QString role = str(message, "role");
        if (role == QLatin1String("assistant"))
            appendAssistantTurn(message.value(QStringLiteral("content")), messages);
        else if (role == QLatin1String("system"))
            appendSystemEntry(message.value(QStringLiteral("content")), messages);
        else
            appendUserTurn(message.value(QStringLiteral("content")), messages);
    }
    out.insert(QStringLiteral("messages"), messages);
    out.insert(m_outputTokensField,
               cappedOutputTokens(client.value(QStringLiteral("max_tokens")).toInteger(),
                                  QStringLiteral("max_tokens"), upstreamModel));
    for (const char *key : {"temperature", "top_p"}) {
        if (client.value(QLatin1String(key)).isDouble())
            out.insert(QLatin1String(key), client.value(QLatin1String(key)));
    }
    const QJsonArray stops = client.value(QStringLiteral("stop_sequences")).toArray();
    if (!stops.isEmpty())
        out.insert(QStringLiteral("stop"), stops);
    // An end-user id goes on as OpenAI's `user`; Claude Code's is a JSON blob of device and
    // session ids, telemetry for Anthropic that other providers have no use for.
    const QString userId = str(client.value(QStringLiteral("metadata")).toObject(), "user_id");
    if (!userId.isEmpty() && userId.size() <= 64 && !userId.startsWith(QLatin1Char('{')))
        out.insert(QStringLiteral("user"), userId);

    QJsonArray tools;
    for (const QJsonValue &t : client.value(QStringLiteral("tools")).toArray()) {
        const QJsonObject tool = t.toObject();
        // Server tools (web_search, bash, text_editor...) run at Anthropic: no schema here.
        if (!tool.value(QStringLiteral("input_schema")).isObject())
            continue;
        // Claude Code's schemas declare their JSON Schema dialect ("$schema"); a declaration
        // means nothing to a function's parameters, and strict servers (Gemini's
        // OpenAI-compatible API) refuse the unknown key.
        QJsonObject parameters = tool.value(QStringLiteral("input_schema")).toObject();
        parameters.remove(QStringLiteral("$schema"));
        QJsonObject function{{QStringLiteral("name"), str(tool, "name")},
                             {QStringLiteral("parameters"), parameters}};
        if (!str(tool, "description").isEmpty())
            function.insert(QStringLiteral("description"), str(tool, "description"));
        tools.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("function")},
                                 {QStringLiteral("function"), function}});
    }
    if (!tools.isEmpty()) {
        out.insert(QStringLiteral("tools"), tools);
        const QJsonObject choice = client.value(QStringLiteral("tool_choice")).toObject();
        const QString type = str(choice, "type");
        if (type == QLatin1String("auto"))
            out.insert(QStringLiteral("tool_choice"), QStringLiteral("auto"));
        else if (type == QLatin1String("any"))
            out.insert(QStringLiteral("tool_choice"), QStringLiteral("required"));
        else if (type == QLatin1String("none"))
            out.insert(QStringLiteral("tool_choice"), QStringLiteral("none"));
        else if (type == QLatin1String("tool"))
            out.insert(QStringLiteral("tool_choice"),
                       QJsonObject{{QStringLiteral("type"), QStringLiteral("function")},
                                   {QStringLiteral("function"),
                                    QJsonObject{{QStringLiteral("name"), str(choice, "name")}}}});
        if (choice.value(QStringLiteral("disable_parallel_tool_use")).toBool())
            out.insert(QStringLiteral("parallel_tool_calls"), false);
    }
    if (client.value(QStringLiteral("stream")).toBool()) {
        out.insert(QStringLiteral("stream"), true);
        // Usage is needed for message_delta, whatever the client asked.
        out.insert(QStringLiteral("stream_options"),
                   QJsonObject{{QStringLiteral("include_usage"), true}});
    }
    // The same bytes as QJsonDocument::toJson(Compact), in a third less time on a long
    // history; about as large as the client's body.
    *upstreamBody =
        JsonWriter::compact(out, clientBodyBytes().size() + clientBodyBytes().size() / 8 + 4096);
    return true;
}

bool AnthropicToOpenAiTranslator::translateResponse(const QByteArray &upstreamBody,
                                                    QByteArray *clientBody, GatewayError *error)
{
    const QJsonObject root = QJsonDocument::fromJson(upstreamBody).object();
    const QJsonArray choices = root.value(QStringLiteral("choices")).toArray();
    if (choices.isEmpty()) {
        *error =
            GatewayError::make(GatewayErrorCode::UpstreamBadResponse,
                               QStringLiteral("The upstream answered without 'choices': %1")
                                   .arg(QString::fromUtf8(upstreamBody.left(300)).simplified()));
        return false;
    }
    const QJsonObject choice = choices.first().toObject();
    const QJsonObject message = choice.value(QStringLiteral("message")).toObject();
    QJsonArray content;
    const QJsonArray thinkingBlocks = message.value(QStringLiteral("thinking_blocks")).toArray();
    if (!thinkingBlocks.isEmpty()) {
        for (const QJsonValue &b : thinkingBlocks)
            content.append(b);
    } else {
        QString reasoning = str(message, "reasoning_content");
        if (reasoning.isEmpty())
            reasoning = str(message, "reasoning"); // vLLM and OpenRouter's name for it
        if (!reasoning.isEmpty())
            content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("thinking")},
                                       {QStringLiteral("thinking"), reasoning},
                                       {QStringLiteral("signature"), signature(reasoning)}});
    }
    const QString text =
        ContentBlockConverter::openAiText(message.value(QStringLiteral("content")));
    if (!text.isEmpty())
        content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                   {QStringLiteral("text"), text}});
    else if (!str(message, "refusal").isEmpty())
        content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                   {QStringLiteral("text"), str(message, "refusal")}});
    const QJsonArray toolCalls = message.value(QStringLiteral("tool_calls")).toArray();
    for (qsizetype i = 0; i < toolCalls.size(); ++i) {
        const QJsonObject call = toolCalls.at(i).toObject();
        const QJsonObject function = call.value(QStringLiteral("function")).toObject();
        const QJsonValue arguments = function.value(QStringLiteral("arguments"));
        const QJsonObject input =
            arguments.isObject() ? arguments.toObject()
                                 : QJsonDocument::fromJson(arguments.toString().toUtf8()).object();
        QString id = str(call, "id");
        if (id.isEmpty())
            id = QStringLiteral("toolu_%1").arg(i);
        content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("tool_use")},
                                   {QStringLiteral("id"), id},
                                   {QStringLiteral("name"), str(function, "name")},
                                   {QStringLiteral("input"), input}});
    }
    m_openAiUsage = root.value(QStringLiteral("usage")).toObject();
    m_usage = OpenAiPassthroughTranslator::parseUsage(m_openAiUsage);
    QString stopReason =
        StopReasonMap::toAnthropic(str(choice, "finish_reason"), !toolCalls.isEmpty());
    if (!str(message, "refusal").isEmpty() && text.isEmpty())
        stopReason = QStringLiteral("refusal");
    const QJsonObject out{
        {QStringLiteral("id"), str(root, "id")},
        {QStringLiteral("type"), QStringLiteral("message")},
        {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("model"), root.value(QStringLiteral("model")).toString(m_upstreamModel)},
        {QStringLiteral("content"), content},
        {QStringLiteral("stop_reason"), stopReason},
        {QStringLiteral("stop_sequence"), QJsonValue()},
        {QStringLiteral("usage"), anthropicUsage()}};
    *clientBody = JsonWriter::compact(out);
    return true;
}

qint64 AnthropicToOpenAiTranslator::estimatedInputTokens() const
{
    if (m_estimatedInputTokens < 0)
        m_estimatedInputTokens = TokenEstimator::estimateAnthropicRequest(m_estimateSource);
    return m_estimatedInputTokens;
}

QJsonObject AnthropicToOpenAiTranslator::anthropicUsage() const
{
    if (m_openAiUsage.isEmpty()) // the upstream did not say: the estimate beats a zero
        return QJsonObject{{QStringLiteral("input_tokens"), estimatedInputTokens()},
                           {QStringLiteral("cache_creation_input_tokens"), 0},
                           {QStringLiteral("cache_read_input_tokens"), 0},
                           {QStringLiteral("output_tokens"), 0}};
    return UsageConverter::toAnthropic(m_openAiUsage);
}

QByteArray AnthropicToOpenAiTranslator::ensureStarted(const QJsonObject &chunk)
{
    if (m_stream.hasStarted())
        return {};
    QString id = str(chunk, "id");
    if (id.isEmpty())
        id = QStringLiteral("msg_gateway");
    // The real count comes with message_delta; until then the estimate, never a zero
    // (Claude Code sizes its context from it).
    return m_stream.start(id, chunk.value(QStringLiteral("model")).toString(m_upstreamModel),
                          QJsonObject{{QStringLiteral("input_tokens"), estimatedInputTokens()},
                                      {QStringLiteral("cache_creation_input_tokens"), 0},
                                      {QStringLiteral("cache_read_input_tokens"), 0},
                                      {QStringLiteral("output_tokens"), 1}});
}

QByteArray AnthropicToOpenAiTranslator::translateEvent(const SseEvent &sse)
{
    if (sse.isComment)
        return sse.toWire(); // keep-alives keep the client's read timeout from firing
    if (m_errored || m_sawDone)
        return {};
    if (sse.data == "[DONE]") {
        m_sawDone = true;
        return {};
    }
    const QJsonObject chunk = QJsonDocument::fromJson(sse.data).object();
    if (chunk.isEmpty())
        return {};
    if (chunk.contains(QStringLiteral("error"))) {
        m_errored = true;
        const QJsonValue e = chunk.value(QStringLiteral("error"));
        GatewayError error = GatewayError::make(
            GatewayErrorCode::UpstreamFailed,
            QStringLiteral("The upstream provider failed during the stream: %1")
                .arg(e.isObject() ? str(e.toObject(), "message") : e.toString()));
        error.upstreamType = str(e.toObject(), "type");
        return ErrorRenderer::streamEvent(error, ApiFormat::Anthropic);
    }

    QByteArray out = ensureStarted(chunk);
    const QJsonArray choices = chunk.value(QStringLiteral("choices")).toArray();
    if (!choices.isEmpty()) {
        const QJsonObject choice = choices.first().toObject();
        const QJsonObject delta = choice.value(QStringLiteral("delta")).toObject();
        QString reasoning = str(delta, "reasoning_content");
        if (reasoning.isEmpty())
            reasoning = str(delta, "reasoning"); // vLLM and OpenRouter's name for it
        out += m_stream.thinking(reasoning);
        out += m_stream.text(str(delta, "content"));
        const QJsonArray toolCalls = delta.value(QStringLiteral("tool_calls")).toArray();
        for (qsizetype i = 0; i < toolCalls.size(); ++i) {
            const QJsonObject call = toolCalls.at(i).toObject();
            const QJsonObject function = call.value(QStringLiteral("function")).toObject();
            const QJsonValue arguments = function.value(QStringLiteral("arguments"));
            // Ollama sends the arguments as an object rather than a JSON string.
            out += m_stream.toolCall(call.value(QStringLiteral("index")).toInt(int(i)),
                                     str(call, "id"), str(function, "name"),
                                     arguments.isObject() ? compactJson(arguments.toObject())
                                                          : arguments.toString());
        }
        const QString finish = str(choice, "finish_reason");
        if (!finish.isEmpty()) {
            m_finishReason = finish;
            out += m_stream.flush(); // the answer is whole: nothing needs to wait any more
        }
    }
    const QJsonObject usage = chunk.value(QStringLiteral("usage")).toObject();
    if (!usage.isEmpty()) {
        m_openAiUsage = usage;
        m_usage = OpenAiPassthroughTranslator::parseUsage(usage);
    }
    return out;
}

bool AnthropicToOpenAiTranslator::isStreamComplete() const
{
    // Some OpenAI-compatible servers close the stream after the finish chunk without [DONE].
    return m_sawDone || m_errored || !m_finishReason.isEmpty();
}

QByteArray AnthropicToOpenAiTranslator::finishStream()
{
    if (m_errored)
        return {};
    // message_delta waits for the end: the usage chunk follows the finish chunk, and pieces
    // that some servers send after finish_reason still get their blocks.
    QByteArray out = ensureStarted(QJsonObject());
    return out +
           m_stream.finish(StopReasonMap::toAnthropic(m_finishReason, m_stream.hasToolCalls()),
                           anthropicUsage());
}

GatewayError AnthropicToOpenAiTranslator::translateError(int status, const QByteArray &body,
                                                         const QByteArray &retryAfter) const
{
    return OpenAiPassthroughTranslator::openAiStyleError(status, body, retryAfter);
}
