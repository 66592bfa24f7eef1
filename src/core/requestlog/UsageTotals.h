#pragma once

#include "config/ProviderSettings.h"

#include <QDate>
#include <QString>

/// Requests and tokens of one provider and model over a time range (the usage page and
/// `llm-gateway usage`). `model` is the upstream model (what the provider bills), or the
/// requested name when the request never reached a provider.
struct UsageTotals
{
    QString provider; ///< empty: answered by the gateway itself (refusals, model lists)
    QString model;
    qint64 requests = 0;
    qint64 errors = 0; ///< answers with a status of 400 or more
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 cachedTokens = 0;
    qint64 reasoningTokens = 0;

    qint64 totalTokens() const { return promptTokens + completionTokens; }
    /// The cost at `price` per million tokens: uncached prompt tokens at the input price,
    /// cached ones at the cached price (the input price when it has none), completion
    /// tokens at the output price.
    double estimatedCost(const ModelPrice &price) const;
    /// Adds `other`'s counts to these.
    void add(const UsageTotals &other);
};

/// Tokens of one local calendar day (the usage chart).
struct DailyTokens
{
    QDate day;
    qint64 requests = 0;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
};
