#pragma once

#include "OutputTokenCaps.h"
#include "TokenUsage.h"
#include "UpstreamPath.h"
#include "api/GatewayError.h"
#include "sse/SseEvent.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

#include <memory>
#include <optional>

class JsonTree;

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

    /// The client's body as it came, when `clientRequest` is exactly its parse (nothing
    /// edited between): a passthrough then changes the model name in these bytes and copies
    /// the rest instead of re-serialising the whole tree. Set before translateRequest().
    void setClientBodyBytes(const QByteArray &body) { m_clientBodyBytes = body; }

    /// The checked tree of those bytes (JsonTree::parseChecked), given with them for a large
    /// request to a translator that readsClientTree(). The request translateRequest() then
    /// gets holds only the body's top-level members that are not arrays or objects. Taken
    /// back (null) once the request is translated.
    void setClientTree(std::shared_ptr<const JsonTree> tree) { m_clientTree = std::move(tree); }

    /// True when translateRequest() reads a large request from its tree where given
    /// (clientTree()), or asks wholeRequest(): the gateway then never builds the request into
    /// Qt's containers. The others always get the whole request.
    virtual bool readsClientTree() const { return false; }

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

    /// True when this translator lowers the output tokens a request asks to the upstream
    /// model's cap (translated routes; passthrough keeps the client's figure).
    virtual bool appliesOutputTokenCap() const { return false; }
    /// The upstream model's output cap, set before translateRequest().
    void setOutputTokenCap(const OutputTokenCap &cap) { m_outputCap = cap; }
    const OutputTokenCap &outputTokenCap() const { return m_outputCap; }

protected:
    /// See setClientBodyBytes(); empty when not given.
    const QByteArray &clientBodyBytes() const { return m_clientBodyBytes; }
    /// See setClientTree(); null when not given.
    const JsonTree *clientTree() const { return m_clientTree.get(); }
    /// clientBodyBytes() with the model name replaced by `upstreamModel`, the rest copied as
    /// it came (the history and the tool schemas are not re-serialised); nullopt when the
    /// bytes were not given or have no top-level "model" to replace.
    std::optional<QByteArray> clientBodyWithModel(const QString &upstreamModel) const;
    /// `clientRequest` itself, or the whole parse of the client's bytes when a tree was given.
    QJsonObject wholeRequest(const QJsonObject &clientRequest) const;
    void addNote(const QString &note) { m_notes.append(note); }
    /// `requested` output tokens, lowered to the output cap when above it (noted for the log,
    /// naming `field` and where the cap comes from).
    qint64 cappedOutputTokens(qint64 requested, const QString &field, const QString &model)
    {
        if (!m_outputCap.isKnown() || requested <= m_outputCap.tokens)
            return requested;
        addNote(QStringLiteral("%1 %2 lowered to %3, the output cap of %4 (from %5).")
                    .arg(field)
                    .arg(requested)
                    .arg(m_outputCap.tokens)
                    .arg(model, m_outputCap.source));
        return m_outputCap.tokens;
    }

private:
    QStringList m_notes;
    QByteArray m_clientBodyBytes;
    std::shared_ptr<const JsonTree> m_clientTree;
    OutputTokenCap m_outputCap;
};
