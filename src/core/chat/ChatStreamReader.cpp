#include "ChatStreamReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

ChatStreamUpdate ChatStreamReader::feed(const QByteArray &bytes)
{
    ChatStreamUpdate update;
    const QList<SseEvent> events = m_parser.feed(bytes);
    for (const SseEvent &event : events) {
        if (!event.isComment)
            readEvent(event, update);
    }
    return update;
}

void ChatStreamReader::readEvent(const SseEvent &event, ChatStreamUpdate &update)
{
    if (m_finished)
        return;
    const QByteArray data = event.data.trimmed();
    if (data == "[DONE]") {
        update.done = true;
        m_finished = true;
        return;
    }
    QJsonParseError parseError{};
    const QJsonObject chunk = QJsonDocument::fromJson(data, &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return; // not JSON: nothing a chat client can use
    if (chunk.contains(QStringLiteral("error")) || event.event == "error") {
        update.error = ChatError::fromStreamError(chunk);
        m_finished = true;
        return;
    }
    const QJsonValue usage = chunk.value(QStringLiteral("usage"));
    if (usage.isObject()) {
        update.hasUsage = true;
        update.usage = ChatUsage::fromOpenAiJson(usage.toObject());
    }
    const QJsonArray choices = chunk.value(QStringLiteral("choices")).toArray();
    for (const QJsonValue &choiceValue : choices) {
        const QJsonObject choice = choiceValue.toObject();
        // The chat asks for one choice; a server that sends more is read for the first only.
        if (choice.value(QStringLiteral("index")).toInt(0) != 0)
            continue;
        const QJsonObject delta = choice.value(QStringLiteral("delta")).toObject();
        const QJsonValue reasoning = delta.contains(QStringLiteral("reasoning_content"))
                                         ? delta.value(QStringLiteral("reasoning_content"))
                                         : delta.value(QStringLiteral("reasoning"));
        if (reasoning.isString())
            update.reasoning += reasoning.toString();
        const QJsonValue content = delta.value(QStringLiteral("content"));
        if (content.isString())
            update.content += content.toString();
        const QJsonValue finish = choice.value(QStringLiteral("finish_reason"));
        if (finish.isString() && !finish.toString().isEmpty()) {
            update.finishReason = finish.toString();
            m_sawFinishReason = true;
        }
    }
}
