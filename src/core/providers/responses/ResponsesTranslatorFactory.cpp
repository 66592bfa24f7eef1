#include "ResponsesTranslatorFactory.h"

#include "ResponsesPassthroughTranslator.h"
#include "ResponsesToAnthropicTranslator.h"
#include "ResponsesToChatTranslator.h"

namespace ResponsesTranslatorFactory {

bool passesThrough(const ProviderSettings &provider)
{
    return provider.type == ProviderType::OpenAi && provider.speaksResponsesApi;
}

std::unique_ptr<ChatTranslator> forOpenAiType(const TranslatorContext &context)
{
    if (passesThrough(*context.provider))
        return std::make_unique<ResponsesPassthroughTranslator>();
    return std::make_unique<ResponsesToChatTranslator>();
}

std::unique_ptr<ChatTranslator> forAnthropicType(const TranslatorContext &)
{
    return std::make_unique<ResponsesToAnthropicTranslator>();
}

} // namespace ResponsesTranslatorFactory
