#include "GatewayError.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace {

QString openAiType(const GatewayError &e)
{
    if (!e.upstreamType.isEmpty())
        return e.upstreamType;
    switch (e.code) {
    case GatewayErrorCode::Unauthorized:
        return QStringLiteral("authentication_error");
    case GatewayErrorCode::Forbidden:
        return QStringLiteral("permission_error");
    case GatewayErrorCode::NotFound:
    case GatewayErrorCode::ModelNotFound:
    case GatewayErrorCode::MethodNotAllowed:
    case GatewayErrorCode::InvalidRequest:
    case GatewayErrorCode::LengthRequired:
    case GatewayErrorCode::PayloadTooLarge:
    case GatewayErrorCode::ExpectationFailed:
    case GatewayErrorCode::HeadersTooLarge:
    case GatewayErrorCode::RequestTimeout:
    case GatewayErrorCode::VersionNotSupported:
    case GatewayErrorCode::UpstreamStatus:
        return QStringLiteral("invalid_request_error");
    case GatewayErrorCode::UpstreamRateLimited:
        return QStringLiteral("rate_limit_error");
    case GatewayErrorCode::ServerBusy:
    case GatewayErrorCode::UpstreamFailed:
    case GatewayErrorCode::UpstreamUnreachable:
    case GatewayErrorCode::UpstreamBadResponse:
    case GatewayErrorCode::UpstreamTimeout:
        return QStringLiteral("upstream_error");
    case GatewayErrorCode::Internal:
        break;
    }
    return QStringLiteral("server_error");
}

QString openAiCode(const GatewayError &e)
{
    if (!e.upstreamCode.isEmpty())
        return e.upstreamCode;
    switch (e.code) {
    case GatewayErrorCode::InvalidRequest:
        return QStringLiteral("invalid_request");
    case GatewayErrorCode::Unauthorized:
        return QStringLiteral("invalid_api_key");
    case GatewayErrorCode::Forbidden:
        return QStringLiteral("forbidden");
    case GatewayErrorCode::NotFound:
        return QStringLiteral("unknown_url");
    case GatewayErrorCode::ModelNotFound:
        return QStringLiteral("model_not_found");
    case GatewayErrorCode::MethodNotAllowed:
        return QStringLiteral("method_not_allowed");
    case GatewayErrorCode::RequestTimeout:
        return QStringLiteral("request_timeout");
    case GatewayErrorCode::LengthRequired:
        return QStringLiteral("length_required");
    case GatewayErrorCode::PayloadTooLarge:
        return QStringLiteral("request_too_large");
    case GatewayErrorCode::ExpectationFailed:
        return QStringLiteral("expectation_failed");
    case GatewayErrorCode::HeadersTooLarge:
        return QStringLiteral("headers_too_large");
    case GatewayErrorCode::UpstreamStatus:
        return QStringLiteral("upstream_error");
    case GatewayErrorCode::UpstreamRateLimited:
        return QStringLiteral("rate_limit_exceeded");
    case GatewayErrorCode::UpstreamFailed:
        return QStringLiteral("upstream_server_error");
    case GatewayErrorCode::UpstreamUnreachable:
        return QStringLiteral("upstream_unreachable");
    case GatewayErrorCode::UpstreamBadResponse:
        return QStringLiteral("upstream_bad_response");
    case GatewayErrorCode::ServerBusy:
        return QStringLiteral("server_busy");
    case GatewayErrorCode::UpstreamTimeout:
        return QStringLiteral("upstream_timeout");
    case GatewayErrorCode::VersionNotSupported:
        return QStringLiteral("http_version_not_supported");
    case GatewayErrorCode::Internal:
        break;
    }
    return QStringLiteral("internal_error");
}

QString anthropicType(const GatewayError &e)
{
    // An Anthropic upstream's own type says more than the status (billing_error on 402,
    // overloaded_error on 529 passed on as 502). invalid_request_error is left to the status:
    // OpenAI upstreams use it for everything, 401s included.
    static const QStringList anthropicTypes{QStringLiteral("authentication_error"),
                                            QStringLiteral("billing_error"),
                                            QStringLiteral("permission_error"),
                                            QStringLiteral("not_found_error"),
                                            QStringLiteral("request_too_large"),
                                            QStringLiteral("rate_limit_error"),
                                            QStringLiteral("api_error"),
                                            QStringLiteral("timeout_error"),
                                            QStringLiteral("overloaded_error")};
    if (anthropicTypes.contains(e.upstreamType))
        return e.upstreamType;
    switch (e.httpStatus()) {
    case 400:
    case 405:
    case 408:
    case 411:
    case 417:
    case 431:
    case 505:
        return QStringLiteral("invalid_request_error");
    case 401:
        return QStringLiteral("authentication_error");
    case 403:
        return QStringLiteral("permission_error");
    case 404:
        return QStringLiteral("not_found_error");
    case 413:
        return QStringLiteral("request_too_large");
    case 429:
        return QStringLiteral("rate_limit_error");
    case 503:
    case 529:
        return QStringLiteral("overloaded_error");
    case 504:
        return QStringLiteral("timeout_error");
    default:
        break;
    }
    if (e.upstreamStatus >= 400 && e.upstreamStatus < 500)
        return QStringLiteral("invalid_request_error");
    return QStringLiteral("api_error");
}

QJsonObject errorJson(const GatewayError &e, ApiFormat format)
{
    if (format == ApiFormat::Anthropic) {
        return QJsonObject{
            {QStringLiteral("type"), QStringLiteral("error")},
            {QStringLiteral("error"), QJsonObject{{QStringLiteral("type"), anthropicType(e)},
                                                  {QStringLiteral("message"), e.message}}}};
    }
    return QJsonObject{
        {QStringLiteral("error"),
         QJsonObject{{QStringLiteral("message"), e.message},
                     {QStringLiteral("type"), openAiType(e)},
                     {QStringLiteral("param"),
                      e.param.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(e.param)},
                     {QStringLiteral("code"), openAiCode(e)}}}};
}

} // namespace

GatewayError GatewayError::make(GatewayErrorCode code, QString message, QString param)
{
    GatewayError error;
    error.code = code;
    error.message = std::move(message);
    error.param = std::move(param);
    return error;
}

int GatewayError::httpStatus() const
{
    switch (code) {
    case GatewayErrorCode::InvalidRequest:
        return 400;
    case GatewayErrorCode::Unauthorized:
        return 401;
    case GatewayErrorCode::Forbidden:
        return 403;
    case GatewayErrorCode::NotFound:
    case GatewayErrorCode::ModelNotFound:
        return 404;
    case GatewayErrorCode::MethodNotAllowed:
        return 405;
    case GatewayErrorCode::RequestTimeout:
        return 408;
    case GatewayErrorCode::LengthRequired:
        return 411;
    case GatewayErrorCode::PayloadTooLarge:
        return 413;
    case GatewayErrorCode::ExpectationFailed:
        return 417;
    case GatewayErrorCode::HeadersTooLarge:
        return 431;
    case GatewayErrorCode::UpstreamStatus:
        return upstreamStatus >= 400 && upstreamStatus < 500 ? upstreamStatus : 502;
    case GatewayErrorCode::UpstreamRateLimited:
        return 429;
    case GatewayErrorCode::UpstreamFailed:
    case GatewayErrorCode::UpstreamUnreachable:
    case GatewayErrorCode::UpstreamBadResponse:
        return 502;
    case GatewayErrorCode::ServerBusy:
        return 503;
    case GatewayErrorCode::UpstreamTimeout:
        return 504;
    case GatewayErrorCode::VersionNotSupported:
        return 505;
    case GatewayErrorCode::Internal:
        break;
    }
    return 500;
}

namespace ErrorRenderer {

QByteArray body(const GatewayError &error, ApiFormat format)
{
    return QJsonDocument(errorJson(error, format)).toJson(QJsonDocument::Compact);
}

ErrorReply reply(const GatewayError &error, ApiFormat format)
{
    ErrorReply r;
    r.status = error.httpStatus();
    r.body = body(error, format);
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    if (!error.retryAfter.isEmpty())
        r.headers.append({QByteArrayLiteral("Retry-After"), error.retryAfter});
    return r;
}

QByteArray streamEvent(const GatewayError &error, ApiFormat format)
{
    // Anthropic streams name their events; OpenAI's SDKs look for an "error" key in data.
    if (format == ApiFormat::Anthropic)
        return "event: error\ndata: " + body(error, format) + "\n\n";
    return "data: " + body(error, format) + "\n\n";
}

} // namespace ErrorRenderer
