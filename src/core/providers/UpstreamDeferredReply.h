#pragma once

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

class UpstreamClientPool;
class UpstreamTlsTrust;

/// A QNetworkAccessManager request whose provider's CA file is still being read (a few
/// hundred milliseconds after the configuration named it): it is sent once the trust is ready,
/// and this reply relays the real one (head, body, end) to the caller meanwhile holding
/// nothing. The gateway's own client waits for the trust by itself and needs none of this.
class UpstreamDeferredReply : public QNetworkReply
{
    Q_OBJECT

public:
    UpstreamDeferredReply(QNetworkAccessManager::Operation operation,
                          const QNetworkRequest &request, const QByteArray &body,
                          const QString &caFile, UpstreamClientPool &pool, UpstreamTlsTrust &trust,
                          QObject *parent = nullptr);
    ~UpstreamDeferredReply() override;

    void abort() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }
    void setReadBufferSize(qint64 size) override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    void send();
    void copyMetaData();
    void onInnerFinished();

    UpstreamClientPool &m_pool;
    QByteArray m_body;
    QString m_caFile;
    QPointer<QNetworkReply> m_inner;
    qint64 m_readBufferSize = 0;
};
