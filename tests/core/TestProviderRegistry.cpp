// The provider registry: one entry per provider type, a translator per client API where the
// type serves it, a clear refusal where it does not, and no silent default for unknown types.
#include "http/IncomingRequest.h"
#include "providers/ProviderAdapter.h"
#include "providers/ProviderRegistry.h"

#include <QTest>

namespace {

ProviderSettings provider(const char *id, ProviderType type, const char *base)
{
    ProviderSettings p;
    p.id = QString::fromLatin1(id);
    p.type = type;
    p.baseUrl = QUrl(QString::fromLatin1(base));
    return p;
}

} // namespace

class TestProviderRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTypeHasAnEntry();
    void translators_data();
    void translators();
    void unservedApisAreRefused_data();
    void unservedApisAreRefused();
    void unknownTypeIsRefused();
    void clientFormats();
    void upstreamUrls_data();
    void upstreamUrls();
    void modelLists_data();
    void modelLists();
};

void TestProviderRegistry::everyTypeHasAnEntry()
{
    for (const ProviderType type : {ProviderType::OpenAi, ProviderType::Anthropic}) {
        const ProviderTypeEntry *entry = ProviderRegistry::entry(type);
        QVERIFY(entry);
        QCOMPARE(entry->type, type);
        QVERIFY(entry->adapter);
        QCOMPARE(ProviderAdapter::forType(type), entry->adapter);
        QVERIFY(entry->parseModelList);
        QVERIFY(entry->serves(ClientApi::ChatCompletions));
        QVERIFY(entry->serves(ClientApi::Messages));
    }
    QVERIFY(ProviderAdapter::forType(ProviderType::OpenAi) !=
            ProviderAdapter::forType(ProviderType::Anthropic));
}

void TestProviderRegistry::translators_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("api");
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("chat to openai") << int(ProviderType::OpenAi) << int(ClientApi::ChatCompletions)
                                    << QByteArray("/chat/completions");
    QTest::newRow("messages to openai")
        << int(ProviderType::OpenAi) << int(ClientApi::Messages) << QByteArray("/chat/completions");
    QTest::newRow("chat to anthropic")
        << int(ProviderType::Anthropic) << int(ClientApi::ChatCompletions)
        << QByteArray("/v1/messages");
    QTest::newRow("messages to anthropic")
        << int(ProviderType::Anthropic) << int(ClientApi::Messages) << QByteArray("/v1/messages");
    QTest::newRow("count_tokens to anthropic")
        << int(ProviderType::Anthropic) << int(ClientApi::CountTokens)
        << QByteArray("/v1/messages/count_tokens");
}

void TestProviderRegistry::translators()
{
    QFETCH(int, type);
    QFETCH(int, api);
    QFETCH(QByteArray, path);
    const ProviderSettings p = provider("p", ProviderType(type), "http://127.0.0.1:1/v1");
    TranslatorContext context;
    context.provider = &p;
    GatewayError error;
    const auto translator = ProviderRegistry::createTranslator(ClientApi(api), context, &error);
    QVERIFY2(translator, qPrintable(error.message));
    QCOMPARE(translator->upstreamPath(QStringLiteral("m"), true).path, path);
    QVERIFY(translator->notes().isEmpty());
}

void TestProviderRegistry::unservedApisAreRefused_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("api");
    QTest::addColumn<QString>("words");
    QTest::newRow("count_tokens at openai")
        << int(ProviderType::OpenAi) << int(ClientApi::CountTokens) << "count_tokens";
    QTest::newRow("embeddings at anthropic")
        << int(ProviderType::Anthropic) << int(ClientApi::Embeddings) << "embeddings";
}

void TestProviderRegistry::unservedApisAreRefused()
{
    QFETCH(int, type);
    QFETCH(int, api);
    QFETCH(QString, words);
    const ProviderSettings p = provider("acme", ProviderType(type), "http://127.0.0.1:1");
    QVERIFY(!ProviderRegistry::entry(p.type)->serves(ClientApi(api)));
    TranslatorContext context;
    context.provider = &p;
    GatewayError error;
    QVERIFY(!ProviderRegistry::createTranslator(ClientApi(api), context, &error));
    QCOMPARE(error.httpStatus(), 400);
    QVERIFY2(error.message.contains(QStringLiteral("'acme'")), qPrintable(error.message));
    QVERIFY2(error.message.contains(words), qPrintable(error.message));
    QVERIFY(error.message.contains(providerTypeName(p.type)));
}

void TestProviderRegistry::unknownTypeIsRefused()
{
    const auto unknown = ProviderType(42);
    QVERIFY(!ProviderRegistry::entry(unknown));
    QVERIFY(!ProviderAdapter::forType(unknown));
    const ProviderSettings p = provider("odd", unknown, "http://127.0.0.1:1");
    TranslatorContext context;
    context.provider = &p;
    GatewayError error;
    QVERIFY(!ProviderRegistry::createTranslator(ClientApi::ChatCompletions, context, &error));
    QCOMPARE(error.httpStatus(), 400);
    QVERIFY(error.message.contains(QStringLiteral("'odd'")));
}

void TestProviderRegistry::clientFormats()
{
    QCOMPARE(clientFormat(ClientApi::ChatCompletions), ApiFormat::OpenAi);
    QCOMPARE(clientFormat(ClientApi::Embeddings), ApiFormat::OpenAi);
    QCOMPARE(clientFormat(ClientApi::Messages), ApiFormat::Anthropic);
    QCOMPARE(clientFormat(ClientApi::CountTokens), ApiFormat::Anthropic);
    QCOMPARE(clientFormat(ClientApi::Responses), ApiFormat::Responses);
}

void TestProviderRegistry::upstreamUrls_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("url");
    QTest::newRow("plain") << "https://api.deepseek.com/v1" << QByteArray("/chat/completions")
                           << QByteArray() << "https://api.deepseek.com/v1/chat/completions";
    QTest::newRow("trailing slash") << "http://127.0.0.1:11434/v1/" << QByteArray("/embeddings")
                                    << QByteArray() << "http://127.0.0.1:11434/v1/embeddings";
    QTest::newRow("with a query")
        << "https://example.com/v1beta" << QByteArray("/models/gemini-x:streamGenerateContent")
        << QByteArray("alt=sse")
        << "https://example.com/v1beta/models/gemini-x:streamGenerateContent?alt=sse";
    QTest::newRow("base query kept")
        << "https://example.com/openai?api-version=1" << QByteArray("/chat/completions")
        << QByteArray() << "https://example.com/openai/chat/completions?api-version=1";
}

void TestProviderRegistry::upstreamUrls()
{
    QFETCH(QString, base);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, query);
    QFETCH(QString, url);
    QCOMPARE(ProviderAdapter::joinUrl(QUrl(base), UpstreamPath{path, query}).toString(), url);
    // The adapter builds the request on the same URL.
    const ProviderSettings p = provider("p", ProviderType::OpenAi, qPrintable(base));
    const QNetworkRequest request =
        ProviderAdapter::forType(ProviderType::OpenAi)
            ->chatRequest(p, QStringLiteral("sk-x"), UpstreamPath{path, query}, false,
                          IncomingRequest());
    QCOMPARE(request.url().toString(), url);
}

void TestProviderRegistry::modelLists_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("openai") << int(ProviderType::OpenAi)
                            << QByteArray(R"({"object":"list","data":[{"id":"gpt-4o","object":)"
                                          R"("model"},{"id":"o3"},{"object":"model"}]})")
                            << QStringList{QStringLiteral("gpt-4o"), QStringLiteral("o3")};
    QTest::newRow("anthropic")
        << int(ProviderType::Anthropic)
        << QByteArray(R"({"data":[{"type":"model","id":"claude-sonnet-4-5","display_name":)"
                      R"("Claude Sonnet 4.5"}],"has_more":false})")
        << QStringList{QStringLiteral("claude-sonnet-4-5")};
}

void TestProviderRegistry::modelLists()
{
    QFETCH(int, type);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, ids);
    const ProviderTypeEntry *entry = ProviderRegistry::entry(ProviderType(type));
    QList<ModelInfo> models;
    QString error;
    QVERIFY(entry->parseModelList(body, &models, &error));
    QStringList parsed;
    for (const ModelInfo &m : std::as_const(models))
        parsed.append(m.id);
    QCOMPARE(parsed, ids);
    models.clear();
    QVERIFY(!entry->parseModelList(R"({"models":[]})", &models, &error));
    QVERIFY(error.contains(QStringLiteral("data")));
}

QTEST_GUILESS_MAIN(TestProviderRegistry)
#include "TestProviderRegistry.moc"
