// libFuzzer harness: the bytes a client sends on one gateway connection, read by
// RequestHeadParser as HttpConnection reads them: a head, the body its Content-Length
// announces, the next (pipelined) head, and so on until a head is refused. The first input
// byte picks the limits (the defaults, or small ones so the 431 paths are reached).
//
// Checked: the parser never reads past what it was given, always makes progress, reads the
// same requests (and refuses with the same status) whatever way the bytes are cut, and what it
// accepts is clean (header names are lower-case tokens, values carry no CR, LF or NUL).
#include "FuzzSupport.h"
#include "http/RequestHeadParser.h"

using FuzzSupport::check;

namespace {

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

void checkHead(const RequestHead &head, const QByteArray &input)
{
    check(!head.request.method.isEmpty(), "an accepted head without a method", input);
    for (const char c : head.request.method)
        check(isTokenChar(c), "a method that is not a token", input);
    check(head.contentLength >= 0, "a negative Content-Length accepted", input);
    check(!head.transferEncoding, "a Transfer-Encoding head accepted", input);
    for (const auto &[name, value] : head.request.headers) {
        check(!name.isEmpty(), "an empty header name", input);
        for (const char c : name)
            check(isTokenChar(c) && !(c >= 'A' && c <= 'Z'), "a header name not lower-case token",
                  input);
        check(!value.contains('\r') && !value.contains('\n') && !value.contains('\0'),
              "a header value with CR, LF or NUL", input);
        check(!value.startsWith(' ') && !value.endsWith(' ') && !value.startsWith('\t') &&
                  !value.endsWith('\t'),
              "a header value with surrounding blanks", input);
    }
}

QByteArray describe(const RequestHead &head)
{
    QByteArray out = "head " + head.request.method + ' ' + head.request.path.toUtf8() + " ?" +
                     head.request.query + " 1." + QByteArray::number(head.minorVersion) +
                     " len=" + QByteArray::number(head.contentLength) +
                     " keep=" + QByteArray::number(head.keepAlive) +
                     " expect=" + QByteArray::number(head.expectContinue) + '\n';
    for (const auto &[name, value] : head.request.headers)
        out += "  " + name + ": " + value + '\n';
    return out;
}

/// Reads the connection's bytes, arriving as `pieces`; returns what the server saw.
QByteArray readConnection(const QList<QByteArray> &pieces, const HeadLimits &limits,
                          const QByteArray &input)
{
    RequestHeadParser parser(limits);
    QByteArray transcript;
    qint64 bodyLeft = 0;
    for (const QByteArray &piece : pieces) {
        qsizetype offset = 0;
        while (offset < piece.size()) {
            if (bodyLeft > 0) {
                const qsizetype skip = qsizetype(qMin<qint64>(bodyLeft, piece.size() - offset));
                offset += skip;
                bodyLeft -= skip;
                continue;
            }
            qsizetype consumed = -1;
            const auto status =
                parser.feed(piece.constData() + offset, piece.size() - offset, &consumed);
            check(consumed >= 0 && consumed <= piece.size() - offset,
                  "the parser consumed more than it was given", input);
            offset += consumed;
            if (status == RequestHeadParser::Status::Failed) {
                const HeadError &error = parser.error();
                check(error.status >= 400 && error.status < 600 && !error.message.isEmpty(),
                      "a refusal without a 4xx/5xx status and words", input);
                // Only the status is compared: a head that breaks two limits may be refused
                // for the one noticed first, which depends on where the bytes were cut.
                return transcript + "failed " + QByteArray::number(error.status) + '\n';
            }
            if (status == RequestHeadParser::Status::NeedMore) {
                check(offset == piece.size(), "NeedMore left bytes unread", input);
                break;
            }
            check(consumed > 0, "a head completed from no bytes", input);
            const RequestHead head = parser.takeHead();
            checkHead(head, input);
            transcript += describe(head);
            bodyLeft = head.contentLength;
        }
    }
    return transcript + (parser.hasStarted() ? "partial\n" : "end\n");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    HeadLimits limits;
    if (data[0] & 1) {
        limits.maxBytes = 96 + (data[0] >> 1);
        limits.maxFields = 1 + (data[0] >> 5);
    }
    const QByteArray input = FuzzSupport::bytes(data + 1, size - 1);

    const QByteArray whole = readConnection({input}, limits, input);
    const QByteArray split =
        readConnection(FuzzSupport::pieces(input, uint32_t(size) * 2246822519u), limits, input);
    check(whole == split, "the requests read differ when the bytes are cut differently",
          whole + "\n-- vs --\n" + split);
    return 0;
}
