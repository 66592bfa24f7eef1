#include "UpstreamErrorStatus.h"

namespace UpstreamErrorStatus {

GatewayError fromStatus(int status, const QString &message)
{
    GatewayError error;
    error.upstreamStatus = status;
    if (status == 429) {
        error.code = GatewayErrorCode::UpstreamRateLimited;
        error.message = message;
    } else if (status >= 400 && status < 500) {
        error.code = GatewayErrorCode::UpstreamStatus;
        error.message = message;
    } else if (status >= 500) {
        error.code = GatewayErrorCode::UpstreamFailed;
        error.message = message;
    } else {
        error.code = GatewayErrorCode::UpstreamBadResponse;
        error.message = QStringLiteral("The upstream answered HTTP %1, which the gateway does "
                                       "not follow (a redirect?). Check the provider's base URL.")
                            .arg(status);
    }
    return error;
}

QString bodyExcerpt(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(400)).simplified();
    if (body.size() > 400)
        text += QStringLiteral("...");
    return text;
}

} // namespace UpstreamErrorStatus
