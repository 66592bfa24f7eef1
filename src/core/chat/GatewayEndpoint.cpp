#include "GatewayEndpoint.h"

QUrl GatewayEndpoint::url(const QString &path) const
{
    QUrl result = baseUrl;
    QString basePath = result.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    result.setPath(basePath + path);
    return result;
}
