#include "ProviderCheck.h"

#include "providers/ProviderAdapter.h"
#include "providers/ProviderRegistry.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QSslError>

ProviderCheck::ProviderCheck(QObject *parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this))
{
    qRegisterMetaType<ProviderCheckResult>();
}

ProviderCheck::~ProviderCheck()
{
    cancel();
}

void ProviderCheck::cancel()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply.clear();
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

void ProviderCheck::start(const ProviderSettings &provider, const QString &key)
{
    cancel();
    m_provider = provider;
    m_keySent = !key.isEmpty();
    const ProviderTypeEntry *type = ProviderRegistry::entry(provider.type);
    if (!type) {
        ProviderCheckResult result;
        result.outcome = ProviderCheckResult::Outcome::InvalidSettings;
        result.message = tr("The gateway does not know this provider type.");
        QMetaObject::invokeMethod(
            this, [this, result] { Q_EMIT finished(result); }, Qt::QueuedConnection);
        return;
    }
    QNetworkRequest request = type->adapter->modelListRequest(provider, key);
    request.setTransferTimeout(kTimeoutMs);
    if (!provider.caFile.isEmpty()) {
        const QList<QSslCertificate> extra = QSslCertificate::fromPath(provider.caFile);
        if (extra.isEmpty()) {
            ProviderCheckResult result;
            result.outcome = ProviderCheckResult::Outcome::InvalidSettings;
            result.message = tr("The CA file %1 holds no PEM certificate.").arg(provider.caFile);
            QMetaObject::invokeMethod(
                this, [this, result] { Q_EMIT finished(result); }, Qt::QueuedConnection);
            return;
        }
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(extra);
        request.setSslConfiguration(ssl);
    }
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::finished, this, &ProviderCheck::onFinished);
}

void ProviderCheck::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply.clear();
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // The reply's error text names the URL at most, never a header: safe to show.
    Q_EMIT finished(interpret(m_provider, m_keySent, int(reply->error()), reply->errorString(),
                              status, reply->readAll()));
}

ProviderCheckResult ProviderCheck::interpret(const ProviderSettings &provider, bool keySent,
                                             int networkError, const QString &networkErrorText,
                                             int httpStatus, const QByteArray &body)
{
    using Outcome = ProviderCheckResult::Outcome;
    ProviderCheckResult result;
    result.httpStatus = httpStatus;
    const QString host = provider.baseUrl.host();
    const QString url =
        ProviderAdapter::joinUrl(
            provider.baseUrl, provider.type == ProviderType::Anthropic ? "/v1/models" : "/models")
            .toString();

    if (httpStatus == 0) {
        switch (QNetworkReply::NetworkError(networkError)) {
        case QNetworkReply::HostNotFoundError:
            result.outcome = Outcome::HostNotFound;
            result.message = tr("The name %1 could not be found (DNS). Check the spelling of the "
                                "base URL and that this computer is online.")
                                 .arg(host);
            break;
        case QNetworkReply::ConnectionRefusedError:
            result.outcome = Outcome::ConnectionRefused;
            result.message =
                tr("Nothing answers at %1:%2 (connection refused). Is the server "
                   "running, and is the port right?")
                    .arg(host)
                    .arg(provider.baseUrl.port(
                        provider.baseUrl.scheme() == QLatin1String("https") ? 443 : 80));
            break;
        case QNetworkReply::TimeoutError:
        case QNetworkReply::OperationCanceledError:
            result.outcome = Outcome::Timeout;
            result.message = tr("%1 did not answer within %2 s. Check the base URL, a firewall "
                                "or a proxy in the way.")
                                 .arg(host)
                                 .arg(kTimeoutMs / 1000);
            break;
        case QNetworkReply::SslHandshakeFailedError:
        case QNetworkReply::InsecureRedirectError:
            result.outcome = Outcome::TlsFailure;
            result.message = tr("The secure connection to %1 failed: %2. If the server uses a "
                                "certificate from your own certificate authority, give its CA "
                                "file.")
                                 .arg(host, networkErrorText);
            break;
        default:
            result.outcome = Outcome::NetworkError;
            result.message = tr("The request to %1 failed: %2").arg(host, networkErrorText);
            break;
        }
        return result;
    }

    // The provider's own words, when its error body has them.
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    QString said =
        json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    if (said.isEmpty())
        said = json.value(QStringLiteral("error")).toString();
    const QString saying =
        said.isEmpty() ? QString() : QLatin1Char(' ') + tr("It said: \"%1\"").arg(said.left(300));

    if (httpStatus == 401 || httpStatus == 403) {
        result.outcome = Outcome::Unauthorized;
        result.message =
            keySent ? tr("%1 refused the key (HTTP %2): check that the API key is "
                         "right and active.")
                          .arg(host)
                          .arg(httpStatus)
                    : tr("%1 wants an API key (HTTP %2): enter one.").arg(host).arg(httpStatus);
        result.message += saying;
        return result;
    }
    if (httpStatus == 404) {
        result.outcome = Outcome::NotFound;
        result.message = provider.type == ProviderType::Anthropic
                             ? tr("%1 answered 404 Not Found: the base URL is probably wrong "
                                  "(Anthropic-compatible bases have no /v1, e.g. "
                                  "https://api.anthropic.com).")
                                   .arg(url)
                             : tr("%1 answered 404 Not Found: the base URL is probably wrong "
                                  "(OpenAI-compatible bases usually end in /v1).")
                                   .arg(url);
        return result;
    }
    if (httpStatus == 429) {
        result.outcome = Outcome::RateLimited;
        result.message =
            tr("%1 accepted the key but limits the rate right now (HTTP 429).").arg(host) + saying;
        return result;
    }
    if (httpStatus >= 500) {
        result.outcome = Outcome::ServerError;
        result.message = tr("%1 has a problem of its own (HTTP %2). Try again later.")
                             .arg(host)
                             .arg(httpStatus) +
                         saying;
        return result;
    }
    if (httpStatus != 200) {
        result.outcome = Outcome::BadResponse;
        result.message = tr("%1 answered HTTP %2.").arg(url).arg(httpStatus) + saying;
        return result;
    }
    QString parseError;
    QList<ModelInfo> models;
    const ProviderTypeEntry *type = ProviderRegistry::entry(provider.type);
    if (!type || !type->parseModelList(body, &models, &parseError)) {
        result.outcome = Outcome::BadResponse;
        result.message =
            tr("%1 answered, but not with a model list (%2). Is this an %3 API, "
               "and is the base URL its root?")
                .arg(url, parseError,
                     provider.type == ProviderType::Anthropic ? tr("Anthropic-compatible")
                                                              : tr("OpenAI-compatible"));
        return result;
    }
    for (const ModelInfo &model : std::as_const(models))
        result.models.append(model.id);
    result.models.sort(Qt::CaseInsensitive);
    result.outcome = Outcome::Ok;
    result.message =
        tr("Connected: %1 offers %n model(s).", nullptr, int(result.models.size())).arg(host);
    return result;
}
