#pragma once

#include "ConnectionGuard.h"

#include <QTcpServer>

/// The listening socket: gives every accepted connection a ConnectionGuard (limits,
/// timeouts, pipelining) and low-delay sending before QHttpServer sees it.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    explicit GuardedTcpServer(const ConnectionLimits &limits, QObject *parent = nullptr);

    void setLimits(const ConnectionLimits &limits) { m_limits = limits; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    ConnectionLimits m_limits;
};
