#include "ModelCatalog.h"

#include "providers/ProviderAdapter.h"
#include "providers/ProviderRegistry.h"
#include "providers/UpstreamClientPool.h"

#include <QHostAddress>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

namespace {
constexpr int kRetryFailedAfterSeconds = 15;
/// A model list larger than this is not read further (OpenRouter's, among the largest, is
/// about 1 MB): a broken or hostile upstream must not fill the gateway's memory.
constexpr qint64 kMaxModelListBytes = 16 * 1024 * 1024;
constexpr qint64 kReadBufferBytes = 1024 * 1024;

bool isLoopbackHost(const QString &host)
{
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}
} // namespace

ModelCatalog::ModelCatalog(UpstreamClientPool &pool, QObject *parent)
    : QObject(parent), m_pool(pool)
{}

void ModelCatalog::invalidate()
{
    m_fetchedAt = QDateTime();
    ++m_round; // answers still on their way belong to the old providers: ignore them
    ++m_listingGeneration;
    for (Listing &listing : m_listings) {
        listing.askedAt = QDateTime();
        listing.caps.clear();
    }
    if (m_pendingReplies > 0) {
        m_pendingReplies = 0;
        finishRound();
    }
}

qint64 ModelCatalog::listedMaxOutputTokens(const QString &providerId,
                                           const QString &upstreamModel) const
{
    return m_listings.value(providerId).caps.value(upstreamModel, -1);
}

QNetworkReply *ModelCatalog::askList(const ProviderSettings &provider, const QString &apiKey,
                                     int timeoutMs, std::shared_ptr<ListBytes> *received)
{
    const ProviderTypeEntry *type = ProviderRegistry::entry(provider.type);
    if (!type)
        return nullptr;
    QNetworkReply *reply = m_pool.get(type->adapter->modelListRequest(provider, apiKey));
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, &QNetworkReply::abort);
    timer->start(timeoutMs);
    // Read as it arrives (QNAM holds at most a small buffer meanwhile), up to the cap.
    reply->setReadBufferSize(kReadBufferBytes);
    auto bytes = std::make_shared<ListBytes>();
    connect(reply, &QIODevice::readyRead, this, [reply, bytes] {
        bytes->bytes += reply->readAll();
        if (bytes->bytes.size() > kMaxModelListBytes && !bytes->tooLarge) {
            bytes->tooLarge = true;
            bytes->bytes = QByteArray();
            reply->abort();
        }
    });
    *received = bytes;
    return reply;
}

QString ModelCatalog::readList(QNetworkReply *reply, const ListBytes &received, ProviderType type,
                               QList<ModelInfo> *listed) const
{
    if (received.tooLarge) {
        return QStringLiteral("the model list is larger than %1 MB")
            .arg(kMaxModelListBytes / (1024 * 1024));
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = received.bytes + reply->readAll();
    if (status == 0)
        return reply->errorString();
    if (status != 200)
        return QStringLiteral("HTTP %1").arg(status);
    QString error;
    ProviderRegistry::entry(type)->parseModelList(body, listed, &error);
    return error;
}

void ModelCatalog::noteListing(const QString &providerId, const QList<ModelInfo> &listed,
                               bool failed)
{
    Listing &listing = m_listings[providerId];
    listing.askedAt = QDateTime::currentDateTimeUtc();
    listing.failed = failed;
    if (failed)
        return; // the caps it stated before stay good
    listing.caps.clear();
    for (const ModelInfo &model : listed) {
        if (model.maxOutputTokens > 0)
            listing.caps.insert(model.id, model.maxOutputTokens);
    }
}

void ModelCatalog::ensureListed(const ProviderSettings &provider, const QString &apiKey,
                                const GatewayLimits &limits, QObject *context,
                                std::function<void()> done)
{
    Listing &listing = m_listings[provider.id];
    const int maxAge = listing.failed ? qMin(limits.modelListCacheSeconds, kRetryFailedAfterSeconds)
                                      : limits.modelListCacheSeconds;
    const bool fresh = listing.askedAt.isValid() &&
                       listing.askedAt.secsTo(QDateTime::currentDateTimeUtc()) < maxAge;
    const bool askable = !apiKey.isEmpty() || isLoopbackHost(provider.baseUrl.host());
    if ((fresh || !askable) && !listing.pending) {
        done();
        return;
    }
    listing.waiting.append({QPointer<QObject>(context), std::move(done)});
    if (listing.pending)
        return;
    std::shared_ptr<ListBytes> received;
    QNetworkReply *reply = askList(provider, apiKey, limits.modelListTimeoutMs, &received);
    if (!reply) {
        noteListing(provider.id, {}, true);
        const auto waiting = std::exchange(listing.waiting, {});
        for (const auto &entry : waiting) {
            if (entry.first)
                entry.second();
        }
        return;
    }
    listing.pending = true;
    const int generation = m_listingGeneration;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, received, id = provider.id, type = provider.type, generation] {
                reply->deleteLater();
                Listing &l = m_listings[id];
                l.pending = false;
                if (generation == m_listingGeneration) {
                    QList<ModelInfo> listed;
                    const QString error = readList(reply, *received, type, &listed);
                    noteListing(id, listed, !error.isEmpty());
                }
                // Waiters go on in any case: without a list the call runs uncapped.
                const auto waiting = std::exchange(l.waiting, {});
                for (const auto &entry : waiting) {
                    if (entry.first)
                        entry.second();
                }
            });
}

void ModelCatalog::fetch(const GatewayConfig &config, const QHash<QString, QString> &keys,
                         QObject *context, Callback done)
{
    // A provider that failed (e.g. Ollama not started yet) is asked again soon, not after
    // the whole cache period.
    const int maxAge = !m_failed
                           ? config.limits.modelListCacheSeconds
                           : qMin(config.limits.modelListCacheSeconds, kRetryFailedAfterSeconds);
    const bool fresh =
        m_fetchedAt.isValid() && m_fetchedAt.secsTo(QDateTime::currentDateTimeUtc()) < maxAge;
    if (fresh && m_pendingReplies == 0) {
        done(m_models, m_errors);
        return;
    }
    m_waiting.append({QPointer<QObject>(context), std::move(done)});
    if (m_pendingReplies > 0)
        return; // a round is already under way

    m_roundModels.clear();
    m_roundErrors.clear();
    m_roundFailed = false;
    const int round = ++m_round;
    for (const ProviderSettings &provider : config.providers) {
        if (!provider.enabled)
            continue;
        if (keys.value(provider.id).isEmpty() && !isLoopbackHost(provider.baseUrl.host())) {
            // Hosted APIs refuse to list models without a key; asking would only add delay.
            m_roundErrors.append(QStringLiteral("provider '%1': no API key (set %2)")
                                     .arg(provider.id, provider.keyEnvironmentVariable()));
            continue;
        }
        std::shared_ptr<ListBytes> received;
        QNetworkReply *reply =
            askList(provider, keys.value(provider.id), config.limits.modelListTimeoutMs, &received);
        if (!reply) {
            m_roundErrors.append(
                QStringLiteral("provider '%1': unknown provider type").arg(provider.id));
            continue;
        }
        ++m_pendingReplies;
        connect(reply, &QNetworkReply::finished, this, [this, reply, received, provider, round] {
            reply->deleteLater();
            if (round != m_round)
                return;
            QList<ModelInfo> listed;
            const QString error = readList(reply, *received, provider.type, &listed);
            if (error.isEmpty()) {
                for (const ModelInfo &model : std::as_const(listed))
                    m_roundModels.append({provider.id, model.id});
            }
            noteListing(provider.id, listed, !error.isEmpty());
            if (!error.isEmpty()) {
                m_roundErrors.append(QStringLiteral("provider '%1': %2").arg(provider.id, error));
                m_roundFailed = true;
            }
            if (--m_pendingReplies == 0)
                finishRound();
        });
    }
    if (m_pendingReplies == 0)
        finishRound();
}

void ModelCatalog::finishRound()
{
    m_models = m_roundModels;
    m_errors = m_roundErrors;
    m_failed = m_roundFailed;
    m_fetchedAt = QDateTime::currentDateTimeUtc();
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &entry : waiting) {
        if (entry.first)
            entry.second(m_models, m_errors);
    }
}
