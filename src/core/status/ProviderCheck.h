#pragma once

#include "config/ProviderSettings.h"

#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QNetworkAccessManager;
class QNetworkReply;

/// What one provider check found.
struct ProviderCheckResult
{
    enum class Outcome
    {
        Ok,
        InvalidSettings,   ///< nothing was sent: the settings cannot work as they are
        HostNotFound,      ///< DNS
        ConnectionRefused, ///< nothing listens there
        Timeout,
        TlsFailure,
        Unauthorized, ///< 401/403: the key
        NotFound,     ///< 404: usually a wrong base URL
        RateLimited,  ///< 429: the key works, the account is throttled
        ServerError,  ///< 5xx
        BadResponse,  ///< answered, but not with a model list
        NetworkError  ///< anything else
    };

    Outcome outcome = Outcome::NetworkError;
    QString message;    ///< in plain words, with what to do; never contains the key
    QStringList models; ///< what the provider offers, when it said
    int httpStatus = 0;

    bool ok() const { return outcome == Outcome::Ok; }
};
Q_DECLARE_METATYPE(ProviderCheckResult)

/// "Test connection" and "Fetch models" for the Providers page: one cheap real request (the
/// provider's model list, which costs no tokens) and a diagnosis in words of what failed.
/// Asynchronous on the thread it lives in (the GUI's); never blocks it.
class ProviderCheck : public QObject
{
    Q_OBJECT

public:
    static constexpr int kTimeoutMs = 15000;

    explicit ProviderCheck(QObject *parent = nullptr);
    ~ProviderCheck() override;

    /// Asks `provider` for its model list with `key` (may be empty for local servers).
    /// A check still running is abandoned. Emits finished() once.
    void start(const ProviderSettings &provider, const QString &key);
    void cancel();
    bool isRunning() const { return !m_reply.isNull(); }

    /// The message for a model-list answer (pure: tests and the page use it directly).
    static ProviderCheckResult interpret(const ProviderSettings &provider, bool keySent,
                                         int networkError, const QString &networkErrorText,
                                         int httpStatus, const QByteArray &body);

Q_SIGNALS:
    void finished(const ProviderCheckResult &result);

private:
    void onFinished();

    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    ProviderSettings m_provider;
    bool m_keySent = false;
};
