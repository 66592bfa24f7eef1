#pragma once

#include "api/JsonTree.h"

#include <QByteArray>
#include <QString>

#include <functional>

/// Writes the Chat Completions request for an Anthropic Messages request read as a JsonTree.
/// The client's texts, tool output, tool schemas and tool inputs are copied into place as the
/// client wrote them (escapes and all): on an agent's 100 KB request, decoding them into Qt's
/// containers and encoding them again was most of the translation's cost. Only what is
/// compared or rewritten (types, roles, the billing line, thinking signatures) is decoded.
class MessagesToChatWriter
{
public:
    struct Settings
    {
        QString upstreamModel;
        /// "max_tokens" or "max_completion_tokens", and its figure (capped already).
        QByteArray outputTokensField;
        qint64 outputTokens = 0;
        /// True for a thinking block whose reasoning goes back to the upstream model as
        /// reasoning_content (its own, or unsigned).
        std::function<bool(const JsonTree::Value &thinkingBlock)> isOwnReasoning;
    };

    static QByteArray write(const JsonTree &request, const Settings &settings);
};
