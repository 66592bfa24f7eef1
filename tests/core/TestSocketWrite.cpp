// writeNow(): bytes written to a plain TCP socket go straight to the kernel while Qt holds none,
// and behind Qt's buffer otherwise, over a real loopback connection. What must hold: every byte
// arrives once and in order, a small write leaves nothing in Qt's buffer, and a peer that is
// gone is reported through QTcpSocket as before (and does not kill the process with SIGPIPE).
#include "http/SocketWrite.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

namespace {

/// A connected pair over loopback: `sender` is ours, `peer` the accepted end.
struct Pair
{
    QTcpServer server;
    QTcpSocket sender;
    std::unique_ptr<QTcpSocket> peer;

    bool open()
    {
        if (!server.listen(QHostAddress::LocalHost, 0))
            return false;
        sender.connectToHost(QHostAddress::LocalHost, server.serverPort());
        if (!sender.waitForConnected(10000) || !server.waitForNewConnection(10000))
            return false;
        peer.reset(server.nextPendingConnection());
        return peer != nullptr;
    }
};

/// Bytes that show where they came from: a shifted or repeated piece changes the content.
QByteArray pattern(qsizetype size, char salt)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((i * 31 + i / 4093 + salt) & 0xff);
    return bytes;
}

/// Reads from `peer` until `expected` bytes came or 60 s passed.
QByteArray readAllOf(QTcpSocket &peer, qsizetype expected)
{
    QByteArray received;
    QElapsedTimer clock;
    clock.start();
    while (received.size() < expected && clock.elapsed() < 60000) {
        if (peer.bytesAvailable() == 0)
            peer.waitForReadyRead(100);
        received += peer.readAll();
    }
    return received;
}

} // namespace

class TestSocketWrite : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void smallWriteGoesStraightToTheKernel()
    {
        Pair pair;
        QVERIFY(pair.open());
        const QByteArray bytes = pattern(1024, 1);
        writeNow(pair.sender, bytes);
        // QTcpSocket::write() would hold all 1,024 bytes until its flush.
        QCOMPARE(pair.sender.bytesToWrite(), qint64(0));
        QCOMPARE(readAllOf(*pair.peer, bytes.size()), bytes);
    }

    void whatTheKernelRefusesFollowsInOrder()
    {
        Pair pair;
        QVERIFY(pair.open());
        // A small send buffer and a peer that reads nothing yet: the kernel takes a few
        // hundred KB at most, Qt keeps the rest.
        pair.sender.setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, 16384);
        const QByteArray first = pattern(4 * 1024 * 1024, 2);
        writeNow(pair.sender, first);
        QVERIFY2(pair.sender.bytesToWrite() > 0, "the kernel took 4 MB: nothing was left to Qt");
        QVERIFY(pair.sender.bytesToWrite() < first.size());
        // The peer reads what the kernel holds, so the kernel has room again, while the
        // sender's event loop has not run: Qt still holds the rest of `first`. This write must
        // queue behind those bytes, not overtake them through the kernel's free room.
        QByteArray received;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 30000 &&
               (pair.peer->bytesAvailable() > 0 || pair.peer->waitForReadyRead(200)))
            received += pair.peer->readAll();
        QVERIFY(!received.isEmpty());
        QVERIFY(pair.sender.bytesToWrite() > 0);
        const QByteArray second = pattern(700, 3);
        writeNow(pair.sender, second);
        const QByteArray third = pattern(5000, 4);
        writeNow(pair.sender, third);

        const qsizetype expected = first.size() + second.size() + third.size();
        while (received.size() < expected && clock.elapsed() < 60000) {
            // The sender's event loop drains Qt's buffer as the peer reads.
            QCoreApplication::processEvents();
            if (pair.peer->bytesAvailable() > 0 || pair.peer->waitForReadyRead(2))
                received += pair.peer->readAll();
        }
        QCOMPARE(received.size(), expected);
        QVERIFY(received == first + second + third);
        QCOMPARE(pair.sender.bytesToWrite(), qint64(0));
    }

    void aPeerThatIsGoneIsReportedByQt()
    {
        Pair pair;
        QVERIFY(pair.open());
        QSignalSpy errors(&pair.sender, &QAbstractSocket::errorOccurred);
        pair.peer->abort(); // a reset: the next sends fail
        const QByteArray bytes = pattern(64 * 1024, 5);
        QElapsedTimer clock;
        clock.start();
        // The first send can still reach the kernel before the reset arrives; the ones after
        // it fail, and Qt must say so (without SIGPIPE ending this process).
        while (errors.isEmpty() && pair.sender.state() == QAbstractSocket::ConnectedState &&
               clock.elapsed() < 30000) {
            writeNow(pair.sender, bytes);
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        }
        QVERIFY(!errors.isEmpty() || pair.sender.state() != QAbstractSocket::ConnectedState);
        // Writing to the closed socket afterwards is harmless.
        writeNow(pair.sender, bytes);
    }
};

QTEST_GUILESS_MAIN(TestSocketWrite)
#include "TestSocketWrite.moc"
