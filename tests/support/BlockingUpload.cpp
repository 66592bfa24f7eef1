#include "BlockingUpload.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>

BlockingUploadResult blockingUpload(quint16 port, const QByteArray &head, qint64 bodyBytes,
                                    int timeoutSeconds)
{
    BlockingUploadResult result;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        result.sendError = errno;
        return result;
    }
    timeval timeout{};
    timeout.tv_sec = timeoutSeconds;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        result.sendError = errno;
        ::close(fd);
        return result;
    }
    const auto sendAll = [&](const char *data, qint64 size) {
        qint64 sent = 0;
        while (sent < size) {
            const ssize_t n = ::send(fd, data + sent, size_t(size - sent), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                result.sendError = errno;
                return false;
            }
            sent += n;
            result.bytesSent += n;
        }
        return true;
    };
    const QByteArray filler(64 * 1024, 'x');
    bool ok = sendAll(head.constData(), head.size());
    for (qint64 left = bodyBytes; ok && left > 0; left -= filler.size())
        ok = sendAll(filler.constData(), qMin<qint64>(left, filler.size()));
    char buffer[16 * 1024];
    while (true) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            result.received.append(buffer, qsizetype(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            result.receiveError = errno;
        break;
    }
    ::close(fd);
    return result;
}
