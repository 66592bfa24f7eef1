// libFuzzer harness: a client's body on POST /v1/chat/completions, read and checked as
// ChatEndpoint does before anything goes upstream. Whatever the bytes, the answer is either
// "valid" or a 400 with words and a well-formed OpenAI error body, and a large body's outline
// is judged as the whole body is.
#include "FuzzSupport.h"
#include "api/ChatRequestValidator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = FuzzSupport::bytes(data, size);
    QJsonObject request;
    if (auto error = ChatRequestValidator::parseBody(body, &request)) {
        FuzzSupport::checkError(*error, ApiFormat::OpenAi, 400, body);
        return 0;
    }
    if (auto error = ChatRequestValidator::validateOpenAi(request))
        FuzzSupport::checkError(*error, ApiFormat::OpenAi, 400, body);
    FuzzSupport::checkOutlineValidatesAlike(body, request, &ChatRequestValidator::validateOpenAi);
    return 0;
}
