#pragma once

#include "config/GatewayConfig.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QNetworkReply;
class UpstreamClientPool;
struct ModelInfo;

/// One model that a provider says it offers.
struct CatalogModel
{
    QString providerId;
    QString upstreamId;
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

    /// The output cap that `providerId`'s model list stated for `upstreamModel` in its last
    /// answer (however old); -1 when it stated none or was never asked.
    qint64 listedMaxOutputTokens(const QString &providerId, const QString &upstreamModel) const;

    /// Makes sure `provider`'s own model list was asked recently (within the cache period, or
    /// 15 s after a failure), asking it alone if not, then calls `done` in `context`'s thread.
    /// For the output cap of a translated call that nothing else states.
    void ensureListed(const ProviderSettings &provider, const QString &apiKey,
                      const GatewayLimits &limits, QObject *context, std::function<void()> done);

    /// Forgets the cache (the providers or their keys changed).
    void invalidate();

private:
    /// One provider's last model-list answer.
    struct Listing
    {
        QHash<QString, qint64> caps; ///< upstream model -> stated output cap
        QDateTime askedAt;
        bool failed = false;
        bool pending = false; ///< ensureListed() is asking it now
        QList<QPair<QPointer<QObject>, std::function<void()>>> waiting;
    };

    /// A model list's bytes, read as they arrive and cut off at a cap.
    struct ListBytes
    {
        QByteArray bytes;
        bool tooLarge = false;
    };

    void finishRound();
    /// GETs `provider`'s model list with the modelListTimeoutMs cut-off, its bytes gathered in
    /// `*received`; null when the type is unknown.
    QNetworkReply *askList(const ProviderSettings &provider, const QString &apiKey, int timeoutMs,
                           std::shared_ptr<ListBytes> *received);
    /// Reads a finished model-list reply; the error text when it failed.
    QString readList(QNetworkReply *reply, const ListBytes &received, ProviderType type,
                     QList<ModelInfo> *listed) const;
    void noteListing(const QString &providerId, const QList<ModelInfo> &listed, bool failed);

    UpstreamClientPool &m_pool;
    QHash<QString, Listing> m_listings;
    int m_listingGeneration = 0;
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
