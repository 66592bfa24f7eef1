#include "StopReasonMap.h"

namespace StopReasonMap {

QString toOpenAi(const QString &stopReason, bool emittedToolCalls)
{
    if (emittedToolCalls || stopReason == QLatin1String("tool_use"))
        return QStringLiteral("tool_calls");
    if (stopReason == QLatin1String("max_tokens") ||
        stopReason == QLatin1String("model_context_window_exceeded"))
        return QStringLiteral("length");
    if (stopReason == QLatin1String("refusal"))
        return QStringLiteral("content_filter");
    // end_turn, stop_sequence, pause_turn (the server paused a long tool turn: from the
    // client's view the answer simply ended) and anything new.
    return QStringLiteral("stop");
}

QString toAnthropic(const QString &finishReason, bool emittedToolCalls)
{
    if (emittedToolCalls || finishReason == QLatin1String("tool_calls") ||
        finishReason == QLatin1String("function_call"))
        return QStringLiteral("tool_use");
    if (finishReason == QLatin1String("length"))
        return QStringLiteral("max_tokens");
    if (finishReason == QLatin1String("content_filter"))
        return QStringLiteral("refusal");
    return QStringLiteral("end_turn");
}

} // namespace StopReasonMap
