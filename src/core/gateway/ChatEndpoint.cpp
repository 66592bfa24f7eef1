#include "ChatEndpoint.h"

#include "CallTracker.h"
#include "GatewayContext.h"
#include "ModelCatalog.h"
#include "RequestExchange.h"
#include "api/ChatRequestValidator.h"
#include "api/JsonSplice.h"
#include "api/JsonTree.h"
#include "api/ResponsesRequestValidator.h"
#include "providers/anthropic/ClaudeModelNames.h"
#include "providers/anthropic/TokenEstimator.h"
#include "providers/responses/ResponsesTranslatorFactory.h"

bool ChatEndpoint::treeWillDo(const QByteArray &body) const
{
    if ((m_api != ClientApi::ChatCompletions && m_api != ClientApi::Messages) ||
        body.size() < ChatRequestValidator::kLargeBodyBytes)
        return false;
    // A first look at the model, before the body is parsed: a translated route needs the
    // whole request anyway, and would read it twice. Validation and the routing proper
    // happen on what the parse gives, whatever this look guessed.
    const auto model = JsonSplice::leadingString(body, "model");
    if (!model)
        return false;
    const RouteResolution resolution =
        ClaudeModelNames::resolve(m_context.routes, QString::fromUtf8(*model));
    const ProviderSettings *provider =
        resolution.found ? m_context.config->provider(resolution.route.providerId) : nullptr;
    if (!provider || !ProviderRegistry::entry(provider->type) ||
        !ProviderRegistry::entry(provider->type)->serves(m_api))
        return false;
    TranslatorContext context;
    context.provider = provider;
    context.signer = m_context.signer;
    GatewayError unused;
    const auto translator = ProviderRegistry::createTranslator(m_api, context, &unused);
    return translator && translator->readsClientTree();
}

void ChatEndpoint::handle(RequestExchange &&exchange)
{
    const ApiFormat format = exchange.format();
    const bool countTokens = m_api == ClientApi::CountTokens;
    CallSetup setup;
    const QByteArray &body = exchange.request().body;
    if (treeWillDo(body)) {
        if (auto tree = JsonTree::parseChecked(body)) {
            setup.clientTree = std::make_shared<const JsonTree>(std::move(*tree));
            setup.clientBody = setup.clientTree->scalarMembers();
        }
    }
    // Anything the tree declines is Qt's parser's to read, or to describe what is wrong.
    if (!setup.clientTree) {
        if (auto error = ChatRequestValidator::parseBody(body, &setup.clientBody)) {
            exchange.replyError(*error);
            return;
        }
    }
    const QString model = setup.clientBody.value(QStringLiteral("model")).toString();
    RequestRecord &record = exchange.record();
    record.requestedModel = model;
    // Embeddings never stream, whatever a body says.
    record.stream =
        m_api != ClientApi::Embeddings && setup.clientBody.value(QStringLiteral("stream")).toBool();

    // count_tokens takes a Messages request without max_tokens: validate it as if it had one.
    QJsonObject validated = setup.clientBody;
    if (countTokens && !validated.contains(QStringLiteral("max_tokens")))
        validated.insert(QStringLiteral("max_tokens"), 1);
    std::optional<GatewayError> invalid;
    if (setup.clientTree) // a large Chat Completions or Messages body (treeWillDo)
        invalid = m_api == ClientApi::ChatCompletions
                      ? ChatRequestValidator::validateOpenAi(*setup.clientTree)
                      : ChatRequestValidator::validateAnthropic(*setup.clientTree);
    else
        invalid = m_api == ClientApi::Embeddings
                      ? ChatRequestValidator::validateEmbeddings(validated)
                  : m_api == ClientApi::Responses ? ResponsesRequestValidator::validate(validated)
                  : m_api == ClientApi::ChatCompletions
                      ? ChatRequestValidator::validateOpenAi(validated)
                      : ChatRequestValidator::validateAnthropic(validated);
    if (invalid) {
        exchange.replyError(*invalid);
        return;
    }
    const RouteResolution resolution = ClaudeModelNames::resolve(m_context.routes, model);
    if (!resolution.found) {
        exchange.replyError(GatewayError::make(GatewayErrorCode::ModelNotFound,
                                               resolution.errorMessage, QStringLiteral("model")));
        return;
    }
    const ProviderSettings *provider = m_context.config->provider(resolution.route.providerId);
    if (!provider) {
        exchange.replyError(GatewayError::make(
            GatewayErrorCode::ModelNotFound,
            QStringLiteral("The model '%1' routes to provider '%2', which is not configured.")
                .arg(model, resolution.route.providerId),
            QStringLiteral("model")));
        return;
    }
    record.providerId = provider->id;
    record.upstreamModel = resolution.route.upstreamModel;
    if (m_context.loopsBack(*provider)) {
        exchange.replyError(GatewayError::make(
            GatewayErrorCode::UpstreamBadResponse,
            QStringLiteral("Provider '%1' is refused: its base URL %2 points back at this "
                           "gateway, which would loop. Give it the provider's own URL.")
                .arg(provider->id, provider->baseUrl.toString())));
        return;
    }
    const int active = m_context.calls->activeCount();
    if (active >= m_context.config->limits.maxConcurrentRequests) {
        GatewayError busy =
            GatewayError::make(GatewayErrorCode::ServerBusy,
                               QStringLiteral("The gateway is handling %1 requests, its limit "
                                              "(limits.maxConcurrentRequests). Retry shortly.")
                                   .arg(active));
        busy.retryAfter = QByteArrayLiteral("1");
        exchange.replyError(busy);
        return;
    }
    const ProviderTypeEntry *type = ProviderRegistry::entry(provider->type);
    if (countTokens && !(type && type->serves(ClientApi::CountTokens))) {
        // Only Anthropic counts tokens; for the others Claude Code gets an estimate.
        exchange.replyJson(200, TokenEstimator::countTokensBody(body));
        return;
    }
    if (m_api == ClientApi::Responses && !ResponsesTranslatorFactory::passesThrough(*provider)) {
        // Translated routes have no stored conversations to continue from.
        if (auto refused =
                ResponsesRequestValidator::validateForTranslation(setup.clientBody, provider->id)) {
            exchange.replyError(*refused);
            return;
        }
    }
    if (countTokens) {
        setup.clientBody.remove(QStringLiteral("stream"));
        setup.clientBodyEdited = true;
        record.stream = false;
    }
    GatewayError unsupported;
    TranslatorContext context;
    context.provider = provider;
    context.signer = m_context.signer;
    setup.translator = ProviderRegistry::createTranslator(m_api, context, &unsupported);
    if (!setup.translator) {
        exchange.replyError(unsupported);
        return;
    }
    setup.clientFormat = format;
    setup.stream = record.stream;
    setup.route = resolution.route;
    setup.provider = *provider;
    setup.apiKey = m_context.keys.value(provider->id);
    setup.limits = m_context.config->limits;
    setup.redactor = m_context.redactor;

    const QString upstreamModel = resolution.route.upstreamModel;
    ModelCatalog *catalog = m_context.catalog;
    const OutputTokenCap cap = OutputTokenCaps::resolve(
        *provider, upstreamModel, catalog->listedMaxOutputTokens(provider->id, upstreamModel));
    if (!setup.translator->appliesOutputTokenCap() || cap.isKnown()) {
        setup.translator->setOutputTokenCap(cap);
        m_context.calls->start(std::move(setup), std::move(exchange));
        return;
    }
    // Nothing states the model's cap yet: the provider's own model list may (OpenRouter's
    // does). It is asked once per cache period; without an answer the call goes uncapped.
    auto pendingSetup = std::make_shared<CallSetup>(std::move(setup));
    auto pendingExchange = std::make_shared<RequestExchange>(std::move(exchange));
    const ProviderSettings settings = *provider;
    catalog->ensureListed(
        settings, m_context.keys.value(settings.id), m_context.config->limits, catalog,
        [this, catalog, pendingSetup, pendingExchange, settings, upstreamModel] {
            pendingSetup->translator->setOutputTokenCap(OutputTokenCaps::resolve(
                settings, upstreamModel,
                catalog->listedMaxOutputTokens(settings.id, upstreamModel)));
            m_context.calls->start(std::move(*pendingSetup), std::move(*pendingExchange));
        });
}
