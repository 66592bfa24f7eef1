#pragma once

#include "providers/ProviderRegistry.h"

/// The Responses API slots of the provider registry (`POST /v1/responses`): passed through to
/// `openai`-type providers that serve the Responses API themselves, translated to Chat
/// Completions for the other `openai`-type providers and to Messages for `anthropic` ones.
namespace ResponsesTranslatorFactory {

/// True when `provider` gets Responses requests as they are.
bool passesThrough(const ProviderSettings &provider);

/// The `openai` type's slot: passthrough or translation to Chat Completions, by provider.
std::unique_ptr<ChatTranslator> forOpenAiType(const TranslatorContext &context);

/// The `anthropic` type's slot.
std::unique_ptr<ChatTranslator> forAnthropicType(const TranslatorContext &context);

} // namespace ResponsesTranslatorFactory
