// libFuzzer harness: the non-streamed answer side of every translator. Input: one byte that
// picks the client API and provider (TranslatorCases), one byte that picks a 2xx answer or an
// error status, then the client's request JSON, a NUL, and the upstream's body.
//
// Checked: a 2xx body becomes one JSON object for the client or a 502 with words; an error
// answer becomes an error with words and a JSON body in the client's format.
#include "FuzzSupport.h"
#include "TranslatorCases.h"

using FuzzSupport::check;

namespace {
constexpr int kStatuses[] = {400, 401, 403, 404, 408, 409, 413, 422,
                             429, 500, 502, 503, 504, 529, 418, 302};
const QByteArray kRetryAfter[] = {QByteArray(), QByteArrayLiteral("7"),
                                  QByteArrayLiteral("Wed, 21 Oct 2015 07:28:00 GMT"),
                                  QByteArrayLiteral("soon\r\nX-Injected: 1")};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const TranslatorCase &c = TranslatorCases::at(data[0]);
    const uint8_t mode = data[1];
    QByteArray requestJson;
    QByteArray upstreamBody;
    FuzzSupport::splitAtNul(FuzzSupport::bytes(data + 2, size - 2), &requestJson, &upstreamBody);
    const ApiFormat format = clientFormat(c.api);

    std::unique_ptr<ChatTranslator> translator = TranslatorCases::prepare(c, requestJson, false);
    if (!translator)
        return 0;
    if (mode & 0x80) {
        const int status = kStatuses[mode % (sizeof(kStatuses) / sizeof(kStatuses[0]))];
        const QByteArray &retryAfter = kRetryAfter[(mode >> 4) & 3];
        const GatewayError error = translator->translateError(status, upstreamBody, retryAfter);
        FuzzSupport::checkError(error, format, 400, upstreamBody);
        return 0;
    }
    QByteArray clientBody;
    GatewayError error;
    if (translator->translateResponse(upstreamBody, &clientBody, &error)) {
        check(FuzzSupport::isJsonObject(clientBody), "a client body that is not a JSON object",
              clientBody);
    } else {
        FuzzSupport::checkError(error, format, 500, upstreamBody);
    }
    return 0;
}
