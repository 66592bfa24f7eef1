#pragma once

#include "providers/ProviderRegistry.h"

#include <memory>

/// The client API / provider pairs the gateway translates between, as the fuzz harnesses of
/// the translators pick them by their first input byte.
struct TranslatorCase
{
    const char *name;
    ClientApi api;
    ProviderType providerType;
    bool speaksResponsesApi; ///< the provider serves /responses itself (Responses passthrough)
    bool passthrough;        ///< events are forwarded as the upstream sent them
    bool streams;            ///< the API has streams (count_tokens has none)
};

namespace TranslatorCases {

int count();
const TranslatorCase &at(int index);

/// A translator for `c`, made as ChatEndpoint makes it, with the client request from
/// `requestJson` when it passes ChatEndpoint's checks (else a small valid default request),
/// `stream` forced, and its upstream request already translated (translators keep state
/// from it, e.g. the tools asked for). Null when the request could not be translated.
std::unique_ptr<ChatTranslator> prepare(const TranslatorCase &c, const QByteArray &requestJson,
                                        bool stream);

/// The provider the harnesses translate for.
const ProviderSettings &provider(const TranslatorCase &c);

/// The upstream model name the harnesses route to.
QString upstreamModel();

/// Parses and validates `body` as ChatEndpoint does for `c`; false when it would refuse it.
bool acceptRequest(const TranslatorCase &c, const QByteArray &body, QJsonObject *request,
                   GatewayError *error);

} // namespace TranslatorCases
