#pragma once

#include <QString>

/// Anthropic `stop_reason` <-> OpenAI `finish_reason`. Tool calls win over whatever the
/// upstream said: some servers (Ollama) end tool-call turns with "stop".
namespace StopReasonMap {
/// end_turn, stop_sequence, pause_turn -> stop; max_tokens, model_context_window_exceeded ->
/// length; tool_use -> tool_calls; refusal -> content_filter; null/unknown -> stop.
QString toOpenAi(const QString &stopReason, bool emittedToolCalls);
/// stop -> end_turn; length -> max_tokens; tool_calls, function_call -> tool_use;
/// content_filter -> refusal; null/unknown -> end_turn.
QString toAnthropic(const QString &finishReason, bool emittedToolCalls);
} // namespace StopReasonMap
