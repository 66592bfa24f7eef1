#pragma once

#include "ChatTranslator.h"
#include "config/ProviderSettings.h"

#include <memory>

/// Picks the translator for a client format and a provider type.
namespace ChatTranslatorFactory {
/// Null when that pair is not supported; `error` then says so.
std::unique_ptr<ChatTranslator> create(ApiFormat clientFormat, ProviderType providerType,
                                       GatewayError *error);
} // namespace ChatTranslatorFactory
