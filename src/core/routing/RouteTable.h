#pragma once

#include <QList>
#include <QString>
#include <QStringList>

/// A model-name prefix that sends matching models to one provider.
struct PrefixRule
{
    QString prefix;
    QString providerId;
    bool stripPrefix = false; ///< send the name upstream without the prefix
};

/// A fixed name that stands for one provider's model (e.g. `fast` -> deepseek/deepseek-chat).
struct ModelAlias
{
    QString name;
    QString providerId;
    QString model;
};

/// Where a model name goes, and why.
struct ModelRoute
{
    enum class Source
    {
        Alias,
        ExplicitProvider,
        PrefixRule
    };

    QString providerId;
    QString upstreamModel;
    Source source = Source::PrefixRule;
    QString matched; ///< the alias, provider id or prefix that decided
};

/// The answer of RouteTable::resolve: a route, or a message that tells the user what to change.
struct RouteResolution
{
    bool found = false;
    ModelRoute route;
    QString errorMessage;
};

/// Maps model names to providers (SPEC §3): aliases first, then the explicit `provider/model`
/// form, then the longest matching prefix rule (the earlier rule wins a tie).
class RouteTable
{
public:
    RouteTable() = default;
    RouteTable(QList<PrefixRule> rules, QList<ModelAlias> aliases, QStringList enabledProviders,
               QStringList disabledProviders = {});

    RouteResolution resolve(const QString &model) const;

    /// The name under which `upstreamModel` of `providerId` is reachable through this table:
    /// the bare name when it routes back to that provider, else `providerId/upstreamModel`.
    QString publicModelName(const QString &providerId, const QString &upstreamModel) const;

    const QList<PrefixRule> &rules() const { return m_rules; }
    const QList<ModelAlias> &aliases() const { return m_aliases; }

private:
    const PrefixRule *longestPrefixRule(const QString &model) const;

    QList<PrefixRule> m_rules;
    QList<ModelAlias> m_aliases;
    QStringList m_enabledProviders;
    QStringList m_disabledProviders;
};
