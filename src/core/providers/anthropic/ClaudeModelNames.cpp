#include "ClaudeModelNames.h"

namespace ClaudeModelNames {

QString discoveryName(const QString &name)
{
    if (name.startsWith(QLatin1String("claude")) || name.startsWith(QLatin1String("anthropic")))
        return name;
    return QLatin1String(kDiscoveryPrefix) + name;
}

RouteResolution resolve(const RouteTable &routes, const QString &model)
{
    const QLatin1String prefix(kDiscoveryPrefix);
    if (model.startsWith(prefix) && model.size() > prefix.size()) {
        const RouteResolution whole = routes.resolve(model);
        if (whole.found && whole.route.source == ModelRoute::Source::Alias)
            return whole;
        return routes.resolve(model.mid(prefix.size()));
    }
    return routes.resolve(model);
}

} // namespace ClaudeModelNames
