// The HTTP/1.1 request head parser (RFC 9112): a table of good heads and what they mean, a
// table of bad heads and the status each gets, every head fed whole, byte by byte and split
// at every position, and the bytes after a head left to the caller.
#include "http/RequestHeadParser.h"

#include <QRandomGenerator>
#include <QTest>

namespace {

struct Fed
{
    RequestHeadParser::Status status = RequestHeadParser::Status::NeedMore;
    qsizetype consumed = 0;
};

/// Feeds `bytes` in pieces of `pieceSize` (0: all at once) until the head completes or fails.
Fed feedInPieces(RequestHeadParser &parser, const QByteArray &bytes, qsizetype pieceSize)
{
    Fed fed;
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        const qsizetype size =
            pieceSize > 0 ? qMin(pieceSize, bytes.size() - pos) : bytes.size() - pos;
        qsizetype consumed = 0;
        fed.status = parser.feed(bytes.constData() + pos, size, &consumed);
        pos += consumed;
        fed.consumed = pos;
        if (fed.status != RequestHeadParser::Status::NeedMore)
            return fed;
        if (consumed != size) // NeedMore must take every byte it was given
            return Fed{RequestHeadParser::Status::Failed, -1};
    }
    return fed;
}

QByteArray headerValue(const RequestHead &head, const QByteArray &name)
{
    return head.request.header(name);
}

} // namespace

class TestRequestHeadParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goodHeads_data();
    void goodHeads();
    void badHeads_data();
    void badHeads();
    void splitAtEveryPosition();
    void bytesAfterTheHeadAreLeft();
    void headerLimits();
    void headThatNeverEndsFailsAtTheLimit();
    void headersKeepOrderAndCase();
    void resetStartsOver();
    void splitsNeverChangeTheOutcome();
};

void TestRequestHeadParser::goodHeads_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<qint64>("contentLength");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<bool>("expectContinue");
    QTest::addColumn<int>("headerCount");

    QTest::newRow("GET") << QByteArray("GET /health HTTP/1.1\r\nHost: a\r\n\r\n")
                         << QByteArray("GET") << QStringLiteral("/health") << QByteArray() << 0LL
                         << true << false << 1;
    QTest::newRow("POST with length")
        << QByteArray("POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nContent-Length: 42\r\n"
                      "Content-Type: application/json\r\n\r\n")
        << QByteArray("POST") << QStringLiteral("/v1/chat/completions") << QByteArray() << 42LL
        << true << false << 3;
    QTest::newRow("query") << QByteArray("GET /v1/models?limit=5&x=%20 HTTP/1.1\r\nHost: a\r\n\r\n")
                           << QByteArray("GET") << QStringLiteral("/v1/models")
                           << QByteArray("limit=5&x=%20") << 0LL << true << false << 1;
    QTest::newRow("percent-encoded path")
        << QByteArray("GET /v1/mod%65ls HTTP/1.1\r\nHost: a\r\n\r\n") << QByteArray("GET")
        << QStringLiteral("/v1/models") << QByteArray() << 0LL << true << false << 1;
    QTest::newRow("absolute-form target")
        << QByteArray("GET http://127.0.0.1:7352/health?x=1 HTTP/1.1\r\nHost: a\r\n\r\n")
        << QByteArray("GET") << QStringLiteral("/health") << QByteArray("x=1") << 0LL << true
        << false << 1;
    QTest::newRow("absolute-form without path")
        << QByteArray("GET HTTP://localhost:7352 HTTP/1.1\r\nHost: a\r\n\r\n") << QByteArray("GET")
        << QStringLiteral("/") << QByteArray() << 0LL << true << false << 1;
    QTest::newRow("OPTIONS *") << QByteArray("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n")
                               << QByteArray("OPTIONS") << QStringLiteral("*") << QByteArray()
                               << 0LL << true << false << 1;
    QTest::newRow("bare LF line ends")
        << QByteArray("GET /health HTTP/1.1\nHost: a\nX-A: b\n\n") << QByteArray("GET")
        << QStringLiteral("/health") << QByteArray() << 0LL << true << false << 2;
    QTest::newRow("empty lines before the request line")
        << QByteArray("\r\n\r\nGET /health HTTP/1.1\r\nHost: a\r\n\r\n") << QByteArray("GET")
        << QStringLiteral("/health") << QByteArray() << 0LL << true << false << 1;
    QTest::newRow("Connection: close")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n") << QByteArray("GET")
        << QStringLiteral("/") << QByteArray() << 0LL << false << false << 2;
    QTest::newRow("Connection list with Close")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nConnection: TE, Close\r\n\r\n")
        << QByteArray("GET") << QStringLiteral("/") << QByteArray() << 0LL << false << false << 2;
    QTest::newRow("HTTP/1.0 closes")
        << QByteArray("GET / HTTP/1.0\r\n\r\n") << QByteArray("GET") << QStringLiteral("/")
        << QByteArray() << 0LL << false << false << 0;
    QTest::newRow("HTTP/1.0 keep-alive")
        << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << QByteArray("GET")
        << QStringLiteral("/") << QByteArray() << 0LL << true << false << 1;
    QTest::newRow("HTTP/1.1 keep-alive stays")
        << QByteArray("GET / HTTP/1.1\r\nConnection: keep-alive\r\n\r\n") << QByteArray("GET")
        << QStringLiteral("/") << QByteArray() << 0LL << true << false << 1;
    QTest::newRow("HTTP/1.9 read as 1.1")
        << QByteArray("GET / HTTP/1.9\r\n\r\n") << QByteArray("GET") << QStringLiteral("/")
        << QByteArray() << 0LL << true << false << 0;
    QTest::newRow("Expect: 100-continue")
        << QByteArray("POST /v1/messages HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-Continue\r\n"
                      "\r\n")
        << QByteArray("POST") << QStringLiteral("/v1/messages") << QByteArray() << 5LL << true
        << true << 2;
    QTest::newRow("same Content-Length twice")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 7\r\ncontent-length: 7\r\n\r\n")
        << QByteArray("POST") << QStringLiteral("/") << QByteArray() << 7LL << true << false << 2;
    QTest::newRow("blanks around values")
        << QByteArray("GET / HTTP/1.1\r\nContent-Length: \t 0 \t\r\n\r\n") << QByteArray("GET")
        << QStringLiteral("/") << QByteArray() << 0LL << true << false << 1;
    QTest::newRow("empty value") << QByteArray("GET / HTTP/1.1\r\nX-Empty:\r\n\r\n")
                                 << QByteArray("GET") << QStringLiteral("/") << QByteArray() << 0LL
                                 << true << false << 1;
    QTest::newRow("obs-text in a value")
        << QByteArray("GET / HTTP/1.1\r\nUser-Agent: caf\xc3\xa9\r\n\r\n") << QByteArray("GET")
        << QStringLiteral("/") << QByteArray() << 0LL << true << false << 1;
    QTest::newRow("unknown method")
        << QByteArray("BREW /pot HTTP/1.1\r\n\r\n") << QByteArray("BREW") << QStringLiteral("/pot")
        << QByteArray() << 0LL << true << false << 0;
    QTest::newRow("huge Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: "
                      "99999999999999999999999\r\n\r\n")
        << QByteArray("POST") << QStringLiteral("/") << QByteArray()
        << std::numeric_limits<qint64>::max() << true << false << 1;
}

void TestRequestHeadParser::goodHeads()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, query);
    QFETCH(qint64, contentLength);
    QFETCH(bool, keepAlive);
    QFETCH(bool, expectContinue);
    QFETCH(int, headerCount);

    for (const qsizetype pieceSize : {qsizetype(0), qsizetype(1), qsizetype(7)}) {
        RequestHeadParser parser;
        const Fed fed = feedInPieces(parser, head, pieceSize);
        QVERIFY2(
            fed.status == RequestHeadParser::Status::Complete,
            qPrintable(QStringLiteral("piece %1: %2").arg(pieceSize).arg(parser.error().message)));
        QCOMPARE(fed.consumed, head.size());
        const RequestHead parsed = parser.takeHead();
        QCOMPARE(parsed.request.method, method);
        QCOMPARE(parsed.request.path, path);
        QCOMPARE(parsed.request.query, query);
        QCOMPARE(parsed.contentLength, contentLength);
        QCOMPARE(parsed.keepAlive, keepAlive);
        QCOMPARE(parsed.expectContinue, expectContinue);
        QCOMPARE(parsed.request.headers.size(), headerCount);
    }
}

void TestRequestHeadParser::badHeads_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("space before colon")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length : 5\r\n\r\n") << 400
        << QStringLiteral("Content-Length");
    QTest::newRow("tab before colon") << QByteArray("GET / HTTP/1.1\r\nHost\t: a\r\n\r\n") << 400
                                      << QStringLiteral("space before");
    QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\nX-A: one\r\n two\r\n\r\n") << 400
                              << QStringLiteral("folded");
    QTest::newRow("obs-fold with tab") << QByteArray("GET / HTTP/1.1\r\nX-A: one\r\n\ttwo\r\n\r\n")
                                       << 400 << QStringLiteral("folded");
    QTest::newRow("fold after the request line")
        << QByteArray("GET / HTTP/1.1\r\n Host: a\r\n\r\n") << 400 << QStringLiteral("folded");
    QTest::newRow("NUL in a value")
        << QByteArray("GET / HTTP/1.1\r\nanthropic-beta: a") + '\0' + QByteArray("b\r\n\r\n") << 400
        << QStringLiteral("anthropic-beta");
    QTest::newRow("control byte in a value") << QByteArray("GET / HTTP/1.1\r\nX-A: a\x01z\r\n\r\n")
                                             << 400 << QStringLiteral("control character");
    QTest::newRow("DEL in a value") << QByteArray("GET / HTTP/1.1\r\nX-A: a\x7fz\r\n\r\n") << 400
                                    << QStringLiteral("control character");
    QTest::newRow("stray CR in a value")
        << QByteArray("GET / HTTP/1.1\r\nX-A: a\rInjected: b\r\n\r\n") << 400
        << QStringLiteral("CR");
    QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nJust a line\r\n\r\n") << 400
                              << QStringLiteral("no name");
    QTest::newRow("empty name") << QByteArray("GET / HTTP/1.1\r\n: value\r\n\r\n") << 400
                                << QStringLiteral("no name");
    QTest::newRow("bad name character")
        << QByteArray("GET / HTTP/1.1\r\nX(A): v\r\n\r\n") << 400 << QStringLiteral("name");
    QTest::newRow("Content-Length not a number")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 12abc\r\n\r\n") << 400
        << QStringLiteral("Content-Length");
    QTest::newRow("negative Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n") << 400
        << QStringLiteral("Content-Length");
    QTest::newRow("Content-Length with a plus")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\n") << 400
        << QStringLiteral("Content-Length");
    QTest::newRow("Content-Length list")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n") << 400
        << QStringLiteral("Content-Length");
    QTest::newRow("empty Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length:\r\n\r\n") << 400
        << QStringLiteral("Content-Length");
    QTest::newRow("two different Content-Lengths")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n") << 400
        << QStringLiteral("two different");
    QTest::newRow("Transfer-Encoding and Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n"
                      "\r\n")
        << 400 << QStringLiteral("both");
    QTest::newRow("chunked body") << QByteArray(
                                         "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                                  << 411 << QStringLiteral("Content-Length");
    QTest::newRow("unknown expectation")
        << QByteArray("POST / HTTP/1.1\r\nExpect: something\r\n\r\n") << 417
        << QStringLiteral("100-continue");
    QTest::newRow("HTTP/2") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505
                            << QStringLiteral("HTTP/1.1");
    QTest::newRow("HTTP/0.9") << QByteArray("GET / HTTP/0.9\r\n\r\n") << 400
                              << QStringLiteral("HTTP/1.1");
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400
                                << QStringLiteral("request line");
    QTest::newRow("lower-case version")
        << QByteArray("GET / http/1.1\r\n\r\n") << 400 << QStringLiteral("request line");
    QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << 400
                                << QStringLiteral("request line");
    QTest::newRow("trailing space")
        << QByteArray("GET / HTTP/1.1 \r\n\r\n") << 400 << QStringLiteral("request line");
    QTest::newRow("bad method") << QByteArray("G(T / HTTP/1.1\r\n\r\n") << 400
                                << QStringLiteral("request line");
    QTest::newRow("target not a path")
        << QByteArray("GET health HTTP/1.1\r\n\r\n") << 400 << QStringLiteral("request line");
    QTest::newRow("asterisk for GET")
        << QByteArray("GET * HTTP/1.1\r\n\r\n") << 400 << QStringLiteral("request line");
    QTest::newRow("fragment in target")
        << QByteArray("GET /a#b HTTP/1.1\r\n\r\n") << 400 << QStringLiteral("request line");
    QTest::newRow("control byte in target")
        << QByteArray("GET /a\x01 HTTP/1.1\r\n\r\n") << 400 << QStringLiteral("request line");
    QTest::newRow("binary junk") << QByteArray("\x16\x03\x01\x02\x05\x01\x06\x01\xfc\x03\x03\n\n")
                                 << 400 << QStringLiteral("request line");
}

void TestRequestHeadParser::badHeads()
{
    QFETCH(QByteArray, head);
    QFETCH(int, status);
    QFETCH(QString, mentions);

    for (const qsizetype pieceSize : {qsizetype(0), qsizetype(1), qsizetype(5)}) {
        RequestHeadParser parser;
        const Fed fed = feedInPieces(parser, head, pieceSize);
        QVERIFY2(fed.status == RequestHeadParser::Status::Failed,
                 qPrintable(QStringLiteral("piece %1").arg(pieceSize)));
        QCOMPARE(parser.error().status, status);
        QVERIFY2(parser.error().message.contains(mentions, Qt::CaseInsensitive),
                 qPrintable(parser.error().message));
        // Once failed, the parser takes nothing more.
        qsizetype consumed = -1;
        QCOMPARE(parser.feed("GET / HTTP/1.1\r\n\r\n", 18, &consumed),
                 RequestHeadParser::Status::Failed);
        QCOMPARE(consumed, 0);
    }
}

void TestRequestHeadParser::splitAtEveryPosition()
{
    const QByteArray head = "POST /api/v1/messages?beta=true HTTP/1.1\r\nHost: 127.0.0.1:7352\r\n"
                            "x-api-key: k\r\nContent-Length: 17\r\nanthropic-version: 2023-06-01"
                            "\r\n\r\n";
    for (qsizetype split = 1; split < head.size(); ++split) {
        RequestHeadParser parser;
        qsizetype consumed = 0;
        QCOMPARE(parser.feed(head.constData(), split, &consumed),
                 RequestHeadParser::Status::NeedMore);
        QCOMPARE(consumed, split);
        QVERIFY(parser.hasStarted());
        QCOMPARE(parser.feed(head.constData() + split, head.size() - split, &consumed),
                 RequestHeadParser::Status::Complete);
        QCOMPARE(consumed, head.size() - split);
        const RequestHead parsed = parser.takeHead();
        QCOMPARE(parsed.request.path, QStringLiteral("/api/v1/messages"));
        QCOMPARE(parsed.request.query, QByteArray("beta=true"));
        QCOMPARE(parsed.contentLength, 17);
        QCOMPARE(headerValue(parsed, "anthropic-version"), QByteArray("2023-06-01"));
        QCOMPARE(headerValue(parsed, "host"), QByteArray("127.0.0.1:7352"));
    }
}

void TestRequestHeadParser::bytesAfterTheHeadAreLeft()
{
    // A body and a pipelined request follow the head in the same read: the parser takes only
    // the head, and the next head parses from where it stopped.
    const QByteArray first = "POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 2\r\n\r\n";
    const QByteArray second = "GET /health HTTP/1.1\r\n\r\n";
    const QByteArray wire = first + "{}" + second + "GET /v1/models HTTP/1.1\r\n";
    RequestHeadParser parser;
    qsizetype consumed = 0;
    QCOMPARE(parser.feed(wire.constData(), wire.size(), &consumed),
             RequestHeadParser::Status::Complete);
    QCOMPARE(consumed, first.size());
    QCOMPARE(parser.takeHead().contentLength, 2);

    const qsizetype next = first.size() + 2;
    QCOMPARE(parser.feed(wire.constData() + next, wire.size() - next, &consumed),
             RequestHeadParser::Status::Complete);
    QCOMPARE(consumed, second.size());
    QCOMPARE(parser.takeHead().request.path, QStringLiteral("/health"));

    const qsizetype third = next + second.size();
    QCOMPARE(parser.feed(wire.constData() + third, wire.size() - third, &consumed),
             RequestHeadParser::Status::NeedMore);
    QCOMPARE(consumed, wire.size() - third);
    QCOMPARE(parser.feed("\r\n", 2, &consumed), RequestHeadParser::Status::Complete);
    QCOMPARE(consumed, 2);
    QCOMPARE(parser.takeHead().request.path, QStringLiteral("/v1/models"));
}

void TestRequestHeadParser::headerLimits()
{
    // 5,000 tiny headers fit in 64 KiB of bytes but not in the header-line limit.
    QByteArray many = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 5000; ++i)
        many += "a: b\r\n";
    many += "\r\n";
    QVERIFY(many.size() < 64 * 1024);
    for (const qsizetype pieceSize : {qsizetype(0), qsizetype(1000)}) {
        RequestHeadParser parser;
        QCOMPARE(feedInPieces(parser, many, pieceSize).status, RequestHeadParser::Status::Failed);
        QCOMPARE(parser.error().status, 431);
        QVERIFY(parser.error().message.contains(QStringLiteral("header lines")));
    }

    // Exactly at the limits is fine.
    HeadLimits limits;
    limits.maxFields = 3;
    limits.maxBytes = 64;
    const QByteArray atLimit = "GET / HTTP/1.1\r\na: 1\r\nb: 2\r\nc: 3\r\n\r\n";
    for (const qsizetype pieceSize : {qsizetype(0), qsizetype(1), qsizetype(2)}) {
        RequestHeadParser exact(limits);
        QCOMPARE(feedInPieces(exact, atLimit, pieceSize).status,
                 RequestHeadParser::Status::Complete);
    }
    RequestHeadParser oneMore(limits);
    QCOMPARE(
        feedInPieces(oneMore, "GET / HTTP/1.1\r\na: 1\r\nb: 2\r\nc: 3\r\nd: 4\r\n\r\n", 0).status,
        RequestHeadParser::Status::Failed);
    QCOMPARE(oneMore.error().status, 431);

    // The byte limit counts the whole head.
    limits.maxFields = 100;
    limits.maxBytes = 40;
    RequestHeadParser bytes(limits);
    QCOMPARE(feedInPieces(bytes, "GET / HTTP/1.1\r\nX-Long: " + QByteArray(30, 'x') + "\r\n\r\n", 0)
                 .status,
             RequestHeadParser::Status::Failed);
    QCOMPARE(bytes.error().status, 431);
    QVERIFY(bytes.error().message.contains(QStringLiteral("40 bytes")));
}

void TestRequestHeadParser::headThatNeverEndsFailsAtTheLimit()
{
    HeadLimits limits;
    limits.maxBytes = 1024;
    RequestHeadParser parser(limits);
    const QByteArray start = "GET / HTTP/1.1\r\nX-Big: ";
    qsizetype consumed = 0;
    QCOMPARE(parser.feed(start.constData(), start.size(), &consumed),
             RequestHeadParser::Status::NeedMore);
    const QByteArray filler(100, 'a');
    RequestHeadParser::Status status = RequestHeadParser::Status::NeedMore;
    int pieces = 0;
    while (status == RequestHeadParser::Status::NeedMore && pieces < 100) {
        status = parser.feed(filler.constData(), filler.size(), &consumed);
        ++pieces;
    }
    QCOMPARE(status, RequestHeadParser::Status::Failed);
    QCOMPARE(parser.error().status, 431);
    // It stopped as soon as the limit was passed, not after everything was sent.
    QVERIFY2(pieces <= 11, qPrintable(QString::number(pieces)));
}

void TestRequestHeadParser::headersKeepOrderAndCase()
{
    RequestHeadParser parser;
    const QByteArray head = "GET / HTTP/1.1\r\nX-Custom-Header: Value With CASE\r\nAccept: a\r\n"
                            "accept: b\r\n\r\n";
    QCOMPARE(feedInPieces(parser, head, 0).status, RequestHeadParser::Status::Complete);
    const RequestHead parsed = parser.takeHead();
    QCOMPARE(parsed.request.headers.size(), 3);
    QCOMPARE(parsed.request.headers[0].first, QByteArray("x-custom-header"));
    QCOMPARE(parsed.request.headers[0].second, QByteArray("Value With CASE"));
    QCOMPARE(parsed.request.headers[1].second, QByteArray("a"));
    QCOMPARE(parsed.request.headers[2].first, QByteArray("accept"));
    QCOMPARE(parsed.request.headers[2].second, QByteArray("b"));
}

void TestRequestHeadParser::resetStartsOver()
{
    RequestHeadParser parser;
    qsizetype consumed = 0;
    QCOMPARE(parser.feed("GET /a HT", 9, &consumed), RequestHeadParser::Status::NeedMore);
    QVERIFY(parser.hasStarted());
    parser.reset();
    QVERIFY(!parser.hasStarted());
    const QByteArray head = "GET /b HTTP/1.1\r\n\r\n";
    QCOMPARE(parser.feed(head.constData(), head.size(), &consumed),
             RequestHeadParser::Status::Complete);
    QCOMPARE(parser.takeHead().request.path, QStringLiteral("/b"));
    QVERIFY(!parser.hasStarted());
}

void TestRequestHeadParser::splitsNeverChangeTheOutcome()
{
    // Mutated heads (bytes flipped, CR, LF, NUL, blanks and colons inserted), each fed whole,
    // byte by byte and in random pieces: the parser must reach the same verdict, consume the
    // same bytes and read the same request every time (and never crash).
    const QList<QByteArray> seeds{
        "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:7352\r\nContent-Length: 12\r\n"
        "Authorization: Bearer x\r\n\r\n{\"model\":1}",
        "GET /health HTTP/1.0\nConnection: keep-alive\n\n",
        "OPTIONS * HTTP/1.1\r\nOrigin: http://localhost:5173\r\nExpect: 100-continue\r\n\r\n"};
    const char inserts[] = {'\r', '\n', '\0', ' ', '\t', ':', 'a', '\x7f', '%'};
    QRandomGenerator random(20261130); // fixed: the same cases on every run
    for (int round = 0; round < 3000; ++round) {
        QByteArray head = seeds[round % seeds.size()];
        const int edits = 1 + int(random.bounded(4));
        for (int e = 0; e < edits; ++e) {
            const int at = int(random.bounded(head.size()));
            switch (random.bounded(3)) {
            case 0:
                head[at] = inserts[random.bounded(int(sizeof inserts))];
                break;
            case 1:
                head.insert(at, inserts[random.bounded(int(sizeof inserts))]);
                break;
            default:
                head.remove(at, 1);
                break;
            }
        }
        struct Outcome
        {
            RequestHeadParser::Status status;
            qsizetype consumed;
            int errorStatus;
            QByteArray method;
            QString path;
            qint64 length;
            qsizetype headers;
        };
        const auto outcome = [&](qsizetype piece, bool randomPieces) {
            RequestHeadParser parser;
            qsizetype pos = 0;
            RequestHeadParser::Status status = RequestHeadParser::Status::NeedMore;
            while (pos < head.size() && status == RequestHeadParser::Status::NeedMore) {
                const qsizetype size = qMin(
                    head.size() - pos, randomPieces ? 1 + qsizetype(random.bounded(9)) : piece);
                qsizetype consumed = 0;
                status = parser.feed(head.constData() + pos, size, &consumed);
                pos += consumed;
            }
            if (status == RequestHeadParser::Status::Complete) {
                const RequestHead parsed = parser.takeHead();
                return Outcome{status,
                               pos,
                               0,
                               parsed.request.method,
                               parsed.request.path,
                               parsed.contentLength,
                               parsed.request.headers.size()};
            }
            return Outcome{status,
                           status == RequestHeadParser::Status::Failed ? 0 : pos,
                           status == RequestHeadParser::Status::Failed ? parser.error().status : 0,
                           {},
                           {},
                           0,
                           0};
        };
        const Outcome whole = outcome(head.size(), false);
        for (const Outcome &other : {outcome(1, false), outcome(0, true)}) {
            QVERIFY2(other.status == whole.status, head.toPercentEncoding().constData());
            QCOMPARE(other.consumed, whole.consumed);
            QCOMPARE(other.errorStatus, whole.errorStatus);
            QCOMPARE(other.method, whole.method);
            QCOMPARE(other.path, whole.path);
            QCOMPARE(other.length, whole.length);
            QCOMPARE(other.headers, whole.headers);
        }
    }
}

QTEST_GUILESS_MAIN(TestRequestHeadParser)
#include "TestRequestHeadParser.moc"
