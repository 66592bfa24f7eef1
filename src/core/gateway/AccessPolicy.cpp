#include "AccessPolicy.h"

#include "http/IncomingRequest.h"

#include <QRandomGenerator>
#include <QUrl>

namespace {

constexpr char kTokenHelp[] =
    "Send the gateway's access token as 'Authorization: Bearer TOKEN' or 'x-api-key: TOKEN'. "
    "It is kept in the system keychain ('llm-gateway --show-token' prints it) or set with the "
    "LLM_GATEWAY_TOKEN environment variable.";

// A preflight may ask for any of these; what it asks for is echoed when it is a plain list
// of header names, so SDKs that add their own x-stainless-* headers keep working.
constexpr char kDefaultAllowedHeaders[] =
    "authorization, x-api-key, content-type, anthropic-version, anthropic-beta";

bool isHeaderNameList(const QByteArray &value)
{
    for (char c : value) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ',' || c == ' ';
        if (!ok)
            return false;
    }
    return !value.trimmed().isEmpty() && value.size() <= 1024;
}

/// Every value the client presented as a credential: Bearer tokens and x-api-key values.
QList<QByteArray> presentedTokens(const IncomingRequest &request)
{
    QList<QByteArray> tokens;
    for (const auto &h : request.headers) {
        if (h.first == "authorization") {
            const QByteArray value = h.second.trimmed();
            const int space = value.indexOf(' ');
            if (space > 0 && value.left(space).toLower() == "bearer")
                tokens.append(value.mid(space + 1).trimmed());
        } else if (h.first == "x-api-key") {
            tokens.append(h.second.trimmed());
        }
    }
    return tokens;
}

} // namespace

AccessPolicy::AccessPolicy(const GatewayConfig &config)
    : m_access(config.access), m_token(config.access.token.toUtf8()),
      m_loopbackOnly(isLoopbackHost(config.host))
{
    for (const QString &origin : config.allowedOrigins) {
        const QString normalised = normaliseOrigin(origin);
        if (!normalised.isEmpty())
            m_allowedOrigins.append(normalised);
    }
}

bool AccessPolicy::tokenRequired() const
{
    return m_access.requireToken || !m_loopbackOnly;
}

bool AccessPolicy::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString AccessPolicy::listenRefusal(const GatewayConfig &config)
{
    if (isLoopbackHost(config.host))
        return {};
    if (!config.access.requireToken) {
        return AccessPolicy::tr(
                   "Refusing to listen on %1: the access token is turned off, which is "
                   "allowed only on a loopback address (127.0.0.1). Turn it on "
                   "(\"access\": {\"requireToken\": true}) or listen on 127.0.0.1.")
            .arg(config.host);
    }
    if (config.access.token.isEmpty()) {
        return AccessPolicy::tr("Refusing to listen on %1: listening beyond this computer needs an "
                                "access token, and none is set (the system keychain is unavailable "
                                "and LLM_GATEWAY_TOKEN is empty).")
            .arg(config.host);
    }
    return {};
}

bool AccessPolicy::isAllowedHostHeader(const QByteArray &hostHeader,
                                       const QHostAddress &localAddress, quint16 localPort)
{
    // What nearly every client sends, checked without parsing: "127.0.0.1:PORT" and
    // "localhost:PORT" (the general rules below accept exactly these too).
    const qsizetype colon = hostHeader.lastIndexOf(':');
    if (colon > 0 && hostHeader.size() - colon - 1 <= 5) {
        const QByteArrayView name(hostHeader.constData(), colon);
        bool digits = colon + 1 < hostHeader.size();
        quint32 port = 0;
        for (qsizetype i = colon + 1; i < hostHeader.size() && digits; ++i) {
            const char c = hostHeader[i];
            digits = c >= '0' && c <= '9';
            port = port * 10 + quint32(c - '0');
        }
        if (digits && port == localPort &&
            (name == "127.0.0.1" || name.compare("localhost", Qt::CaseInsensitive) == 0))
            return true;
    }
    const QString host = QString::fromLatin1(hostHeader.trimmed()).toLower();
    if (host.isEmpty())
        return false;
    QString name;
    QString port;
    if (host.startsWith(QLatin1Char('['))) {
        const int close = host.indexOf(QLatin1Char(']'));
        if (close < 0)
            return false;
        name = host.mid(1, close - 1);
        const QString rest = host.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(QLatin1Char(':')))
                return false;
            port = rest.mid(1);
        }
        if (!name.contains(QLatin1Char(':'))) // brackets are for IPv6 literals only
            return false;
    } else {
        if (host.count(QLatin1Char(':')) > 1) // an unbracketed IPv6 address is malformed
            return false;
        const int colon = host.indexOf(QLatin1Char(':'));
        name = colon < 0 ? host : host.left(colon);
        if (colon >= 0)
            port = host.mid(colon + 1);
    }
    // The port must be the one the client reached: a Host for another local service means
    // the browser was steered here under a different origin.
    quint16 hostPort = 80;
    if (!port.isNull()) {
        if (port.isEmpty() || port.size() > 5)
            return false;
        for (QChar c : std::as_const(port)) {
            if (!c.isDigit())
                return false;
        }
        hostPort = quint16(port.toUInt());
    }
    if (hostPort != localPort)
        return false;

    // Names other than "localhost" are refused: DNS rebinding works by making an attacker's
    // name (evil.example, 127.0.0.1.evil.example) resolve to 127.0.0.1.
    if (name == QLatin1String("localhost"))
        return true;
    const QHostAddress address(name);
    if (address.isNull())
        return false;
    // Only the canonical spelling of an address: no "127.1", "2130706433" or "0x7f.0.0.1".
    if (address.protocol() == QAbstractSocket::IPv4Protocol && address.toString() != name)
        return false;
    if (address == QHostAddress(QHostAddress::LocalHost) ||
        address == QHostAddress(QHostAddress::LocalHostIPv6))
        return true;
    // An IP literal cannot be rebound: accept the address the client actually connected to
    // (a LAN address when listening beyond loopback, with the token on).
    return address.isEqual(localAddress, QHostAddress::ConvertV4MappedToIPv4);
}

QString AccessPolicy::normaliseOrigin(const QString &origin)
{
    const QString trimmed = origin.trimmed();
    QString text = trimmed;
    if (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !url.path().isEmpty() || url.hasQuery() ||
        url.hasFragment() || !url.userInfo().isEmpty())
        return {};
    const QString scheme = url.scheme().toLower();
    if (scheme.isEmpty())
        return {};
    QString result = scheme + QStringLiteral("://") + url.host(QUrl::FullyEncoded).toLower();
    if (url.host().contains(QLatin1Char(':')))
        result = scheme + QStringLiteral("://[") + url.host().toLower() + QLatin1Char(']');
    const int defaultPort = scheme == QLatin1String("https")  ? 443
                            : scheme == QLatin1String("http") ? 80
                                                              : -1;
    if (url.port() != -1 && url.port() != defaultPort)
        result += QLatin1Char(':') + QString::number(url.port());
    return result;
}

QString AccessPolicy::generateToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / int(sizeof(quint32)));
    return QStringLiteral("llmgw-") +
           QString::fromLatin1(
               bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool AccessPolicy::secretsEqual(const QByteArray &presented, const QByteArray &expected)
{
    // Every byte of `expected` is visited whatever `presented` holds, and no branch depends on
    // a secret byte: the time depends only on the expected length, which the caller cannot
    // vary, so a client learns nothing by timing its guesses. (Hashing both sides did the same
    // at 5,000 instructions per request.)
    const qsizetype presentedSize = presented.size();
    unsigned char diff = presentedSize == expected.size() ? 0 : 1;
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const unsigned char byte = i < presentedSize ? uchar(presented[i]) : 0;
        diff |= byte ^ uchar(expected[i]);
    }
    return diff == 0;
}

AccessPolicy::Decision AccessPolicy::checkToken(const IncomingRequest &request) const
{
    Decision decision;
    decision.verdict = Verdict::Unauthorized;
    if (m_access.token.isEmpty()) {
        decision.message = QStringLiteral(
            "The gateway has no access token set, so it refuses every request: the system "
            "keychain is unavailable and LLM_GATEWAY_TOKEN is not set. Start or unlock a keychain "
            "and press Retry in the LLM Gateway window, or set LLM_GATEWAY_TOKEN and restart the "
            "gateway (see its startup messages).");
        return decision;
    }
    const QList<QByteArray> presented = presentedTokens(request);
    if (presented.isEmpty()) {
        decision.message = QStringLiteral("Missing access token. ") + QLatin1String(kTokenHelp);
        return decision;
    }
    bool matched = false;
    for (const QByteArray &token : presented) // no early exit: time independent of position
        matched |= secretsEqual(token, m_token);
    if (!matched) {
        decision.message =
            QStringLiteral("The access token is wrong. ") + QLatin1String(kTokenHelp);
        return decision;
    }
    decision.verdict = Verdict::Allow;
    return decision;
}

AccessPolicy::Decision AccessPolicy::check(const IncomingRequest &request, const QString &path,
                                           const QHostAddress &localAddress,
                                           quint16 localPort) const
{
    Decision decision;
    decision.verdict = Verdict::Forbidden;

    int hostCount = 0;
    for (const auto &h : request.headers)
        hostCount += h.first == "host" ? 1 : 0;
    const QByteArray host = request.header("host");
    if (hostCount != 1 || !isAllowedHostHeader(host, localAddress, localPort)) {
        decision.message =
            QStringLiteral("The Host header '%1' does not name this gateway. It answers only "
                           "requests addressed to 127.0.0.1:%2, localhost:%2 or [::1]:%2 (a "
                           "protection against DNS rebinding from web pages).")
                .arg(QString::fromLatin1(host.left(200)))
                .arg(localPort);
        return decision;
    }

    const bool hasOrigin = request.hasHeader("origin");
    const QByteArray origin = request.header("origin");
    if (hasOrigin) {
        const QString normalised = normaliseOrigin(QString::fromLatin1(origin));
        if (normalised.isEmpty() || !m_allowedOrigins.contains(normalised)) {
            decision.message =
                QStringLiteral("Requests from the web origin '%1' are not allowed. Add it to "
                               "\"allowedOrigins\" in the configuration to let that page use "
                               "the gateway.")
                    .arg(QString::fromLatin1(origin.left(200)));
            return decision;
        }
        decision.corsHeaders = {
            {QByteArrayLiteral("Access-Control-Allow-Origin"), origin},
            {QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin")},
            {QByteArrayLiteral("Access-Control-Expose-Headers"), QByteArrayLiteral("Retry-After")}};
    } else {
        // A browser's no-cors request (an <img>, a <script>, a form) carries no Origin but
        // says where it comes from: another site may not use the gateway that way either.
        const QByteArray site = request.header("sec-fetch-site").toLower();
        if (site == "cross-site" || site == "same-site") {
            decision.message = QStringLiteral("A browser request from another site without an "
                                              "allowed Origin is refused.");
            return decision;
        }
    }

    if (request.method == "OPTIONS") {
        // A preflight carries no credentials: it is answered on Host and Origin alone.
        decision.verdict = Verdict::Preflight;
        if (hasOrigin) {
            const QByteArray requested = request.header("access-control-request-headers");
            decision.corsHeaders = {
                {QByteArrayLiteral("Access-Control-Allow-Origin"), origin},
                {QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin")},
                {QByteArrayLiteral("Access-Control-Allow-Methods"),
                 QByteArrayLiteral("GET, POST, OPTIONS")},
                {QByteArrayLiteral("Access-Control-Allow-Headers"),
                 isHeaderNameList(requested) ? requested : QByteArray(kDefaultAllowedHeaders)},
                {QByteArrayLiteral("Access-Control-Allow-Private-Network"),
                 QByteArrayLiteral("true")},
                {QByteArrayLiteral("Access-Control-Max-Age"), QByteArrayLiteral("600")}};
        }
        return decision;
    }

    // /health tells a supervisor the gateway is up; it spends nothing and names no secret.
    if (path == QLatin1String("/health")) {
        decision.verdict = Verdict::Allow;
        return decision;
    }
    if (m_access.secretsPending) {
        // Not a 401: the client's token may well be right, and a 401 makes clients give up or
        // ask their user for a new key. A 503 with Retry-After is retried by the SDKs.
        decision.verdict = Verdict::Starting;
        decision.message = QStringLiteral(
            "The gateway is starting: it is still reading its access token and provider keys "
            "from the system keychain. Retry in a moment.");
        return decision;
    }
    if (!tokenRequired()) {
        decision.verdict = Verdict::Allow;
        return decision;
    }
    Decision token = checkToken(request);
    token.corsHeaders = decision.corsHeaders;
    return token;
}
