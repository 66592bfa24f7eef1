#include "ChatTranslatorFactory.h"

#include "OpenAiPassthroughTranslator.h"
#include "anthropic/AnthropicPassthroughTranslator.h"
#include "anthropic/AnthropicToOpenAiTranslator.h"
#include "anthropic/OpenAiToAnthropicTranslator.h"

namespace ChatTranslatorFactory {

std::unique_ptr<ChatTranslator> create(ApiFormat clientFormat, ProviderType providerType,
                                       GatewayError *error)
{
    if (clientFormat == ApiFormat::OpenAi && providerType == ProviderType::OpenAi)
        return std::make_unique<OpenAiPassthroughTranslator>();
    if (clientFormat == ApiFormat::OpenAi && providerType == ProviderType::Anthropic)
        return std::make_unique<OpenAiToAnthropicTranslator>();
    if (clientFormat == ApiFormat::Anthropic && providerType == ProviderType::OpenAi)
        return std::make_unique<AnthropicToOpenAiTranslator>();
    if (clientFormat == ApiFormat::Anthropic && providerType == ProviderType::Anthropic)
        return std::make_unique<AnthropicPassthroughTranslator>();
    *error = GatewayError::make(
        GatewayErrorCode::InvalidRequest,
        QStringLiteral("This gateway cannot yet send %1-format requests to %2-type providers.")
            .arg(clientFormat == ApiFormat::OpenAi ? QStringLiteral("OpenAI")
                                                   : QStringLiteral("Anthropic"),
                 providerTypeName(providerType)));
    return nullptr;
}

} // namespace ChatTranslatorFactory
