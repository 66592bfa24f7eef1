#pragma once

#include <QByteArray>
#include <QString>

/// Signs reasoning that a non-Anthropic provider produced (DeepSeek's reasoning_content) when
/// it reaches an Anthropic-format client as a thinking block, and recognises that signature
/// when the block comes back. Clients (Claude Code, the AI SDK) keep and return only thinking
/// blocks with a non-empty signature, and DeepSeek needs its reasoning back on tool-call turns.
///
/// A signature is "llmgw1." + base64url(HMAC-SHA256(key, text)): bound to the exact text, and
/// to this installation's key, so blocks signed by Anthropic or by someone else never pass as
/// the gateway's. Immutable; shared by every call of a gateway.
class ReasoningSigner
{
public:
    static constexpr char kPrefix[] = "llmgw1.";

    explicit ReasoningSigner(QByteArray key);

    /// A new random key (32 bytes), for a gateway without a stored one.
    static QByteArray generateKey();

    QString sign(const QString &text) const;
    /// True when `signature` is this signer's signature of `text`.
    bool verifies(const QString &signature, const QString &text) const;
    /// True when `signature` has the gateway's form, whoever's key made it: such a block
    /// must never reach Anthropic, which would refuse the request.
    static bool isGatewaySignature(const QString &signature);

private:
    QByteArray m_key;
};
