#pragma once

#include <QtGlobal>

/// Token counts of one call, in OpenAI's terms (prompt tokens include cached ones);
/// -1 where the upstream did not say.
struct TokenUsage
{
    qint64 promptTokens = -1;
    qint64 completionTokens = -1;
    qint64 cachedTokens = -1;    ///< prompt tokens served from the provider's cache
    qint64 reasoningTokens = -1; ///< completion tokens spent on reasoning

    bool isKnown() const { return promptTokens >= 0 || completionTokens >= 0; }
};
