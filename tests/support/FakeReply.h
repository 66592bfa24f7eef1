#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

/// One scripted answer of FakeUpstream: a whole response, an SSE stream, or silence.
struct FakeReply
{
    enum class Kind
    {
        Full,   ///< status, headers and a Content-Length body
        Stream, ///< `text/event-stream` in chunked encoding, one chunk per event
        Hang,   ///< never answers; the connection stays open
        Close,  ///< closes the connection without a byte of answer
        Raw     ///< `body` is the whole answer, head included, sent as it is
    };

    Kind kind = Kind::Full;
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; ///< besides Content-Type/Length/Encoding
    QByteArray contentType = QByteArrayLiteral("application/json");
    QByteArray body; ///< Full only

    /// Stream only: the events, each already framed ("data: ...\n\n" or ": comment\n\n").
    QList<QByteArray> events;
    int firstEventDelayMs = 0; ///< after the response headers
    int intervalMs = 0;        ///< between two events
    /// Sent before `[DONE]` only when the request asked `stream_options.include_usage`,
    /// as OpenAI does; empty for none.
    QByteArray usageEvent;
    bool sendDone = true; ///< `data: [DONE]` as the last event
    /// Close the socket after this many events, without the terminating chunk (-1: never).
    int breakAfterEvents = -1;
    /// Stop sending (but keep the connection open) after this many events (-1: never).
    int stallAfterEvents = -1;
    /// Interim answers sent before the status line (e.g. "HTTP/1.1 103 Early Hints\r\n...").
    QByteArray interim;
    /// Full only: bytes sent on the kept-alive connection `strayDelayMs` after the answer, as a
    /// broken upstream would (a second answer nobody asked for).
    QByteArray strayAfter;
    int strayDelayMs = 0;

    // Builders in the providers' real wire formats.
    static FakeReply json(int status, const QByteArray &body);
    /// An OpenAI `chat.completion` answer whose message has this content.
    static FakeReply chatCompletion(const QString &model, const QString &content);
    /// An OpenAI error answer: `{"error":{"message","type","param","code"}}`.
    static FakeReply error(int status, const QString &message, const QString &type,
                           const QString &code);
    /// A stream of `pieces.size()` content deltas (the first carries the role), a final
    /// `finish_reason: "stop"` chunk, the usage chunk when asked and `[DONE]`.
    static FakeReply contentStream(const QString &model, const QStringList &pieces,
                                   int intervalMs = 0);
    /// `count` pieces "<prefix><n> " numbered from `first`, for long streams.
    static QStringList numberedPieces(const QString &prefix, int count, int first = 0);
    static FakeReply hang();
    static FakeReply closeAtOnce();

    /// One `data: JSON\n\n` event of a `chat.completion.chunk` with this delta.
    static QByteArray chunkEvent(const QString &model, const QByteArray &deltaJson,
                                 const QByteArray &finishReason = QByteArray());
    /// The usage-only chunk (`choices: []`) OpenAI sends last when asked.
    static QByteArray usageChunkEvent(const QString &model, int promptTokens, int completionTokens);
};

Q_DECLARE_METATYPE(FakeReply)
