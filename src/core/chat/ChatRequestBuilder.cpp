#include "ChatRequestBuilder.h"

#include <QJsonArray>

namespace ChatRequestBuilder {

QJsonArray messages(const QString &systemPrompt, const QList<ChatMessage> &history)
{
    QJsonArray out;
    if (!systemPrompt.trimmed().isEmpty())
        out.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                               {QStringLiteral("content"), systemPrompt}});
    for (const ChatMessage &message : history) {
        if (message.role == ChatMessage::Role::Assistant) {
            if (message.content.isEmpty())
                continue;
            out.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                   {QStringLiteral("content"), message.content}});
            continue;
        }
        if (message.images.isEmpty()) {
            out.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                   {QStringLiteral("content"), message.content}});
            continue;
        }
        // With images the content becomes a list of parts: the text first, then each image.
        QJsonArray parts;
        if (!message.content.isEmpty())
            parts.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                     {QStringLiteral("text"), message.content}});
        for (const ChatImage &image : message.images)
            parts.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("image_url")},
                                     {QStringLiteral("image_url"),
                                      QJsonObject{{QStringLiteral("url"), image.dataUrl()}}}});
        out.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                               {QStringLiteral("content"), parts}});
    }
    return out;
}

QJsonObject build(const QString &model, const QString &systemPrompt,
                  const QList<ChatMessage> &history, const QString &reasoningEffort)
{
    QJsonObject body{
        {QStringLiteral("model"), model},
        {QStringLiteral("stream"), true},
        {QStringLiteral("stream_options"), QJsonObject{{QStringLiteral("include_usage"), true}}},
        {QStringLiteral("messages"), messages(systemPrompt, history)}};
    if (!reasoningEffort.isEmpty())
        body.insert(QStringLiteral("reasoning_effort"), reasoningEffort);
    return body;
}

} // namespace ChatRequestBuilder
