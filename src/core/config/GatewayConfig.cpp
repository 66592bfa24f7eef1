#include "GatewayConfig.h"

#include "ProviderPresets.h"

GatewayConfig GatewayConfig::defaults()
{
    GatewayConfig config;
    for (const QString &id :
         {QStringLiteral("openai"), QStringLiteral("anthropic"), QStringLiteral("deepseek")}) {
        config.providers.append(ProviderPresets::byId(id));
    }
    const auto rule = [](const char *prefix, const char *provider, bool strip = false) {
        return PrefixRule{QString::fromLatin1(prefix), QString::fromLatin1(provider), strip};
    };
    config.routes = {
        rule("gpt-", "openai"),       rule("o1", "openai"),
        rule("o3", "openai"),         rule("o4-", "openai"),
        rule("chatgpt-", "openai"),   rule("anthropic-", "anthropic", true),
        rule("claude-", "anthropic"), rule("deepseek-", "deepseek"),
    };
    return config;
}

const ProviderSettings *GatewayConfig::provider(const QString &id) const
{
    for (const ProviderSettings &p : providers) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

RouteTable GatewayConfig::routeTable() const
{
    QStringList enabled;
    QStringList disabled;
    for (const ProviderSettings &p : providers)
        (p.enabled ? enabled : disabled).append(p.id);
    return RouteTable(routes, aliases, enabled, disabled);
}
