#include "UpstreamErrorStatus.h"

#include <QRegularExpression>

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

bool isValidRetryAfter(const QByteArray &value)
{
    if (value.isEmpty() || value.size() > 40)
        return false;
    bool digits = value.size() <= 10;
    for (const char c : value)
        digits = digits && c >= '0' && c <= '9';
    if (digits)
        return true;
    // IMF-fixdate, the form senders must use: "Sun, 06 Nov 1994 08:49:37 GMT".
    static const QRegularExpression httpDate(QStringLiteral(
        "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|"
        "Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$"));
    return httpDate.match(QString::fromLatin1(value)).hasMatch();
}

QString bodyExcerpt(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(400)).simplified();
    if (body.size() > 400)
        text += QStringLiteral("...");
    return text;
}

GatewayError notAnObject(const QByteArray &body)
{
    return GatewayError::make(
        GatewayErrorCode::UpstreamBadResponse,
        QStringLiteral("The upstream answered with something that is not a JSON object: %1")
            .arg(bodyExcerpt(body)));
}

} // namespace UpstreamErrorStatus
