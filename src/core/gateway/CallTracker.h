#pragma once

#include "GatewayCall.h"

#include <QObject>
#include <QPointer>
#include <QSet>

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

    /// Starts a call for a validated, routed request. `setup` gets the exchange's request and
    /// record; the call answers through the exchange's writer.
    void start(CallSetup setup, RequestExchange &&exchange);

    int activeCount() const { return int(m_calls.size()); }
    /// Ends every call now (streams end with an error event, the others with 503).
    void abortAll(const QString &reason);

private:
    UpstreamClientPool &m_pool;
    QPointer<RequestJournal> m_journal;
    QSet<GatewayCall *> m_calls;
};
