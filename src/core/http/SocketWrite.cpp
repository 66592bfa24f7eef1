#include "SocketWrite.h"

#include <QByteArray>
#include <QSslSocket>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <sys/socket.h>
#endif

void writeNow(QTcpSocket &socket, const QByteArray &bytes)
{
    qint64 sent = 0;
#ifdef Q_OS_UNIX
    const qintptr descriptor = socket.socketDescriptor();
    // Bytes Qt still holds go first: nothing may overtake them.
    // A TLS socket's bytes must be encrypted first: Qt's path only.
    const bool plain = !qobject_cast<QSslSocket *>(&socket);
    if (plain && descriptor >= 0 && socket.bytesToWrite() == 0 &&
        socket.state() == QAbstractSocket::ConnectedState) {
        while (sent < bytes.size()) {
            const ssize_t n = ::send(int(descriptor), bytes.constData() + sent,
                                     size_t(bytes.size() - sent), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0)
                sent += n;
            else if (n < 0 && errno == EINTR)
                continue;
            else
                break; // full (EAGAIN) or failed: Qt takes the rest and reports any error
        }
    }
#endif
    if (sent == bytes.size())
        return;
    socket.write(bytes.constData() + sent, bytes.size() - sent);
    // QTcpSocket would send at the next event-loop pass, after arming a write notifier: now is
    // cheaper and gets the bytes out sooner.
    socket.flush();
}
