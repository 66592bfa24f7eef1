#pragma once

#include "CallRecord.h"
#include "GatewayService.h"

#include <QObject>
#include <QUrl>

class QThread;

/// The GUI thread's handle on the gateway: runs a GatewayService in its own QThread, so a
/// busy window never stalls a stream, and talks to it only through queued calls.
class GatewayController : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Stopped,
        Starting,
        Serving,
        Failed
    };
    Q_ENUM(State)

    explicit GatewayController(QObject *parent = nullptr);
    ~GatewayController() override;

    /// Starts the gateway thread and listens. Emits serving() or failed().
    void start(const GatewayConfig &config, const ProviderKeys &keys);
    /// New routes and providers for new requests; requests in flight keep their snapshot.
    void applyConfig(const GatewayConfig &config);
    void applyKeys(const ProviderKeys &keys);
    /// Stops listening, ends calls in flight and joins the thread. Blocks briefly.
    void stop();

    State state() const { return m_state; }
    /// e.g. http://127.0.0.1:7352 (valid while serving).
    QUrl baseUrl() const { return m_baseUrl; }
    QString errorMessage() const { return m_errorMessage; }

Q_SIGNALS:
    void serving(const QUrl &baseUrl);
    void failed(const QString &message);
    void stateChanged(GatewayController::State state);
    void callFinished(const CallRecord &record);

private:
    void setState(State state);

    QThread *m_thread = nullptr;
    GatewayService *m_service = nullptr;
    State m_state = State::Stopped;
    QUrl m_baseUrl;
    QString m_errorMessage;
};
