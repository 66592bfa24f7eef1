#include "config/GatewayConfig.h"
#include "routing/RouteTable.h"

#include <QTest>

Q_DECLARE_METATYPE(RouteTable)
Q_DECLARE_METATYPE(ModelRoute::Source)

namespace {

PrefixRule rule(const char *prefix, const char *provider, bool strip = false)
{
    return PrefixRule{QString::fromLatin1(prefix), QString::fromLatin1(provider), strip};
}

ModelAlias alias(const char *name, const char *provider, const char *model)
{
    return ModelAlias{QString::fromLatin1(name), QString::fromLatin1(provider),
                      QString::fromLatin1(model)};
}

RouteTable defaultsWith(const QStringList &extraEnabled, const QStringList &disable = {})
{
    GatewayConfig config = GatewayConfig::defaults();
    for (const QString &id : extraEnabled) {
        ProviderSettings p;
        p.id = id;
        config.providers.append(p);
    }
    for (ProviderSettings &p : config.providers) {
        if (disable.contains(p.id))
            p.enabled = false;
    }
    return config.routeTable();
}

} // namespace

/// Model name -> provider: the decision every chat request starts with (SPEC §3).
class TestRouteTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolve_data();
    void resolve();
    void unresolved_data();
    void unresolved();
    void defaultRulesAreTheSeeds();
    void publicModelName_data();
    void publicModelName();
};

void TestRouteTable::resolve_data()
{
    QTest::addColumn<RouteTable>("table");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("upstreamModel");
    QTest::addColumn<ModelRoute::Source>("source");
    QTest::addColumn<QString>("matched");

    using S = ModelRoute::Source;
    const RouteTable defaults = GatewayConfig::defaults().routeTable();
    const auto row = [&](const char *name, const RouteTable &table, const char *model,
                         const char *provider, const char *upstream, S source,
                         const char *matched) {
        QTest::newRow(name) << table << QString::fromUtf8(model) << QString::fromLatin1(provider)
                            << QString::fromUtf8(upstream) << source << QString::fromUtf8(matched);
    };

    // The seed's default rules.
    row("gpt-4o", defaults, "gpt-4o", "openai", "gpt-4o", S::PrefixRule, "gpt-");
    row("gpt-4o-mini", defaults, "gpt-4o-mini", "openai", "gpt-4o-mini", S::PrefixRule, "gpt-");
    row("o1", defaults, "o1", "openai", "o1", S::PrefixRule, "o1");
    row("o1-mini", defaults, "o1-mini", "openai", "o1-mini", S::PrefixRule, "o1");
    row("o3-mini", defaults, "o3-mini", "openai", "o3-mini", S::PrefixRule, "o3");
    row("o4-mini", defaults, "o4-mini", "openai", "o4-mini", S::PrefixRule, "o4-");
    row("chatgpt-4o-latest", defaults, "chatgpt-4o-latest", "openai", "chatgpt-4o-latest",
        S::PrefixRule, "chatgpt-");
    row("claude kept whole", defaults, "claude-sonnet-4-5", "anthropic", "claude-sonnet-4-5",
        S::PrefixRule, "claude-");
    row("anthropic- stripped", defaults, "anthropic-claude-3-5-haiku-latest", "anthropic",
        "claude-3-5-haiku-latest", S::PrefixRule, "anthropic-");
    row("deepseek-chat", defaults, "deepseek-chat", "deepseek", "deepseek-chat", S::PrefixRule,
        "deepseek-");
    row("deepseek-reasoner", defaults, "deepseek-reasoner", "deepseek", "deepseek-reasoner",
        S::PrefixRule, "deepseek-");
    row("slash in a non-provider name", defaults, "gpt-4/turbo", "openai", "gpt-4/turbo",
        S::PrefixRule, "gpt-");

    // The explicit provider/model form.
    row("explicit anthropic", defaults, "anthropic/claude-sonnet-4-5", "anthropic",
        "claude-sonnet-4-5", S::ExplicitProvider, "anthropic");
    row("explicit deepseek", defaults, "deepseek/deepseek-reasoner", "deepseek",
        "deepseek-reasoner", S::ExplicitProvider, "deepseek");
    row("explicit keeps a prefix-looking name", defaults, "openai/anthropic-x", "openai",
        "anthropic-x", S::ExplicitProvider, "openai");
    row("explicit for a name no rule knows", defaults, "openai/text-embedding-3-small", "openai",
        "text-embedding-3-small", S::ExplicitProvider, "openai");
    const RouteTable withOpenRouter = defaultsWith({QStringLiteral("openrouter")});
    row("openrouter keeps the rest", withOpenRouter, "openrouter/meta-llama/x", "openrouter",
        "meta-llama/x", S::ExplicitProvider, "openrouter");
    row("openrouter nested provider name", withOpenRouter, "openrouter/anthropic/claude-3.5",
        "openrouter", "anthropic/claude-3.5", S::ExplicitProvider, "openrouter");
    row("explicit beats prefix",
        RouteTable({rule("deep", "openai"), rule("ollama", "openai")}, {},
                   {"openai", "deepseek", "ollama"}),
        "deepseek/deepseek-chat", "deepseek", "deepseek-chat", S::ExplicitProvider, "deepseek");
    row("explicit beats a prefix containing the slash",
        RouteTable({rule("ollama/", "openai")}, {}, {"openai", "ollama"}), "ollama/llama3.2",
        "ollama", "llama3.2", S::ExplicitProvider, "ollama");

    // Longest prefix, ties, stripping.
    const RouteTable nested({rule("ll", "a"), rule("llama", "b", true), rule("llama3", "c")}, {},
                            {"a", "b", "c"});
    row("longest prefix: llama3", nested, "llama3.2", "c", "llama3.2", S::PrefixRule, "llama3");
    row("longest prefix: llama (stripped)", nested, "llama2:7b", "b", "2:7b", S::PrefixRule,
        "llama");
    row("longest prefix: ll", nested, "llava", "a", "llava", S::PrefixRule, "ll");
    const RouteTable reversed({rule("llama3", "c"), rule("llama", "b"), rule("ll", "a")}, {},
                              {"a", "b", "c"});
    row("longest prefix whatever the order", reversed, "llama3.2", "c", "llama3.2", S::PrefixRule,
        "llama3");
    row("tie goes to the earlier rule",
        RouteTable({rule("x-", "first"), rule("x-", "second", true)}, {}, {"first", "second"}),
        "x-model", "first", "x-model", S::PrefixRule, "x-");
    row("tie goes to the earlier rule (reversed)",
        RouteTable({rule("x-", "second", true), rule("x-", "first")}, {}, {"first", "second"}),
        "x-model", "second", "model", S::PrefixRule, "x-");
    row("a stripping rule that would leave nothing steps aside",
        RouteTable({rule("t", "openai"), rule("team-", "vllm", true)}, {}, {"openai", "vllm"}),
        "team-", "openai", "team-", S::PrefixRule, "t");
    row("strip a team prefix", RouteTable({rule("team-", "vllm", true)}, {}, {"vllm"}),
        "team-qwen2.5-coder", "vllm", "qwen2.5-coder", S::PrefixRule, "team-");

    // Aliases beat everything.
    const RouteTable aliased({rule("gpt-", "openai"), rule("fa", "openai")},
                             {alias("fast", "deepseek", "deepseek-chat"),
                              alias("gpt-4o", "ollama", "llama3.2"),
                              alias("openai/gpt-4o", "deepseek", "deepseek-reasoner")},
                             {"openai", "deepseek", "ollama"});
    row("alias", aliased, "fast", "deepseek", "deepseek-chat", S::Alias, "fast");
    row("alias beats a prefix rule", aliased, "gpt-4o", "ollama", "llama3.2", S::Alias, "gpt-4o");
    row("alias beats the explicit form", aliased, "openai/gpt-4o", "deepseek", "deepseek-reasoner",
        S::Alias, "openai/gpt-4o");
    row("alias needs the exact name", aliased, "faster", "openai", "faster", S::PrefixRule, "fa");
    row("rules still apply beside aliases", aliased, "gpt-4o-mini", "openai", "gpt-4o-mini",
        S::PrefixRule, "gpt-");

    // A disabled provider's rules step aside for the others.
    const RouteTable disabledAnthropic(
        {rule("c", "openai"), rule("claude-", "anthropic"), rule("deepseek-", "deepseek")}, {},
        {"openai", "deepseek"}, {"anthropic"});
    row("disabled provider's rule skipped", disabledAnthropic, "claude-sonnet-4-5", "openai",
        "claude-sonnet-4-5", S::PrefixRule, "c");
    row("other rules unaffected", disabledAnthropic, "deepseek-chat", "deepseek", "deepseek-chat",
        S::PrefixRule, "deepseek-");
}

void TestRouteTable::resolve()
{
    QFETCH(RouteTable, table);
    QFETCH(QString, model);
    QFETCH(QString, provider);
    QFETCH(QString, upstreamModel);
    QFETCH(ModelRoute::Source, source);
    QFETCH(QString, matched);

    const RouteResolution result = table.resolve(model);
    QVERIFY2(result.found, qPrintable(result.errorMessage));
    QVERIFY(result.errorMessage.isEmpty());
    QCOMPARE(result.route.providerId, provider);
    QCOMPARE(result.route.upstreamModel, upstreamModel);
    QCOMPARE(result.route.source, source);
    QCOMPARE(result.route.matched, matched);
}

void TestRouteTable::unresolved_data()
{
    QTest::addColumn<RouteTable>("table");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QStringList>("messageParts");

    const RouteTable defaults = GatewayConfig::defaults().routeTable();
    const QStringList howToMap{QStringLiteral("PROVIDER/MODEL"), QStringLiteral("prefix rule"),
                               QStringLiteral("alias")};
    QTest::newRow("unknown model") << defaults << QStringLiteral("llama3.2")
                                   << (QStringList{QStringLiteral("'llama3.2'"),
                                                   QStringLiteral("openai, anthropic, deepseek")} +
                                       howToMap);
    QTest::newRow("o4 needs the dash") << defaults << QStringLiteral("o4") << howToMap;
    QTest::newRow("a stripped prefix alone leaves no model name")
        << defaults << QStringLiteral("anthropic-")
        << (QStringList{QStringLiteral("'anthropic-'")} + howToMap);
    QTest::newRow("prefixes are case-sensitive")
        << defaults << QStringLiteral("GPT-4o") << (QStringList{QStringLiteral("'GPT-4o'")});
    QTest::newRow("unconfigured provider in explicit form")
        << defaults << QStringLiteral("ollama/llama3.2")
        << (QStringList{QStringLiteral("'ollama/llama3.2'")} + howToMap);
    QTest::newRow("leading slash is not the explicit form")
        << defaults << QStringLiteral("/gpt-4o") << QStringList{QStringLiteral("'/gpt-4o'")};
    QTest::newRow("trailing slash is not the explicit form")
        << defaults << QStringLiteral("openai/") << QStringList{QStringLiteral("'openai/'")};
    QTest::newRow("empty table") << RouteTable() << QStringLiteral("gpt-4o")
                                 << QStringList{QStringLiteral("'gpt-4o'"),
                                                QStringLiteral("none enabled")};

    const RouteTable anthropicOff = defaultsWith({}, {QStringLiteral("anthropic")});
    QTest::newRow("disabled provider's rule")
        << anthropicOff << QStringLiteral("claude-3-opus")
        << (QStringList{QStringLiteral("'claude-3-opus'")} + howToMap);
    QTest::newRow("disabled provider, explicit form")
        << anthropicOff << QStringLiteral("anthropic/claude-3-opus")
        << QStringList{QStringLiteral("'anthropic/claude-3-opus'"), QStringLiteral("'anthropic'"),
                       QStringLiteral("disabled"), QStringLiteral("Enable")};

    const RouteTable aliasToDisabled(
        {rule("gpt-", "openai")},
        {alias("smart", "anthropic", "claude-opus-4"), alias("local", "ollama", "llama3.2")},
        {"openai"}, {"anthropic"});
    QTest::newRow("alias to a disabled provider")
        << aliasToDisabled << QStringLiteral("smart")
        << QStringList{QStringLiteral("'smart'"), QStringLiteral("'anthropic'"),
                       QStringLiteral("disabled"), QStringLiteral("change the alias")};
    QTest::newRow("alias to an unconfigured provider")
        << aliasToDisabled << QStringLiteral("local")
        << QStringList{QStringLiteral("'local'"), QStringLiteral("'ollama'"),
                       QStringLiteral("not configured")};
}

void TestRouteTable::unresolved()
{
    QFETCH(RouteTable, table);
    QFETCH(QString, model);
    QFETCH(QStringList, messageParts);

    const RouteResolution result = table.resolve(model);
    QVERIFY(!result.found);
    QVERIFY(result.route.providerId.isEmpty());
    for (const QString &part : messageParts)
        QVERIFY2(result.errorMessage.contains(part),
                 qPrintable(QStringLiteral("'%1' not in: %2").arg(part, result.errorMessage)));
}

void TestRouteTable::defaultRulesAreTheSeeds()
{
    const RouteTable table = GatewayConfig::defaults().routeTable();
    QStringList described;
    for (const PrefixRule &r : table.rules())
        described.append(r.prefix + QLatin1String("->") + r.providerId +
                         (r.stripPrefix ? QLatin1String(" strip") : QLatin1String("")));
    described.sort();
    QStringList expected{"anthropic-->anthropic strip",
                         "chatgpt-->openai",
                         "claude-->anthropic",
                         "deepseek-->deepseek",
                         "gpt-->openai",
                         "o1->openai",
                         "o3->openai",
                         "o4-->openai"};
    expected.sort();
    QCOMPARE(described, expected);
    QVERIFY(table.aliases().isEmpty());
}

void TestRouteTable::publicModelName_data()
{
    QTest::addColumn<RouteTable>("table");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("upstreamModel");
    QTest::addColumn<QString>("publicName");

    const RouteTable defaults = GatewayConfig::defaults().routeTable();
    const auto row = [](const char *name, const RouteTable &table, const char *provider,
                        const char *model, const char *expected) {
        QTest::newRow(name) << table << QString::fromLatin1(provider) << QString::fromLatin1(model)
                            << QString::fromLatin1(expected);
    };
    row("openai bare", defaults, "openai", "gpt-4o", "gpt-4o");
    row("openai o3 bare", defaults, "openai", "o3-mini", "o3-mini");
    row("anthropic bare", defaults, "anthropic", "claude-sonnet-4-5", "claude-sonnet-4-5");
    row("deepseek bare", defaults, "deepseek", "deepseek-chat", "deepseek-chat");
    row("no rule: explicit", defaults, "openai", "text-embedding-3-small",
        "openai/text-embedding-3-small");
    row("a stripping rule would change it", defaults, "anthropic", "anthropic-beta-model",
        "anthropic/anthropic-beta-model");
    row("another provider's prefix", defaults, "deepseek", "gpt-oss-120b", "deepseek/gpt-oss-120b");

    const RouteTable withOpenRouter = defaultsWith({QStringLiteral("openrouter")});
    row("openrouter's own slash names", withOpenRouter, "openrouter", "meta-llama/llama-3-8b",
        "openrouter/meta-llama/llama-3-8b");
    row("openrouter name that looks explicit", withOpenRouter, "openrouter", "openai/gpt-4o",
        "openrouter/openai/gpt-4o");
    row("openrouter name that a rule takes", withOpenRouter, "openrouter", "gpt-4o",
        "openrouter/gpt-4o");

    const RouteTable aliased({rule("gpt-", "openai")}, {alias("fast", "deepseek", "deepseek-chat")},
                             {"openai", "deepseek", "ollama"});
    row("a model named like an alias", aliased, "ollama", "fast", "ollama/fast");
    row("alias target by its explicit name", aliased, "deepseek", "deepseek-chat",
        "deepseek/deepseek-chat");
    const RouteTable stripped({rule("team-", "vllm", true)}, {}, {"vllm"});
    row("stripped rule cannot produce the bare name", stripped, "vllm", "qwen", "vllm/qwen");
}

void TestRouteTable::publicModelName()
{
    QFETCH(RouteTable, table);
    QFETCH(QString, provider);
    QFETCH(QString, upstreamModel);
    QFETCH(QString, publicName);

    QCOMPARE(table.publicModelName(provider, upstreamModel), publicName);
    // Whatever name /v1/models shows must route back to the same provider and model.
    const RouteResolution back = table.resolve(publicName);
    QVERIFY2(back.found, qPrintable(back.errorMessage));
    QCOMPARE(back.route.providerId, provider);
    QCOMPARE(back.route.upstreamModel, upstreamModel);
}

QTEST_GUILESS_MAIN(TestRouteTable)
#include "TestRouteTable.moc"
