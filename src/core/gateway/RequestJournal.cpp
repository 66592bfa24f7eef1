#include "RequestJournal.h"

#include "http/IncomingRequest.h"
#include "requestlog/RequestLogSink.h"

#include <QDateTime>

#include <cstring>

RequestJournal::RequestJournal(QObject *parent)
    : QObject(parent), m_random(QRandomGenerator::system()->generate64())
{
    qRegisterMetaType<RequestRecord>();
    qRegisterMetaType<QList<RequestRecord>>();
    // A timer, not a queued call: starting one wakes nothing, where each queued call writes to
    // the event loop's wake-up descriptor and costs the loop an extra pass.
    m_gatherTimer.setSingleShot(true);
    m_gatherTimer.setInterval(kGatherMs);
    connect(&m_gatherTimer, &QTimer::timeout, this, &RequestJournal::flush);
}

void RequestJournal::setSettings(const RequestLogSettings &settings,
                                 const QList<QByteArray> &secrets)
{
    m_settings = settings;
    m_redactor = SecretRedactor(secrets);
}

namespace {
/// Writes `value`'s low `digits` hex digits, zero-padded, lower case, ending before `end`.
void writeHex(char *end, quint64 value, int digits)
{
    for (int i = 1; i <= digits; ++i, value >>= 4)
        end[-i] = "0123456789abcdef"[value & 0xf];
}
} // namespace

QByteArray RequestJournal::newRequestId()
{
    // "req_", then the time in ms (12 hex digits), then 64 random bits (16): written by hand,
    // as number() and rightJustified() cost four allocations on every request.
    const quint64 ms = quint64(QDateTime::currentMSecsSinceEpoch()) & 0xffffffffffffULL;
    QByteArray id(4 + 12 + 16, Qt::Uninitialized);
    char *out = id.data();
    std::memcpy(out, "req_", 4);
    writeHex(out + 16, ms, 12);
    writeHex(out + 32, m_random.generate(), 16);
    return id;
}

RequestRecord RequestJournal::begin(const IncomingRequest &head, const QString &format)
{
    RequestRecord record;
    record.id = newRequestId();
    record.startedAt = QDateTime::currentDateTimeUtc();
    record.userAgent = QString::fromUtf8(head.header("user-agent"));
    record.method = QString::fromLatin1(head.method);
    record.path = head.path;
    record.format = format;
    return record;
}

void RequestJournal::announce(const RequestRecord &record)
{
    if (m_sink && m_settings.enabled) {
        RequestRecord started = record;
        redactStrings(started);
        m_sink->requestStarted(started);
    }
}

void RequestJournal::redactStrings(RequestRecord &record) const
{
    // Every string the client chose or the upstream sent may carry a secret (a token pasted
    // into a model name, a key echoed in an error): none reaches the log.
    record.errorMessage = m_redactor.redactString(record.errorMessage);
    record.requestedModel = m_redactor.redactString(record.requestedModel);
    record.upstreamModel = m_redactor.redactString(record.upstreamModel);
    record.userAgent = m_redactor.redactString(record.userAgent);
    record.path = m_redactor.redactString(record.path);
    for (QString &note : record.notes)
        note = m_redactor.redactString(note);
}

qsizetype RequestJournal::bodyCaptureBytes() const
{
    if (!m_settings.recordBodies || m_settings.maxBodyBytes <= 0)
        return 0;
    return m_settings.maxBodyBytes + m_redactor.longestSpelling();
}

void RequestJournal::finish(RequestRecord record)
{
    if (!m_settings.recordBodies) {
        record.requestBody.clear();
        record.responseBody.clear();
    } else {
        // Redacted before the cut at the cap: a secret straddling the cap is still recognised
        // whole (the capture keeps that much beyond it), so no piece of it remains.
        const qsizetype cap = qMax(0, m_settings.maxBodyBytes);
        record.requestBody = m_redactor.redact(bodyForRecord(record.requestBody)).left(cap);
        record.responseBody = m_redactor.redact(bodyForRecord(record.responseBody)).left(cap);
    }
    redactStrings(record);
    if (m_sink && m_settings.enabled)
        m_sink->requestFinished(record);
    m_batch.append(std::move(record));
    if (!m_gatherTimer.isActive())
        m_gatherTimer.start();
}

void RequestJournal::flush()
{
    m_gatherTimer.stop();
    if (!m_batch.isEmpty())
        Q_EMIT recordsFinished(std::exchange(m_batch, {}));
}
