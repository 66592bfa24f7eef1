#include "UpstreamFailedReply.h"

#include <QMetaObject>

UpstreamFailedReply::UpstreamFailedReply(QNetworkAccessManager::Operation operation,
                                         const QNetworkRequest &request, NetworkError code,
                                         const QString &message, QObject *parent)
    : QNetworkReply(parent)
{
    setOperation(operation);
    setRequest(request);
    setUrl(request.url());
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    // The caller connects to the signals after it has the reply.
    QMetaObject::invokeMethod(
        this, [this, code, message] { finishWith(code, message); }, Qt::QueuedConnection);
}

void UpstreamFailedReply::abort()
{
    finishWith(OperationCanceledError, QStringLiteral("Operation canceled"));
}

void UpstreamFailedReply::finishWith(NetworkError code, const QString &message)
{
    if (isFinished())
        return;
    setError(code, message);
    setFinished(true);
    Q_EMIT errorOccurred(code);
    Q_EMIT finished();
}
