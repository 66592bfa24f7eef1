#pragma once

#include "GatewayCall.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

class RequestExchange;
class RequestJournal;
class UpstreamClientPool;

/// The calls to providers in flight: starts each GatewayCall with the answer and the record of
/// its request, counts them (limits.maxConcurrentRequests), passes each finished call's record
/// to the journal, and ends them all at shutdown.
class CallTracker : public QObject
{
    Q_OBJECT

public:
    CallTracker(UpstreamClientPool &pool, RequestJournal &journal, QObject *parent = nullptr);
    ~CallTracker() override;

    /// Starts a call for a validated, routed request. `setup` gets the exchange's request and
    /// record; the call answers through the exchange's writer.
    void start(CallSetup setup, RequestExchange &&exchange);

    int activeCount() const { return int(m_calls.size()); }
    /// Ends every call now (streams end with an error event, the others with 503).
    void abortAll(const QString &reason);

private:
    /// Finished calls are deleted a few milliseconds after they end (their records go to the
    /// journal at once): a client sends its next request the moment an answer ends, and that
    /// request's first chunk should not wait behind the previous call's destructors (tens of
    /// microseconds: the call, its reply, timers and translator), which deleteLater() would
    /// run at the start of the very event-loop pass that reads the new request.
    static constexpr int kRetireDelayMs = 3;
    void retire();

    UpstreamClientPool &m_pool;
    QPointer<RequestJournal> m_journal;
    QSet<GatewayCall *> m_calls;
    QList<GatewayCall *> m_finished;
    QTimer m_retireTimer{this};
};
