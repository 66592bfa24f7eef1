// The Logs page's exports: CSV of the filtered records (RFC 4180, read back field by field),
// and "copy as curl", run for real through a shell and curl against the gateway: it works
// with the token from the environment and never contains the token itself.
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "RecordFactory.h"
#include "requestlog/RequestCurlCommand.h"
#include "requestlog/RequestLogCsv.h"
#include "requestlog/RequestLogReader.h"
#include "requestlog/RequestLogWriter.h"
#include "requestlog/RequestRecordJson.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {
/// Splits RFC 4180 text into rows of fields.
QList<QStringList> parseCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> rows;
    QStringList row;
    QString fieldText;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() &&
                text.at(i + 1) == QLatin1Char('"')) {
                fieldText += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                fieldText += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row << fieldText;
            fieldText.clear();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() &&
                   text.at(i + 1) == QLatin1Char('\n')) {
            row << fieldText;
            rows << row;
            row.clear();
            fieldText.clear();
            ++i;
        } else {
            fieldText += c;
        }
    }
    return rows;
}
} // namespace

class TestRequestLogExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void csvOfTheFilteredRecords();
    void csvReportsAFailedWrite();
    void curlCommandReplaysTheRequest_data();
    void curlCommandReplaysTheRequest();
    void curlCommandWithoutBody();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("requests.db")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRequestLogExport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestRequestLogExport::csvOfTheFilteredRecords()
{
    QList<RequestRecord> records;
    for (int i = 0; i < 30; ++i)
        records << RecordFactory::make(i, 1767225600000LL + i * 1000, i % 3 == 0 ? 502 : 200);
    records[9].errorMessage = QStringLiteral("He said \"no\", twice,\nthen left");
    records[9].userAgent = QStringLiteral("客户端/1.0");
    records[9].stream = false;
    records[9].firstTokenMs = -1;
    {
        RequestLogWriter writer(dbPath());
        QVERIFY(writer.open());
        QList<qint64> seqs;
        QVERIFY(writer.write(records, false, 0, &seqs));
    }
    RequestLogReader reader(dbPath());
    RequestLogFilter errors;
    errors.statusMin = 500;
    errors.statusMax = 599;
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    qint64 rows = 0;
    QString error;
    QVERIFY2(RequestLogCsv::write(reader, errors, &out, &rows, &error), qPrintable(error));
    QCOMPARE(rows, 10);
    const QList<QStringList> csv = parseCsv(out.data());
    QCOMPARE(csv.size(), 11);
    QCOMPARE(csv.first(), RequestRecordJson::fieldNames());
    const qsizetype idColumn = csv.first().indexOf(QStringLiteral("id"));
    const qsizetype errorColumn = csv.first().indexOf(QStringLiteral("error"));
    const qsizetype clientColumn = csv.first().indexOf(QStringLiteral("client"));
    const qsizetype ttftColumn = csv.first().indexOf(QStringLiteral("ttft_ms"));
    const qsizetype startedColumn = csv.first().indexOf(QStringLiteral("started_at"));
    QCOMPARE(csv.at(1).at(idColumn), QStringLiteral("req-27")); // newest first
    QCOMPARE(csv.at(1).at(startedColumn), QStringLiteral("2026-01-01T00:00:27.000Z"));
    QCOMPARE(csv.at(10).at(idColumn), QStringLiteral("req-0"));
    // The awkward one comes back exactly, through quoting.
    const QStringList nine = csv.at(7);
    QCOMPARE(nine.at(idColumn), QStringLiteral("req-9"));
    QCOMPARE(nine.at(errorColumn), records[9].errorMessage);
    QCOMPARE(nine.at(clientColumn), records[9].userAgent);
    QCOMPARE(nine.at(ttftColumn), QStringLiteral("")); // not a stream: no TTFT, empty
    for (const QStringList &row : csv)
        QCOMPARE(row.size(), RequestRecordJson::fieldNames().size());
}

void TestRequestLogExport::csvReportsAFailedWrite()
{
    {
        RequestLogWriter writer(dbPath());
        QVERIFY(writer.open());
        QList<qint64> seqs;
        QVERIFY(writer.write({RecordFactory::make(1, 1000)}, false, 0, &seqs));
    }
    RequestLogReader reader(dbPath());
    QBuffer closed; // never opened: every write fails
    qint64 rows = 0;
    QString error;
    QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (QBuffer): device not open");
    QVERIFY(!RequestLogCsv::write(reader, {}, &closed, &rows, &error));
    QVERIFY(!error.isEmpty());
}

void TestRequestLogExport::curlCommandReplaysTheRequest_data()
{
    QTest::addColumn<bool>("stream");
    QTest::newRow("json") << false;
    QTest::newRow("stream") << true;
}

void TestRequestLogExport::curlCommandReplaysTheRequest()
{
    QFETCH(bool, stream);
    if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
        QSKIP("curl is not installed (scripts/deps.sh installs it)");
    FakeUpstream upstream;
    QVERIFY(upstream.listen());
    upstream.setChatReply(
        stream ? FakeReply::contentStream(QStringLiteral("gpt-4o"),
                                          {QStringLiteral("it's"), QStringLiteral(" fine")})
               : FakeReply::chatCompletion(QStringLiteral("gpt-4o"), QStringLiteral("it's fine")));
    GatewayHarness gateway;
    gateway.addOpenAiGptRoute(upstream.baseUrl());
    QVERIFY(gateway.start());

    RequestRecord record = RecordFactory::make(1, 1767225600000LL);
    record.stream = stream;
    // A body with a single quote and a dollar sign: the shell must pass both through.
    record.requestBody = GatewayHarness::chatBody(
        QStringLiteral("gpt-4o"), stream,
        {{QStringLiteral("messages"),
          QJsonArray{QJsonObject{
              {QStringLiteral("role"), QStringLiteral("user")},
              {QStringLiteral("content"), QStringLiteral("Is it O'Brien's $HOME?")}}}}});
    const QString command = RequestCurlCommand::build(record, gateway.baseUrl());
    QVERIFY(!command.contains(QString::fromLatin1(GatewayHarness::accessToken())));
    QVERIFY2(command.contains(QLatin1String("$LLM_GATEWAY_TOKEN")), qPrintable(command));

    QProcess shell;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LLM_GATEWAY_TOKEN"),
               QString::fromLatin1(GatewayHarness::accessToken()));
    shell.setProcessEnvironment(env);
    shell.start(QStringLiteral("sh"),
                {QStringLiteral("-c"), command.trimmed() + QStringLiteral(" -sS")});
    QVERIFY(QTest::qWaitFor([&] { return shell.state() == QProcess::NotRunning; }, 20000));
    const QByteArray out = shell.readAllStandardOutput();
    QCOMPARE(shell.exitCode(), 0);
    QVERIFY2(out.contains("it's") && out.contains("fine"), out.constData());
    // The upstream got the recorded body, quotes and dollar sign intact.
    QCOMPARE(upstream.lastChatRequest()
                 .json.value(QStringLiteral("messages"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("content"))
                 .toString(),
             QStringLiteral("Is it O'Brien's $HOME?"));
}

void TestRequestLogExport::curlCommandWithoutBody()
{
    RequestRecord record = RecordFactory::make(1, 1767225600000LL);
    record.path = QStringLiteral("/v1/messages");
    record.format = QStringLiteral("anthropic");
    const QString command =
        RequestCurlCommand::build(record, QUrl(QStringLiteral("http://127.0.0.1:7352/")));
    QVERIFY2(command.startsWith(QLatin1String("# The request body was not recorded")),
             qPrintable(command));
    QVERIFY2(command.contains(QLatin1String("'http://127.0.0.1:7352/v1/messages'")),
             qPrintable(command));
    QVERIFY(command.contains(QLatin1String("x-api-key: $LLM_GATEWAY_TOKEN")));
    QVERIFY(command.contains(QLatin1String("anthropic-version: 2023-06-01")));
    QVERIFY(!command.contains(QLatin1String("--data-raw")));
}

QTEST_GUILESS_MAIN(TestRequestLogExport)
#include "TestRequestLogExport.moc"
