#pragma once

#include "config/ProviderSettings.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>

/// A copy of one client request, taken before QHttpServer reuses its request object.
struct IncomingRequest
{
    QByteArray method; ///< "GET", "POST", ...
    QString path;      ///< decoded path, without the query
    QByteArray query;
    HeaderList headers; ///< names in lower case, in arrival order
    QByteArray body;
    QHostAddress remoteAddress;

    /// The first header with this lower-case name, or an empty array.
    QByteArray header(const QByteArray &lowerCaseName) const;
    bool hasHeader(const QByteArray &lowerCaseName) const;
};
