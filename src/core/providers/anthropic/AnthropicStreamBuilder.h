#pragma once

#include "api/JsonTree.h"
#include "providers/ReasoningSigner.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <memory>

/// Writes an Anthropic Messages stream (SSE) from output pieces that arrive in whatever order
/// an OpenAI-compatible upstream sends them: reasoning, text, and tool calls by index (id and
/// name, then argument fragments, possibly interleaved with everything else).
///
/// Anthropic blocks are sequential and never reopen, so nothing may be lost to an early close:
/// thinking and text stream at once; a tool call opens its block once its name is known and
/// streams its arguments while it stays the open block; whatever arrives meanwhile (reasoning,
/// text, another tool call) is held, in order, and written as whole blocks when the upstream
/// finishes. Every thinking block ends with the gateway's signature (signature_delta).
class AnthropicStreamBuilder
{
public:
    /// Signs thinking as written by provider `scope`'s model.
    void setReasoningSigner(std::shared_ptr<const ReasoningSigner> signer, const QString &scope)
    {
        m_signer = std::move(signer);
        m_scope = scope;
    }

    /// message_start, once; empty after the first call. Its usage carries `inputTokens` (the
    /// estimate) and one output token.
    QByteArray start(const QString &id, const QString &model, qint64 inputTokens);
    bool hasStarted() const { return m_started; }

    QByteArray thinking(const QString &text);
    QByteArray text(const QString &text);
    /// text(string.toString()) for a string of JSON text that JsonTree::parseChecked read or
    /// Qt's writer wrote (parseCheckedAsQtReads): one without escapes is written as it came,
    /// which is what Qt's writer writes of it.
    QByteArray text(const JsonTree::Value &string);
    /// A tool call's piece: its OpenAI index, and whatever of id, name and an arguments
    /// fragment this delta carries.
    QByteArray toolCall(int index, const QString &id, const QString &name,
                        const QString &arguments);
    bool hasToolCalls() const { return !m_tools.isEmpty(); }

    /// Closes the open block and writes everything held back, as whole blocks.
    QByteArray flush();
    /// flush(), then message_delta with `stopReason` and `usage`, then message_stop.
    QByteArray finish(const QString &stopReason, const QJsonObject &usage);

private:
    enum class Kind
    {
        None,
        Thinking,
        Text,
        Tool
    };
    struct ToolCall
    {
        QString id;
        QString name;
        QString arguments;
        bool opened = false; ///< its block was written (or is open)
        bool held = false;   ///< waiting in m_held
    };
    struct Held
    {
        Kind kind;
        QString text; ///< Thinking, Text
        int tool = -1;
    };

    /// True while new pieces must wait: a tool block is open or something already waits.
    bool mustHold() const { return m_kind == Kind::Tool || !m_held.isEmpty(); }
    void hold(Kind kind, const QString &text);
    QByteArray openBlock(Kind kind, const QJsonObject &contentBlock);
    QByteArray openTool(int index);
    QByteArray closeBlock();
    QByteArray delta(const char *type, const char *field, const QString &value) const;
    /// A delta whose `field` is `quoted`, a JSON string as Qt's writer writes it.
    QByteArray quotedDelta(const char *type, const char *field, QByteArrayView quoted) const;

    std::shared_ptr<const ReasoningSigner> m_signer;
    QString m_scope;
    bool m_started = false;
    Kind m_kind = Kind::None;
    int m_blockIndex = -1; ///< index of the open (or last) Anthropic block
    int m_openTool = -1;   ///< OpenAI index of the open tool block
    QString m_thinking;    ///< the open thinking block's text, signed when it closes
    QMap<int, ToolCall> m_tools;
    QList<Held> m_held;
};
