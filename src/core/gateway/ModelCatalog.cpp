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
    if (m_pendingReplies > 0) {
        m_pendingReplies = 0;
        finishRound();
    }
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
        const ProviderTypeEntry *type = ProviderRegistry::entry(provider.type);
        if (!type) {
            m_roundErrors.append(
                QStringLiteral("provider '%1': unknown provider type").arg(provider.id));
            continue;
        }
        QNetworkReply *reply =
            m_pool.get(type->adapter->modelListRequest(provider, keys.value(provider.id)));
        ++m_pendingReplies;
        auto *timer = new QTimer(reply);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, reply, &QNetworkReply::abort);
        timer->start(config.limits.modelListTimeoutMs);
        connect(reply, &QNetworkReply::finished, this, [this, reply, provider, type, round] {
            reply->deleteLater();
            if (round != m_round)
                return;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray body = reply->readAll();
            QList<ModelInfo> listed;
            QString error;
            if (status == 0) {
                error = reply->errorString();
            } else if (status != 200) {
                error = QStringLiteral("HTTP %1").arg(status);
            } else if (type->parseModelList(body, &listed, &error)) {
                for (const ModelInfo &model : std::as_const(listed))
                    m_roundModels.append({provider.id, model.id, model.maxOutputTokens});
            }
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
