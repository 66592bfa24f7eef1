#pragma once

#include "SecretRedactor.h"
#include "config/GatewayConfig.h"
#include "requestlog/RequestRecord.h"

#include <QObject>
#include <QRandomGenerator64>
#include <QTimer>

#include <memory>

class RequestLogSink;
struct IncomingRequest;

/// The request log's feed (SPEC §6): gives every request its id and its record,
/// announces it to the sink when its head is admitted, and passes on each finished record
/// exactly once, with its bodies capped and every secret redacted. Calls the sink from the
/// gateway thread (the sink hands records to its own thread and never blocks).
class RequestJournal : public QObject
{
    Q_OBJECT

public:
    explicit RequestJournal(QObject *parent = nullptr);

    /// Where records go (may be null: nowhere).
    void setSink(std::shared_ptr<RequestLogSink> sink) { m_sink = std::move(sink); }
    /// What to record, and the secrets (provider keys, access token) to redact from bodies.
    void setSettings(const RequestLogSettings &settings, const QList<QByteArray> &secrets);
    const RequestLogSettings &settings() const { return m_settings; }

    /// A new record for the request `head` begins: id, start time, client, method, path.
    RequestRecord begin(const IncomingRequest &head, const QString &format);
    /// The request was admitted: the live log may show it.
    void announce(const RequestRecord &record);
    /// The request was answered (or given up): the record goes to the log.
    void finish(RequestRecord record);
    /// How many bytes of a body to keep for its record: the cap plus room to recognise a
    /// secret that straddles it. 0 when bodies are not recorded.
    qsizetype bodyCaptureBytes() const;
    /// A copy of `body` for the record (bodyCaptureBytes() of it).
    QByteArray bodyForRecord(const QByteArray &body) const { return body.left(bodyCaptureBytes()); }

    /// A new request id: "req_", 12 hex digits of milliseconds since the epoch (so ids sort
    /// by time), 16 random hex digits.
    QByteArray newRequestId();

    /// Hands the records gathered so far to recordsFinished now (at shutdown).
    void flush();

    /// How long finished records gather before recordsFinished carries them. Each batch wakes
    /// the log output's thread, and a client's next request usually follows its answer at
    /// once: gathered, the wake-up and the log line's write come between requests and streamed
    /// chunks, not while the next request is read. A person reading the log sees no delay.
    static constexpr int kGatherMs = 20;

Q_SIGNALS:
    /// The records finished in the last kGatherMs, for the log output (in another thread): a
    /// busy gateway wakes that thread once per batch, not once per request.
    void recordsFinished(const QList<RequestRecord> &records);

private:
    /// Redacts every secret from the record's strings (bodies are handled in finish()).
    void redactStrings(RequestRecord &record) const;

    QList<RequestRecord> m_batch;
    QTimer m_gatherTimer{this}; // a child, so that it moves to the gateway thread with the journal
    std::shared_ptr<RequestLogSink> m_sink;
    RequestLogSettings m_settings;
    SecretRedactor m_redactor;
    QRandomGenerator64 m_random;
};
