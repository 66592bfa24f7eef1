#pragma once

#include "providers/TokenUsage.h"

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

/// What one answered request did, for the request log (SPEC §6) and the GUI. The field names
/// follow SPEC §6 (`llm-gateway logs --json` uses them as keys). Holds no secrets; the bodies
/// are filled only when the user turned body recording on, after redaction.
struct RequestRecord
{
    QByteArray id;          ///< the x-request-id the client received
    QDateTime startedAt;    ///< UTC, when the request head was admitted
    QString userAgent;      ///< `client`
    QString method;         ///< e.g. "POST"
    QString path;           ///< as the client sent it, without the query
    QString format;         ///< "openai", "anthropic", "responses" or empty (health, models...)
    QString requestedModel; ///< `model`: as the client named it
    QString providerId;     ///< `provider`: empty when no provider was involved
    QString upstreamModel;  ///< `upstream_model`
    bool stream = false;
    int status = 0;       ///< the status the client got; 499 when the client left before the end
    QString errorMessage; ///< `error`: empty on success
    /// What the gateway changed while translating (a lowered max_tokens, a dropped tool...),
    /// one English sentence each; empty when nothing.
    QStringList notes;
    qint64 latencyMs = 0;
    qint64 firstTokenMs = -1; ///< `ttft_ms`: time to the first streamed bytes, -1 if none
    TokenUsage usage;         ///< prompt, completion, cached and reasoning tokens (-1: unknown)
    qint64 requestBytes = 0;  ///< request body bytes
    qint64 responseBytes = 0; ///< bytes written to the client, headers included
    QByteArray requestBody;   ///< only with body recording on; keys and token redacted
    QByteArray responseBody;  ///< only with body recording on; keys and token redacted
};

Q_DECLARE_METATYPE(RequestRecord)
