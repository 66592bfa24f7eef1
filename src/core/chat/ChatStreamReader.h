#pragma once

#include "ChatError.h"
#include "ChatUsage.h"
#include "sse/SseParser.h"

#include <QString>

/// What one piece of an OpenAI Chat Completions stream brought.
struct ChatStreamUpdate
{
    QString content;   ///< new answer text
    QString reasoning; ///< new reasoning text
    bool hasUsage = false;
    ChatUsage usage;
    QString finishReason; ///< set by the chunk that carries it
    bool done = false;    ///< `data: [DONE]` arrived
    ChatError error;      ///< a final error event arrived

    bool isEmpty() const
    {
        return content.isEmpty() && reasoning.isEmpty() && !hasUsage && finishReason.isEmpty() &&
               !done && !error.isError();
    }
};

/// Reads a streamed Chat Completions answer with the core's SseParser: answer and reasoning
/// deltas kept apart (`reasoning_content` as DeepSeek and the gateway's Claude translation
/// send it, or `reasoning` as OpenRouter and Ollama do), the usage chunk, the finish reason,
/// `[DONE]` and the gateway's final error event. No I/O: feed it bytes as they arrive.
class ChatStreamReader
{
public:
    ChatStreamUpdate feed(const QByteArray &bytes);

    /// True once `[DONE]` or an error event arrived.
    bool isFinished() const { return m_finished; }
    bool sawFinishReason() const { return m_sawFinishReason; }

private:
    void readEvent(const SseEvent &event, ChatStreamUpdate &update);

    SseParser m_parser;
    bool m_finished = false;
    bool m_sawFinishReason = false;
};
