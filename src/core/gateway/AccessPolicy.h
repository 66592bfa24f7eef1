#pragma once

#include <QCoreApplication>

#include "config/GatewayConfig.h"

#include <QHostAddress>
#include <QString>

struct IncomingRequest;

/// Decides, before anything else happens to a request, whether it may use the gateway
/// (SPEC §5): the Host check against DNS rebinding, the Origin allow-list and CORS, and the
/// local access token. Pure: it reads the request and the configuration snapshot only.
class AccessPolicy
{
    Q_DECLARE_TR_FUNCTIONS(AccessPolicy)

public:
    enum class Verdict
    {
        Allow,        ///< go on; add `corsHeaders` to every answer
        Preflight,    ///< an OPTIONS request that passed: answer 204 with `corsHeaders`
        Forbidden,    ///< 403: Host or Origin refused
        Unauthorized, ///< 401: token missing or wrong
        Starting      ///< 503: the token is still being read from the keychain; retry soon
    };

    struct Decision
    {
        Verdict verdict = Verdict::Forbidden;
        QString message;        ///< for refusals; never contains a presented credential
        HeaderList corsHeaders; ///< for allowed browser origins only; never `*`
    };

    explicit AccessPolicy(const GatewayConfig &config);

    /// `path` is the normalised path (no /api prefix); `localAddress`/`localPort` are the
    /// connection's own end, i.e. the address and port the client reached.
    Decision check(const IncomingRequest &request, const QString &path,
                   const QHostAddress &localAddress, quint16 localPort) const;

    /// True when the token must be presented: on by default, and always off loopback.
    bool tokenRequired() const;

    /// Empty when the gateway may listen as configured; otherwise why it must not (a
    /// non-loopback address without the token on and set).
    static QString listenRefusal(const GatewayConfig &config);
    /// 127.0.0.0/8, ::1 and "localhost".
    static bool isLoopbackHost(const QString &host);
    /// Whether a Host header names this gateway: a loopback name or address, or the literal
    /// address the client connected to, with the port it connected to.
    static bool isAllowedHostHeader(const QByteArray &host, const QHostAddress &localAddress,
                                    quint16 localPort);
    /// "scheme://host[:port]" in lower case without a trailing slash; empty when `origin` is
    /// not of that shape (paths, "*", "null" and garbage are not origins one can allow).
    static QString normaliseOrigin(const QString &origin);
    /// A new random access token (256 bits, URL-safe), for first runs and regeneration.
    static QString generateToken();
    /// Compares a presented secret with the expected one in time that depends on neither
    /// secret's contents nor the presented length (only on the expected length).
    static bool secretsEqual(const QByteArray &presented, const QByteArray &expected);

private:
    Decision checkToken(const IncomingRequest &request) const;

    AccessSettings m_access;
    QByteArray m_token;           ///< the access token as UTF-8, converted once per configuration
    QStringList m_allowedOrigins; ///< normalised
    bool m_loopbackOnly;
};
