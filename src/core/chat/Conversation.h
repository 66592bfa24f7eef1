#pragma once

#include "ChatMessage.h"

#include <QDateTime>
#include <QList>
#include <QString>

/// A conversation as the list shows it: no messages.
struct ConversationSummary
{
    QString id;
    QString title;
    QString model;
    QDateTime updatedAt;
    QString snippet; ///< from a search: the text around the first match
};

/// A whole conversation: its settings and its messages in order.
struct Conversation
{
    QString id;
    QString title;
    bool customTitle = false; ///< renamed by the user: no longer made from the first message
    QString systemPrompt;
    QString model;
    /// Sent as `reasoning_effort` ("low", "medium", "high"; the gateway turns it into a
    /// thinking budget for Claude); empty: not sent, the model's default.
    QString reasoningEffort;
    QDateTime createdAt;
    QDateTime updatedAt;
    QList<ChatMessage> messages;

    static Conversation create(const QString &model);
    ConversationSummary summary() const;
    /// A title from the first line of the first message, cut at a word near `maxLength`.
    static QString titleFromText(const QString &text, int maxLength = 60);
};
