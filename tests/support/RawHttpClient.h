#pragma once

#include "RawHttpResponse.h"

#include <QObject>
#include <QUrl>

class QTcpSocket;

/// A real HTTP/1.1 client on one QTcpSocket for end-to-end tests: sends exact bytes, reads
/// status, headers and body (Content-Length, chunked or until close), and notes when each
/// chunk arrived. Unlike QNetworkAccessManager it has no 6-connections-per-host limit and
/// shows the wire as it is (pipelining, HEAD, refused connections).
class RawHttpClient : public QObject
{
    Q_OBJECT

public:
    using HeaderList = QList<QPair<QByteArray, QByteArray>>;

    /// Headers every request of every client carries (e.g. a local access token).
    static HeaderList &defaultHeaders();

    explicit RawHttpClient(const QUrl &baseUrl, QObject *parent = nullptr);
    ~RawHttpClient() override;

    /// Starts connecting without waiting (to open many connections at once).
    void startConnecting();
    /// Connects (unless already under way) and waits, spinning the event loop.
    bool connectToServer(int timeoutMs = 10000);
    bool isConnected() const;

    /// Sends one request: request line, Host, default headers, `headers`, and a
    /// Content-Length (plus Content-Type: application/json) when there is a body.
    void sendRequest(const QByteArray &method, const QByteArray &path,
                     const QByteArray &body = QByteArray(), const HeaderList &headers = {});
    /// Sends bytes as they are (call expectHeadResponse() first if they hold a HEAD request).
    void sendRaw(const QByteArray &bytes);
    /// The next response read answers a HEAD request, so it has no body.
    void expectHeadResponse() { m_headPending.append(true); }

    /// Waits until response `index` is complete (or the connection ended).
    bool waitForResponse(int timeoutMs = 15000, int index = 0);
    /// Waits until response `index` has its head.
    bool waitForHeaders(int timeoutMs = 15000, int index = 0);
    /// Waits until response `index` has at least `count` body chunks.
    bool waitForChunks(int count, int timeoutMs = 15000, int index = 0);
    bool waitForDisconnected(int timeoutMs = 15000);

    /// Every response so far; the last may be incomplete.
    QList<RawHttpResponse> responses() const { return m_responses; }
    /// Response `index`, or an empty one (status 0) when it has not begun.
    RawHttpResponse response(int index = 0) const { return m_responses.value(index); }
    /// Every byte received, unparsed.
    QByteArray received() const { return m_received; }
    bool wasDisconnected() const { return m_disconnected; }
    qint64 disconnectedAt() const { return m_disconnectedAt; }

    /// Closes the connection at once (RST when data is unread), as a vanishing client does.
    void abort();

    /// Connects, sends one request and waits for its complete response.
    static RawHttpResponse fetch(const QUrl &baseUrl, const QByteArray &method,
                                 const QByteArray &path, const QByteArray &body = QByteArray(),
                                 const HeaderList &headers = {}, int timeoutMs = 15000);

Q_SIGNALS:
    void headersReceived();
    void chunkReceived();
    void responseFinished();
    void disconnected();

private:
    enum class State
    {
        Status,
        Body,
        ChunkSize,
        ChunkData,
        ChunkEnd,
        Trailer,
        UntilClose
    };

    void onReadyRead();
    void onDisconnected();
    void parse();
    bool parseHead();
    void finishResponse();

    QUrl m_baseUrl;
    QTcpSocket *m_socket;
    State m_state = State::Status;
    QByteArray m_buffer;
    QByteArray m_received;
    qint64 m_remaining = 0;
    QList<RawHttpResponse> m_responses;
    QList<bool> m_headPending;
    bool m_disconnected = false;
    qint64 m_disconnectedAt = -1;
};
