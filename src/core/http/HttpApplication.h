#pragma once

#include "IncomingRequest.h"

#include <QString>

#include <memory>

class HttpResponseWriter;

/// A request the server itself refused (malformed, too large, too slow, over a limit), with
/// English words for the API client that say what to fix.
struct HttpRefusal
{
    int status = 400; ///< 400, 408, 411, 413, 417, 431, 503, 505
    QString message;
    QByteArray retryAfter; ///< for 503: when to try again (seconds)
};

/// Receives the body of one request whose head the application accepted, or learns why it
/// will not come. Exactly one of the three is called, once.
class HttpRequestReceiver
{
public:
    virtual ~HttpRequestReceiver() = default;

    /// The whole body is in `request.body`; answer through `writer`, now or later.
    virtual void bodyReceived(IncomingRequest &&request, HttpResponseWriter &&writer) = 0;
    /// The server will not read the body (over a limit, too slow): answer with `refusal`.
    virtual void bodyRefused(const HttpRefusal &refusal, HttpResponseWriter &&writer) = 0;
    /// The client left before its body was complete: nobody can be answered.
    virtual void abandoned() = 0;
};

/// What the HTTP server asks of the application behind it, request by request, in order.
/// Every call happens in the server's thread.
class HttpApplication
{
public:
    virtual ~HttpApplication() = default;

    /// A request head arrived; no byte of its body has been read yet. Either answer at once
    /// through `writer` (a refusal, a preflight...) and return nullptr, or return the receiver
    /// of the body (called at once when there is none).
    virtual std::unique_ptr<HttpRequestReceiver> headReceived(const IncomingRequest &head,
                                                              HttpResponseWriter &writer) = 0;
    /// The server refused a request before it had a valid head (malformed, too large, too
    /// slow). `partial` holds what could be read (the method and path, perhaps nothing).
    /// Answer with `refusal` through `writer`.
    virtual void headRefused(const HttpRefusal &refusal, const IncomingRequest &partial,
                             HttpResponseWriter &&writer) = 0;
};
