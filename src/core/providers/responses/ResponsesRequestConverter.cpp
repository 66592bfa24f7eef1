#include "ResponsesRequestConverter.h"

#include "ReasoningCarrier.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

GatewayError invalid(const QString &param, const QString &message)
{
    return GatewayError::make(GatewayErrorCode::InvalidRequest, message, param);
}

/// Text parts joined; a message of several text parts reads as one text.
QString joinedText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QStringList texts;
    for (const QJsonValue &p : content.toArray()) {
        const QJsonObject part = p.toObject();
        const QString type = str(part, "type");
        if (type == QLatin1String("refusal"))
            texts.append(str(part, "refusal"));
        else if (part.value(QStringLiteral("text")).isString())
            texts.append(str(part, "text"));
    }
    return texts.join(QLatin1Char('\n'));
}

/// Responses content parts to Chat content: a plain string when every part is text (the
/// form every OpenAI-compatible server takes), else an array of text, image and file parts.
bool chatContent(const QJsonValue &content, const QString &param, QJsonValue *out,
                 GatewayError *error)
{
    if (content.isString()) {
        *out = content;
        return true;
    }
    const QJsonArray parts = content.toArray();
    QJsonArray converted;
    bool onlyText = true;
    for (qsizetype j = 0; j < parts.size(); ++j) {
        const QJsonObject part = parts.at(j).toObject();
        const QString type = str(part, "type");
        const QString partParam = QStringLiteral("%1[%2]").arg(param).arg(j);
        if (type == QLatin1String("input_text") || type == QLatin1String("output_text") ||
            type == QLatin1String("text")) {
            converted.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                         {QStringLiteral("text"), str(part, "text")}});
        } else if (type == QLatin1String("refusal")) {
            converted.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                         {QStringLiteral("text"), str(part, "refusal")}});
        } else if (type == QLatin1String("input_image")) {
            const QString url = str(part, "image_url");
            if (url.isEmpty()) {
                *error = invalid(partParam, QStringLiteral("'%1' names an uploaded file "
                                                           "(file_id), which only OpenAI can "
                                                           "read. Send the image as 'image_url' "
                                                           "(an https or data: URL).")
                                                .arg(partParam));
                return false;
            }
            QJsonObject image{{QStringLiteral("url"), url}};
            if (!str(part, "detail").isEmpty())
                image.insert(QStringLiteral("detail"), str(part, "detail"));
            converted.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("image_url")},
                                         {QStringLiteral("image_url"), image}});
            onlyText = false;
        } else if (type == QLatin1String("input_file")) {
            const QString data = str(part, "file_data");
            if (data.isEmpty()) {
                *error = invalid(partParam, QStringLiteral("'%1' refers to a file by id or URL, "
                                                           "which this provider cannot fetch. "
                                                           "Send its contents as 'file_data' (a "
                                                           "data: URL) with a 'filename'.")
                                                .arg(partParam));
                return false;
            }
            QJsonObject file{{QStringLiteral("file_data"), data}};
            if (!str(part, "filename").isEmpty())
                file.insert(QStringLiteral("filename"), str(part, "filename"));
            converted.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("file")},
                                         {QStringLiteral("file"), file}});
            onlyText = false;
        } else {
            *error = invalid(partParam + QStringLiteral(".type"),
                             QStringLiteral("Content parts of type '%1' cannot be sent to this "
                                            "provider; it takes input_text, input_image and "
                                            "input_file parts.")
                                 .arg(type));
            return false;
        }
    }
    *out = onlyText ? QJsonValue(joinedText(content)) : QJsonValue(converted);
    return true;
}

/// The assistant turn being assembled from consecutive reasoning, message and function-call
/// items.
struct AssistantTurn
{
    QString reasoning;
    QJsonArray thinkingBlocks;
    QStringList texts;
    QJsonArray toolCalls;

    bool hasOutput() const { return !texts.isEmpty() || !toolCalls.isEmpty(); }

    QJsonObject message() const
    {
        QJsonObject m{{QStringLiteral("role"), QStringLiteral("assistant")}};
        // Chat Completions takes null content beside tool calls; some servers refuse "".
        m.insert(QStringLiteral("content"),
                 texts.isEmpty() ? QJsonValue() : QJsonValue(texts.join(QLatin1Char('\n'))));
        if (!reasoning.isEmpty())
            m.insert(QStringLiteral("reasoning_content"), reasoning);
        if (!thinkingBlocks.isEmpty())
            m.insert(QStringLiteral("thinking_blocks"), thinkingBlocks);
        if (!toolCalls.isEmpty())
            m.insert(QStringLiteral("tool_calls"), toolCalls);
        return m;
    }
};

QString reasoningText(const QJsonObject &item)
{
    // Raw reasoning (content) when the client kept it, else the summary the client saw.
    QStringList texts;
    for (const QJsonValue &c : item.value(QStringLiteral("content")).toArray())
        texts.append(str(c.toObject(), "text"));
    if (texts.join(QString()).isEmpty()) {
        texts.clear();
        for (const QJsonValue &s : item.value(QStringLiteral("summary")).toArray())
            texts.append(str(s.toObject(), "text"));
    }
    texts.removeAll(QString());
    return texts.join(QStringLiteral("\n\n"));
}

QJsonValue toolOutput(const QJsonValue &output)
{
    if (output.isString())
        return output;
    bool onlyText = true;
    QJsonArray parts;
    for (const QJsonValue &p : output.toArray()) {
        const QJsonObject part = p.toObject();
        const QString type = str(part, "type");
        if (type == QLatin1String("input_image") && !str(part, "image_url").isEmpty()) {
            parts.append(
                QJsonObject{{QStringLiteral("type"), QStringLiteral("image_url")},
                            {QStringLiteral("image_url"),
                             QJsonObject{{QStringLiteral("url"), str(part, "image_url")}}}});
            onlyText = false;
        } else if (part.value(QStringLiteral("text")).isString()) {
            parts.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                     {QStringLiteral("text"), str(part, "text")}});
        }
    }
    return onlyText ? QJsonValue(joinedText(output)) : QJsonValue(parts);
}

QJsonObject chatTool(const QJsonObject &tool)
{
    QJsonObject schema = tool.value(QStringLiteral("parameters")).toObject();
    if (schema.isEmpty())
        schema = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                             {QStringLiteral("properties"), QJsonObject()}};
    QJsonObject function{{QStringLiteral("name"), str(tool, "name")},
                         {QStringLiteral("parameters"), schema}};
    if (!str(tool, "description").isEmpty())
        function.insert(QStringLiteral("description"), str(tool, "description"));
    if (tool.value(QStringLiteral("strict")).isBool())
        function.insert(QStringLiteral("strict"), tool.value(QStringLiteral("strict")));
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("function")},
                       {QStringLiteral("function"), function}};
}

QJsonValue chatToolChoice(const QJsonValue &choice)
{
    if (choice.isString())
        return choice;
    const QJsonObject c = choice.toObject();
    const QString type = str(c, "type");
    if (type == QLatin1String("function"))
        return QJsonObject{
            {QStringLiteral("type"), QStringLiteral("function")},
            {QStringLiteral("function"), QJsonObject{{QStringLiteral("name"), str(c, "name")}}}};
    if (type == QLatin1String("allowed_tools")) // the subset is advisory; keep the mode
        return str(c, "mode") == QLatin1String("required") ? QStringLiteral("required")
                                                           : QStringLiteral("auto");
    return QJsonValue(); // a hosted tool that was left out
}

} // namespace

bool ResponsesRequestConverter::convert(const QJsonObject &request, const QString &upstreamModel,
                                        QJsonObject *chat, GatewayError *error)
{
    m_dropped.clear();
    QJsonArray messages;
    const QString instructions = str(request, "instructions");
    if (!instructions.isEmpty())
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                    {QStringLiteral("content"), instructions}});

    const QJsonValue input = request.value(QStringLiteral("input"));
    if (input.isString())
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                    {QStringLiteral("content"), input}});

    AssistantTurn turn;
    auto flush = [&] {
        // Reasoning without an answer or a call after it has nothing to go back with.
        if (turn.hasOutput())
            messages.append(turn.message());
        turn = AssistantTurn();
    };
    const QJsonArray items = input.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        const QString param = QStringLiteral("input[%1]").arg(i);
        QString type = str(item, "type");
        if (type.isEmpty() && item.contains(QStringLiteral("role")))
            type = QStringLiteral("message");

        if (type == QLatin1String("message")) {
            const QString role = str(item, "role");
            const QJsonValue content = item.value(QStringLiteral("content"));
            if (role == QLatin1String("assistant")) {
                if (turn.hasOutput())
                    flush(); // a second answer of the same turn: its own message
                const QString text = joinedText(content);
                if (!text.isEmpty())
                    turn.texts.append(text);
                continue;
            }
            flush();
            if (role == QLatin1String("system") || role == QLatin1String("developer")) {
                // "system" is the role every OpenAI-compatible server knows.
                const QString text = joinedText(content);
                if (!text.isEmpty())
                    messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                                {QStringLiteral("content"), text}});
                continue;
            }
            QJsonValue converted;
            if (!chatContent(content, param + QStringLiteral(".content"), &converted, error))
                return false;
            messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                        {QStringLiteral("content"), converted}});
        } else if (type == QLatin1String("function_call")) {
            turn.toolCalls.append(
                QJsonObject{{QStringLiteral("id"), str(item, "call_id")},
                            {QStringLiteral("type"), QStringLiteral("function")},
                            {QStringLiteral("function"),
                             QJsonObject{{QStringLiteral("name"), str(item, "name")},
                                         {QStringLiteral("arguments"), str(item, "arguments")}}}});
        } else if (type == QLatin1String("function_call_output")) {
            flush();
            messages.append(QJsonObject{
                {QStringLiteral("role"), QStringLiteral("tool")},
                {QStringLiteral("tool_call_id"), str(item, "call_id")},
                {QStringLiteral("content"), toolOutput(item.value(QStringLiteral("output")))}});
        } else if (type == QLatin1String("reasoning")) {
            if (turn.hasOutput())
                flush(); // reasoning opens the next assistant turn
            // The gateway's own carrier holds the provider's reasoning exactly.
            const ReasoningCarrier::Reasoning carried =
                ReasoningCarrier::decode(str(item, "encrypted_content"));
            const QString text = carried.text.isEmpty() ? reasoningText(item) : carried.text;
            if (!text.isEmpty())
                turn.reasoning += turn.reasoning.isEmpty() ? text : QStringLiteral("\n\n") + text;
            if (m_thinkingBlocks == ThinkingBlocks::Keep) {
                for (const QJsonValue &block : carried.thinkingBlocks)
                    turn.thinkingBlocks.append(block);
            }
        } else if (type == QLatin1String("item_reference")) {
            *error = invalid(param, QStringLiteral("'%1' refers to an item of an earlier "
                                                   "response, which the gateway does not keep. "
                                                   "Send the item itself.")
                                        .arg(param));
            return false;
        } else {
            // Calls of hosted or custom tools (web_search_call, custom_tool_call...) came from
            // tools this route leaves out; the provider could not read them.
            if (!m_dropped.contains(type))
                m_dropped.append(type);
        }
    }
    flush();

    QJsonObject out{{QStringLiteral("model"), upstreamModel},
                    {QStringLiteral("messages"), messages}};

    QJsonArray tools;
    for (const QJsonValue &t : request.value(QStringLiteral("tools")).toArray()) {
        const QJsonObject tool = t.toObject();
        if (str(tool, "type") == QLatin1String("function")) {
            tools.append(chatTool(tool));
            continue;
        }
        const QString name = str(tool, "name").isEmpty()
                                 ? str(tool, "type")
                                 : str(tool, "type") + QLatin1Char(':') + str(tool, "name");
        m_dropped.append(name);
    }
    if (!tools.isEmpty()) {
        out.insert(QStringLiteral("tools"), tools);
        const QJsonValue choice = chatToolChoice(request.value(QStringLiteral("tool_choice")));
        if (!choice.isNull() && !choice.isUndefined())
            out.insert(QStringLiteral("tool_choice"), choice);
        if (request.value(QStringLiteral("parallel_tool_calls")).isBool())
            out.insert(QStringLiteral("parallel_tool_calls"),
                       request.value(QStringLiteral("parallel_tool_calls")));
    }

    if (request.value(QStringLiteral("max_output_tokens")).isDouble())
        out.insert(QStringLiteral("max_tokens"),
                   request.value(QStringLiteral("max_output_tokens")));
    for (const char *number : {"temperature", "top_p"}) {
        if (request.value(QLatin1String(number)).isDouble())
            out.insert(QLatin1String(number), request.value(QLatin1String(number)));
    }
    const QString effort = str(request.value(QStringLiteral("reasoning")).toObject(), "effort");
    if (!effort.isEmpty())
        out.insert(QStringLiteral("reasoning_effort"), effort);

    const QJsonObject format =
        request.value(QStringLiteral("text")).toObject().value(QStringLiteral("format")).toObject();
    if (str(format, "type") == QLatin1String("json_schema")) {
        QJsonObject schema{{QStringLiteral("name"), str(format, "name")},
                           {QStringLiteral("schema"), format.value(QStringLiteral("schema"))}};
        if (format.value(QStringLiteral("strict")).isBool())
            schema.insert(QStringLiteral("strict"), format.value(QStringLiteral("strict")));
        if (!str(format, "description").isEmpty())
            schema.insert(QStringLiteral("description"), str(format, "description"));
        out.insert(QStringLiteral("response_format"),
                   QJsonObject{{QStringLiteral("type"), QStringLiteral("json_schema")},
                               {QStringLiteral("json_schema"), schema}});
    } else if (str(format, "type") == QLatin1String("json_object")) {
        out.insert(QStringLiteral("response_format"),
                   QJsonObject{{QStringLiteral("type"), QStringLiteral("json_object")}});
    }

    if (request.value(QStringLiteral("stream")).toBool()) {
        out.insert(QStringLiteral("stream"), true);
        // Usage comes last in the stream and fills response.completed's usage and the log.
        out.insert(QStringLiteral("stream_options"),
                   QJsonObject{{QStringLiteral("include_usage"), true}});
    }
    *chat = out;
    return true;
}
