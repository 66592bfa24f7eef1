#pragma once

#include <QNetworkAccessManager>
#include <QNetworkReply>

/// A reply for a request the pool refuses to send (a header with CR, LF or NUL; an unusable
/// CA file): it fails on the next event-loop pass, as a network error would, so callers need
/// no second error path.
class UpstreamFailedReply : public QNetworkReply
{
    Q_OBJECT

public:
    UpstreamFailedReply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
                        NetworkError code, const QString &message, QObject *parent = nullptr);

    void abort() override;
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    void finishWith(NetworkError code, const QString &message);
};
