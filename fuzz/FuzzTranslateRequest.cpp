// libFuzzer harness: the request side of every translator. Input: one byte that picks the
// client API and provider (TranslatorCases), then the client's body. The body goes through
// ChatEndpoint's checks and, when accepted, through the translator as GatewayCall runs it.
//
// Checked: a refusal is a 4xx with words; an accepted request becomes one JSON object naming
// the routed upstream model, sent to a path under the provider's base URL.
#include "FuzzSupport.h"
#include "TranslatorCases.h"

#include <QJsonDocument>

using FuzzSupport::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const TranslatorCase &c = TranslatorCases::at(data[0]);
    const QByteArray body = FuzzSupport::bytes(data + 1, size - 1);
    const ApiFormat format = clientFormat(c.api);

    QJsonObject request;
    GatewayError error;
    if (!TranslatorCases::acceptRequest(c, body, &request, &error)) {
        FuzzSupport::checkError(error, format, 400, body);
        return 0;
    }
    TranslatorContext context;
    context.provider = &TranslatorCases::provider(c);
    std::unique_ptr<ChatTranslator> translator =
        ProviderRegistry::createTranslator(c.api, context, &error);
    check(translator != nullptr, "the registry has no translator for a served case", c.name);
    const bool stream = request.value(QStringLiteral("stream")).toBool();
    // As GatewayCall: the client's bytes go with the request unless it was edited (count_tokens
    // loses `stream`); translators that write from them (AnthropicToOpenAiTranslator) must
    // write a JSON object from whatever a client may send.
    if (c.api != ClientApi::CountTokens)
        translator->setClientBodyBytes(body);
    QByteArray upstreamBody;
    if (!translator->translateRequest(request, TranslatorCases::upstreamModel(), &upstreamBody,
                                      &error)) {
        FuzzSupport::checkError(error, format, 400, body);
        return 0;
    }
    check(FuzzSupport::isJsonObject(upstreamBody), "an upstream body that is not a JSON object",
          upstreamBody);
    const QJsonObject upstream = QJsonDocument::fromJson(upstreamBody).object();
    check(upstream.value(QStringLiteral("model")).toString() == TranslatorCases::upstreamModel(),
          "the upstream body does not name the routed model", upstreamBody);
    const UpstreamPath path = translator->upstreamPath(TranslatorCases::upstreamModel(), stream);
    check(path.path.startsWith('/'), "an upstream path that is not absolute", path.path);
    return 0;
}
