#include "MessagesToChatWriter.h"

#include "ContentBlockConverter.h"
#include "api/JsonTextBuilder.h"

#include <QVarLengthArray>

namespace {

using Value = JsonTree::Value;

constexpr QByteArrayView kBillingHeader = "x-anthropic-billing-header";

/// A piece of a string being put together: the client's text as written, or a decoded and
/// edited one.
struct Piece
{
    QByteArrayView written;
    QString text;
    bool isText = false;
};
using Pieces = QVarLengthArray<Piece, 8>;

/// A string value's text as written; empty for anything else (as QJsonValue::toString()).
Piece writtenPiece(const Value &v)
{
    return Piece{v.stringBytes(), QString(), false};
}

bool isEmpty(const Piece &piece)
{
    return piece.isText ? piece.text.isEmpty() : piece.written.isEmpty();
}

/// Whether a string's text is blank as QString::trimmed() sees it, decoding it only when an
/// escape or a non-ASCII character decides.
bool isBlank(const Value &text)
{
    for (const char c : text.stringBytes()) {
        if (c == ' ')
            continue;
        if (c == '\\' || static_cast<unsigned char>(c) >= 0x80)
            return text.toString().trimmed().isEmpty();
        return false;
    }
    return true;
}

/// `text` as a piece, without Claude Code's per-request billing line when it starts with one.
Piece withoutBillingHeader(const Value &text)
{
    if (!text.stringBytes().startsWith(kBillingHeader))
        return writtenPiece(text);
    return Piece{{}, ContentBlockConverter::withoutBillingHeader(text.toString()), true};
}

/// One string: `prefix`, then the pieces with `separator` (as written) between them.
void writeJoined(JsonTextBuilder &out, const Pieces &pieces, QByteArrayView separator,
                 QByteArrayView prefix = {})
{
    out.beginString();
    out.appendWritten(prefix);
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        if (i > 0)
            out.appendWritten(separator);
        if (pieces[i].isText)
            out.appendText(pieces[i].text);
        else
            out.appendWritten(pieces[i].written);
    }
    out.endString();
}

/// A string value as written, or "" for anything else.
void writeStringOrEmpty(JsonTextBuilder &out, const Value &v)
{
    out.beginString();
    out.appendWritten(v.stringBytes());
    out.endString();
}

/// The system prompt's texts (a string, or the text blocks that are not blank), the first
/// without the billing line.
Pieces systemPieces(const Value &system)
{
    Pieces pieces;
    if (system.isString()) {
        const Piece piece = withoutBillingHeader(system);
        if (!isEmpty(piece))
            pieces.append(piece);
        return pieces;
    }
    if (!system.isArray())
        return pieces;
    for (const Value block : system) {
        if (!block.member("type").equals("text"))
            continue;
        const Value text = block.member("text");
        if (pieces.isEmpty() && text.stringBytes().startsWith(kBillingHeader)) {
            const Piece piece = withoutBillingHeader(text);
            if (!piece.text.trimmed().isEmpty())
                pieces.append(piece);
        } else if (text.isString() && !isBlank(text)) {
            pieces.append(writtenPiece(text));
        }
    }
    return pieces;
}

void writeSystemMessage(JsonTextBuilder &out, const Value &system)
{
    const Pieces pieces = systemPieces(system);
    if (pieces.isEmpty())
        return;
    out.beginObject();
    out.key("role");
    out.json("\"system\"");
    out.key("content");
    writeJoined(out, pieces, "\\n\\n");
    out.endObject();
}

/// "data:MEDIA;base64,DATA" from a base64 source.
void writeDataUrl(JsonTextBuilder &out, const Value &source)
{
    out.beginString();
    out.appendWritten("data:");
    out.appendWritten(source.member("media_type").stringBytes());
    out.appendWritten(";base64,");
    out.appendWritten(source.member("data").stringBytes());
    out.endString();
}

void writeImagePart(JsonTextBuilder &out, const Value &block)
{
    const Value source = block.member("source");
    out.beginObject();
    out.key("type");
    out.json("\"image_url\"");
    out.key("image_url");
    out.beginObject();
    out.key("url");
    if (source.member("type").equals("base64"))
        writeDataUrl(out, source);
    else
        writeStringOrEmpty(out, source.member("url"));
    out.endObject();
    out.endObject();
}

/// What a document block becomes in OpenAI's content parts.
enum class DocumentPart
{
    None,
    File, ///< a base64 document: a file part
    Text, ///< a plain-text document: a text part
};

DocumentPart documentPart(const Value &block)
{
    const Value type = block.member("source").member("type");
    if (type.equals("base64"))
        return DocumentPart::File;
    if (type.equals("text"))
        return DocumentPart::Text;
    return DocumentPart::None;
}

void writeDocumentPart(JsonTextBuilder &out, const Value &block)
{
    const Value source = block.member("source");
    const DocumentPart kind = documentPart(block);
    if (kind == DocumentPart::None)
        return;
    out.beginObject();
    out.key("type");
    if (kind == DocumentPart::Text) {
        out.json("\"text\"");
        out.key("text");
        writeStringOrEmpty(out, source.member("data"));
        out.endObject();
        return;
    }
    out.json("\"file\"");
    out.key("file");
    out.beginObject();
    out.key("filename");
    const Value title = block.member("title");
    if (title.isString())
        out.json(title.bytes());
    else
        out.json("\"document.pdf\"");
    out.key("file_data");
    writeDataUrl(out, source);
    out.endObject();
    out.endObject();
}

/// A tool_result block as a `tool` message: its text blocks joined by newlines, "Error: "
/// first when it reports a failure (OpenAI tool messages hold text only).
void writeToolMessage(JsonTextBuilder &out, const Value &block)
{
    out.beginObject();
    out.key("role");
    out.json("\"tool\"");
    out.key("tool_call_id");
    writeStringOrEmpty(out, block.member("tool_use_id"));
    out.key("content");
    Pieces pieces;
    const Value result = block.member("content");
    if (result.isString()) {
        pieces.append(writtenPiece(result));
    } else if (result.isArray()) {
        for (const Value r : result) {
            if (r.member("type").equals("text"))
                pieces.append(writtenPiece(r.member("text")));
        }
    }
    writeJoined(out, pieces, "\\n", block.member("is_error").isTrue() ? "Error: " : "");
    out.endObject();
}

/// One Anthropic user turn: its tool_result blocks become `tool` messages (first, since they
/// answer the previous assistant turn), the rest one user message: a plain string, which
/// suits every OpenAI-compatible server, unless there is an image or a file.
void writeUserTurn(JsonTextBuilder &out, const Value &content)
{
    if (content.isString()) {
        out.beginObject();
        out.key("role");
        out.json("\"user\"");
        out.key("content");
        out.json(content.bytes());
        out.endObject();
        return;
    }
    if (!content.isArray())
        return;
    bool hasParts = false;
    bool onlyText = true;
    for (const Value block : content) {
        const Value type = block.member("type");
        if (type.equals("text")) {
            hasParts = true;
        } else if (type.equals("image")) {
            hasParts = true;
            onlyText = false;
        } else if (type.equals("document")) {
            const DocumentPart part = documentPart(block);
            hasParts = hasParts || part != DocumentPart::None;
            onlyText = onlyText && part != DocumentPart::File;
        } else if (type.equals("tool_result")) {
            writeToolMessage(out, block);
            // Images of a result follow as user content.
            const Value result = block.member("content");
            if (result.isArray()) {
                for (const Value r : result) {
                    if (r.member("type").equals("image")) {
                        hasParts = true;
                        onlyText = false;
                    }
                }
            }
        }
    }
    if (!hasParts)
        return;
    out.beginObject();
    out.key("role");
    out.json("\"user\"");
    out.key("content");
    if (onlyText) {
        Pieces texts;
        for (const Value block : content) {
            const Value type = block.member("type");
            if (type.equals("text"))
                texts.append(writtenPiece(block.member("text")));
            else if (type.equals("document") && documentPart(block) == DocumentPart::Text)
                texts.append(writtenPiece(block.member("source").member("data")));
        }
        writeJoined(out, texts, "\\n\\n");
        out.endObject();
        return;
    }
    out.beginArray();
    for (const Value block : content) {
        const Value type = block.member("type");
        if (type.equals("text")) {
            out.beginObject();
            out.key("type");
            out.json("\"text\"");
            out.key("text");
            writeStringOrEmpty(out, block.member("text"));
            out.endObject();
        } else if (type.equals("image")) {
            writeImagePart(out, block);
        } else if (type.equals("document")) {
            writeDocumentPart(out, block);
        } else if (type.equals("tool_result") && block.member("content").isArray()) {
            for (const Value r : block.member("content")) {
                if (r.member("type").equals("image"))
                    writeImagePart(out, r);
            }
        }
    }
    out.endArray();
    out.endObject();
}

/// `"type":"function","function":{"name":NAME` of a tool, a tool call or a tool choice; the
/// function object stays open for the caller's members.
void beginFunction(JsonTextBuilder &out, const Value &name)
{
    out.key("type");
    out.json("\"function\"");
    out.key("function");
    out.beginObject();
    out.key("name");
    writeStringOrEmpty(out, name);
}

/// A tool_use block as an OpenAI tool call, its input as a JSON string.
void writeToolCall(JsonTextBuilder &out, const Value &block)
{
    out.beginObject();
    out.key("id");
    writeStringOrEmpty(out, block.member("id"));
    beginFunction(out, block.member("name"));
    out.key("arguments");
    const Value input = block.member("input");
    out.beginString();
    out.appendJsonAsText(input.isObject() ? input.bytes() : QByteArrayView("{}"));
    out.endString();
    out.endObject();
    out.endObject();
}

/// One Anthropic assistant turn: its texts, its own reasoning (DeepSeek requires the
/// reasoning of tool-call turns back; others ignore the field) and its tool calls. Thinking
/// that is not the upstream model's, and redacted_thinking (encrypted for Anthropic alone),
/// is left out.
void writeAssistantTurn(JsonTextBuilder &out, const Value &content,
                        const MessagesToChatWriter::Settings &settings)
{
    out.beginObject();
    out.key("role");
    out.json("\"assistant\"");
    if (content.isString()) {
        out.key("content");
        out.json(content.bytes());
        out.endObject();
        return;
    }
    Pieces texts;
    Pieces reasoning;
    QVarLengthArray<Value, 8> toolUses;
    bool hasText = false;
    if (content.isArray()) {
        for (const Value block : content) {
            const Value type = block.member("type");
            if (type.equals("text")) {
                texts.append(writtenPiece(block.member("text")));
                hasText = hasText || !isEmpty(texts.back());
            } else if (type.equals("thinking") && settings.isOwnReasoning &&
                       settings.isOwnReasoning(block)) {
                const Piece piece = writtenPiece(block.member("thinking"));
                if (!isEmpty(piece))
                    reasoning.append(piece);
            } else if (type.equals("tool_use")) {
                toolUses.append(block);
            }
        }
    }
    out.key("content");
    if (!hasText && !toolUses.isEmpty())
        out.null();
    else
        writeJoined(out, texts, "");
    if (!reasoning.isEmpty()) {
        out.key("reasoning_content");
        writeJoined(out, reasoning, "");
    }
    if (!toolUses.isEmpty()) {
        out.key("tool_calls");
        out.beginArray();
        for (const Value &block : toolUses)
            writeToolCall(out, block);
        out.endArray();
    }
    out.endObject();
}

/// Tools with a schema as functions; server tools (web_search, bash, text_editor...) run at
/// Anthropic and have none. False when none was written.
bool writeTools(JsonTextBuilder &out, const Value &tools)
{
    bool any = false;
    if (!tools.isArray())
        return false;
    for (const Value tool : tools) {
        const Value schema = tool.member("input_schema");
        if (!schema.isObject())
            continue;
        if (!any) {
            out.key("tools");
            out.beginArray();
            any = true;
        }
        out.beginObject();
        beginFunction(out, tool.member("name"));
        const Value description = tool.member("description");
        if (!description.stringBytes().isEmpty()) {
            out.key("description");
            out.json(description.bytes());
        }
        // Claude Code's schemas declare their JSON Schema dialect ("$schema"); a declaration
        // means nothing to a function's parameters, and strict servers (Gemini's
        // OpenAI-compatible API) refuse the unknown key.
        out.key("parameters");
        out.beginObject();
        for (const Value member : schema) {
            if (member.keyEquals("$schema"))
                continue;
            out.key(member.key());
            out.json(member.bytes());
        }
        out.endObject();
        out.endObject();
        out.endObject();
    }
    if (any)
        out.endArray();
    return any;
}

void writeToolChoice(JsonTextBuilder &out, const Value &choice)
{
    const Value type = choice.member("type");
    if (type.equals("auto") || type.equals("none")) {
        out.key("tool_choice");
        out.json(type.equals("auto") ? "\"auto\"" : "\"none\"");
    } else if (type.equals("any")) {
        out.key("tool_choice");
        out.json("\"required\"");
    } else if (type.equals("tool")) {
        out.key("tool_choice");
        out.beginObject();
        beginFunction(out, choice.member("name"));
        out.endObject();
        out.endObject();
    }
    if (choice.member("disable_parallel_tool_use").isTrue()) {
        out.key("parallel_tool_calls");
        out.boolean(false);
    }
}

} // namespace

QByteArray MessagesToChatWriter::write(const JsonTree &request, const Settings &settings)
{
    const Value client = request.root();
    // About as large as the client's body.
    JsonTextBuilder out(request.text().size() + request.text().size() / 8 + 4096);
    out.beginObject();
    out.key("model");
    out.string(settings.upstreamModel);

    out.key("messages");
    out.beginArray();
    writeSystemMessage(out, client.member("system"));
    const Value messages = client.member("messages");
    if (messages.isArray()) {
        for (const Value message : messages) {
            const Value role = message.member("role");
            const Value content = message.member("content");
            if (role.equals("assistant"))
                writeAssistantTurn(out, content, settings);
            else if (role.equals("system"))
                // A mid-conversation system message stays where it is: OpenAI-compatible APIs
                // take system messages at any position.
                writeSystemMessage(out, content);
            else
                writeUserTurn(out, content);
        }
    }
    out.endArray();

    out.key(settings.outputTokensField);
    out.number(settings.outputTokens);
    for (const char *key : {"temperature", "top_p"}) {
        const Value v = client.member(key);
        if (v.isNumber()) {
            out.key(key);
            out.json(v.bytes());
        }
    }
    const Value stops = client.member("stop_sequences");
    if (stops.isArray() && !stops.firstChild().isAbsent()) {
        out.key("stop");
        out.json(stops.bytes());
    }
    // An end-user id goes on as OpenAI's `user`; Claude Code's is a JSON blob of device and
    // session ids, telemetry for Anthropic that other providers have no use for.
    const QString userId = client.member("metadata").member("user_id").toString();
    if (!userId.isEmpty() && userId.size() <= 64 && !userId.startsWith(QLatin1Char('{'))) {
        out.key("user");
        out.string(userId);
    }
    if (writeTools(out, client.member("tools")))
        writeToolChoice(out, client.member("tool_choice"));
    if (client.member("stream").isTrue()) {
        out.key("stream");
        out.boolean(true);
        // Usage is needed for message_delta, whatever the client asked.
        out.key("stream_options");
        out.json("{\"include_usage\":true}");
    }
    out.endObject();
    return out.take();
}
