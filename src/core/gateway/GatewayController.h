#pragma once

#include "GatewayService.h"
#include "requestlog/RequestRecord.h"

#include <QObject>
#include <QUrl>

class QThread;
class RequestLogSink;

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
    /// Returns a serial number that configApplied() reports once the gateway thread has it.
    quint64 applyConfig(const GatewayConfig &config);
    void applyKeys(const ProviderKeys &keys);
    /// Paused: API requests get 503 with a message that says how to resume; streams in
    /// flight finish. Survives applyConfig().
    void setPaused(bool paused);
    /// Records of every answer go to `sink` straight from the gateway thread (not through
    /// this thread). Set before start(); kept across restarts.
    void setRequestLogSink(std::shared_ptr<RequestLogSink> sink) { m_logSink = std::move(sink); }
    bool isPaused() const { return m_paused; }
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
    /// An answer was given (one per request the log records), in this thread.
    void callFinished(const RequestRecord &record);
    /// applyConfig() asked for a host or port that could not be used; the gateway keeps
    /// serving on baseUrl().
    void addressChangeFailed(const QString &message);
    void pausedChanged(bool paused);
    /// The configuration of applyConfig() call `serial` is in force in the gateway thread:
    /// requests arriving from now on see it.
    void configApplied(quint64 serial);

private:
    void setState(State state);

    QThread *m_thread = nullptr;
    GatewayService *m_service = nullptr;
    State m_state = State::Stopped;
    QUrl m_baseUrl;
    QString m_errorMessage;
    bool m_paused = false;
    quint64 m_configSerial = 0;
    std::shared_ptr<RequestLogSink> m_logSink;
};
