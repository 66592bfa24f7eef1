#pragma once

class QByteArray;
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
