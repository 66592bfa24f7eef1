#pragma once

#include "ResponseEnvelope.h"

#include <QHash>
#include <QList>

/// Writes the Responses API event stream of one translated call, in the sequence the official
/// SDKs and Codex parse: response.created and response.in_progress, then per output item
/// output_item.added, its content events (reasoning summary, output text or refusal, function
/// call arguments) and output_item.done, and last response.completed, response.incomplete or
/// (after an `error` event) response.failed, every event numbered by `sequence_number`.
///
/// Reasoning and message items stream one after the other: a new kind of content closes the
/// current one. Function calls stay open until the end, so their argument fragments find them
/// whatever the upstream interleaves; a call whose name has not arrived yet is held back.
class ResponsesStreamWriter
{
public:
    explicit ResponsesStreamWriter(ResponseEnvelope &envelope) : m_envelope(envelope) {}

    bool hasStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }

    /// response.created and response.in_progress; empty once started.
    QByteArray start();
    QByteArray reasoningDelta(const QString &text);
    /// Anthropic thinking blocks (signed or redacted) that belong to the reasoning item
    /// streaming now, or to a new one; they travel in its encrypted_content.
    QByteArray thinkingBlocks(const QJsonArray &blocks);
    QByteArray textDelta(const QString &text);
    QByteArray refusalDelta(const QString &text);
    /// A piece of the tool call at `index` (the upstream's numbering); any field may be empty.
    QByteArray toolCallDelta(int index, const QString &callId, const QString &name,
                             const QString &arguments);
    /// Closes every open item, e.g. when the upstream says why it stopped; with an
    /// `incompleteReason` the items end "incomplete".
    QByteArray closeItems(const QString &incompleteReason = QString());
    /// Closes every item and ends with response.completed, or response.incomplete when
    /// `incompleteReason` ("max_output_tokens", "content_filter") is set.
    QByteArray complete(const QString &incompleteReason, const QJsonValue &usage);
    /// Ends with an `error` event and response.failed (OpenAI's error type and code).
    QByteArray fail(const QString &type, const QString &code, const QString &message,
                    const QString &param);

    /// The output items so far, in output_index order.
    QJsonArray output() const;

private:
    enum class Kind
    {
        Reasoning,
        Message,
        FunctionCall
    };
    struct Part
    {
        bool refusal = false;
        QString text;
        bool open = true;
    };
    struct Item
    {
        Kind kind = Kind::Message;
        QString id;
        bool open = true;
        QString summary; ///< reasoning
        bool summaryPartOpen = false;
        QJsonArray thinkingBlocks;
        QList<Part> parts; ///< message
        QString callId;    ///< function call
        QString name;
        QString arguments;
    };
    struct PendingCall
    {
        QString callId;
        QString name;
        QString arguments;
    };

    QByteArray event(const QString &type, QJsonObject payload);
    /// A `*.delta` event; `indexKey` ("content_index", "summary_index") may be null.
    QByteArray deltaEvent(const char *type, const QString &itemId, int outputIndex,
                          const char *indexKey, int indexValue, const QString &delta,
                          bool withLogprobs);
    QJsonObject itemJson(const Item &item, const QString &status) const;
    QJsonObject partJson(const Part &part) const;
    /// Makes the current sequential item one of `kind` (closing another kind first).
    QByteArray ensureCurrent(Kind kind);
    QByteArray addItem(Item item);
    QByteArray closeItem(int index);
    QByteArray closePart(int itemIndex, int partIndex);
    QByteArray messageDelta(const QString &text, bool refusal);

    ResponseEnvelope &m_envelope;
    QList<Item> m_items;
    int m_current = -1;                ///< the reasoning or message item streaming now
    QHash<int, int> m_calls;           ///< upstream tool-call index -> item index
    QHash<int, PendingCall> m_pending; ///< tool calls whose name has not arrived
    QList<int> m_pendingOrder;
    QString m_closeStatus = QStringLiteral("completed");
    int m_sequence = 0;
    bool m_started = false;
    bool m_finished = false;
};
