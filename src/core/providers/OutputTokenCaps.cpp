#include "OutputTokenCaps.h"

#include <QStringView>

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

bool allDigits(QStringView text)
{
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

/// `model` without a trailing date snapshot: "-2024-08-06" or "-20250514". Read by hand, not
/// with a regular expression: it runs on every request, and the expression cost 4,000
/// instructions there (callgrind).
QStringView family(QStringView model)
{
    if (model.size() > 9 && model[model.size() - 9] == u'-' && allDigits(model.last(8)))
        return model.chopped(9);
    if (model.size() > 11) {
        const QStringView date = model.last(11);
        if (date[0] == u'-' && date[5] == u'-' && date[8] == u'-' && allDigits(date.sliced(1, 4)) &&
            allDigits(date.sliced(6, 2)) && allDigits(date.sliced(9, 2)))
            return model.chopped(11);
    }
    return model;
}

} // namespace

namespace OutputTokenCaps {

qint64 preset(const QString &providerId, const QString &upstreamModel)
{
    const QStringView base = family(upstreamModel);
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
