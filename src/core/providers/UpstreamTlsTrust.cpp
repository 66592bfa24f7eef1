#include "UpstreamTlsTrust.h"

#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMutex>
#include <QPromise>
#include <QSslCertificate>
#include <QThreadPool>

#include <memory>

struct UpstreamTlsTrust::Loaded
{
    QList<QSslCertificate> certificates; ///< the system store and the file's certificates
    QString error;
};

namespace {
constexpr qint64 kMaxCaFileBytes = 16 * 1024 * 1024;

/// The system store, loaded once per process (in a worker, never on the gateway thread).
QList<QSslCertificate> systemCertificates()
{
    static QMutex mutex;
    static QList<QSslCertificate> certificates;
    static bool loaded = false;
    const QMutexLocker lock(&mutex);
    if (!loaded) {
        certificates = QSslConfiguration::systemCaCertificates();
        loaded = true;
    }
    return certificates;
}
} // namespace

UpstreamTlsTrust::UpstreamTlsTrust(QObject *parent) : QObject(parent)
{
    Trust system;
    system.ready = true;
    system.configuration = baseConfiguration();
    m_trust.insert(QString(), system);
}

UpstreamTlsTrust::~UpstreamTlsTrust()
{
    // A worker still reading finishes on its own; its result goes nowhere.
    for (QFutureWatcher<Loaded> *watcher : std::as_const(m_loading))
        watcher->disconnect(this);
}

QSslConfiguration UpstreamTlsTrust::baseConfiguration()
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    configuration.setProtocol(QSsl::SecureProtocols);
    // HTTP/1.1 is what the gateway's client speaks; saying so keeps a server that also offers
    // h2 from choosing it.
    configuration.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
    // The session is kept in a form a later connection can offer back (resumption).
    configuration.setSslOption(QSsl::SslOptionDisableSessionPersistence, false);
    return configuration;
}

const UpstreamTlsTrust::Trust &UpstreamTlsTrust::trust(const QString &caFile)
{
    auto it = m_trust.find(caFile);
    if (it == m_trust.end()) {
        startLoading(caFile);
        it = m_trust.find(caFile);
    }
    return it.value();
}

void UpstreamTlsTrust::reload(const QStringList &caFiles)
{
    for (auto it = m_trust.begin(); it != m_trust.end();) {
        if (!it.key().isEmpty() && !caFiles.contains(it.key())) {
            if (QFutureWatcher<Loaded> *watcher = m_loading.take(it.key())) {
                watcher->disconnect(this);
                watcher->deleteLater();
            }
            it = m_trust.erase(it);
        } else {
            ++it;
        }
    }
    for (const QString &caFile : caFiles) {
        if (!caFile.isEmpty())
            startLoading(caFile);
    }
}

void UpstreamTlsTrust::startLoading(const QString &caFile)
{
    if (QFutureWatcher<Loaded> *previous = m_loading.take(caFile)) {
        previous->disconnect(this);
        previous->deleteLater();
    }
    // Until the new contents are in, the old ones (if any) keep serving: a reload is not an
    // outage.
    if (!m_trust.contains(caFile))
        m_trust.insert(caFile, Trust());

    auto promise = std::make_shared<QPromise<Loaded>>();
    auto *watcher = new QFutureWatcher<Loaded>(this);
    m_loading.insert(caFile, watcher);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, caFile] {
        if (m_loading.value(caFile) != watcher)
            return;
        m_loading.remove(caFile);
        watcher->deleteLater();
        const Loaded result = watcher->result();
        Trust &trust = m_trust[caFile];
        const bool unchanged = trust.ready && trust.error.isEmpty() && result.error.isEmpty() &&
                               trust.configuration.caCertificates() == result.certificates;
        if (!unchanged) {
            // New contents: connections made with the old ones are not reused.
            trust.ready = true;
            trust.error = result.error;
            trust.generation = m_nextGeneration++;
            trust.configuration = baseConfiguration();
            if (result.error.isEmpty())
                trust.configuration.setCaCertificates(result.certificates);
        }
        Q_EMIT loaded(caFile);
    });
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start([promise, caFile] {
        Loaded result;
        QFile file(caFile);
        if (!QFileInfo(caFile).isFile()) {
            result.error = QStringLiteral("the CA file %1 does not exist").arg(caFile);
        } else if (file.size() > kMaxCaFileBytes || !file.open(QIODevice::ReadOnly)) {
            result.error =
                QStringLiteral("the CA file %1 cannot be read: %2")
                    .arg(caFile, file.size() > kMaxCaFileBytes ? QStringLiteral("larger than 16 MB")
                                                               : file.errorString());
        } else {
            const QByteArray bytes = file.readAll();
            QList<QSslCertificate> own = QSslCertificate::fromData(bytes, QSsl::Pem);
            if (own.isEmpty())
                own = QSslCertificate::fromData(bytes, QSsl::Der);
            if (own.isEmpty()) {
                result.error = QStringLiteral("the CA file %1 holds no certificate (PEM or DER "
                                              "expected)")
                                   .arg(caFile);
            } else {
                result.certificates = systemCertificates() + own;
            }
        }
        promise->addResult(result);
        promise->finish();
    });
}
