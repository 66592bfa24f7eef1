#include "TranslatorCases.h"

#include "api/ChatRequestValidator.h"
#include "api/ResponsesRequestValidator.h"
#include "providers/responses/ResponsesTranslatorFactory.h"

#include <QJsonDocument>

namespace {

const TranslatorCase kCases[] = {
    {"chat->openai (passthrough)", ClientApi::ChatCompletions, ProviderType::OpenAi, false, true,
     true},
    {"chat->anthropic", ClientApi::ChatCompletions, ProviderType::Anthropic, false, false, true},
    {"messages->openai", ClientApi::Messages, ProviderType::OpenAi, false, false, true},
    {"messages->anthropic (passthrough)", ClientApi::Messages, ProviderType::Anthropic, false, true,
     true},
    {"count_tokens->anthropic", ClientApi::CountTokens, ProviderType::Anthropic, false, true,
     false},
    {"responses->chat", ClientApi::Responses, ProviderType::OpenAi, false, false, true},
    {"responses->anthropic", ClientApi::Responses, ProviderType::Anthropic, false, false, true},
    {"responses->responses (passthrough)", ClientApi::Responses, ProviderType::OpenAi, true, true,
     true},
};
constexpr int kCaseCount = int(sizeof(kCases) / sizeof(kCases[0]));

ProviderSettings makeProvider(ProviderType type, bool speaksResponses)
{
    ProviderSettings p;
    p.id =
        type == ProviderType::Anthropic ? QStringLiteral("anthropic") : QStringLiteral("deepseek");
    p.type = type;
    p.baseUrl = QUrl(type == ProviderType::Anthropic ? QStringLiteral("http://127.0.0.1:9")
                                                     : QStringLiteral("http://127.0.0.1:9/v1"));
    p.speaksResponsesApi = speaksResponses;
    // A known output cap, so the translators' lowering of max_tokens runs too.
    p.modelOutputLimits.insert(TranslatorCases::upstreamModel(), 4096);
    return p;
}

QByteArray defaultRequest(ClientApi api)
{
    switch (api) {
    case ClientApi::Messages:
    case ClientApi::CountTokens:
        return QByteArrayLiteral(
            R"({"model":"m","max_tokens":100,"messages":[{"role":"user","content":"Hi"}]})");
    case ClientApi::Responses:
        return QByteArrayLiteral(R"({"model":"m","input":"Hi"})");
    case ClientApi::ChatCompletions:
    case ClientApi::Embeddings:
        break;
    }
    return QByteArrayLiteral(R"({"model":"m","messages":[{"role":"user","content":"Hi"}]})");
}

} // namespace

namespace TranslatorCases {

int count()
{
    return kCaseCount;
}

const TranslatorCase &at(int index)
{
    return kCases[index % kCaseCount];
}

QString upstreamModel()
{
    return QStringLiteral("upstream-model");
}

const ProviderSettings &provider(const TranslatorCase &c)
{
    static const ProviderSettings openAi = makeProvider(ProviderType::OpenAi, false);
    static const ProviderSettings openAiResponses = makeProvider(ProviderType::OpenAi, true);
    static const ProviderSettings anthropic = makeProvider(ProviderType::Anthropic, false);
    if (c.providerType == ProviderType::Anthropic)
        return anthropic;
    return c.speaksResponsesApi ? openAiResponses : openAi;
}

bool acceptRequest(const TranslatorCase &c, const QByteArray &body, QJsonObject *request,
                   GatewayError *error)
{
    if (auto e = ChatRequestValidator::parseBody(body, request)) {
        *error = *e;
        return false;
    }
    QJsonObject validated = *request;
    if (c.api == ClientApi::CountTokens && !validated.contains(QStringLiteral("max_tokens")))
        validated.insert(QStringLiteral("max_tokens"), 1);
    const auto invalid =
        c.api == ClientApi::Responses         ? ResponsesRequestValidator::validate(validated)
        : c.api == ClientApi::ChatCompletions ? ChatRequestValidator::validateOpenAi(validated)
                                              : ChatRequestValidator::validateAnthropic(validated);
    if (invalid) {
        *error = *invalid;
        return false;
    }
    if (c.api == ClientApi::Responses && !ResponsesTranslatorFactory::passesThrough(provider(c))) {
        if (auto refused =
                ResponsesRequestValidator::validateForTranslation(*request, provider(c).id)) {
            *error = *refused;
            return false;
        }
    }
    if (c.api == ClientApi::CountTokens)
        request->remove(QStringLiteral("stream"));
    return true;
}

std::unique_ptr<ChatTranslator> prepare(const TranslatorCase &c, const QByteArray &requestJson,
                                        bool stream)
{
    QJsonObject request;
    GatewayError error;
    if (!acceptRequest(c, requestJson, &request, &error))
        acceptRequest(c, defaultRequest(c.api), &request, &error);
    if (stream)
        request.insert(QStringLiteral("stream"), true);
    else
        request.remove(QStringLiteral("stream"));
    TranslatorContext context;
    context.provider = &provider(c);
    std::unique_ptr<ChatTranslator> translator =
        ProviderRegistry::createTranslator(c.api, context, &error);
    if (!translator)
        return nullptr;
    QByteArray upstreamBody;
    if (!translator->translateRequest(request, upstreamModel(), &upstreamBody, &error))
        return nullptr;
    return translator;
}

} // namespace TranslatorCases
