#include "AnthropicStreamBuilder.h"

#include "api/JsonWriter.h"

namespace {

/// One SSE event whose data is `json`, in one allocation.
QByteArray event(QByteArrayView name, QByteArrayView json)
{
    QByteArray out;
    out.reserve(name.size() + json.size() + 16);
    out += "event: ";
    out += name;
    out += "\ndata: ";
    out += json;
    out += "\n\n";
    return out;
}

QByteArray event(const char *name, const QJsonObject &data)
{
    return event(name, JsonWriter::compact(data, 256));
}

QJsonObject thinkingBlock()
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("thinking")},
                       {QStringLiteral("thinking"), QString()},
                       {QStringLiteral("signature"), QString()}};
}

QJsonObject textBlock()
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                       {QStringLiteral("text"), QString()}};
}

} // namespace

QByteArray AnthropicStreamBuilder::start(const QString &id, const QString &model,
                                         qint64 inputTokens)
{
    if (m_started)
        return {};
    m_started = true;
    // Written by hand, as delta() is, in the bytes Qt's writer gives (keys sorted).
    const QByteArray quotedId = JsonWriter::quoted(id);
    const QByteArray quotedModel = JsonWriter::quoted(model);
    QByteArray json;
    json.reserve(quotedId.size() + quotedModel.size() + 288);
    json += "{\"message\":{\"content\":[],\"id\":";
    json += quotedId;
    json += ",\"model\":";
    json += quotedModel;
    json += ",\"role\":\"assistant\",\"stop_reason\":null,\"stop_sequence\":null,"
            "\"type\":\"message\",\"usage\":{\"cache_creation_input_tokens\":0,"
            "\"cache_read_input_tokens\":0,\"input_tokens\":";
    json += QByteArray::number(inputTokens);
    json += ",\"output_tokens\":1}},\"type\":\"message_start\"}";
    return event("message_start", json);
}

void AnthropicStreamBuilder::hold(Kind kind, const QString &text)
{
    // Consecutive pieces of one kind wait as one block.
    if (!m_held.isEmpty() && m_held.last().kind == kind)
        m_held.last().text += text;
    else
        m_held.append({kind, text, -1});
}

QByteArray AnthropicStreamBuilder::thinking(const QString &text)
{
    if (text.isEmpty())
        return {};
    if (mustHold()) {
        hold(Kind::Thinking, text);
        return {};
    }
    QByteArray out;
    if (m_kind != Kind::Thinking)
        out += openBlock(Kind::Thinking, thinkingBlock());
    m_thinking += text;
    return out + delta("thinking_delta", "thinking", text);
}

QByteArray AnthropicStreamBuilder::text(const QString &text)
{
    if (text.isEmpty())
        return {};
    if (mustHold()) {
        hold(Kind::Text, text);
        return {};
    }
    QByteArray out;
    if (m_kind != Kind::Text)
        out += openBlock(Kind::Text, textBlock());
    return out + delta("text_delta", "text", text);
}

QByteArray AnthropicStreamBuilder::text(const JsonTree::Value &string)
{
    if (string.hasEscapes() || mustHold() || m_kind != Kind::Text)
        return text(string.toString());
    // A plain string of checked JSON holds no quote, backslash or control character, which
    // are all Qt's writer escapes: its bytes are what JsonWriter::quoted would write.
    return string.stringBytes().isEmpty() ? QByteArray()
                                          : quotedDelta("text_delta", "text", string.bytes());
}

QByteArray AnthropicStreamBuilder::toolCall(int index, const QString &id, const QString &name,
                                            const QString &arguments)
{
    ToolCall &call = m_tools[index];
    if (call.id.isEmpty())
        call.id = id;
    if (call.name.isEmpty()) // some servers repeat the name in every delta
        call.name = name;
    call.arguments += arguments;
    if (m_kind == Kind::Tool && m_openTool == index)
        return arguments.isEmpty() ? QByteArray()
                                   : delta("input_json_delta", "partial_json", arguments);
    if (call.opened || call.held)
        return {}; // held: its arguments go out whole with it
    if (mustHold() || call.name.isEmpty()) {
        call.held = true;
        m_held.append({Kind::Tool, QString(), index});
        return {};
    }
    return openTool(index);
}

QByteArray AnthropicStreamBuilder::openTool(int index)
{
    ToolCall &call = m_tools[index];
    call.opened = true;
    const QString id = call.id.isEmpty() ? QStringLiteral("toolu_%1").arg(index) : call.id;
    QByteArray out =
        openBlock(Kind::Tool, QJsonObject{{QStringLiteral("type"), QStringLiteral("tool_use")},
                                          {QStringLiteral("id"), id},
                                          {QStringLiteral("name"), call.name},
                                          {QStringLiteral("input"), QJsonObject()}});
    m_openTool = index;
    if (!call.arguments.isEmpty())
        out += delta("input_json_delta", "partial_json", call.arguments);
    return out;
}

QByteArray AnthropicStreamBuilder::openBlock(Kind kind, const QJsonObject &contentBlock)
{
    QByteArray out = closeBlock();
    m_kind = kind;
    ++m_blockIndex;
    return out + event("content_block_start",
                       QJsonObject{{QStringLiteral("type"), QStringLiteral("content_block_start")},
                                   {QStringLiteral("index"), m_blockIndex},
                                   {QStringLiteral("content_block"), contentBlock}});
}

QByteArray AnthropicStreamBuilder::closeBlock()
{
    if (m_kind == Kind::None)
        return {};
    QByteArray out;
    if (m_kind == Kind::Thinking) {
        // As Anthropic does: the signature arrives last, in its own delta.
        out += delta("signature_delta", "signature",
                     m_signer ? m_signer->sign(m_scope, m_thinking) : QString());
        m_thinking.clear();
    }
    m_kind = Kind::None;
    m_openTool = -1;
    return out + event("content_block_stop",
                       QJsonObject{{QStringLiteral("type"), QStringLiteral("content_block_stop")},
                                   {QStringLiteral("index"), m_blockIndex}});
}

QByteArray AnthropicStreamBuilder::delta(const char *type, const char *field,
                                         const QString &value) const
{
    // One of these per chunk of every translated stream: written by hand rather than through
    // a QJsonObject, in the bytes Qt's writer gives (keys sorted; every delta field sorts
    // before "type").
    return quotedDelta(type, field, JsonWriter::quoted(value));
}

QByteArray AnthropicStreamBuilder::quotedDelta(const char *type, const char *field,
                                               QByteArrayView quoted) const
{
    QByteArray json;
    json.reserve(quoted.size() + 96);
    json += "{\"delta\":{\"";
    json += field;
    json += "\":";
    json += quoted;
    json += ",\"type\":\"";
    json += type;
    json += "\"},\"index\":";
    json += QByteArray::number(m_blockIndex);
    json += ",\"type\":\"content_block_delta\"}";
    return event("content_block_delta", json);
}

QByteArray AnthropicStreamBuilder::flush()
{
    QByteArray out = closeBlock();
    const QList<Held> held = std::exchange(m_held, {});
    for (const Held &piece : held) {
        if (piece.kind == Kind::Thinking) {
            out += openBlock(Kind::Thinking, thinkingBlock());
            m_thinking = piece.text;
            out += delta("thinking_delta", "thinking", piece.text);
        } else if (piece.kind == Kind::Text) {
            out += openBlock(Kind::Text, textBlock());
            out += delta("text_delta", "text", piece.text);
        } else {
            m_tools[piece.tool].held = false;
            out += openTool(piece.tool);
        }
        out += closeBlock();
    }
    return out;
}

QByteArray AnthropicStreamBuilder::finish(const QString &stopReason, const QJsonObject &usage)
{
    QByteArray out = flush();
    out += event("message_delta",
                 QJsonObject{{QStringLiteral("type"), QStringLiteral("message_delta")},
                             {QStringLiteral("delta"),
                              QJsonObject{{QStringLiteral("stop_reason"), stopReason},
                                          {QStringLiteral("stop_sequence"), QJsonValue()}}},
                             {QStringLiteral("usage"), usage}});
    return out + event("message_stop",
                       QJsonObject{{QStringLiteral("type"), QStringLiteral("message_stop")}});
}
