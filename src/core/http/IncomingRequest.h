#pragma once

#include "BodyBudget.h"
#include "HttpHeaders.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>

#include <memory>

/// One client request as the gateway's HTTP server read it: the head as parsed, and the body
/// once it has arrived (empty while only the head is known).
struct IncomingRequest
{
    QByteArray method;  ///< "GET", "POST", ... as sent (methods are case-sensitive)
    QString path;       ///< percent-decoded path, without the query
    QByteArray query;   ///< as sent, without the '?'
    HeaderList headers; ///< names in lower case, values without surrounding blanks, in order
    QByteArray body;
    QHostAddress remoteAddress;
    QHostAddress localAddress; ///< the connection's own end: the address the client reached
    quint16 localPort = 0;     ///< and its port
    /// The body's share of limits.maxBufferedBodyBytes, given back when the last copy of this
    /// request is gone.
    std::shared_ptr<BodyBudget::Lease> bodyLease;

    /// The first header with this lower-case name, or an empty array.
    QByteArray header(QByteArrayView lowerCaseName) const;
    bool hasHeader(QByteArrayView lowerCaseName) const;
};
