#pragma once

#include "api/GatewayError.h"

#include <QJsonObject>
#include <QStringList>

/// Turns a validated Responses API request into the Chat Completions request that carries the
/// same conversation: `instructions` and system/developer messages become system messages,
/// input items become messages (an assistant turn's reasoning, text and function calls merge
/// into one assistant message, as Chat Completions wants them), function tools, tool_choice,
/// max_output_tokens, reasoning effort and text.format become their Chat equivalents.
///
/// Reasoning items travel back as the assistant message's `reasoning_content` (DeepSeek
/// needs it on tool-call turns); with ThinkingBlocks::Keep, the Anthropic thinking blocks of
/// the gateway's own reasoning carrier travel as `thinking_blocks`, which the Chat-to-Anthropic
/// translator replays. Tools the provider cannot run (web_search, namespace and other hosted
/// tools) and their items are left out and listed in `droppedTools`.
class ResponsesRequestConverter
{
public:
    enum class ThinkingBlocks
    {
        Drop, ///< an OpenAI-compatible upstream: signed Anthropic blocks mean nothing there
        Keep  ///< the request goes on to an Anthropic upstream through the Chat translator
    };

    explicit ResponsesRequestConverter(ThinkingBlocks thinkingBlocks)
        : m_thinkingBlocks(thinkingBlocks)
    {}

    /// False with `error` (400, naming the field) when an item cannot be carried.
    bool convert(const QJsonObject &request, const QString &upstreamModel, QJsonObject *chat,
                 GatewayError *error);

    /// What convert() left out: tool types or names, and item types.
    QStringList droppedTools() const { return m_dropped; }

private:
    ThinkingBlocks m_thinkingBlocks;
    QStringList m_dropped;
};
