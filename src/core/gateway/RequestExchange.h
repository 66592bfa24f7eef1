#pragma once

#include "api/GatewayError.h"
#include "http/HttpResponseWriter.h"
#include "http/IncomingRequest.h"
#include "requestlog/RequestRecord.h"

#include <QPointer>

class RequestJournal;

/// One admitted request on its way to its answer: the request, the writer of the answer and
/// the request's log record. Whoever answers through it finishes the record; a GatewayCall
/// takes the writer and the record over instead. An exchange dropped unanswered finishes its
/// record too (499 when the client had left, else 500), so every admitted request has exactly
/// one finished record. Move-only.
class RequestExchange
{
public:
    RequestExchange(IncomingRequest request, HttpResponseWriter writer, RequestRecord record,
                    ApiFormat format, qint64 startedMs, RequestJournal *journal, bool logged);
    RequestExchange(RequestExchange &&other) noexcept;
    RequestExchange &operator=(RequestExchange &&other) = delete;
    RequestExchange(const RequestExchange &) = delete;
    RequestExchange &operator=(const RequestExchange &) = delete;
    ~RequestExchange();

    const IncomingRequest &request() const { return m_request; }
    IncomingRequest &request() { return m_request; }
    HttpResponseWriter &writer() { return m_writer; }
    RequestRecord &record() { return m_record; }
    /// The error shape of the endpoint's path.
    ApiFormat format() const { return m_format; }

    void reply(int status, const HeaderList &headers, const QByteArray &body);
    void replyJson(int status, const QByteArray &json, const HeaderList &extraHeaders = {});
    void replyError(const GatewayError &error);

    /// Hands the answer over (to a GatewayCall): the exchange is done, the new owner finishes
    /// the record.
    HttpResponseWriter takeWriter();
    RequestRecord takeRecord();

private:
    void finishRecord(int status, const QString &error);

    IncomingRequest m_request;
    HttpResponseWriter m_writer;
    RequestRecord m_record;
    ApiFormat m_format;
    qint64 m_startedMs;
    QPointer<RequestJournal> m_journal;
    bool m_logged;
    bool m_done = false;
};
