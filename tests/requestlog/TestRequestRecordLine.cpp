#include "requestlog/RequestRecord.h"
#include "requestlog/RequestRecordLine.h"

#include <QTest>

/// The per-request log line: built with appends, it must read exactly as the printf format it
/// replaced (the format is kept here as the reference).
class TestRequestRecordLine : public QObject
{
    Q_OBJECT

private slots:
    void matchesThePrintfFormat_data();
    void matchesThePrintfFormat();
};

namespace {
QByteArray printfLine(const RequestRecord &r)
{
    return QString::asprintf(
               "%s %s model=%s provider=%s upstream_model=%s%s status=%d %lld ms%s%s",
               r.method.toUtf8().constData(), r.path.toUtf8().constData(),
               r.requestedModel.toUtf8().constData(), r.providerId.toUtf8().constData(),
               r.upstreamModel.toUtf8().constData(), r.stream ? " stream" : "", r.status,
               static_cast<long long>(r.latencyMs),
               r.errorMessage.isEmpty() ? "" : " error=", r.errorMessage.toUtf8().constData())
        .toUtf8();
}
} // namespace

void TestRequestRecordLine::matchesThePrintfFormat_data()
{
    QTest::addColumn<RequestRecord>("record");
    RequestRecord ok;
    ok.method = QStringLiteral("POST");
    ok.path = QStringLiteral("/v1/chat/completions");
    ok.requestedModel = QStringLiteral("deepseek/deepseek-chat");
    ok.providerId = QStringLiteral("deepseek");
    ok.upstreamModel = QStringLiteral("deepseek-chat");
    ok.status = 200;
    ok.latencyMs = 1234;
    QTest::newRow("a JSON answer") << ok;

    RequestRecord stream = ok;
    stream.stream = true;
    stream.latencyMs = 0;
    QTest::newRow("a stream") << stream;

    RequestRecord failed = ok;
    failed.status = 502;
    failed.errorMessage = QStringLiteral("Provider 'deepseek' did not answer: connection refused.");
    QTest::newRow("an error") << failed;

    RequestRecord unrouted;
    unrouted.method = QStringLiteral("GET");
    unrouted.path = QStringLiteral("/v1/models");
    unrouted.status = 401;
    unrouted.latencyMs = 9'000'000'000LL;
    unrouted.errorMessage = QStringLiteral("Missing access token.");
    QTest::newRow("no model or provider, a long latency") << unrouted;

    RequestRecord unicode = stream;
    unicode.requestedModel = QStringLiteral("模型/通义千问 ü");
    unicode.status = 499;
    unicode.errorMessage = QStringLiteral("客户端已离开");
    QTest::newRow("non-ASCII model and error") << unicode;
}

void TestRequestRecordLine::matchesThePrintfFormat()
{
    QFETCH(RequestRecord, record);
    QCOMPARE(RequestRecordLine::summary(record), printfLine(record));
}

QTEST_GUILESS_MAIN(TestRequestRecordLine)
#include "TestRequestRecordLine.moc"
