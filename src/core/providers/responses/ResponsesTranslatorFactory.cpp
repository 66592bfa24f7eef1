#include "ResponsesTranslatorFactory.h"

#include "ResponsesPassthroughTranslator.h"
#include "ResponsesToAnthropicTranslator.h"
#include "ResponsesToChatTranslator.h"

namespace ResponsesTranslatorFactory {

bool passesThrough(const ProviderSettings &provider)
{
    return provider.type == ProviderType::OpenAi && provider.speaksResponsesApi;
}

std::unique_ptr<ChatTranslator> create(const ProviderSettings &provider)
{
    if (passesThrough(provider))
        return std::make_unique<ResponsesPassthroughTranslator>();
    if (provider.type == ProviderType::Anthropic)
        return std::make_unique<ResponsesToAnthropicTranslator>();
    return std::make_unique<ResponsesToChatTranslator>();
}

} // namespace ResponsesTranslatorFactory
