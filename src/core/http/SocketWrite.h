#pragma once

class QByteArray;
class QSslSocket;
class QTcpSocket;

/// Writes `bytes` to a TCP socket now, not at the next event-loop pass. On a plain socket while
/// Qt holds nothing unsent (the usual case), they go straight to the kernel; what it does not
/// take, and everything behind bytes Qt still holds, goes through QTcpSocket as before (its
/// write notifier, its errors).
///
/// Why not QTcpSocket::write() alone: it copies every write into a 16 KB buffer chunk and
/// keeps that chunk for the socket's life once used. With a client connection and an upstream
/// connection per request that was 4 MB of the gateway's 36 MB peak at 64 concurrent
/// requests (massif), and a copy of every byte sent.
///
/// A QSslSocket takes Qt's path alone (write, then flush): its bytes must be encrypted first.
void writeNow(QTcpSocket &socket, const QByteArray &bytes);

/// As writeNow(socket, head + body), without copying them together: a request's head and its
/// body (100 KB and more from an agent) leave in one sendmsg, and one segment where they fit.
void writeNow(QTcpSocket &socket, const QByteArray &head, const QByteArray &body);

/// Call after the first writeNow on a fresh TLS connection, before anything is read from it.
///
/// QSslSocket::write() queues a flush to the socket itself whenever none is pending, and only
/// that queued call clears its "pending" mark (Qt 6.4). writeNow has flushed already, so the
/// call would do nothing but wake the event loop once more: an eventfd write and read on every
/// request of a keep-alive connection (strace). Dropping the queued call leaves the mark set for
/// the connection's life, so later writes queue nothing; every write of ours flushes itself.
/// It drops every queued call to the socket: before the first read, the flush is the only one
/// (Qt queues its other one, a read-buffer flush, from reads).
void dropQueuedTlsFlush(QSslSocket &socket);
