#include "RouteTable.h"

RouteTable::RouteTable(QList<PrefixRule> rules, QList<ModelAlias> aliases,
                       QStringList enabledProviders, QStringList disabledProviders)
    : m_rules(std::move(rules)), m_aliases(std::move(aliases)),
      m_enabledProviders(std::move(enabledProviders)),
      m_disabledProviders(std::move(disabledProviders))
{}

const PrefixRule *RouteTable::longestPrefixRule(const QString &model) const
{
    const PrefixRule *best = nullptr;
    for (const PrefixRule &rule : m_rules) {
        if (!m_enabledProviders.contains(rule.providerId))
            continue; // a disabled provider's rules step aside for the others
        if (!model.startsWith(rule.prefix))
            continue;
        if (rule.stripPrefix && model.size() == rule.prefix.size())
            continue; // stripping would send an empty model name upstream
        if (!best || rule.prefix.size() > best->prefix.size())
            best = &rule;
    }
    return best;
}

RouteResolution RouteTable::resolve(const QString &model) const
{
    RouteResolution result;
    for (const ModelAlias &alias : m_aliases) {
        if (alias.name != model)
            continue;
        if (!m_enabledProviders.contains(alias.providerId)) {
            result.errorMessage =
                QStringLiteral("The model alias '%1' points to provider '%2', which is %3. "
                               "Enable that provider or change the alias.")
                    .arg(model, alias.providerId,
                         m_disabledProviders.contains(alias.providerId)
                             ? QStringLiteral("disabled")
                             : QStringLiteral("not configured"));
            return result;
        }
        result.found = true;
        result.route = {alias.providerId, alias.model, ModelRoute::Source::Alias, alias.name};
        return result;
    }

    // The explicit form always works, whatever the prefix rules say. Only the first slash
    // separates: `openrouter/anthropic/claude-x` sends `anthropic/claude-x` to openrouter.
    const qsizetype slash = model.indexOf(QLatin1Char('/'));
    if (slash > 0 && slash < model.size() - 1) {
        const QString providerId = model.left(slash);
        if (m_enabledProviders.contains(providerId)) {
            result.found = true;
            result.route = {providerId, model.mid(slash + 1), ModelRoute::Source::ExplicitProvider,
                            providerId};
            return result;
        }
        if (m_disabledProviders.contains(providerId)) {
            result.errorMessage = QStringLiteral("The model '%1' names provider '%2', which is "
                                                 "disabled. Enable it in the configuration.")
                                      .arg(model, providerId);
            return result;
        }
    }

    if (const PrefixRule *rule = longestPrefixRule(model)) {
        result.found = true;
        const QString upstream = rule->stripPrefix ? model.mid(rule->prefix.size()) : model;
        result.route = {rule->providerId, upstream, ModelRoute::Source::PrefixRule, rule->prefix};
        return result;
    }

    result.errorMessage =
        QStringLiteral("The model '%1' does not match any route. Use the form "
                       "'PROVIDER/MODEL' (providers: %2), or add a prefix rule or an alias "
                       "for it to the gateway's configuration.")
            .arg(model, m_enabledProviders.isEmpty()
                            ? QStringLiteral("none enabled")
                            : m_enabledProviders.join(QStringLiteral(", ")));
    return result;
}

QString RouteTable::publicModelName(const QString &providerId, const QString &upstreamModel) const
{
    const RouteResolution bare = resolve(upstreamModel);
    if (bare.found && bare.route.providerId == providerId &&
        bare.route.upstreamModel == upstreamModel)
        return upstreamModel;
    return providerId + QLatin1Char('/') + upstreamModel;
}
