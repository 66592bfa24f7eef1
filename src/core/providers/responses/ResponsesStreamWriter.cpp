#include "ResponsesStreamWriter.h"

#include "ReasoningCarrier.h"

#include <QJsonDocument>

namespace {

/// `text` as a JSON string literal (UTF-8, with the escapes JSON requires).
void appendJsonString(QByteArray &out, const QString &text)
{
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    out.reserve(out.size() + utf8.size() + 2);
    out += '"';
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out += hex[(c >> 4) & 0xf];
                out += hex[c & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

} // namespace

QByteArray ResponsesStreamWriter::event(const QString &type, QJsonObject payload)
{
    payload.insert(QStringLiteral("type"), type);
    payload.insert(QStringLiteral("sequence_number"), m_sequence++);
    // The event name repeats the type: the OpenAI SDKs dispatch on it, Codex on the data.
    return "event: " + type.toUtf8() +
           "\ndata: " + QJsonDocument(payload).toJson(QJsonDocument::Compact) + "\n\n";
}

QByteArray ResponsesStreamWriter::deltaEvent(const char *type, const QString &itemId,
                                             int outputIndex, const char *indexKey, int indexValue,
                                             const QString &delta, bool withLogprobs)
{
    // Deltas are most of a stream's events: written directly, they cost a tenth of building
    // and serialising a QJsonObject (measured: about 1 us instead of 12 us per event).
    QByteArray out = QByteArrayLiteral("event: ");
    out += type;
    out += "\ndata: {\"type\":\"";
    out += type;
    out += "\",\"sequence_number\":";
    out += QByteArray::number(m_sequence++);
    out += ",\"item_id\":";
    appendJsonString(out, itemId);
    out += ",\"output_index\":";
    out += QByteArray::number(outputIndex);
    if (indexKey) {
        out += ",\"";
        out += indexKey;
        out += "\":";
        out += QByteArray::number(indexValue);
    }
    out += ",\"delta\":";
    appendJsonString(out, delta);
    if (withLogprobs)
        out += ",\"logprobs\":[]";
    out += "}\n\n";
    return out;
}

QByteArray ResponsesStreamWriter::start()
{
    if (m_started)
        return {};
    m_started = true;
    const QJsonObject response = m_envelope.build(QStringLiteral("in_progress"), QJsonArray());
    QByteArray out = event(QStringLiteral("response.created"),
                           QJsonObject{{QStringLiteral("response"), response}});
    out += event(QStringLiteral("response.in_progress"),
                 QJsonObject{{QStringLiteral("response"), response}});
    return out;
}

QJsonObject ResponsesStreamWriter::partJson(const Part &part) const
{
    if (part.refusal)
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("refusal")},
                           {QStringLiteral("refusal"), part.text}};
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("output_text")},
                       {QStringLiteral("annotations"), QJsonArray()},
                       {QStringLiteral("logprobs"), QJsonArray()},
                       {QStringLiteral("text"), part.text}};
}

QJsonObject ResponsesStreamWriter::itemJson(const Item &item, const QString &status) const
{
    switch (item.kind) {
    case Kind::Reasoning: {
        QJsonArray summary;
        if (!item.summary.isEmpty())
            summary.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("summary_text")},
                                       {QStringLiteral("text"), item.summary}});
        QJsonObject json{{QStringLiteral("id"), item.id},
                         {QStringLiteral("type"), QStringLiteral("reasoning")},
                         {QStringLiteral("summary"), summary}};
        // Anthropic's signed blocks hold the thinking text already; a Chat provider's
        // reasoning travels as its text.
        ReasoningCarrier::Reasoning carried;
        carried.thinkingBlocks = item.thinkingBlocks;
        if (carried.thinkingBlocks.isEmpty())
            carried.text = item.summary;
        if (!item.open && !carried.isEmpty())
            json.insert(QStringLiteral("encrypted_content"), ReasoningCarrier::encode(carried));
        return json;
    }
    case Kind::Message: {
        QJsonArray content;
        for (const Part &part : item.parts)
            content.append(partJson(part));
        return QJsonObject{{QStringLiteral("id"), item.id},
                           {QStringLiteral("type"), QStringLiteral("message")},
                           {QStringLiteral("status"), status},
                           {QStringLiteral("role"), QStringLiteral("assistant")},
                           {QStringLiteral("content"), content}};
    }
    case Kind::FunctionCall:
        break;
    }
    return QJsonObject{{QStringLiteral("id"), item.id},
                       {QStringLiteral("type"), QStringLiteral("function_call")},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("arguments"), item.arguments},
                       {QStringLiteral("call_id"), item.callId},
                       {QStringLiteral("name"), item.name}};
}

QByteArray ResponsesStreamWriter::addItem(Item item)
{
    QByteArray out = start();
    const int index = int(m_items.size());
    m_items.append(std::move(item));
    const Item &added = m_items.last();
    QJsonObject json = itemJson(added, QStringLiteral("in_progress"));
    out +=
        event(QStringLiteral("response.output_item.added"),
              QJsonObject{{QStringLiteral("output_index"), index}, {QStringLiteral("item"), json}});
    return out;
}

QByteArray ResponsesStreamWriter::ensureCurrent(Kind kind)
{
    QByteArray out;
    if (m_current >= 0 && m_items[m_current].kind == kind && m_items[m_current].open)
        return out;
    if (m_current >= 0)
        out += closeItem(m_current);
    Item item;
    item.kind = kind;
    item.id = m_envelope.newItemId(kind == Kind::Reasoning ? "rs" : "msg");
    out += addItem(std::move(item));
    m_current = int(m_items.size()) - 1;
    return out;
}

QByteArray ResponsesStreamWriter::reasoningDelta(const QString &text)
{
    if (text.isEmpty() || m_finished)
        return {};
    QByteArray out = ensureCurrent(Kind::Reasoning);
    Item &item = m_items[m_current];
    const QJsonObject where{{QStringLiteral("item_id"), item.id},
                            {QStringLiteral("output_index"), m_current},
                            {QStringLiteral("summary_index"), 0}};
    if (!item.summaryPartOpen) {
        item.summaryPartOpen = true;
        QJsonObject added = where;
        added.insert(QStringLiteral("part"),
                     QJsonObject{{QStringLiteral("type"), QStringLiteral("summary_text")},
                                 {QStringLiteral("text"), QString()}});
        out += event(QStringLiteral("response.reasoning_summary_part.added"), added);
    }
    item.summary += text;
    out += deltaEvent("response.reasoning_summary_text.delta", item.id, m_current, "summary_index",
                      0, text, false);
    return out;
}

QByteArray ResponsesStreamWriter::thinkingBlocks(const QJsonArray &blocks)
{
    if (blocks.isEmpty() || m_finished)
        return {};
    // A signed block ends the thinking its text deltas streamed; a redacted one arrives alone
    // and gets an item of its own, with nothing to show.
    QByteArray out = ensureCurrent(Kind::Reasoning);
    for (const QJsonValue &block : blocks)
        m_items[m_current].thinkingBlocks.append(block);
    return out;
}

QByteArray ResponsesStreamWriter::messageDelta(const QString &text, bool refusal)
{
    if (text.isEmpty() || m_finished)
        return {};
    QByteArray out = ensureCurrent(Kind::Message);
    Item &item = m_items[m_current];
    if (item.parts.isEmpty() || item.parts.last().refusal != refusal) {
        if (!item.parts.isEmpty())
            out += closePart(m_current, int(item.parts.size()) - 1);
        Part part;
        part.refusal = refusal;
        m_items[m_current].parts.append(part);
        out += event(QStringLiteral("response.content_part.added"),
                     QJsonObject{{QStringLiteral("item_id"), item.id},
                                 {QStringLiteral("output_index"), m_current},
                                 {QStringLiteral("content_index"), item.parts.size() - 1},
                                 {QStringLiteral("part"), partJson(part)}});
    }
    Part &part = m_items[m_current].parts.last();
    part.text += text;
    out += deltaEvent(refusal ? "response.refusal.delta" : "response.output_text.delta", item.id,
                      m_current, "content_index", int(item.parts.size()) - 1, text, !refusal);
    return out;
}

QByteArray ResponsesStreamWriter::textDelta(const QString &text)
{
    return messageDelta(text, false);
}

QByteArray ResponsesStreamWriter::refusalDelta(const QString &text)
{
    return messageDelta(text, true);
}

QByteArray ResponsesStreamWriter::toolCallDelta(int index, const QString &callId,
                                                const QString &name, const QString &arguments)
{
    if (m_finished)
        return {};
    QByteArray out;
    const auto open = m_calls.constFind(index);
    if (open != m_calls.constEnd()) {
        Item &item = m_items[*open];
        if (!item.open)
            return out; // after the upstream said why it stopped: the call is done already
        // A name in pieces (rare, but some servers split it) completes in output_item.done;
        // a server that repeats the whole name on every piece must not double it.
        if (name != item.name)
            item.name += name;
        if (arguments.isEmpty())
            return out;
        item.arguments += arguments;
        out += deltaEvent("response.function_call_arguments.delta", item.id, *open, nullptr, 0,
                          arguments, false);
        return out;
    }
    if (!m_pending.contains(index))
        m_pendingOrder.append(index);
    PendingCall &pending = m_pending[index];
    if (!callId.isEmpty())
        pending.callId = callId;
    if (name != pending.name)
        pending.name += name; // some servers split the name too
    pending.arguments += arguments;
    if (pending.name.isEmpty())
        return out; // held back until its name arrives: an item needs it from the start
    Item item;
    item.kind = Kind::FunctionCall;
    item.id = m_envelope.newItemId("fc");
    item.callId =
        pending.callId.isEmpty() ? QStringLiteral("call_") + item.id.mid(3) : pending.callId;
    item.name = pending.name;
    const QString buffered = pending.arguments;
    m_pending.remove(index);
    m_pendingOrder.removeAll(index);
    // Text or reasoning before a call is over when the call begins, as in OpenAI's streams.
    if (m_current >= 0)
        out += closeItem(m_current);
    out += addItem(std::move(item));
    const int itemIndex = int(m_items.size()) - 1;
    m_calls.insert(index, itemIndex);
    if (!buffered.isEmpty()) {
        m_items[itemIndex].arguments = buffered;
        out += deltaEvent("response.function_call_arguments.delta", m_items[itemIndex].id,
                          itemIndex, nullptr, 0, buffered, false);
    }
    return out;
}

QByteArray ResponsesStreamWriter::closePart(int itemIndex, int partIndex)
{
    Item &item = m_items[itemIndex];
    Part &part = item.parts[partIndex];
    if (!part.open)
        return {};
    part.open = false;
    const QJsonObject where{{QStringLiteral("item_id"), item.id},
                            {QStringLiteral("output_index"), itemIndex},
                            {QStringLiteral("content_index"), partIndex}};
    QJsonObject done = where;
    QByteArray out;
    if (part.refusal) {
        done.insert(QStringLiteral("refusal"), part.text);
        out += event(QStringLiteral("response.refusal.done"), done);
    } else {
        done.insert(QStringLiteral("text"), part.text);
        done.insert(QStringLiteral("logprobs"), QJsonArray());
        out += event(QStringLiteral("response.output_text.done"), done);
    }
    QJsonObject partDone = where;
    partDone.insert(QStringLiteral("part"), partJson(part));
    out += event(QStringLiteral("response.content_part.done"), partDone);
    return out;
}

QByteArray ResponsesStreamWriter::closeItem(int index)
{
    Item &item = m_items[index];
    if (!item.open)
        return {};
    QByteArray out;
    if (item.kind == Kind::Reasoning && item.summaryPartOpen) {
        const QJsonObject where{{QStringLiteral("item_id"), item.id},
                                {QStringLiteral("output_index"), index},
                                {QStringLiteral("summary_index"), 0}};
        QJsonObject textDone = where;
        textDone.insert(QStringLiteral("text"), item.summary);
        out += event(QStringLiteral("response.reasoning_summary_text.done"), textDone);
        QJsonObject partDone = where;
        partDone.insert(QStringLiteral("part"),
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("summary_text")},
                                    {QStringLiteral("text"), item.summary}});
        out += event(QStringLiteral("response.reasoning_summary_part.done"), partDone);
    } else if (item.kind == Kind::Message) {
        for (int p = 0; p < item.parts.size(); ++p)
            out += closePart(index, p);
    } else if (item.kind == Kind::FunctionCall) {
        out += event(QStringLiteral("response.function_call_arguments.done"),
                     QJsonObject{{QStringLiteral("item_id"), item.id},
                                 {QStringLiteral("output_index"), index},
                                 {QStringLiteral("name"), item.name},
                                 {QStringLiteral("arguments"), item.arguments}});
    }
    m_items[index].open = false;
    out += event(QStringLiteral("response.output_item.done"),
                 QJsonObject{{QStringLiteral("output_index"), index},
                             {QStringLiteral("item"), itemJson(m_items[index], m_closeStatus)}});
    if (m_current == index)
        m_current = -1;
    return out;
}

QByteArray ResponsesStreamWriter::closeItems(const QString &incompleteReason)
{
    if (!incompleteReason.isEmpty())
        m_closeStatus = QStringLiteral("incomplete");
    QByteArray out;
    // A call whose name never came still carries what the model produced: it goes out with
    // the name it has (none), so the client sees the failure instead of losing it.
    const QList<int> pending = m_pendingOrder;
    for (const int index : pending) {
        const PendingCall call = m_pending.value(index);
        m_pending.remove(index);
        m_pendingOrder.removeAll(index);
        Item item;
        item.kind = Kind::FunctionCall;
        item.id = m_envelope.newItemId("fc");
        item.callId =
            call.callId.isEmpty() ? QStringLiteral("call_") + item.id.mid(3) : call.callId;
        item.arguments = call.arguments;
        out += addItem(std::move(item));
        m_calls.insert(index, int(m_items.size()) - 1);
    }
    for (int i = 0; i < m_items.size(); ++i)
        out += closeItem(i);
    return out;
}

QJsonArray ResponsesStreamWriter::output() const
{
    QJsonArray output;
    for (const Item &item : m_items)
        output.append(itemJson(item, item.open ? QStringLiteral("in_progress") : m_closeStatus));
    return output;
}

QByteArray ResponsesStreamWriter::complete(const QString &incompleteReason, const QJsonValue &usage)
{
    if (m_finished)
        return {};
    QByteArray out = start();
    out += closeItems(incompleteReason);
    m_finished = true;
    const bool incomplete = !incompleteReason.isEmpty();
    const QJsonObject response = m_envelope.build(
        incomplete ? QStringLiteral("incomplete") : QStringLiteral("completed"), output(), usage,
        QJsonValue(),
        incomplete ? QJsonValue(QJsonObject{{QStringLiteral("reason"), incompleteReason}})
                   : QJsonValue());
    out += event(incomplete ? QStringLiteral("response.incomplete")
                            : QStringLiteral("response.completed"),
                 QJsonObject{{QStringLiteral("response"), response}});
    return out;
}

QByteArray ResponsesStreamWriter::fail(const QString &type, const QString &code,
                                       const QString &message, const QString &param)
{
    if (m_finished)
        return {};
    QByteArray out = start();
    m_finished = true;
    // The `error` event makes the OpenAI SDKs throw; Codex reads response.failed's error.
    // The documented event has code/message/param at the top; OpenAI's servers also nest
    // them in `error`, which newer SDK versions read: both are here.
    const QJsonValue paramValue = param.isEmpty() ? QJsonValue() : QJsonValue(param);
    out += event(
        QStringLiteral("error"),
        QJsonObject{{QStringLiteral("code"), code},
                    {QStringLiteral("message"), message},
                    {QStringLiteral("param"), paramValue},
                    {QStringLiteral("error"), QJsonObject{{QStringLiteral("type"), type},
                                                          {QStringLiteral("code"), code},
                                                          {QStringLiteral("message"), message},
                                                          {QStringLiteral("param"), paramValue}}}});
    const QJsonObject error{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    out += event(
        QStringLiteral("response.failed"),
        QJsonObject{{QStringLiteral("response"),
                     m_envelope.build(QStringLiteral("failed"), output(), QJsonValue(), error)}});
    return out;
}
