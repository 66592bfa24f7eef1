#pragma once

#include "config/ProviderSettings.h"

#include <QByteArray>
#include <QString>

/// The API dialect a client speaks on a path: it decides the shape of bodies and errors.
enum class ApiFormat
{
    OpenAi,    ///< Chat Completions, embeddings: `{"error":{...}}`
    Anthropic, ///< Messages: `{"type":"error","error":{...}}`
    Responses  ///< OpenAI Responses: OpenAI's error bodies; its streams fail with their own events
};

/// Every way a gateway request can fail; each maps to one HTTP status (SPEC §4).
enum class GatewayErrorCode
{
    InvalidRequest,      ///< 400: bad JSON, wrong types, missing fields
    Unauthorized,        ///< 401: missing or wrong local token
    Forbidden,           ///< 403: Host or Origin refused
    NotFound,            ///< 404: unknown path
    ModelNotFound,       ///< 404: no route for the model
    MethodNotAllowed,    ///< 405
    RequestTimeout,      ///< 408: the client stalled while sending
    LengthRequired,      ///< 411: a body without Content-Length
    PayloadTooLarge,     ///< 413
    ExpectationFailed,   ///< 417: an Expect header other than 100-continue
    HeadersTooLarge,     ///< 431
    UpstreamStatus,      ///< the upstream's own 4xx, passed on with its status
    UpstreamRateLimited, ///< 429, with the upstream's Retry-After
    UpstreamFailed,      ///< 502: the upstream answered 5xx
    UpstreamUnreachable, ///< 502: connection refused, DNS, TLS
    UpstreamBadResponse, ///< 502: garbage, a redirect, a broken stream
    ServerBusy,          ///< 503: too many requests in flight
    UpstreamTimeout,     ///< 504
    VersionNotSupported, ///< 505: not HTTP/1.x
    Internal             ///< 500: a bug of the gateway itself
};

/// One error, with everything needed to render it in either API format.
struct GatewayError
{
    GatewayErrorCode code = GatewayErrorCode::Internal;
    QString message;        ///< says what happened and what to do about it
    QString param;          ///< the offending request field, if any
    int upstreamStatus = 0; ///< for errors that came from the upstream
    QString upstreamType;   ///< the upstream's own error type, kept when passing errors on
    QString upstreamCode;   ///< the upstream's own error code
    QByteArray retryAfter;  ///< the upstream's Retry-After, for 429

    static GatewayError make(GatewayErrorCode code, QString message, QString param = {});

    int httpStatus() const;
};

/// A complete HTTP error answer: status, extra headers and JSON body.
struct ErrorReply
{
    int status = 500;
    HeaderList headers;
    QByteArray body;
};

/// Renders errors as OpenAI (`{"error":{...}}`) or Anthropic (`{"type":"error",...}`) JSON.
namespace ErrorRenderer {
ErrorReply reply(const GatewayError &error, ApiFormat format);
/// The JSON body alone.
QByteArray body(const GatewayError &error, ApiFormat format);
/// A final SSE event carrying the error, for streams that have already begun.
QByteArray streamEvent(const GatewayError &error, ApiFormat format);
} // namespace ErrorRenderer
