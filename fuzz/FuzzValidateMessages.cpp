// libFuzzer harness: a client's body on POST /v1/messages and /v1/messages/count_tokens, read
// and checked as ChatEndpoint does; count_tokens answers from the gateway's own estimate when
// the provider cannot count, so that runs too. The checked tree that a large body is
// validated on is judged as Qt's parse is.
#include "FuzzSupport.h"
#include "api/ChatRequestValidator.h"
#include "api/JsonTree.h"
#include "providers/anthropic/TokenEstimator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = FuzzSupport::bytes(data, size);
    QJsonObject request;
    if (auto error = ChatRequestValidator::parseBody(body, &request)) {
        FuzzSupport::checkError(*error, ApiFormat::Anthropic, 400, body);
        return 0;
    }
    if (auto error = ChatRequestValidator::validateAnthropic(request))
        FuzzSupport::checkError(*error, ApiFormat::Anthropic, 400, body);
    FuzzSupport::checkTreeValidatesAlike(
        body, request,
        [](const QJsonObject &whole) { return ChatRequestValidator::validateAnthropic(whole); },
        [](const JsonTree &tree) { return ChatRequestValidator::validateAnthropic(tree); });
    // count_tokens: the same request without max_tokens.
    QJsonObject counted = request;
    if (!counted.contains(QStringLiteral("max_tokens")))
        counted.insert(QStringLiteral("max_tokens"), 1);
    if (auto error = ChatRequestValidator::validateAnthropic(counted)) {
        FuzzSupport::checkError(*error, ApiFormat::Anthropic, 400, body);
        return 0;
    }
    const QByteArray estimate = TokenEstimator::countTokensBody(body);
    FuzzSupport::check(FuzzSupport::isJsonObject(estimate), "count_tokens body is not JSON",
                       estimate);
    const auto tree = JsonTree::parseAsQtReads(body);
    FuzzSupport::check(tree.has_value(), "a request the validator took has no JsonTree", body);
    FuzzSupport::check(TokenEstimator::estimateAnthropicRequest(*tree) >= 1,
                       "an estimate below one token", body);
    return 0;
}
