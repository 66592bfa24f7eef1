#pragma once

#include <QHash>
#include <QObject>
#include <QSslConfiguration>
#include <QString>

template <typename T> class QFutureWatcher;

/// Whom the gateway trusts over TLS, per CA file: the system store, plus a provider's own CA
/// file when it names one (a self-hosted server, a company proxy). Verification is always on.
///
/// A CA file is read off the gateway thread: Qt can only add certificates to the system store
/// by loading the whole store (about 300 certificates, a fifth of a second of CPU), so that
/// happens once per process in a worker, and each CA file is read there when the
/// configuration names it. Until then trust() says "not ready" and loaded() follows.
class UpstreamTlsTrust : public QObject
{
    Q_OBJECT

public:
    struct Trust
    {
        bool ready = false;
        /// Why the CA file cannot be used (set once ready): no connection is made then.
        QString error;
        /// Verification on, TLS 1.2+, ALPN "http/1.1", session tickets kept for resumption.
        QSslConfiguration configuration;
        /// Changes each time the file is read again: connections made with the old contents
        /// are not reused.
        int generation = 0;
    };

    explicit UpstreamTlsTrust(QObject *parent = nullptr);
    ~UpstreamTlsTrust() override;

    /// The trust for `caFile` (empty: the system store alone, always ready). An unknown file
    /// starts loading; loaded(caFile) is emitted when it is ready.
    const Trust &trust(const QString &caFile);
    /// The configuration changed: these CA files are read again (their contents may have
    /// changed too), the others are forgotten.
    void reload(const QStringList &caFiles);

    /// The settings every upstream TLS connection starts from.
    static QSslConfiguration baseConfiguration();

Q_SIGNALS:
    void loaded(const QString &caFile);

private:
    struct Loaded;
    void startLoading(const QString &caFile);

    QHash<QString, Trust> m_trust;
    QHash<QString, QFutureWatcher<Loaded> *> m_loading;
    int m_nextGeneration = 1;
};
