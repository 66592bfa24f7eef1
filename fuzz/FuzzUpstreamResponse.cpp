// libFuzzer harness: the gateway's own HTTP/1.1 client (UpstreamHttpReply) reading an upstream's
// answer. Input: one byte of options, then the bytes a hostile or broken upstream sends back.
// An in-process server on 127.0.0.1 reads the request head, writes the input (whole, or cut in
// pieces with the event loop run between them) and closes the connection; the reply is read
// as GatewayCall reads it (readyRead, then finished).
//
// Checked besides crashes, leaks and undefined behaviour: the reply always finishes (the
// server closed, so waiting longer would be a hang); a reply without error has a final status
// 200..599 and a body no larger than the bytes that came in; a body announced with
// Content-Length and read without error has exactly that length. Interim answers (1xx),
// chunked bodies, stray bytes and the pool's reuse of connections are all on this path.
#include "FuzzSupport.h"
#include "providers/UpstreamClientPool.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkReply>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

using FuzzSupport::check;

namespace {

/// Answers every connection with the current input, then closes it.
class ScriptedUpstream : public QObject
{
public:
    ScriptedUpstream()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                serve(socket);
        });
    }

    quint16 port() const { return m_server.serverPort(); }
    void setAnswer(QList<QByteArray> pieces) { m_pieces = std::move(pieces); }

private:
    void serve(QTcpSocket *socket)
    {
        auto received = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, received] {
            // Answer once the head is in (a GET has no body): closing with unread request
            // bytes would make the kernel reset the connection and discard the answer.
            const bool headWasComplete = received->contains("\r\n\r\n");
            *received += socket->readAll();
            if (headWasComplete || !received->contains("\r\n\r\n"))
                return;
            for (const QByteArray &piece : std::as_const(m_pieces)) {
                socket->write(piece);
                socket->flush();
            }
            socket->disconnectFromHost();
        });
    }

    QTcpServer m_server;
    QList<QByteArray> m_pieces;
};

struct Harness
{
    UpstreamClientPool pool;
    ScriptedUpstream upstream;
};

Harness &harness()
{
    static Harness *instance = [] {
        static int argc = 1;
        static char name[] = "fuzz_upstream_response";
        static char *argv[] = {name, nullptr};
        new QCoreApplication(argc, argv);
        return new Harness;
    }();
    return *instance;
}

qint64 announcedLength(const QByteArray &input)
{
    // Only the simple case is checked: one final head, no chunking, one Content-Length.
    const qsizetype end = input.indexOf("\r\n\r\n");
    if (end < 0)
        return -1;
    const QByteArray head = input.left(end).toLower();
    if (!head.startsWith("http/1.1 200 ") || head.contains("transfer-encoding") ||
        head.count("content-length") != 1)
        return -1;
    const qsizetype at = head.indexOf("\r\ncontent-length: ");
    if (at < 0)
        return -1;
    const qsizetype valueStart = at + qsizetype(sizeof("\r\ncontent-length: ") - 1);
    const qsizetype lineEnd = head.indexOf("\r\n", valueStart);
    bool ok = false;
    const qint64 length =
        head.mid(valueStart, lineEnd < 0 ? -1 : lineEnd - valueStart).toLongLong(&ok);
    return ok ? length : -1;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    Harness &h = harness();
    const uint8_t options = data[0];
    const QByteArray input = FuzzSupport::bytes(data + 1, size - 1);
    h.upstream.setAnswer((options & 1) ? FuzzSupport::pieces(input, uint32_t(size) * 2654435761u)
                                       : QList<QByteArray>{input});

    QNetworkRequest request(
        QUrl(QStringLiteral("http://127.0.0.1:%1/v1/models").arg(h.upstream.port())));
    QPointer<QNetworkReply> reply = h.pool.postOnBuiltinClient(request, QByteArray());
    QByteArray body;
    QEventLoop loop;
    QObject::connect(reply, &QIODevice::readyRead, &loop, [&] { body += reply->readAll(); });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    deadline.start(10000);
    if (!reply->isFinished())
        loop.exec();
    check(reply && reply->isFinished(), "the reply did not finish after the upstream closed",
          input);
    body += reply->readAll();

    if (reply->error() == QNetworkReply::NoError) {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        check(status >= 200 && status <= 599, "a reply without error has no final status", input);
        check(body.size() <= input.size(), "the body is larger than what the upstream sent", input);
        const qint64 announced = announcedLength(input);
        if (announced >= 0)
            check(body.size() == announced, "the body differs from its Content-Length", input);
    }
    delete reply.data();
    // Let the pool close or keep the connection before the next input.
    QCoreApplication::processEvents();
    return 0;
}
