#pragma once

#include "api/GatewayError.h"

#include <QByteArray>
#include <QString>

/// What every translator does alike with an upstream's error answer, whatever its format:
/// which gateway error a status is, and how much of a non-JSON body the client sees.
namespace UpstreamErrorStatus {

/// The error for an upstream answer of `status` whose own text is `message`: 429 and the
/// other 4xx pass the message on with their status; a 5xx is UpstreamFailed with `message`
/// as is, for the caller to word in its own terms; anything else (1xx-3xx) is a status the
/// gateway does not follow, most likely a wrong base URL.
GatewayError fromStatus(int status, const QString &message);

/// True when `value` is a Retry-After the standard allows (RFC 9110 §10.2.3): a number of
/// seconds, or an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT"). Anything else is not passed on.
bool isValidRetryAfter(const QByteArray &value);

/// The start of an upstream body that is not the provider's JSON error (a proxy's HTML
/// page, plain text), as one line short enough for an error message.
QString bodyExcerpt(const QByteArray &body);

/// The error for a successful upstream answer whose body is not a JSON object: the client
/// sees the start of what came instead, which usually names the cause (a proxy's page).
GatewayError notAnObject(const QByteArray &body);

} // namespace UpstreamErrorStatus
