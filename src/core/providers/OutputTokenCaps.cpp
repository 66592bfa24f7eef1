#include "OutputTokenCaps.h"

#include <QRegularExpression>

namespace {

struct Preset
{
    const char *provider;
    const char *model;
    qint64 tokens;
};

// The providers' documented maximum output per answer (their model and pricing pages).
// Only for the seed's providers; every other provider states caps in its model list or
// gets them from "maxOutputTokens".
constexpr Preset kPresets[] = {
    {"deepseek", "deepseek-chat", 8192},
    {"deepseek", "deepseek-reasoner", 65536},
    {"deepseek", "deepseek-v4-flash", 384000},
    {"deepseek", "deepseek-v4-pro", 384000},
    {"deepseek", "deepseek-flash", 384000},
    {"openai", "gpt-3.5-turbo", 4096},
    {"openai", "gpt-4", 8192},
    {"openai", "gpt-4-turbo", 4096},
    {"openai", "gpt-4o", 16384},
    {"openai", "gpt-4o-mini", 16384},
    {"openai", "gpt-4.1", 32768},
    {"openai", "gpt-4.1-mini", 32768},
    {"openai", "gpt-4.1-nano", 32768},
    {"openai", "gpt-5", 128000},
    {"openai", "gpt-5-mini", 128000},
    {"openai", "gpt-5-nano", 128000},
    {"openai", "o1", 100000},
    {"openai", "o3", 100000},
    {"openai", "o3-mini", 100000},
    {"openai", "o4-mini", 100000},
    {"anthropic", "claude-3-5-haiku", 8192},
    {"anthropic", "claude-3-7-sonnet", 64000},
    {"anthropic", "claude-sonnet-4", 64000},
    {"anthropic", "claude-sonnet-4-5", 64000},
    {"anthropic", "claude-haiku-4-5", 64000},
    {"anthropic", "claude-opus-4", 32000},
    {"anthropic", "claude-opus-4-1", 32000},
};

/// `model` without a trailing date snapshot: "-2024-08-06" or "-20250514".
QString family(const QString &model)
{
    static const QRegularExpression dated(QStringLiteral("-(\\d{4}-\\d{2}-\\d{2}|\\d{8})$"));
    QString base = model;
    base.remove(dated);
    return base;
}

} // namespace

namespace OutputTokenCaps {

qint64 preset(const QString &providerId, const QString &upstreamModel)
{
    const QString base = family(upstreamModel);
    for (const Preset &p : kPresets) {
        if (providerId == QLatin1String(p.provider) &&
            (upstreamModel == QLatin1String(p.model) || base == QLatin1String(p.model)))
            return p.tokens;
    }
    return -1;
}

OutputTokenCap resolve(const ProviderSettings &provider, const QString &upstreamModel,
                       qint64 listedTokens)
{
    if (listedTokens > 0)
        return {listedTokens, QStringLiteral("the provider's model list")};
    const qint64 configured = provider.modelOutputLimits.value(upstreamModel, -1);
    if (configured > 0)
        return {configured, QStringLiteral("the provider's \"maxOutputTokens\" setting")};
    const qint64 known = preset(provider.id, upstreamModel);
    if (known > 0)
        return {known, QStringLiteral("the gateway's preset for %1").arg(provider.id)};
    return {};
}

} // namespace OutputTokenCaps
