#include "UsageTotals.h"

double UsageTotals::estimatedCost(const ModelPrice &price) const
{
    const qint64 cached = qBound<qint64>(0, cachedTokens, promptTokens);
    const double cachedPrice =
        price.cachedInputPerMillion >= 0 ? price.cachedInputPerMillion : price.inputPerMillion;
    return (double(promptTokens - cached) * price.inputPerMillion + double(cached) * cachedPrice +
            double(completionTokens) * price.outputPerMillion) /
           1e6;
}

void UsageTotals::add(const UsageTotals &o)
{
    requests += o.requests;
    errors += o.errors;
    promptTokens += o.promptTokens;
    completionTokens += o.completionTokens;
    cachedTokens += o.cachedTokens;
    reasoningTokens += o.reasoningTokens;
}
