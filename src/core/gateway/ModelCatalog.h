#pragma once

#include "config/GatewayConfig.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <functional>

class UpstreamClientPool;

/// One model that a provider says it offers.
struct CatalogModel
{
    QString providerId;
    QString upstreamId;
    qint64 maxOutputTokens = -1; ///< when the provider's list states it; -1 otherwise
};

/// The models of every enabled provider, asked from each provider's own model list (never
/// hard-coded), cached for a while. Concurrent asks share one round of upstream requests;
/// a provider that fails is left out and its error kept for the answer.
class ModelCatalog : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const QList<CatalogModel> &, const QStringList &errors)>;

    explicit ModelCatalog(UpstreamClientPool &pool, QObject *parent = nullptr);

    /// Delivers the catalog to `done` (at once when cached), in `context`'s thread.
    void fetch(const GatewayConfig &config, const QHash<QString, QString> &keys, QObject *context,
               Callback done);

    /// Forgets the cache (the providers or their keys changed).
    void invalidate();

private:
    void finishRound();

    UpstreamClientPool &m_pool;
    QList<CatalogModel> m_models;
    QStringList m_errors;
    QDateTime m_fetchedAt;
    int m_pendingReplies = 0;
    int m_round = 0;
    QList<QPair<QPointer<QObject>, Callback>> m_waiting;
    QList<CatalogModel> m_roundModels;
    QStringList m_roundErrors;
    bool m_roundFailed = false; ///< a provider was asked and failed: retry sooner
    bool m_failed = false;
};
