#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

/// Why a chat reply failed, sorted into the cases a user can act on, with the gateway's own
/// message kept as the detail. The plain-words summary is made on demand in the current
/// language (so stored errors follow a language change).
struct ChatError
{
    enum class Kind
    {
        None,
        GatewayNotRunning,  ///< nothing listens at the gateway's address, or it is not started
        TokenRefused,       ///< the gateway refused the chat's access token (401)
        NoProviderKey,      ///< the provider refused the call and the gateway has no key for it
        ProviderKeyRefused, ///< the provider refused the key (401/403)
        ModelNotFound,      ///< no route for the model, or the provider does not know it
        RateLimited,        ///< 429, with the wait when the provider said
        ProviderDown,       ///< the provider is unreachable or failed (502)
        ProviderTimeout,    ///< the provider did not answer in time (504)
        GatewayPaused,      ///< the user paused the gateway (503)
        GatewayBusy,        ///< too many calls in flight (503)
        RequestRefused,     ///< another 4xx: the request itself was refused
        StreamBroken,       ///< the reply broke off in the middle
        Other
    };

    Kind kind = Kind::None;
    int httpStatus = 0;         ///< 0 when no HTTP answer came
    QString detail;             ///< the gateway's (or the network's) own message, in English
    int retryAfterSeconds = -1; ///< RateLimited: the wait the provider asked for

    bool isError() const { return kind != Kind::None; }
    /// What happened and what to do, in plain words of the user's language.
    QString summary() const;

    /// From a non-2xx answer of the gateway: its status, JSON error body and Retry-After.
    static ChatError fromHttp(int status, const QByteArray &body, const QByteArray &retryAfter);
    /// From the final error event of a stream that had begun (`{"error":{...}}`).
    static ChatError fromStreamError(const QJsonObject &event);
    /// From a connection failure before any answer (QNetworkReply::NetworkError value).
    static ChatError fromConnectionFailure(int networkError, const QString &errorString);
    static ChatError gatewayNotRunning();
    static ChatError streamBroken(const QString &detail);

    /// Stable names for storage.
    static QString kindName(Kind kind);
    static Kind kindFromName(const QString &name);
    QJsonObject toStorageJson() const;
    static ChatError fromStorageJson(const QJsonObject &json);

    bool operator==(const ChatError &other) const
    {
        return kind == other.kind && httpStatus == other.httpStatus && detail == other.detail &&
               retryAfterSeconds == other.retryAfterSeconds;
    }
};
