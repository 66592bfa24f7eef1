#include "ProviderRegistry.h"

#include "OpenAiPassthroughTranslator.h"
#include "ProviderAdapter.h"
#include "anthropic/AnthropicPassthroughTranslator.h"
#include "anthropic/AnthropicToOpenAiTranslator.h"
#include "anthropic/OpenAiToAnthropicTranslator.h"
#include "responses/ResponsesTranslatorFactory.h"

namespace {

template <typename Translator> std::unique_ptr<ChatTranslator> make(const TranslatorContext &)
{
    return std::make_unique<Translator>();
}

std::unique_ptr<ChatTranslator> anthropicCountTokens(const TranslatorContext &)
{
    return std::make_unique<AnthropicPassthroughTranslator>(
        AnthropicPassthroughTranslator::kCountTokensPath);
}

std::array<TranslatorFactory, kClientApiCount>
translatorTable(std::initializer_list<std::pair<ClientApi, TranslatorFactory>> factories)
{
    std::array<TranslatorFactory, kClientApiCount> table{};
    for (const auto &[api, factory] : factories)
        table[size_t(api)] = factory;
    return table;
}

const OpenAiProviderAdapter kOpenAiAdapter;
const AnthropicProviderAdapter kAnthropicAdapter;

const ProviderTypeEntry kEntries[] = {
    {ProviderType::OpenAi, &kOpenAiAdapter, &ModelListParser::openAi,
     translatorTable({{ClientApi::ChatCompletions, &make<OpenAiPassthroughTranslator>},
                      {ClientApi::Messages, &make<AnthropicToOpenAiTranslator>},
                      {ClientApi::Responses, &ResponsesTranslatorFactory::forOpenAiType}})},
    {ProviderType::Anthropic, &kAnthropicAdapter, &ModelListParser::anthropic,
     translatorTable({{ClientApi::ChatCompletions, &make<OpenAiToAnthropicTranslator>},
                      {ClientApi::Messages, &make<AnthropicPassthroughTranslator>},
                      {ClientApi::Responses, &ResponsesTranslatorFactory::forAnthropicType},
                      {ClientApi::CountTokens, &anthropicCountTokens}})},
};

} // namespace

ApiFormat clientFormat(ClientApi api)
{
    switch (api) {
    case ClientApi::Messages:
    case ClientApi::CountTokens:
        return ApiFormat::Anthropic;
    case ClientApi::Responses:
        return ApiFormat::Responses;
    case ClientApi::ChatCompletions:
    case ClientApi::Embeddings:
        break;
    }
    return ApiFormat::OpenAi;
}

QString clientApiName(ClientApi api)
{
    switch (api) {
    case ClientApi::ChatCompletions:
        return QStringLiteral("Chat Completions");
    case ClientApi::Messages:
        return QStringLiteral("Messages");
    case ClientApi::Responses:
        return QStringLiteral("Responses");
    case ClientApi::CountTokens:
        return QStringLiteral("count_tokens");
    case ClientApi::Embeddings:
        return QStringLiteral("embeddings");
    }
    return QString();
}

namespace ProviderRegistry {

const ProviderTypeEntry *entry(ProviderType type)
{
    for (const ProviderTypeEntry &e : kEntries) {
        if (e.type == type)
            return &e;
    }
    return nullptr;
}

std::unique_ptr<ChatTranslator> createTranslator(ClientApi api, const TranslatorContext &context,
                                                 GatewayError *error)
{
    const ProviderSettings &provider = *context.provider;
    const ProviderTypeEntry *e = entry(provider.type);
    if (!e) {
        *error = GatewayError::make(
            GatewayErrorCode::InvalidRequest,
            QStringLiteral("Provider '%1' has a type this gateway cannot speak to; give it the "
                           "type \"openai\" or \"anthropic\" in the configuration.")
                .arg(provider.id));
        return nullptr;
    }
    if (!e->serves(api)) {
        *error = GatewayError::make(
            GatewayErrorCode::InvalidRequest,
            QStringLiteral("Provider '%1' is an %2-type provider, which does not serve %3 "
                           "requests through this gateway. Route this model to a provider "
                           "that does.")
                .arg(provider.id, providerTypeName(provider.type), clientApiName(api)),
            QStringLiteral("model"));
        return nullptr;
    }
    return e->translators[size_t(api)](context);
}

} // namespace ProviderRegistry
