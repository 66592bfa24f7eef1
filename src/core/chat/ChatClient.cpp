#include "ChatClient.h"

#include "ChatCall.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

namespace {
/// Longer than the gateway's own upstream idle timeout (300 s), so a silent provider is
/// reported by the gateway, in its words, before this client gives up.
constexpr int kCompletionIdleTimeoutMs = 330 * 1000;
constexpr int kModelsTimeoutMs = 60 * 1000;
} // namespace

ChatClient::ChatClient(QObject *parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this))
{
    // The gateway is on this computer: a system proxy must never see its token.
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

ChatClient::~ChatClient() = default;

void ChatClient::setEndpoint(const GatewayEndpoint &endpoint)
{
    if (endpoint == m_endpoint)
        return;
    m_endpoint = endpoint;
    Q_EMIT endpointChanged(m_endpoint);
}

QByteArray ChatClient::userAgent()
{
    return QByteArrayLiteral("LLM-Gateway-Chat/" LLM_GATEWAY_VERSION);
}

QNetworkRequest ChatClient::request(const QString &path) const
{
    QNetworkRequest request(m_endpoint.url(path));
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (!m_endpoint.token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_endpoint.token.toUtf8());
    return request;
}

ChatCall *ChatClient::startCompletion(const QJsonObject &body, QObject *parent)
{
    if (!m_endpoint.isValid())
        return new ChatCall(nullptr, parent);
    QNetworkRequest post = request(QStringLiteral("/v1/chat/completions"));
    post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    post.setRawHeader("Accept", "text/event-stream");
    post.setTransferTimeout(kCompletionIdleTimeoutMs);
    QNetworkReply *reply =
        m_network->post(post, QJsonDocument(body).toJson(QJsonDocument::Compact));
    return new ChatCall(reply, parent);
}

void ChatClient::fetchModels(QObject *context, ModelsCallback done)
{
    if (!m_endpoint.isValid()) {
        GatewayModelList list;
        list.error = ChatError::gatewayNotRunning();
        QMetaObject::invokeMethod(
            context, [done = std::move(done), list] { done(list); }, Qt::QueuedConnection);
        return;
    }
    QNetworkRequest get = request(QStringLiteral("/v1/models"));
    get.setTransferTimeout(kModelsTimeoutMs);
    QNetworkReply *reply = m_network->get(get);
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        GatewayModelList list;
        if (status == 0)
            list.error = ChatError::fromConnectionFailure(reply->error(), reply->errorString());
        else if (status != 200)
            list.error = ChatError::fromHttp(status, body, reply->rawHeader("Retry-After"));
        else
            list = GatewayModelList::fromJson(body);
        done(list);
    });
    // If the context goes first the answer is dropped: the reply ends (or times out) and is
    // deleted by itself. (Aborting it here makes Qt 6.4 warn "device not open".)
}
