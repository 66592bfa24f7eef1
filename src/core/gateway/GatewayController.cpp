#include "GatewayController.h"

#include "http/OpenFileLimit.h"

#include <QMetaObject>
#include <QThread>

GatewayController::GatewayController(QObject *parent) : QObject(parent) {}

GatewayController::~GatewayController()
{
    stop();
}

void GatewayController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

namespace {
/// Once per process: each stream holds two sockets, and a desktop session's soft limit of
/// 1024 open files would cap the gateway at a few hundred of them.
void raiseOpenFileLimit()
{
    static bool done = false;
    if (done)
        return;
    done = true;
    const OpenFileLimit::Result limit = OpenFileLimit::raiseToHardLimit();
    if (limit.after < 0 && limit.error.isEmpty())
        return; // no such limit on this platform
    const auto figure = [](qint64 n) {
        return n < 0 ? QStringLiteral("unlimited") : QString::number(n);
    };
    if (!limit.error.isEmpty()) {
        qWarning("Open-file limit %s (hard limit %s); raising it failed: %s",
                 qPrintable(figure(limit.after)), qPrintable(figure(limit.hard)),
                 qPrintable(limit.error));
    } else if (limit.after != limit.before) {
        qInfo("Open-file limit raised from %s to %s (the hard limit)",
              qPrintable(figure(limit.before)), qPrintable(figure(limit.after)));
    } else {
        qInfo("Open-file limit %s (the hard limit)", qPrintable(figure(limit.after)));
    }
}
} // namespace

void GatewayController::start(const GatewayConfig &config, const ProviderKeys &keys)
{
    stop();
    raiseOpenFileLimit();
    setState(State::Starting);
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("gateway"));
    // The service is created inside the thread (with every socket, timer and network
    // manager it makes), and deleted there when the thread ends.
    m_service = new GatewayService;
    m_service->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_service, &QObject::deleteLater);
    connect(m_service, &GatewayService::listening, this, [this](const QString &host, quint16 port) {
        m_baseUrl = QUrl(QStringLiteral("http://%1:%2")
                             .arg(host.contains(QLatin1Char(':'))
                                      ? QLatin1Char('[') + host + QLatin1Char(']')
                                      : host)
                             .arg(port));
        m_errorMessage.clear();
        setState(State::Serving);
        Q_EMIT serving(m_baseUrl);
    });
    connect(m_service, &GatewayService::listenFailed, this, [this](const QString &message) {
        m_errorMessage = message;
        setState(State::Failed);
        Q_EMIT failed(message);
    });
    connect(m_service, &GatewayService::recordsFinished, this,
            [this](const QList<RequestRecord> &records) {
                for (const RequestRecord &record : records)
                    Q_EMIT callFinished(record);
            });
    connect(m_service, &GatewayService::relistenFailed, this,
            &GatewayController::addressChangeFailed);
    m_thread->start();
    auto snapshot = std::make_shared<const GatewayConfig>(config);
    QMetaObject::invokeMethod(
        m_service,
        [service = m_service, snapshot, keys, paused = m_paused, sink = m_logSink] {
            service->setPaused(paused);
            service->setRequestLogSink(sink);
            service->start(snapshot, keys);
        },
        Qt::QueuedConnection);
}

quint64 GatewayController::applyConfig(const GatewayConfig &config)
{
    const quint64 serial = ++m_configSerial;
    if (!m_service)
        return serial;
    auto snapshot = std::make_shared<const GatewayConfig>(config);
    // The controller outlives the thread (stop() joins it), so posting back to it is safe.
    QMetaObject::invokeMethod(
        m_service,
        [service = m_service, snapshot, serial, controller = this] {
            service->applyConfig(snapshot);
            QMetaObject::invokeMethod(
                controller, [controller, serial] { Q_EMIT controller->configApplied(serial); },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return serial;
}

void GatewayController::applyKeys(const ProviderKeys &keys)
{
    if (!m_service)
        return;
    QMetaObject::invokeMethod(
        m_service, [service = m_service, keys] { service->applyKeys(keys); }, Qt::QueuedConnection);
}

void GatewayController::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (m_service) {
        QMetaObject::invokeMethod(
            m_service, [service = m_service, paused] { service->setPaused(paused); },
            Qt::QueuedConnection);
    }
    Q_EMIT pausedChanged(paused);
}

void GatewayController::stop()
{
    if (!m_thread)
        return;
    // Calls in flight end with an error event or 503, then the thread's loop ends.
    QMetaObject::invokeMethod(
        m_service, [service = m_service] { service->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_service = nullptr; // deleted in its thread by QThread::finished
    setState(State::Stopped);
}
