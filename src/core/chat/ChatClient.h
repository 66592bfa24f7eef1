#pragma once

#include "GatewayEndpoint.h"
#include "GatewayModel.h"

#include <QJsonObject>
#include <QObject>

#include <functional>

class ChatCall;
class QNetworkAccessManager;
class QNetworkRequest;

/// The chat's HTTP client of the local gateway: streamed completions and the model list, on
/// localhost with the access token, exactly as any other client calls it (so the request log
/// records the chat's calls too). Never a shortcut into the gateway's code.
class ChatClient : public QObject
{
    Q_OBJECT

public:
    using ModelsCallback = std::function<void(const GatewayModelList &)>;

    explicit ChatClient(QObject *parent = nullptr);
    ~ChatClient() override;

    /// The gateway's address and token; an invalid endpoint means it is not serving.
    void setEndpoint(const GatewayEndpoint &endpoint);
    GatewayEndpoint endpoint() const { return m_endpoint; }

    /// Posts `body` to /v1/chat/completions. The returned call is owned by `parent`.
    ChatCall *startCompletion(const QJsonObject &body, QObject *parent);
    /// Asks GET /v1/models; `done` runs in `context`'s thread (never if it is gone).
    void fetchModels(QObject *context, ModelsCallback done);

    /// The User-Agent the chat sends (the request log's `client`).
    static QByteArray userAgent();

Q_SIGNALS:
    void endpointChanged(const GatewayEndpoint &endpoint);

private:
    QNetworkRequest request(const QString &path) const;

    QNetworkAccessManager *m_network;
    GatewayEndpoint m_endpoint;
};
