#include "CallTracker.h"

#include "RequestExchange.h"
#include "RequestJournal.h"
#include "providers/ChatTranslator.h"

CallTracker::CallTracker(UpstreamClientPool &pool, RequestJournal &journal, QObject *parent)
    : QObject(parent), m_pool(pool), m_journal(&journal)
{
    m_retireTimer.setSingleShot(true);
    m_retireTimer.setInterval(kRetireDelayMs);
    connect(&m_retireTimer, &QTimer::timeout, this, &CallTracker::retire);
}

CallTracker::~CallTracker()
{
    retire();
}

void CallTracker::retire()
{
    const QList<GatewayCall *> finished = std::exchange(m_finished, {});
    qDeleteAll(finished);
}

void CallTracker::start(CallSetup setup, RequestExchange &&exchange)
{
    setup.request = std::move(exchange.request());
    setup.record = exchange.takeRecord();
    auto *call = new GatewayCall(std::move(setup), exchange.takeWriter(), m_pool, this);
    m_calls.insert(call);
    connect(call, &GatewayCall::finished, this, [this, call](const RequestRecord &record) {
        m_calls.remove(call);
        if (m_journal)
            m_journal->finish(record);
        m_finished.append(call);
        if (!m_retireTimer.isActive())
            m_retireTimer.start();
    });
    call->start();
}

void CallTracker::abortAll(const QString &reason)
{
    const QList<GatewayCall *> calls(m_calls.cbegin(), m_calls.cend());
    for (GatewayCall *call : calls) {
        if (m_calls.contains(call))
            call->abort(reason);
    }
}
