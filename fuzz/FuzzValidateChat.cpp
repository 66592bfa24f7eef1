// libFuzzer harness: a client's body on POST /v1/chat/completions, read and checked as
// ChatEndpoint does before anything goes upstream. Whatever the bytes, the answer is either
// "valid" or a 400 with words and a well-formed OpenAI error body, and the checked tree that
// a large body is validated on is judged as Qt's parse is.
#include "FuzzSupport.h"
#include "api/ChatRequestValidator.h"
#include "api/JsonTree.h"

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
    FuzzSupport::checkTreeValidatesAlike(
        body, request,
        [](const QJsonObject &whole) { return ChatRequestValidator::validateOpenAi(whole); },
        [](const JsonTree &tree) { return ChatRequestValidator::validateOpenAi(tree); });
    return 0;
}
