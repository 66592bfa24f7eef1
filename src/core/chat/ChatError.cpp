#include "ChatError.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QNetworkReply>

namespace {

struct KindName
{
    ChatError::Kind kind;
    const char *name;
};

constexpr KindName kKindNames[] = {
    {ChatError::Kind::None, "none"},
    {ChatError::Kind::GatewayNotRunning, "gateway_not_running"},
    {ChatError::Kind::TokenRefused, "token_refused"},
    {ChatError::Kind::NoProviderKey, "no_provider_key"},
    {ChatError::Kind::ProviderKeyRefused, "provider_key_refused"},
    {ChatError::Kind::ModelNotFound, "model_not_found"},
    {ChatError::Kind::RateLimited, "rate_limited"},
    {ChatError::Kind::ProviderDown, "provider_down"},
    {ChatError::Kind::ProviderTimeout, "provider_timeout"},
    {ChatError::Kind::GatewayPaused, "gateway_paused"},
    {ChatError::Kind::GatewayBusy, "gateway_busy"},
    {ChatError::Kind::RequestRefused, "request_refused"},
    {ChatError::Kind::StreamBroken, "stream_broken"},
    {ChatError::Kind::Other, "other"},
};

int parseRetryAfter(const QByteArray &value)
{
    bool ok = false;
    const int seconds = value.trimmed().toInt(&ok);
    return ok && seconds >= 0 ? seconds : -1;
}

/// Sorts a gateway error (OpenAI shape) into a kind. The gateway's own codes come first; the
/// upstream's own 4xx errors reach us with the upstream's type and code, so the status decides.
ChatError::Kind classify(int status, const QString &type, const QString &code,
                         const QString &message)
{
    using Kind = ChatError::Kind;
    if (code == QLatin1String("model_not_found"))
        return Kind::ModelNotFound;
    if (code == QLatin1String("upstream_timeout") || status == 504)
        return Kind::ProviderTimeout;
    if (code == QLatin1String("rate_limit_exceeded") || status == 429)
        return Kind::RateLimited;
    if (code == QLatin1String("upstream_unreachable") ||
        code == QLatin1String("upstream_server_error") ||
        code == QLatin1String("upstream_bad_response") || status == 502)
        return Kind::ProviderDown;
    if (code == QLatin1String("server_busy") || status == 503) {
        // One code for both; only the pause says so in its message.
        return message.contains(QLatin1String("paused"), Qt::CaseInsensitive) ? Kind::GatewayPaused
                                                                              : Kind::GatewayBusy;
    }
    if (status == 401 || status == 403) {
        // The gateway's own refusal of the local token: its type and code, and a message
        // about the access token. An upstream's 401 arrives with the upstream's type/code.
        if (status == 401 && type == QLatin1String("authentication_error") &&
            code == QLatin1String("invalid_api_key"))
            return Kind::TokenRefused;
        if (message.contains(QLatin1String("has no API key")))
            return Kind::NoProviderKey;
        return Kind::ProviderKeyRefused;
    }
    if (status == 404 && (code.contains(QLatin1String("model")) ||
                          message.contains(QLatin1String("model"), Qt::CaseInsensitive)))
        return Kind::ModelNotFound;
    if (status >= 400 && status < 500)
        return Kind::RequestRefused;
    return Kind::Other;
}

ChatError fromErrorObject(int status, const QJsonObject &error)
{
    ChatError result;
    result.httpStatus = status;
    result.detail = error.value(QStringLiteral("message")).toString();
    const QString type = error.value(QStringLiteral("type")).toString();
    const QJsonValue codeValue = error.value(QStringLiteral("code"));
    const QString code = codeValue.isString()   ? codeValue.toString()
                         : codeValue.isDouble() ? QString::number(codeValue.toInteger())
                                                : QString();
    result.kind = classify(status, type, code, result.detail);
    return result;
}

} // namespace

QString ChatError::summary() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::GatewayNotRunning:
        return QCoreApplication::translate(
            "ChatError", "The gateway is not running, so the chat cannot reach any model. Start it "
                         "(or see why it stopped) from the tray menu or the dashboard.");
    case Kind::TokenRefused:
        return QCoreApplication::translate(
            "ChatError", "The gateway refused the chat's access token. If the token was just "
                         "changed, close and reopen the chat window.");
    case Kind::NoProviderKey:
        return QCoreApplication::translate(
            "ChatError", "The provider has no API key. Add one on the Providers page of the "
                         "dashboard, or set its environment variable.");
    case Kind::ProviderKeyRefused:
        return QCoreApplication::translate(
            "ChatError", "The provider refused its API key. Check the key on the Providers page of "
                         "the dashboard.");
    case Kind::ModelNotFound:
        return QCoreApplication::translate(
            "ChatError",
            "This model is not available: no route leads to it, or its provider does not "
            "offer it. Pick another model, or add a route on the Routes page.");
    case Kind::RateLimited:
        if (retryAfterSeconds > 0)
            return QCoreApplication::translate(
                "ChatError", "The provider is limiting requests right now. Try again in %n s.",
                nullptr, retryAfterSeconds);
        return QCoreApplication::translate(
            "ChatError",
            "The provider is limiting requests right now. Wait a moment and try again.");
    case Kind::ProviderDown:
        return QCoreApplication::translate(
            "ChatError",
            "The provider could not be reached or failed. Try again later, or check the "
            "provider's address and status.");
    case Kind::ProviderTimeout:
        return QCoreApplication::translate(
            "ChatError", "The provider did not answer in time. Try again, or pick another model.");
    case Kind::GatewayPaused:
        return QCoreApplication::translate(
            "ChatError", "The gateway is paused. Resume it from the tray menu, then try again.");
    case Kind::GatewayBusy:
        return QCoreApplication::translate(
            "ChatError", "The gateway is busy with too many requests. Try again in a moment.");
    case Kind::RequestRefused:
        return QCoreApplication::translate("ChatError", "The request was refused (HTTP %1).")
            .arg(httpStatus);
    case Kind::StreamBroken:
        return QCoreApplication::translate("ChatError",
                                           "The reply broke off before it was complete.");
    case Kind::Other:
        break;
    }
    return httpStatus > 0 ? QCoreApplication::translate(
                                "ChatError", "The gateway answered with an error (HTTP %1).")
                                .arg(httpStatus)
                          : QCoreApplication::translate("ChatError", "The request failed.");
}

ChatError ChatError::fromHttp(int status, const QByteArray &body, const QByteArray &retryAfter)
{
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    const QJsonValue errorValue = root.value(QStringLiteral("error"));
    ChatError result;
    if (errorValue.isObject()) {
        result = fromErrorObject(status, errorValue.toObject());
    } else {
        // Not the gateway's shape (something else listens on the port?): keep its text.
        result.httpStatus = status;
        result.detail = errorValue.isString() ? errorValue.toString()
                                              : QString::fromUtf8(body.left(500)).trimmed();
        result.kind = classify(status, QString(), QString(), result.detail);
    }
    if (result.kind == Kind::RateLimited)
        result.retryAfterSeconds = parseRetryAfter(retryAfter);
    return result;
}

ChatError ChatError::fromStreamError(const QJsonObject &event)
{
    const QJsonObject error = event.value(QStringLiteral("error")).toObject();
    const QString code = error.value(QStringLiteral("code")).toString();
    // The status of a stream that had begun is 200; the code tells what went wrong.
    int status = 502;
    if (code == QLatin1String("upstream_timeout"))
        status = 504;
    else if (code == QLatin1String("rate_limit_exceeded"))
        status = 429;
    ChatError result = fromErrorObject(status, error);
    if (result.kind == Kind::ProviderDown || result.kind == Kind::Other)
        result.kind = Kind::StreamBroken;
    return result;
}

ChatError ChatError::fromConnectionFailure(int networkError, const QString &errorString)
{
    ChatError result;
    result.detail = errorString;
    switch (networkError) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
        result.kind = Kind::GatewayNotRunning;
        break;
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProtocolFailure:
        result.kind = Kind::StreamBroken;
        break;
    default:
        result.kind = Kind::Other;
        break;
    }
    return result;
}

ChatError ChatError::gatewayNotRunning()
{
    ChatError result;
    result.kind = Kind::GatewayNotRunning;
    result.detail = QStringLiteral("The gateway has no address yet: it is not serving.");
    return result;
}

ChatError ChatError::streamBroken(const QString &detail)
{
    ChatError result;
    result.kind = Kind::StreamBroken;
    result.detail = detail;
    return result;
}

QString ChatError::kindName(Kind kind)
{
    for (const KindName &entry : kKindNames) {
        if (entry.kind == kind)
            return QLatin1String(entry.name);
    }
    return QStringLiteral("other");
}

ChatError::Kind ChatError::kindFromName(const QString &name)
{
    for (const KindName &entry : kKindNames) {
        if (name == QLatin1String(entry.name))
            return entry.kind;
    }
    return Kind::Other;
}

QJsonObject ChatError::toStorageJson() const
{
    QJsonObject json{{QStringLiteral("kind"), kindName(kind)}};
    if (httpStatus > 0)
        json.insert(QStringLiteral("status"), httpStatus);
    if (!detail.isEmpty())
        json.insert(QStringLiteral("detail"), detail);
    if (retryAfterSeconds >= 0)
        json.insert(QStringLiteral("retryAfter"), retryAfterSeconds);
    return json;
}

ChatError ChatError::fromStorageJson(const QJsonObject &json)
{
    ChatError result;
    if (json.isEmpty())
        return result;
    result.kind = kindFromName(json.value(QStringLiteral("kind")).toString());
    result.httpStatus = json.value(QStringLiteral("status")).toInt();
    result.detail = json.value(QStringLiteral("detail")).toString();
    result.retryAfterSeconds = json.value(QStringLiteral("retryAfter")).toInt(-1);
    return result;
}
