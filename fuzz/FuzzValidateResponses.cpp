// libFuzzer harness: a client's body on POST /v1/responses, read and checked as ChatEndpoint
// does, including the refusals of what only OpenAI can serve (stored state) that apply when
// the request is translated for another provider.
#include "FuzzSupport.h"
#include "api/ChatRequestValidator.h"
#include "api/ResponsesRequestValidator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = FuzzSupport::bytes(data, size);
    QJsonObject request;
    if (auto error = ChatRequestValidator::parseBody(body, &request)) {
        FuzzSupport::checkError(*error, ApiFormat::Responses, 400, body);
        return 0;
    }
    if (auto error = ResponsesRequestValidator::validate(request)) {
        FuzzSupport::checkError(*error, ApiFormat::Responses, 400, body);
        return 0;
    }
    if (auto error =
            ResponsesRequestValidator::validateForTranslation(request, QStringLiteral("deepseek")))
        FuzzSupport::checkError(*error, ApiFormat::Responses, 400, body);
    return 0;
}
