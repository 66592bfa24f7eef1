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
    /// Finished calls are deleted, and their records passed on, a few milliseconds after they
    /// end: a client sends its next request the moment an answer ends, and that request's
    /// first chunk should not wait behind the previous call's clean-up (tens of
    /// microseconds of destructors, redaction and the record's hand-over).
    static constexpr int kRetireDelayMs = 3;
    void retire();

    UpstreamClientPool &m_pool;
    QPointer<RequestJournal> m_journal;
    QSet<GatewayCall *> m_calls;
    QList<std::pair<GatewayCall *, RequestRecord>> m_finished;
    QTimer m_retireTimer{this};
};
