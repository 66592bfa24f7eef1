#include "ChatTranslatorFactory.h"

#include "OpenAiPassthroughTranslator.h"

namespace ChatTranslatorFactory {

std::unique_ptr<ChatTranslator> create(ApiFormat clientFormat, ProviderType providerType,
                                       GatewayError *error)
{
    if (clientFormat == ApiFormat::OpenAi && providerType == ProviderType::OpenAi)
        return std::make_unique<OpenAiPassthroughTranslator>();
    *error = GatewayError::make(
        GatewayErrorCode::InvalidRequest,
        QStringLiteral("This gateway cannot yet send %1-format requests to %2-type providers.")
            .arg(clientFormat == ApiFormat::OpenAi ? QStringLiteral("OpenAI")
                                                   : QStringLiteral("Anthropic"),
                 providerTypeName(providerType)));
    return nullptr;
}

} // namespace ChatTranslatorFactory
