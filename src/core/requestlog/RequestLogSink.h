#pragma once

struct RequestRecord;

/// Receives the gateway's request records: one requestStarted() when a request is admitted
/// (for the live log page) and one requestFinished() for every answer the gateway gives.
/// Called from the gateway thread: an implementation returns at once (it hands the record to
/// its own thread) and never blocks, whatever its storage is doing.
class RequestLogSink
{
public:
    virtual ~RequestLogSink() = default;

    virtual void requestStarted(const RequestRecord &record) = 0;
    virtual void requestFinished(const RequestRecord &record) = 0;
};
