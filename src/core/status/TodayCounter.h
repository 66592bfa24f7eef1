#pragma once

#include <QDate>
#include <QObject>

class GatewayController;
struct RequestRecord;

/// Requests and tokens since midnight (local time), counted from the answers the gateway
/// gives while this process runs: the Overview's "today" figures.
class TodayCounter : public QObject
{
    Q_OBJECT

public:
    explicit TodayCounter(GatewayController &gateway, QObject *parent = nullptr);

    int requests() const;
    int errors() const;
    qint64 tokens() const;

    void count(const RequestRecord &record);

Q_SIGNALS:
    void changed();

private:
    void rollOver() const;

    mutable QDate m_day;
    mutable int m_requests = 0;
    mutable int m_errors = 0;
    mutable qint64 m_tokens = 0;
};
