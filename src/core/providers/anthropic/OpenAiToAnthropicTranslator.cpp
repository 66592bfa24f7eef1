#include "OpenAiToAnthropicTranslator.h"

#include "AnthropicErrorReader.h"
#include "ContentBlockConverter.h"
#include "StopReasonMap.h"
#include "UsageConverter.h"
#include "providers/ReasoningSigner.h"

#include <QDateTime>
#include <QJsonDocument>

namespace {

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QJsonObject textBlock(const QString &text)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                       {QStringLiteral("text"), text}};
}

GatewayError invalid(const QString &param, const QString &message)
{
    return GatewayError::make(GatewayErrorCode::InvalidRequest, message, param);
}

/// Tool-call arguments are a JSON string on OpenAI's side and an object on Anthropic's.
/// Unparsable arguments become {} (the model produced them; Anthropic only takes objects).
QJsonObject argumentsObject(const QJsonValue &arguments)
{
    if (arguments.isObject())
        return arguments.toObject();
    return QJsonDocument::fromJson(arguments.toString().toUtf8()).object();
}

bool userBlocks(const QJsonValue &content, const QString &param, QJsonArray *blocks,
                GatewayError *error)
{
    if (content.isString()) {
        if (!content.toString().isEmpty())
            blocks->append(textBlock(content.toString()));
        return true;
    }
    const QJsonArray parts = content.toArray();
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QJsonObject part = parts.at(i).toObject();
        const QString type = str(part, "type");
        QString problem;
        QJsonObject block;
        if (type == QLatin1String("text")) {
            if (str(part, "text").isEmpty())
                continue; // Anthropic rejects empty text blocks
            block = textBlock(str(part, "text"));
            if (part.contains(QStringLiteral("cache_control")))
                block.insert(QStringLiteral("cache_control"),
                             part.value(QStringLiteral("cache_control")));
        } else if (type == QLatin1String("image_url")) {
            block = ContentBlockConverter::imageBlockFromOpenAi(part, &problem);
        } else if (type == QLatin1String("file")) {
            block = ContentBlockConverter::documentBlockFromOpenAi(part, &problem);
        } else {
            problem = QStringLiteral("Content parts of type '%1' cannot be sent to an Anthropic "
                                     "model (it takes text, images and PDF files).")
                          .arg(type);
        }
        if (block.isEmpty()) {
            *error = invalid(QStringLiteral("%1[%2]").arg(param).arg(i), problem);
            return false;
        }
        blocks->append(block);
    }
    return true;
}

QJsonArray assistantBlocks(const QJsonObject &message)
{
    QJsonArray blocks;
    // Thinking first: Anthropic wants a turn's thinking before its text and tool calls.
    const QJsonArray thinkingBlocks = message.value(QStringLiteral("thinking_blocks")).toArray();
    if (!thinkingBlocks.isEmpty()) {
        for (const QJsonValue &b : thinkingBlocks) {
            const QString type = str(b.toObject(), "type");
            // Reasoning the gateway signed came from another provider: Anthropic would refuse it.
            if ((type == QLatin1String("thinking") &&
                 !ReasoningSigner::isGatewaySignature(str(b.toObject(), "signature"))) ||
                type == QLatin1String("redacted_thinking"))
                blocks.append(b);
        }
    } else if (!str(message, "reasoning_content").isEmpty() &&
               !str(message, "reasoning_signature").isEmpty() &&
               !ReasoningSigner::isGatewaySignature(str(message, "reasoning_signature"))) {
        blocks.append(
            QJsonObject{{QStringLiteral("type"), QStringLiteral("thinking")},
                        {QStringLiteral("thinking"), str(message, "reasoning_content")},
                        {QStringLiteral("signature"), str(message, "reasoning_signature")}});
    }
    // Unsigned reasoning (e.g. DeepSeek's) is dropped: Anthropic refuses thinking without a
    // valid signature, and it only needs its own thinking back.
    const QJsonValue content = message.value(QStringLiteral("content"));
    if (content.isArray()) {
        for (const QJsonValue &part : content.toArray()) {
            const QJsonObject p = part.toObject();
            const QString text =
                str(p, "type") == QLatin1String("refusal") ? str(p, "refusal") : str(p, "text");
            if (!text.isEmpty())
                blocks.append(textBlock(text));
        }
    } else if (!content.toString().isEmpty()) {
        blocks.append(textBlock(content.toString()));
    } else if (!str(message, "refusal").isEmpty()) {
        blocks.append(textBlock(str(message, "refusal")));
    }
    for (const QJsonValue &call : message.value(QStringLiteral("tool_calls")).toArray()) {
        const QJsonObject c = call.toObject();
        const QJsonObject function = c.value(QStringLiteral("function")).toObject();
        blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("tool_use")},
                                  {QStringLiteral("id"), str(c, "id")},
                                  {QStringLiteral("name"), str(function, "name")},
                                  {QStringLiteral("input"),
                                   argumentsObject(function.value(QStringLiteral("arguments")))}});
    }
    const QJsonObject legacyCall = message.value(QStringLiteral("function_call")).toObject();
    if (!legacyCall.isEmpty()) { // pre-tools function calling: the name doubles as the id
        blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("tool_use")},
                                  {QStringLiteral("id"), str(legacyCall, "name")},
                                  {QStringLiteral("name"), str(legacyCall, "name")},
                                  {QStringLiteral("input"), argumentsObject(legacyCall.value(
                                                                QStringLiteral("arguments")))}});
    }
    return blocks;
}

QJsonValue toolResultContent(const QJsonValue &content)
{
    if (content.isString())
        return content;
    QJsonArray blocks;
    for (const QJsonValue &part : content.toArray()) {
        const QJsonObject p = part.toObject();
        if (str(p, "type") == QLatin1String("text"))
            blocks.append(textBlock(str(p, "text")));
        else if (str(p, "type") == QLatin1String("image_url")) {
            QString ignored;
            const QJsonObject image = ContentBlockConverter::imageBlockFromOpenAi(p, &ignored);
            if (!image.isEmpty())
                blocks.append(image);
        }
    }
    return blocks;
}

/// Adds blocks as a message of `role`, merged into the previous one when the roles match:
/// the Messages API wants user and assistant turns to alternate.
void appendTurn(QJsonArray &messages, const QString &role, const QJsonArray &blocks)
{
    if (blocks.isEmpty())
        return;
    if (!messages.isEmpty()) {
        QJsonObject last = messages.last().toObject();
        if (str(last, "role") == role) {
            QJsonArray merged = last.value(QStringLiteral("content")).toArray();
            for (const QJsonValue &b : blocks)
                merged.append(b);
            last.insert(QStringLiteral("content"), merged);
            messages.replace(messages.size() - 1, last);
            return;
        }
    }
    messages.append(
        QJsonObject{{QStringLiteral("role"), role}, {QStringLiteral("content"), blocks}});
}

/// A turn of one plain text block is sent in the short string form.
QJsonArray simplified(const QJsonArray &messages)
{
    QJsonArray out;
    for (const QJsonValue &m : messages) {
        QJsonObject message = m.toObject();
        const QJsonArray blocks = message.value(QStringLiteral("content")).toArray();
        if (blocks.size() == 1) {
            const QJsonObject only = blocks.first().toObject();
            if (str(only, "type") == QLatin1String("text") && only.size() == 2)
                message.insert(QStringLiteral("content"), str(only, "text"));
        }
        out.append(message);
    }
    return out;
}

qint64 thinkingBudget(const QString &effort)
{
    if (effort == QLatin1String("low"))
        return 1024;
    if (effort == QLatin1String("medium"))
        return 4096;
    if (effort == QLatin1String("high"))
        return 16384;
    if (effort == QLatin1String("xhigh") || effort == QLatin1String("max"))
        return 32000;
    return 0; // "minimal", "none": no extended thinking
}

} // namespace

bool OpenAiToAnthropicTranslator::translateRequest(const QJsonObject &client,
                                                   const QString &upstreamModel,
                                                   QByteArray *upstreamBody, GatewayError *error)
{
    if (client.value(QStringLiteral("n")).toInteger(1) > 1) {
        *error = invalid(QStringLiteral("n"),
                         QStringLiteral("Anthropic models return one choice per request; send "
                                        "'n': 1 or leave it out."));
        return false;
    }
    QJsonObject out{{QStringLiteral("model"), upstreamModel}};

    QJsonArray system;
    QJsonArray messages;
    const QJsonArray input = client.value(QStringLiteral("messages")).toArray();
    for (qsizetype i = 0; i < input.size(); ++i) {
        const QJsonObject message = input.at(i).toObject();
        const QString role = str(message, "role");
        const QString param = QStringLiteral("messages[%1].content").arg(i);
        if (role == QLatin1String("system") || role == QLatin1String("developer")) {
            // Anthropic has no system role: every system turn joins the top-level prompt.
            const QString text =
                ContentBlockConverter::openAiText(message.value(QStringLiteral("content")));
            if (!text.isEmpty())
                system.append(textBlock(text));
        } else if (role == QLatin1String("user")) {
            QJsonArray blocks;
            if (!userBlocks(message.value(QStringLiteral("content")), param, &blocks, error))
                return false;
            appendTurn(messages, QStringLiteral("user"), blocks);
        } else if (role == QLatin1String("assistant")) {
            appendTurn(messages, QStringLiteral("assistant"), assistantBlocks(message));
        } else if (role == QLatin1String("tool") || role == QLatin1String("function")) {
            // Tool results travel in a user turn, right after the assistant's tool_use turn.
            const QString id =
                role == QLatin1String("tool") ? str(message, "tool_call_id") : str(message, "name");
            appendTurn(messages, QStringLiteral("user"),
                       QJsonArray{QJsonObject{
                           {QStringLiteral("type"), QStringLiteral("tool_result")},
                           {QStringLiteral("tool_use_id"), id},
                           {QStringLiteral("content"),
                            toolResultContent(message.value(QStringLiteral("content")))}}});
        }
    }
    if (system.size() == 1)
        out.insert(QStringLiteral("system"),
                   system.first().toObject().value(QStringLiteral("text")));
    else if (!system.isEmpty())
        out.insert(QStringLiteral("system"), system);
    out.insert(QStringLiteral("messages"), simplified(messages));

    qint64 maxTokens = kDefaultMaxTokens;
    if (client.value(QStringLiteral("max_completion_tokens")).isDouble())
        maxTokens = client.value(QStringLiteral("max_completion_tokens")).toInteger();
    else if (client.value(QStringLiteral("max_tokens")).isDouble())
        maxTokens = client.value(QStringLiteral("max_tokens")).toInteger();

    QJsonObject thinking = client.value(QStringLiteral("thinking")).toObject();
    if (thinking.isEmpty()) {
        const qint64 budget = thinkingBudget(str(client, "reasoning_effort"));
        if (budget > 0)
            thinking = QJsonObject{{QStringLiteral("type"), QStringLiteral("enabled")},
                                   {QStringLiteral("budget_tokens"), budget}};
    }
    const bool thinkingOn = str(thinking, "type") == QLatin1String("enabled");
    if (!thinking.isEmpty())
        out.insert(QStringLiteral("thinking"), thinking);
    // The thinking budget counts against max_tokens, which must stay above it.
    const qint64 budget = thinking.value(QStringLiteral("budget_tokens")).toInteger();
    if (thinkingOn && maxTokens <= budget)
        maxTokens += budget;
    const qint64 capped =
        cappedOutputTokens(maxTokens, QStringLiteral("max_tokens"), upstreamModel);
    if (thinkingOn && budget >= capped) {
        // Lowered with the cap, the budget must stay below max_tokens (and at least 1024).
        const qint64 lowered = qMax<qint64>(1024, capped / 2);
        thinking.insert(QStringLiteral("budget_tokens"), lowered);
        out.insert(QStringLiteral("thinking"), thinking);
        addNote(QStringLiteral("thinking.budget_tokens %1 lowered to %2 to stay below max_tokens.")
                    .arg(budget)
                    .arg(lowered));
    }
    out.insert(QStringLiteral("max_tokens"), capped);

    // With thinking on, Anthropic accepts no temperature/top_p changes: leave them out.
    if (!thinkingOn) {
        if (client.value(QStringLiteral("temperature")).isDouble()) // OpenAI 0..2, Anthropic 0..1
            out.insert(QStringLiteral("temperature"),
                       qBound(0.0, client.value(QStringLiteral("temperature")).toDouble(), 1.0));
        if (client.value(QStringLiteral("top_p")).isDouble())
            out.insert(QStringLiteral("top_p"), client.value(QStringLiteral("top_p")));
        if (client.value(QStringLiteral("top_k")).isDouble())
            out.insert(QStringLiteral("top_k"), client.value(QStringLiteral("top_k")));
    }
    const QJsonValue stop = client.value(QStringLiteral("stop"));
    if (stop.isString())
        out.insert(QStringLiteral("stop_sequences"), QJsonArray{stop});
    else if (stop.isArray() && !stop.toArray().isEmpty())
        out.insert(QStringLiteral("stop_sequences"), stop);
    if (!str(client, "user").isEmpty())
        out.insert(QStringLiteral("metadata"),
                   QJsonObject{{QStringLiteral("user_id"), str(client, "user")}});

    QJsonArray tools;
    for (const QJsonValue &t : client.value(QStringLiteral("tools")).toArray()) {
        const QJsonObject tool = t.toObject();
        if (str(tool, "type") != QLatin1String("function"))
            continue;
        const QJsonObject function = tool.value(QStringLiteral("function")).toObject();
        QJsonObject schema = function.value(QStringLiteral("parameters")).toObject();
        if (schema.isEmpty())
            schema = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                 {QStringLiteral("properties"), QJsonObject()}};
        QJsonObject converted{{QStringLiteral("name"), str(function, "name")},
                              {QStringLiteral("input_schema"), schema}};
        if (!str(function, "description").isEmpty())
            converted.insert(QStringLiteral("description"), str(function, "description"));
        tools.append(converted);
    }
    if (!tools.isEmpty()) {
        out.insert(QStringLiteral("tools"), tools);
        QJsonObject choice;
        const QJsonValue toolChoice = client.value(QStringLiteral("tool_choice"));
        if (toolChoice.isString()) {
            const QString c = toolChoice.toString();
            choice.insert(QStringLiteral("type"),
                          c == QLatin1String("required") ? QStringLiteral("any")
                          : c == QLatin1String("none")   ? QStringLiteral("none")
                                                         : QStringLiteral("auto"));
        } else if (toolChoice.isObject()) {
            choice = QJsonObject{
                {QStringLiteral("type"), QStringLiteral("tool")},
                {QStringLiteral("name"),
                 str(toolChoice.toObject().value(QStringLiteral("function")).toObject(), "name")}};
        }
        const QJsonValue parallel = client.value(QStringLiteral("parallel_tool_calls"));
        if (parallel.isBool() && !parallel.toBool() &&
            str(choice, "type") != QLatin1String("none")) {
            if (choice.isEmpty())
                choice.insert(QStringLiteral("type"), QStringLiteral("auto"));
            choice.insert(QStringLiteral("disable_parallel_tool_use"), true);
        }
        if (!choice.isEmpty())
            out.insert(QStringLiteral("tool_choice"), choice);
    }

    if (client.value(QStringLiteral("stream")).toBool()) {
        out.insert(QStringLiteral("stream"), true);
        m_clientWantsUsage = client.value(QStringLiteral("stream_options"))
                                 .toObject()
                                 .value(QStringLiteral("include_usage"))
                                 .toBool();
    }
    *upstreamBody = QJsonDocument(out).toJson(QJsonDocument::Compact);
    return true;
}

qint64 OpenAiToAnthropicTranslator::created()
{
    if (m_created < 0)
        m_created = QDateTime::currentSecsSinceEpoch();
    return m_created;
}

bool OpenAiToAnthropicTranslator::translateResponse(const QByteArray &upstreamBody,
                                                    QByteArray *clientBody, GatewayError *error)
{
    const QJsonObject root = QJsonDocument::fromJson(upstreamBody).object();
    if (!root.value(QStringLiteral("content")).isArray()) {
        *error = GatewayError::make(
            GatewayErrorCode::UpstreamBadResponse,
            QStringLiteral("The Anthropic upstream answered without a 'content' array: %1")
                .arg(QString::fromUtf8(upstreamBody.left(300)).simplified()));
        return false;
    }
    QString text;
    QString reasoning;
    QJsonArray thinkingBlocks;
    QJsonArray toolCalls;
    for (const QJsonValue &b : root.value(QStringLiteral("content")).toArray()) {
        const QJsonObject block = b.toObject();
        const QString type = str(block, "type");
        if (type == QLatin1String("text")) {
            text += str(block, "text");
        } else if (type == QLatin1String("thinking")) {
            reasoning += str(block, "thinking");
            thinkingBlocks.append(block);
        } else if (type == QLatin1String("redacted_thinking")) {
            thinkingBlocks.append(block);
        } else if (type == QLatin1String("tool_use")) {
            toolCalls.append(ContentBlockConverter::toolCallFromAnthropic(block));
        }
        // server_tool_use, web_search_tool_result and the like have no OpenAI form.
    }
    QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")}};
    message.insert(QStringLiteral("content"),
                   !text.isEmpty() || toolCalls.isEmpty() ? QJsonValue(text) : QJsonValue());
    if (!reasoning.isEmpty())
        message.insert(QStringLiteral("reasoning_content"), reasoning);
    if (!thinkingBlocks.isEmpty())
        message.insert(QStringLiteral("thinking_blocks"), thinkingBlocks);
    if (!toolCalls.isEmpty())
        message.insert(QStringLiteral("tool_calls"), toolCalls);

    const QJsonObject usage = root.value(QStringLiteral("usage")).toObject();
    m_usage = UsageConverter::fromAnthropic(usage);
    const QJsonObject out{
        {QStringLiteral("id"), str(root, "id")},
        {QStringLiteral("object"), QStringLiteral("chat.completion")},
        {QStringLiteral("created"), created()},
        {QStringLiteral("model"), str(root, "model")},
        {QStringLiteral("choices"),
         QJsonArray{QJsonObject{
             {QStringLiteral("index"), 0},
             {QStringLiteral("message"), message},
             {QStringLiteral("logprobs"), QJsonValue()},
             {QStringLiteral("finish_reason"),
              StopReasonMap::toOpenAi(str(root, "stop_reason"), !toolCalls.isEmpty())}}}},
        {QStringLiteral("usage"), UsageConverter::toOpenAi(usage)}};
    *clientBody = QJsonDocument(out).toJson(QJsonDocument::Compact);
    return true;
}

QByteArray OpenAiToAnthropicTranslator::chunk(const QJsonObject &delta,
                                              const QJsonValue &finishReason)
{
    const QJsonObject out{
        {QStringLiteral("id"), m_id},
        {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
        {QStringLiteral("created"), created()},
        {QStringLiteral("model"), m_model},
        {QStringLiteral("choices"),
         QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                {QStringLiteral("delta"), delta},
                                {QStringLiteral("logprobs"), QJsonValue()},
                                {QStringLiteral("finish_reason"), finishReason}}}}};
    return "data: " + QJsonDocument(out).toJson(QJsonDocument::Compact) + "\n\n";
}

QByteArray OpenAiToAnthropicTranslator::translateEvent(const SseEvent &event)
{
    if (event.isComment)
        return event.toWire(); // keep-alives keep the client's read timeout from firing
    if (m_errored || m_messageStopped)
        return {};
    const QJsonObject data = QJsonDocument::fromJson(event.data).object();
    QString type = str(data, "type");
    if (type.isEmpty())
        type = QString::fromUtf8(event.event);
    const int index = data.value(QStringLiteral("index")).toInt();

    if (type == QLatin1String("message_start")) {
        const QJsonObject message = data.value(QStringLiteral("message")).toObject();
        m_id = str(message, "id");
        m_model = str(message, "model");
        m_anthropicUsage = message.value(QStringLiteral("usage")).toObject();
        m_usage = UsageConverter::fromAnthropic(m_anthropicUsage);
        return chunk(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                 {QStringLiteral("content"), QString()}});
    }
    if (type == QLatin1String("content_block_start")) {
        const QJsonObject block = data.value(QStringLiteral("content_block")).toObject();
        const QString blockType = str(block, "type");
        m_blockTypes.insert(index, blockType);
        if (blockType == QLatin1String("text") && !str(block, "text").isEmpty())
            return chunk(QJsonObject{{QStringLiteral("content"), str(block, "text")}});
        if (blockType == QLatin1String("thinking")) {
            // Deltas that came before their block's start are kept after its own text.
            m_thinkingText[index].prepend(str(block, "thinking"));
            m_signatures[index].prepend(str(block, "signature"));
            if (!str(block, "thinking").isEmpty())
                return chunk(
                    QJsonObject{{QStringLiteral("reasoning_content"), str(block, "thinking")}});
            return {};
        }
        if (blockType == QLatin1String("redacted_thinking"))
            return chunk(QJsonObject{{QStringLiteral("thinking_blocks"), QJsonArray{block}}});
        if (blockType == QLatin1String("tool_use")) {
            // OpenAI indexes count tool calls only; Anthropic's count every block.
            const int toolIndex = m_toolCount++;
            m_toolIndexes.insert(index, toolIndex);
            const QJsonObject input = block.value(QStringLiteral("input")).toObject();
            // Argument fragments that arrived before this start go out with it.
            const QString arguments =
                (input.isEmpty()
                     ? QString()
                     : QString::fromUtf8(QJsonDocument(input).toJson(QJsonDocument::Compact))) +
                m_earlyArguments.take(index);
            return chunk(
                QJsonObject{{QStringLiteral("tool_calls"),
                             QJsonArray{QJsonObject{
                                 {QStringLiteral("index"), toolIndex},
                                 {QStringLiteral("id"), str(block, "id")},
                                 {QStringLiteral("type"), QStringLiteral("function")},
                                 {QStringLiteral("function"),
                                  QJsonObject{{QStringLiteral("name"), str(block, "name")},
                                              {QStringLiteral("arguments"), arguments}}}}}}});
        }
        return {};
    }
    if (type == QLatin1String("content_block_delta")) {
        const QJsonObject delta = data.value(QStringLiteral("delta")).toObject();
        const QString deltaType = str(delta, "type");
        if (deltaType == QLatin1String("text_delta") && !str(delta, "text").isEmpty())
            return chunk(QJsonObject{{QStringLiteral("content"), str(delta, "text")}});
        if (deltaType == QLatin1String("thinking_delta") && !str(delta, "thinking").isEmpty()) {
            m_thinkingText[index] += str(delta, "thinking");
            return chunk(
                QJsonObject{{QStringLiteral("reasoning_content"), str(delta, "thinking")}});
        }
        if (deltaType == QLatin1String("signature_delta")) {
            m_signatures[index] += str(delta, "signature");
            return {};
        }
        if (deltaType == QLatin1String("input_json_delta") &&
            !str(delta, "partial_json").isEmpty() && !m_toolIndexes.contains(index)) {
            m_earlyArguments[index] += str(delta, "partial_json"); // its block has not started
            return {};
        }
        if (deltaType == QLatin1String("input_json_delta") &&
            !str(delta, "partial_json").isEmpty()) {
            return chunk(QJsonObject{
                {QStringLiteral("tool_calls"),
                 QJsonArray{QJsonObject{
                     {QStringLiteral("index"), m_toolIndexes.value(index)},
                     {QStringLiteral("function"),
                      QJsonObject{{QStringLiteral("arguments"), str(delta, "partial_json")}}}}}}});
        }
        return {}; // citations_delta and future delta kinds
    }
    if (type == QLatin1String("content_block_stop")) {
        if (m_blockTypes.value(index) == QLatin1String("thinking")) {
            // The signed block, complete, so the client can send it back next turn.
            return chunk(
                QJsonObject{{QStringLiteral("thinking_blocks"),
                             QJsonArray{QJsonObject{
                                 {QStringLiteral("type"), QStringLiteral("thinking")},
                                 {QStringLiteral("thinking"), m_thinkingText.value(index)},
                                 {QStringLiteral("signature"), m_signatures.value(index)}}}}});
        }
        return {};
    }
    if (type == QLatin1String("message_delta")) {
        m_anthropicUsage = UsageConverter::merged(m_anthropicUsage,
                                                  data.value(QStringLiteral("usage")).toObject());
        m_usage = UsageConverter::fromAnthropic(m_anthropicUsage);
        const QString stopReason =
            str(data.value(QStringLiteral("delta")).toObject(), "stop_reason");
        if (!stopReason.isEmpty())
            m_stopReason = stopReason;
        // The finish chunk waits for message_stop: a client may ignore deltas after it.
        return {};
    }
    if (type == QLatin1String("message_stop")) {
        m_messageStopped = true;
        QByteArray out = finishChunk();
        if (!m_clientWantsUsage)
            return out;
        const QJsonObject usageChunk{
            {QStringLiteral("id"), m_id},
            {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
            {QStringLiteral("created"), created()},
            {QStringLiteral("model"), m_model},
            {QStringLiteral("choices"), QJsonArray()},
            {QStringLiteral("usage"), UsageConverter::toOpenAi(m_anthropicUsage)}};
        return out + "data: " + QJsonDocument(usageChunk).toJson(QJsonDocument::Compact) + "\n\n";
    }
    if (type == QLatin1String("error")) {
        m_errored = true;
        const GatewayError error =
            AnthropicErrorReader::fromErrorObject(data.value(QStringLiteral("error")).toObject(), 0,
                                                  AnthropicErrorReader::Audience::OpenAiClient);
        return ErrorRenderer::streamEvent(error, ApiFormat::OpenAi);
    }
    return {}; // ping and event types added after this was written
}

QByteArray OpenAiToAnthropicTranslator::finishChunk()
{
    return chunk(QJsonObject(), StopReasonMap::toOpenAi(m_stopReason, m_toolCount > 0));
}

QByteArray OpenAiToAnthropicTranslator::finishStream()
{
    // After an error event the stream ends without [DONE], like OpenAI's own.
    return m_errored ? QByteArray() : QByteArrayLiteral("data: [DONE]\n\n");
}

GatewayError OpenAiToAnthropicTranslator::translateError(int status, const QByteArray &body,
                                                         const QByteArray &retryAfter) const
{
    return AnthropicErrorReader::read(status, body, retryAfter,
                                      AnthropicErrorReader::Audience::OpenAiClient);
}
