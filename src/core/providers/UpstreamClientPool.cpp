#include "UpstreamClientPool.h"

#include "UpstreamConnector.h"
#include "UpstreamDeferredReply.h"
#include "UpstreamFailedReply.h"
#include "UpstreamHttpReply.h"
#include "UpstreamTlsTrust.h"
#include "config/GatewayConfig.h"

#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QSslSocket>
#include <QTcpSocket>

#include <sys/socket.h>

#include <cerrno>

namespace {
/// Where a QNAM reply keeps the words for its TLS refusal (see failureReason()).
constexpr char kTlsFailureProperty[] = "llmgwTlsFailure";

QString hostKeyOf(const QUrl &url)
{
    return url.scheme() + QLatin1Char('/') + url.host() + QLatin1Char(':') +
           QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}

bool hasLineBreakOrNul(const QByteArray &bytes)
{
    for (const char c : bytes) {
        if (c == '\r' || c == '\n' || c == '\0')
            return true;
    }
    return false;
}

/// True when the kernel holds bytes (or the peer's close) for `socket` that Qt has not read
/// yet: a connection that says something while idle is not safe to reuse. The byte is only
/// peeked at, never taken.
bool kernelHasUnreadBytes(const QTcpSocket *socket)
{
    const qintptr descriptor = socket->socketDescriptor();
    if (descriptor < 0)
        return true;
    char byte;
    const ssize_t n = ::recv(int(descriptor), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n < 0)
        return errno != EAGAIN && errno != EWOULDBLOCK; // nothing there: clean
    return true;                                        // a byte, or 0: the peer closed
}
} // namespace

UpstreamClientPool::UpstreamClientPool(QObject *parent)
    : QObject(parent), m_trust(new UpstreamTlsTrust(this))
{}

UpstreamClientPool::~UpstreamClientPool() = default;

void UpstreamClientPool::applyConfig(const GatewayConfig &config)
{
    m_builtinHttpClient = config.builtinHttpClient;
    QStringList caFiles;
    for (const ProviderSettings &provider : config.providers) {
        if (!provider.caFile.isEmpty() && !caFiles.contains(provider.caFile))
            caFiles.append(provider.caFile);
    }
    m_trust->reload(caFiles);
    // Proxy settings come from the environment or the desktop: looked at again from now on.
    m_proxyByHost.clear();
}

bool UpstreamClientPool::hasForbiddenHeaderBytes(const QNetworkRequest &request, QByteArray *name)
{
    for (const QByteArray &header : request.rawHeaderList()) {
        if (hasLineBreakOrNul(header) || hasLineBreakOrNul(request.rawHeader(header))) {
            if (name)
                *name = header.left(64);
            return true;
        }
    }
    return false;
}

UpstreamClientPool::Client UpstreamClientPool::clientFor(const QUrl &url, bool preferBuiltin,
                                                         QNetworkProxy *proxy)
{
    const QString scheme = url.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return Client::Qt;
    const QString key = hostKeyOf(url);
    auto known = m_proxyByHost.constFind(key);
    if (known == m_proxyByHost.constEnd()) {
        // http_proxy/https_proxy/no_proxy or the desktop's settings, through libproxy on
        // Linux: asked once per host, it can take milliseconds.
        const QList<QNetworkProxy> proxies =
            QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(url));
        QNetworkProxy chosen(QNetworkProxy::NoProxy);
        if (!proxies.isEmpty()) {
            const QNetworkProxy &first = proxies.first();
            if (first.type() == QNetworkProxy::HttpProxy ||
                first.type() == QNetworkProxy::HttpCachingProxy) {
                chosen = first;
                chosen.setType(QNetworkProxy::HttpProxy);
            } else if (first.type() != QNetworkProxy::NoProxy &&
                       first.type() != QNetworkProxy::DefaultProxy) {
                chosen = first; // SOCKS: QNAM's
            }
        }
        known = m_proxyByHost.insert(key, chosen);
    }
    *proxy = known.value();
    const bool builtinCanCarry =
        proxy->type() == QNetworkProxy::NoProxy || proxy->type() == QNetworkProxy::HttpProxy;
    return (m_builtinHttpClient || preferBuiltin) && builtinCanCarry ? Client::Builtin : Client::Qt;
}

QNetworkReply *UpstreamClientPool::post(const QNetworkRequest &request, const QByteArray &body)
{
    return send(QNetworkAccessManager::PostOperation, request, body, false);
}

QNetworkReply *UpstreamClientPool::get(const QNetworkRequest &request)
{
    return send(QNetworkAccessManager::GetOperation, request, {}, false);
}

QNetworkReply *UpstreamClientPool::postOnBuiltinClient(const QNetworkRequest &request,
                                                       const QByteArray &body)
{
    return send(QNetworkAccessManager::PostOperation, request, body, true);
}

QNetworkReply *UpstreamClientPool::send(QNetworkAccessManager::Operation operation,
                                        QNetworkRequest request, const QByteArray &body,
                                        bool preferBuiltin)
{
    QByteArray badHeader;
    if (hasForbiddenHeaderBytes(request, &badHeader)) {
        return new UpstreamFailedReply(
            operation, request, QNetworkReply::ProtocolInvalidOperationError,
            QStringLiteral("the request header \"%1\" holds a line break or NUL byte, which "
                           "would corrupt the request; it was not sent")
                .arg(QString::fromLatin1(badHeader.toPercentEncoding(" -_.:;,=/+"))),
            this);
    }
    QNetworkProxy proxy;
    const Client client = clientFor(request.url(), preferBuiltin, &proxy);
    const QString caFile = request.attribute(kCaFileAttribute).toString();
    const bool tls = request.url().scheme() == QLatin1String("https");
    if (client == Client::Builtin) {
        // The reply waits for the CA file itself when it is still being read.
        return new UpstreamHttpReply(operation, request, body,
                                     UpstreamEndpoint(request.url(), caFile, proxy), *this, this);
    }
    if (tls && !caFile.isEmpty()) {
        const UpstreamTlsTrust::Trust &trust = m_trust->trust(caFile);
        if (!trust.ready)
            return new UpstreamDeferredReply(operation, request, body, caFile, *this, *m_trust,
                                             this);
        if (!trust.error.isEmpty())
            return new UpstreamFailedReply(
                operation, request, QNetworkReply::SslHandshakeFailedError, trust.error, this);
        // Only the trusted authorities change: QNAM keeps its own protocol choices (h2).
        QSslConfiguration configuration = request.sslConfiguration();
        configuration.setCaCertificates(trust.configuration.caCertificates());
        request.setSslConfiguration(configuration);
    }
    return sendThroughQt(operation, request, body);
}

QNetworkReply *UpstreamClientPool::sendThroughQt(QNetworkAccessManager::Operation operation,
                                                 const QNetworkRequest &request,
                                                 const QByteArray &body)
{
    const QString hostKey = hostKeyOf(request.url());
    const int index = pickManager(hostKey);
    QNetworkReply *reply = operation == QNetworkAccessManager::GetOperation
                               ? m_managers[index].manager->get(request)
                               : m_managers[index].manager->post(request, body);
    track(reply, index, hostKey);
    if (request.url().scheme() == QLatin1String("https")) {
        const QString host = request.url().host();
        const QString caFile = request.attribute(kCaFileAttribute).toString();
        // Not ignored (the handshake fails after this): only put in words.
        connect(reply, &QNetworkReply::sslErrors, reply,
                [reply, host, caFile](const QList<QSslError> &errors) {
                    reply->setProperty(kTlsFailureProperty,
                                       UpstreamConnector::describeTlsErrors(errors, host, caFile));
                });
    }
    return reply;
}

QString UpstreamClientPool::failureReason(const QNetworkReply *reply)
{
    const QString tls = reply->property(kTlsFailureProperty).toString();
    return tls.isEmpty() ? reply->errorString() : tls;
}

int UpstreamClientPool::pickManager(const QString &hostKey)
{
    for (int i = 0; i < m_managers.size(); ++i) {
        if (m_managers[i].activeByHost.value(hostKey) < kConnectionsPerManager)
            return i;
    }
    Manager added;
    added.manager = new QNetworkAccessManager(this);
    // Connection reuse matters more than anything else here; no cache, no cookies.
    added.manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_managers.append(added);
    return int(m_managers.size()) - 1;
}

void UpstreamClientPool::track(QNetworkReply *reply, int managerIndex, const QString &hostKey)
{
    m_managers[managerIndex].activeByHost[hostKey] += 1;
    // abort() emits finished synchronously, so every reply ends through this one path.
    connect(reply, &QNetworkReply::finished, this, [this, managerIndex, hostKey] {
        int &active = m_managers[managerIndex].activeByHost[hostKey];
        if (active > 0)
            --active;
    });
}

int UpstreamClientPool::idleConnectionCount() const
{
    int count = 0;
    for (const auto &sockets : m_idle)
        count += int(sockets.size());
    return count;
}

QTcpSocket *UpstreamClientPool::takeIdleConnection(const QString &key)
{
    auto it = m_idle.find(key);
    if (it == m_idle.end())
        return nullptr;
    // The most recently used connection first: it is the least likely to have been closed.
    while (!it->isEmpty()) {
        Idle idle = it->takeLast();
        for (const QMetaObject::Connection &watch : std::as_const(idle.watches))
            disconnect(watch);
        QTcpSocket *socket = idle.socket.data();
        if (!socket)
            continue;
        // Bytes that arrived while it was idle (a stray answer, a close) would be read as the
        // next request's answer: such a connection is closed, not reused.
        if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesAvailable() == 0 &&
            !kernelHasUnreadBytes(socket))
            return socket;
        socket->abort();
        socket->deleteLater();
    }
    return nullptr;
}

void UpstreamClientPool::returnIdleConnection(const QString &key, QTcpSocket *socket)
{
    QList<Idle> &idle = m_idle[key];
    if (idle.size() >= kMaxIdleConnectionsPerHost) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    // An idle connection has nothing to say: anything it receives (a close, stray bytes)
    // makes it unusable.
    Idle entry;
    entry.socket = socket;
    entry.watches = {
        connect(socket, &QAbstractSocket::disconnected, this, [this, socket] { dropIdle(socket); }),
        connect(socket, &QIODevice::readyRead, this, [this, socket] { dropIdle(socket); })};
    idle.append(entry);
}

void UpstreamClientPool::keepSessionTickets(const QString &key, QSslSocket *socket)
{
    const auto remember = [this, key, socket] {
        const QByteArray ticket = socket->sslConfiguration().sessionTicket();
        if (!ticket.isEmpty())
            m_sessionTickets.insert(key, ticket);
    };
    remember();
    // Tied to the socket's life: the connection goes when the socket does.
    connect(socket, &QSslSocket::newSessionTicketReceived, this, remember);
}

void UpstreamClientPool::dropIdle(QTcpSocket *socket)
{
    for (auto &entries : m_idle) {
        for (qsizetype i = entries.size() - 1; i >= 0; --i) {
            if (entries[i].socket == socket) {
                for (const QMetaObject::Connection &watch : std::as_const(entries[i].watches))
                    disconnect(watch);
                entries.removeAt(i);
            }
        }
    }
    socket->abort();
    socket->deleteLater();
}
