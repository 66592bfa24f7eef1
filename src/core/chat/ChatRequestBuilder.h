#pragma once

#include "ChatMessage.h"

#include <QJsonObject>
#include <QList>

/// Builds the OpenAI Chat Completions request the chat sends to the gateway: streamed, with
/// the usage chunk asked for, the system prompt first, and images as `image_url` data URLs.
namespace ChatRequestBuilder {

/// `history` is every message before the reply to be made. Replies that failed or were
/// stopped before a word arrived are left out (the model never said them); reasoning is not
/// sent back (providers ignore or refuse it outside tool calls).
QJsonObject build(const QString &model, const QString &systemPrompt,
                  const QList<ChatMessage> &history, const QString &reasoningEffort = {});

/// The `messages` array alone.
QJsonArray messages(const QString &systemPrompt, const QList<ChatMessage> &history);

} // namespace ChatRequestBuilder
