#include "UpstreamDeferredReply.h"

#include "UpstreamClientPool.h"
#include "UpstreamTlsTrust.h"

UpstreamDeferredReply::UpstreamDeferredReply(QNetworkAccessManager::Operation operation,
                                             const QNetworkRequest &request, const QByteArray &body,
                                             const QString &caFile, UpstreamClientPool &pool,
                                             UpstreamTlsTrust &trust, QObject *parent)
    : QNetworkReply(parent), m_pool(pool), m_body(body), m_caFile(caFile)
{
    setOperation(operation);
    setRequest(request);
    setUrl(request.url());
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    connect(&trust, &UpstreamTlsTrust::loaded, this, [this](const QString &caFile) {
        if (caFile == m_caFile && !m_inner && !isFinished())
            send();
    });
}

UpstreamDeferredReply::~UpstreamDeferredReply()
{
    if (m_inner) {
        m_inner->disconnect(this);
        m_inner->abort();
        m_inner->deleteLater();
    }
}

void UpstreamDeferredReply::send()
{
    m_inner = operation() == QNetworkAccessManager::GetOperation ? m_pool.get(request())
                                                                 : m_pool.post(request(), m_body);
    m_body.clear();
    if (m_readBufferSize > 0)
        m_inner->setReadBufferSize(m_readBufferSize);
    connect(m_inner, &QNetworkReply::metaDataChanged, this, [this] {
        copyMetaData();
        Q_EMIT metaDataChanged();
    });
    connect(m_inner, &QIODevice::readyRead, this, [this] { Q_EMIT readyRead(); });
    connect(m_inner, &QNetworkReply::finished, this, &UpstreamDeferredReply::onInnerFinished);
}

void UpstreamDeferredReply::copyMetaData()
{
    for (const auto &header : m_inner->rawHeaderPairs())
        setRawHeader(header.first, header.second);
    for (const QNetworkRequest::Attribute attribute :
         {QNetworkRequest::HttpStatusCodeAttribute, QNetworkRequest::HttpReasonPhraseAttribute,
          QNetworkRequest::ConnectionEncryptedAttribute, QNetworkRequest::Http2WasUsedAttribute})
        setAttribute(attribute, m_inner->attribute(attribute));
}

void UpstreamDeferredReply::onInnerFinished()
{
    if (isFinished())
        return;
    copyMetaData();
    if (m_inner->error() != NoError)
        setError(m_inner->error(), UpstreamClientPool::failureReason(m_inner));
    setFinished(true);
    if (m_inner->error() != NoError)
        Q_EMIT errorOccurred(m_inner->error());
    Q_EMIT finished();
}

void UpstreamDeferredReply::abort()
{
    if (isFinished())
        return;
    if (m_inner) {
        m_inner->abort(); // finishes this reply through onInnerFinished
        return;
    }
    setError(OperationCanceledError, QStringLiteral("Operation canceled"));
    setFinished(true);
    Q_EMIT errorOccurred(OperationCanceledError);
    Q_EMIT finished();
}

qint64 UpstreamDeferredReply::bytesAvailable() const
{
    return (m_inner ? m_inner->bytesAvailable() : 0) + QNetworkReply::bytesAvailable();
}

void UpstreamDeferredReply::setReadBufferSize(qint64 size)
{
    m_readBufferSize = size;
    QNetworkReply::setReadBufferSize(size);
    if (m_inner)
        m_inner->setReadBufferSize(size);
}

qint64 UpstreamDeferredReply::readData(char *data, qint64 maxSize)
{
    if (!m_inner)
        return isFinished() ? -1 : 0;
    const qint64 n = m_inner->read(data, maxSize);
    return n == 0 && isFinished() ? -1 : n;
}
