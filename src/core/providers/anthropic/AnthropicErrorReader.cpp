#include "AnthropicErrorReader.h"

#include "providers/UpstreamErrorStatus.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace AnthropicErrorReader {

GatewayError fromErrorObject(const QJsonObject &errorObject, int status, Audience audience)
{
    QString message = errorObject.value(QStringLiteral("message")).toString();
    const QString type = errorObject.value(QStringLiteral("type")).toString();
    if (message.isEmpty())
        message = QStringLiteral("The upstream answered HTTP %1 (%2) without a message.")
                      .arg(status)
                      .arg(type.isEmpty() ? QStringLiteral("no error type") : type);
    GatewayError error = UpstreamErrorStatus::fromStatus(status, message);
    error.upstreamType = type;
    if (status >= 500 || status == 0) {
        // 500 api_error, 529 overloaded_error, or an error event inside a 200 stream: the
        // client must know the fault is upstream (502).
        error.code = GatewayErrorCode::UpstreamFailed;
        error.message =
            status > 0 ? QStringLiteral("The upstream provider failed (HTTP %1, %2): %3")
                             .arg(status)
                             .arg(type.isEmpty() ? QStringLiteral("api_error") : type, message)
                       : QStringLiteral("The upstream provider failed (%1): %2")
                             .arg(type.isEmpty() ? QStringLiteral("api_error") : type, message);
        if (audience == Audience::OpenAiClient)
            error.upstreamType.clear();
    } else if (error.code == GatewayErrorCode::UpstreamBadResponse) {
        error.upstreamType.clear();
    }
    if (audience == Audience::OpenAiClient && !error.upstreamType.isEmpty())
        error.upstreamCode = error.upstreamType; // OpenAI clients read `code` for the kind
    return error;
}

GatewayError read(int status, const QByteArray &body, const QByteArray &retryAfter,
                  Audience audience)
{
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    QJsonObject errorObject = root.value(QStringLiteral("error")).toObject();
    if (errorObject.isEmpty() && !body.trimmed().isEmpty()) {
        // Not Anthropic's shape (a proxy's HTML page, plain text): keep its text.
        errorObject.insert(QStringLiteral("message"), UpstreamErrorStatus::bodyExcerpt(body));
    }
    GatewayError error = fromErrorObject(errorObject, status, audience);
    error.retryAfter = retryAfter;
    return error;
}

} // namespace AnthropicErrorReader
