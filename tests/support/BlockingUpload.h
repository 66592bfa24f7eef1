#pragma once

#include <QByteArray>

/// What a client that writes its whole request before reading (as many scripts and simple
/// SDK transports do) got: how much it could send, and what it read afterwards.
struct BlockingUploadResult
{
    qint64 bytesSent = 0;
    int sendError = 0;    ///< errno of the failed send (EPIPE, ECONNRESET), 0 if none
    QByteArray received;  ///< everything read after sending, until the server closed
    int receiveError = 0; ///< errno of the failed read (ECONNRESET: the answer was lost)
};

/// Connects to 127.0.0.1:`port` with a plain blocking socket, sends `head` and then
/// `bodyBytes` bytes of filler, and only then reads until the connection ends. Blocks the
/// calling thread: the server under test must run in another thread or process.
BlockingUploadResult blockingUpload(quint16 port, const QByteArray &head, qint64 bodyBytes,
                                    int timeoutSeconds = 30);
