#pragma once

#include <QByteArray>
#include <QString>

/// Signs reasoning that a non-Anthropic provider produced (DeepSeek's reasoning_content) when
/// it reaches an Anthropic-format client as a thinking block, and recognises that signature
/// when the block comes back. Clients (Claude Code, the AI SDK) keep and return only thinking
/// blocks with a non-empty signature, and DeepSeek needs its reasoning back on tool-call turns.
///
/// A signature is "llmgw1." + base64url(HMAC-SHA256(key, scope NUL text)): bound to the exact
/// text, to the provider whose model wrote it (the scope: its reasoning goes back to it alone;
/// strict servers such as Mistral's refuse a reasoning_content they did not write) and to this
/// installation's key, so blocks signed by Anthropic or by someone else never pass as the
/// gateway's. Immutable; shared by every call of a gateway.
class ReasoningSigner
{
public:
    static constexpr char kPrefix[] = "llmgw1.";

    explicit ReasoningSigner(QByteArray key);

    /// A new random key (32 bytes), for a gateway without a stored one.
    static QByteArray generateKey();

    /// The signature of `text` that provider `scope`'s model wrote.
    QString sign(const QString &scope, const QString &text) const;
    /// True when `signature` is this signer's signature of `text` for `scope`.
    bool verifies(const QString &signature, const QString &scope, const QString &text) const;
    /// True when `signature` has the gateway's form, whoever's key made it: such a block
    /// must never reach Anthropic, which would refuse the request.
    static bool isGatewaySignature(const QString &signature);

private:
    QByteArray m_key;
};
