#pragma once

#include "UpstreamEndpoint.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSslConfiguration>

#include <optional>

class QTcpSocket;
class UpstreamClientPool;
class UpstreamConnector;

/// One HTTP/1.1 exchange with an upstream (OpenAI, Anthropic, DeepSeek over TLS; Ollama,
/// LM Studio, vLLM over plain http; either through an HTTP proxy), over a keep-alive socket
/// in the caller's thread, presented as a QNetworkReply.
///
/// Why not QNetworkAccessManager: in Qt 6.4 each QNAM request crosses to QNAM's own HTTP
/// thread and back and makes dozens of string-based connects (about 500 µs of CPU per request,
/// measured in docs/benchmarks.md), and one QNAM opens at most 6 connections per host. This
/// reply costs a socket write, a read and a small parser; UpstreamConnector opens the
/// connection (proxy tunnel, TLS verified against the system store and the provider's CA
/// file, sessions resumed).
///
/// It behaves as the QNAM reply does where the gateway relies on it: metaDataChanged once the
/// headers are in (HttpStatusCodeAttribute, raw headers), readyRead per piece of body (chunked
/// encoding removed; interim 1xx answers skipped), finished at the end, abort() closes the
/// connection and emits finished synchronously with OperationCanceledError. A connection taken
/// from the idle pool that turns out to be closed before any answer byte is retried once on a
/// fresh one, as QNAM does.
class UpstreamHttpReply : public QNetworkReply
{
    Q_OBJECT

public:
    UpstreamHttpReply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
                      const QByteArray &body, const UpstreamEndpoint &endpoint,
                      UpstreamClientPool &pool, QObject *parent = nullptr);
    ~UpstreamHttpReply() override;

    void abort() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    enum class Phase
    {
        Connecting,
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        Done
    };
    enum class Framing
    {
        None,
        Length,
        Chunked,
        UntilClose
    };

    void start();
    /// Opens a new connection.
    void connectFresh();
    void onConnectorReady();
    void attach(QTcpSocket *socket, bool reused);
    void sendRequest();
    void onReadyRead();
    void onSocketGone();
    void onSocketError();
    /// Sends the request again, once, on a new connection when a reused one failed before
    /// any answer came; false when that does not apply.
    bool retryOnFreshConnection();
    /// Parses what has arrived; false once the reply finished (or was aborted meanwhile).
    bool process();
    /// Drops the `parsed` bytes and emits readyRead for the body they added; false when the
    /// reply finished (or was deleted) in a slot meanwhile.
    bool dropParsedAndNotify(qsizetype parsed);
    bool parseHead(qsizetype end, qsizetype terminatorLength);
    void appendBody(const char *data, qsizetype size);
    void complete();
    void fail(NetworkError code, const QString &message);
    void detachSocket(bool reusable);
    static NetworkError errorForStatus(int status);

    UpstreamClientPool &m_pool;
    UpstreamEndpoint m_endpoint;
    QByteArray m_requestHead; ///< request line and headers
    QByteArray m_requestBody; ///< shared with the caller's body, not copied
    QString m_key;
    QPointer<QTcpSocket> m_socket;
    QPointer<UpstreamConnector> m_connector;
    /// For a new TLS connection: the trust of the provider's CA file. Held only for TLS: a
    /// default QSslConfiguration costs more to build than the rest of a plain request.
    std::optional<QSslConfiguration> m_tls;
    bool m_waitingForTrust = false;
    bool m_constructing = false;
    bool m_reused = false;
    bool m_retried = false;
    bool m_sawAnswerBytes = false;
    bool m_keepAlive = true;
    Phase m_phase = Phase::Connecting;
    Framing m_framing = Framing::None;
    int m_status = 0;
    qint64 m_remaining = 0;
    QByteArray m_in;   // bytes read from the socket, not parsed yet
    QByteArray m_body; // decoded body, not read by the owner yet
    qsizetype m_bodyReadPos = 0;
    bool m_bodyPending = false; // readyRead owed for data appended in this round
    bool m_headPending = false; // metaDataChanged owed for a head parsed in this round
};
