#pragma once

#include <QHash>
#include <QList>
#include <QObject>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

/// Sends upstream requests over as many QNetworkAccessManagers as concurrency needs.
/// One QNAM opens at most 6 HTTP/1.1 connections per host (not configurable in Qt 6.4),
/// so a 7th long stream to a plain-http upstream such as Ollama would wait for one of the
/// first six to end. The pool hands each request to a manager with a free connection
/// slot for that host and adds managers when all are busy.
class UpstreamClientPool : public QObject
{
    Q_OBJECT

public:
    static constexpr int kConnectionsPerManager = 6;

    explicit UpstreamClientPool(QObject *parent = nullptr);

    /// Starts the request; the caller owns the reply (deleteLater it when done).
    QNetworkReply *post(const QNetworkRequest &request, const QByteArray &body);
    QNetworkReply *get(const QNetworkRequest &request);

    int managerCount() const { return int(m_managers.size()); }

private:
    struct Manager
    {
        QNetworkAccessManager *manager = nullptr;
        QHash<QString, int> activeByHost;
    };

    int pickManager(const QString &hostKey);
    void track(QNetworkReply *reply, int managerIndex, const QString &hostKey);

    QList<Manager> m_managers;
};
