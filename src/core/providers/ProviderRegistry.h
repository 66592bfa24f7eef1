#pragma once

#include "ChatTranslator.h"
#include "ModelListParser.h"
#include "config/ProviderSettings.h"

#include <array>
#include <memory>

class ProviderAdapter;

/// The client-facing API a request arrived on. The registry names a translator for each.
enum class ClientApi
{
    ChatCompletions, ///< POST /v1/chat/completions (OpenAI format)
    Messages,        ///< POST /v1/messages (Anthropic format)
    Responses,       ///< POST /v1/responses (OpenAI Responses format)
    CountTokens,     ///< POST /v1/messages/count_tokens (Anthropic format)
    Embeddings,      ///< POST /v1/embeddings (OpenAI format)
};
inline constexpr int kClientApiCount = 5;

/// The format of bodies and errors on `api`'s path.
ApiFormat clientFormat(ClientApi api);
/// A short English name for messages, e.g. "Chat Completions".
QString clientApiName(ClientApi api);

/// What a translator is made with: the provider it talks to (valid during the factory call
/// only: copy what you keep).
struct TranslatorContext
{
    const ProviderSettings *provider = nullptr;
};

/// Makes a translator for one call.
using TranslatorFactory = std::unique_ptr<ChatTranslator> (*)(const TranslatorContext &context);

/// Everything the gateway knows about one provider type, in one place: how to address it
/// (adapter), how to read its model list, and which translator carries each client API to
/// it. A null translator slot is a capability the type lacks (Anthropic serves no
/// embeddings; OpenAI-compatible servers count no tokens, so the gateway estimates).
struct ProviderTypeEntry
{
    ProviderType type;
    const ProviderAdapter *adapter = nullptr;
    ModelListParser::Function parseModelList = nullptr;
    std::array<TranslatorFactory, kClientApiCount> translators{};

    bool serves(ClientApi api) const { return translators[size_t(api)] != nullptr; }
};

/// The provider types the gateway speaks to, looked up by type. Adding a type (a native
/// Gemini, say) is one new entry here plus its adapter and translators.
namespace ProviderRegistry {
/// The entry for `type`; null for a type without one (never a silent default).
const ProviderTypeEntry *entry(ProviderType type);

/// A translator that carries `api` requests to `context.provider`; null with `error` (a 400
/// that names the provider and what to do instead) when its type does not serve that API.
std::unique_ptr<ChatTranslator> createTranslator(ClientApi api, const TranslatorContext &context,
                                                 GatewayError *error);
} // namespace ProviderRegistry
