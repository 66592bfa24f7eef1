#pragma once

#include "ChatError.h"

#include <QList>
#include <QString>
#include <QStringList>

/// One model the gateway's `/v1/models` lists, with the provider that serves it (`owned_by`).
struct GatewayModel
{
    QString id;
    QString providerId;

    bool operator==(const GatewayModel &other) const
    {
        return id == other.id && providerId == other.providerId;
    }
};

/// The answer to a model list request.
struct GatewayModelList
{
    QList<GatewayModel> models;
    QStringList
        providerErrors; ///< providers whose list could not be fetched, in the gateway's words
    ChatError error;    ///< the request itself failed

    /// Reads the OpenAI list shape (`{"object":"list","data":[{"id","owned_by"}],"errors":[]}`).
    static GatewayModelList fromJson(const QByteArray &body);
};
