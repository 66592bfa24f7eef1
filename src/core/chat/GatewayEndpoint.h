#pragma once

#include <QString>
#include <QUrl>

/// Where the chat client finds the local gateway: its base URL and the access token. The app
/// provides it (and a new one whenever the port or the token changes); the chat talks to the
/// gateway over HTTP like any other client, so the request log sees its calls.
struct GatewayEndpoint
{
    QUrl baseUrl;  ///< e.g. http://127.0.0.1:7352; empty while the gateway is not serving
    QString token; ///< the local access token; empty when the token is turned off

    bool isValid() const { return baseUrl.isValid() && !baseUrl.host().isEmpty(); }
    /// `path` (e.g. "/v1/models") resolved against the base URL.
    QUrl url(const QString &path) const;

    bool operator==(const GatewayEndpoint &other) const
    {
        return baseUrl == other.baseUrl && token == other.token;
    }
    bool operator!=(const GatewayEndpoint &other) const { return !(*this == other); }
};
