#include "TodayCounter.h"

#include "gateway/GatewayController.h"
#include "requestlog/RequestRecord.h"

TodayCounter::TodayCounter(GatewayController &gateway, QObject *parent)
    : QObject(parent), m_day(QDate::currentDate())
{
    connect(&gateway, &GatewayController::callFinished, this, &TodayCounter::count);
}

void TodayCounter::rollOver() const
{
    const QDate today = QDate::currentDate();
    if (today == m_day)
        return;
    m_day = today;
    m_requests = 0;
    m_errors = 0;
    m_tokens = 0;
}

int TodayCounter::requests() const
{
    rollOver();
    return m_requests;
}

int TodayCounter::errors() const
{
    rollOver();
    return m_errors;
}

qint64 TodayCounter::tokens() const
{
    rollOver();
    return m_tokens;
}

void TodayCounter::count(const RequestRecord &record)
{
    rollOver();
    ++m_requests;
    if (record.status >= 400)
        ++m_errors;
    m_tokens +=
        qMax<qint64>(0, record.usage.promptTokens) + qMax<qint64>(0, record.usage.completionTokens);
    Q_EMIT changed();
}
