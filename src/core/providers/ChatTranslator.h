#pragma once

#include "TokenUsage.h"
#include "UpstreamPath.h"
#include "api/GatewayError.h"
#include "sse/SseEvent.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

/// Carries one call between the client's API format and the upstream's: the request on
/// the way out, the answer (whole or event by event) on the way back, and errors. Pure: no
/// I/O, so golden tests drive it with bytes. One instance per call; streams keep state here.
/// ProviderRegistry makes the right one for a client API and a provider.
class ChatTranslator
{
public:
    virtual ~ChatTranslator() = default;

    /// Where the request for `upstreamModel` goes, relative to the provider's base URL,
    /// e.g. {"/chat/completions", ""}. `stream` is the client's choice.
    virtual UpstreamPath upstreamPath(const QString &upstreamModel, bool stream) const = 0;

    /// Builds the upstream body from the validated client request. `upstreamModel` replaces
    /// the client's model name. Streaming calls must ask for usage where the upstream can.
    virtual bool translateRequest(const QJsonObject &clientRequest, const QString &upstreamModel,
                                  QByteArray *upstreamBody, GatewayError *error) = 0;

    /// A complete 2xx upstream body to the client's body. False: the upstream sent garbage.
    virtual bool translateResponse(const QByteArray &upstreamBody, QByteArray *clientBody,
                                   GatewayError *error) = 0;

    /// One upstream SSE event to the bytes the client receives now (SSE-framed; may be empty).
    virtual QByteArray translateEvent(const SseEvent &event) = 0;

    /// True once the upstream sent its end-of-stream event ([DONE], message_stop).
    virtual bool isStreamComplete() const = 0;

    /// The bytes that close the client's stream after a complete upstream stream.
    virtual QByteArray finishStream() = 0;

    /// An upstream error answer (status >= 300) as the gateway's error, keeping the
    /// upstream's status, message, type and code where it gave them.
    virtual GatewayError translateError(int status, const QByteArray &body,
                                        const QByteArray &retryAfter) const = 0;

    /// The bytes that end a client stream that has begun when the call fails (upstream broke
    /// off, timed out, gateway shutting down). By default the error event of the client's
    /// format; translators whose streams carry state (Responses' sequence numbers) override it.
    virtual QByteArray streamError(const GatewayError &error, ApiFormat clientFormat)
    {
        return ErrorRenderer::streamEvent(error, clientFormat);
    }

    /// Token counts seen so far (for the request log).
    virtual TokenUsage usage() const = 0;

    /// What the translation changed or left out that the user should know of (a lowered
    /// max_tokens, a dropped tool...), one English sentence each, for the request log.
    QStringList notes() const { return m_notes; }

protected:
    void addNote(const QString &note) { m_notes.append(note); }

private:
    QStringList m_notes;
};
