#pragma once

#include "config/ProviderSettings.h"
#include "providers/ChatTranslator.h"

#include <memory>

/// Picks the translator for a Responses API request (`POST /v1/responses`) to a provider:
/// passed through to providers that serve the Responses API, translated to Chat Completions
/// for the other `openai`-type providers and to Messages for `anthropic`-type ones.
namespace ResponsesTranslatorFactory {

/// True when `provider` gets Responses requests as they are.
bool passesThrough(const ProviderSettings &provider);

std::unique_ptr<ChatTranslator> create(const ProviderSettings &provider);

} // namespace ResponsesTranslatorFactory
