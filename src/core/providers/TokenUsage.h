#pragma once

#include <QtGlobal>

/// Token counts of one call, in OpenAI's terms (prompt tokens include cached ones);
/// -1 where the upstream did not say.
struct TokenUsage
{
    qint64 promptTokens = -1;
    qint64 completionTokens = -1;

    bool isKnown() const { return promptTokens >= 0 || completionTokens >= 0; }
};
