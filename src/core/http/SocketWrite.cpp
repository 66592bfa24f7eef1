#include "SocketWrite.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QSslSocket>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <sys/socket.h>
#include <sys/uio.h>
#endif

void writeNow(QTcpSocket &socket, const QByteArray &bytes)
{
    writeNow(socket, bytes, QByteArray());
}

void writeNow(QTcpSocket &socket, const QByteArray &head, const QByteArray &body)
{
    const qint64 total = head.size() + body.size();
    qint64 sent = 0;
#ifdef Q_OS_UNIX
    const qintptr descriptor = socket.socketDescriptor();
    // Bytes Qt still holds go first: nothing may overtake them.
    // A TLS socket's bytes must be encrypted first: Qt's path only.
    const bool plain = !qobject_cast<QSslSocket *>(&socket);
    if (plain && descriptor >= 0 && socket.bytesToWrite() == 0 &&
        socket.state() == QAbstractSocket::ConnectedState) {
        while (sent < total) {
            iovec parts[2];
            int count = 0;
            if (sent < head.size())
                parts[count++] = {const_cast<char *>(head.constData()) + sent,
                                  size_t(head.size() - sent)};
            const qint64 bodySent = std::max<qint64>(0, sent - head.size());
            if (bodySent < body.size())
                parts[count++] = {const_cast<char *>(body.constData()) + bodySent,
                                  size_t(body.size() - bodySent)};
            msghdr message{};
            message.msg_iov = parts;
            message.msg_iovlen = size_t(count);
            const ssize_t n = ::sendmsg(int(descriptor), &message, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0)
                sent += n;
            else if (n < 0 && errno == EINTR)
                continue;
            else
                break; // full (EAGAIN) or failed: Qt takes the rest and reports any error
        }
    }
#endif
    if (sent == total)
        return;
    if (sent < head.size())
        socket.write(head.constData() + sent, head.size() - sent);
    const qint64 bodySent = std::max<qint64>(0, sent - head.size());
    if (bodySent < body.size())
        socket.write(body.constData() + bodySent, body.size() - bodySent);
    // QTcpSocket would send at the next event-loop pass, after arming a write notifier: now is
    // cheaper and gets the bytes out sooner.
    socket.flush();
}

void dropQueuedTlsFlush(QSslSocket &socket)
{
    QCoreApplication::removePostedEvents(&socket, QEvent::MetaCall);
}
