#pragma once

#include "ProviderSettings.h"
#include "routing/RouteTable.h"

#include <QStringList>

/// Limits that protect the gateway; each one answers with its own status code when hit.
struct GatewayLimits
{
    qint64 maxBodyBytes = 32 * 1024 * 1024;   ///< request body (413 beyond)
    int maxHeaderBytes = 64 * 1024;           ///< request line + headers (431 beyond)
    int clientIdleTimeoutMs = 120 * 1000;     ///< idle keep-alive or stalled request (408/close)
    int upstreamConnectTimeoutMs = 30 * 1000; ///< until the upstream's response headers (504)
    int upstreamIdleTimeoutMs = 300 * 1000;   ///< silence in an upstream body (504 / error event)
    int maxConcurrentRequests = 4096;         ///< calls in flight (503 beyond)
    int modelListCacheSeconds = 300;          ///< how long /v1/models answers from its cache
    int modelListTimeoutMs = 10 * 1000;       ///< each provider's /models request
    int headTimeoutMs = 30 * 1000;            ///< a request's whole head must arrive in this (408)
    int minBodyBytesPerSecond = 1024;         ///< a slower request body is dropped (408)
    qint64 maxBufferedBodyBytes = 256LL * 1024 * 1024; ///< request bodies held at once, all
                                                       ///< connections together (503 beyond)
    qint64 maxUpstreamBodyBytes = 64LL * 1024 * 1024;  ///< a non-streamed upstream answer (502)
    int maxSseLineBytes = 4 * 1024 * 1024;  ///< one upstream SSE line (error event beyond)
    int maxSseEventBytes = 8 * 1024 * 1024; ///< one upstream SSE event (error event beyond)
    int maxCallDurationMs = 60 * 60 * 1000; ///< a whole call, however busy the upstream (504)
};

/// What the request log records and keeps (SPEC §6).
struct RequestLogSettings
{
    bool enabled = true;          ///< write records to requests.db
    bool healthChecks = false;    ///< also record GET /health
    bool recordBodies = false;    ///< keep request and response bodies (keys redacted)
    int maxBodyBytes = 64 * 1024; ///< per body, when bodies are kept
    int retentionDays = 30;       ///< older records are deleted (0: keep by age forever)
    qint64 maxRecords = 1000000;  ///< beyond this many, the oldest are deleted (0: no limit)
};

/// Who may use the gateway (SPEC §5). The token itself is runtime only: it comes from the
/// keychain or LLM_GATEWAY_TOKEN and is never written to the configuration file.
struct AccessSettings
{
    bool requireToken = true; ///< may be false only while listening on loopback
    QString token;            ///< runtime only, never serialised; empty refuses every API call
    /// Runtime only: the keychain has not answered yet, so the token and keys are not all
    /// known. API requests get 503 "starting, retry" meanwhile (see AccessPolicy).
    bool secretsPending = false;
};

/// The whole gateway configuration: an immutable snapshot once handed to the gateway thread.
struct GatewayConfig
{
    static constexpr quint16 kDefaultPort = 7352;

    QString host = QStringLiteral("127.0.0.1");
    quint16 port = kDefaultPort;
    QList<ProviderSettings> providers;
    QList<PrefixRule> routes;
    QList<ModelAlias> aliases;
    QStringList allowedOrigins; ///< browser origins allowed to call, e.g. http://localhost:5173
    AccessSettings access;
    GatewayLimits limits;
    RequestLogSettings requestLog;
    /// The GUI language: empty follows the system; "en" or "zh_CN".
    QString language;
    /// Plain-http upstreams without a proxy (Ollama, LM Studio, vLLM) are spoken to by the
    /// gateway's own HTTP/1.1 client; false sends them through QNetworkAccessManager like
    /// HTTPS upstreams (slower: see docs/benchmarks.md), e.g. for an odd server.
    bool builtinHttpClient = true;

    /// The seed's three providers and its prefix rules (SPEC §2, §3).
    static GatewayConfig defaults();

    const ProviderSettings *provider(const QString &id) const;
    RouteTable routeTable() const;
};
