#pragma once

#include "requestlog/RequestRecord.h"

#include <QDateTime>

/// Records for the request-log tests, with every SPEC §6 field set to something checkable.
namespace RecordFactory {

inline RequestRecord make(int n, qint64 startedAtMs, int status = 200,
                          const QString &provider = QStringLiteral("openai"),
                          const QString &model = QStringLiteral("gpt-4o"))
{
    RequestRecord r;
    r.id = "req-" + QByteArray::number(n);
    r.startedAt = QDateTime::fromMSecsSinceEpoch(startedAtMs, Qt::UTC);
    r.userAgent = QStringLiteral("test-client/1.0");
    r.method = QStringLiteral("POST");
    r.path = QStringLiteral("/v1/chat/completions");
    r.format = QStringLiteral("openai");
    r.requestedModel = model;
    r.providerId = provider;
    r.upstreamModel = model;
    r.stream = n % 2 == 1;
    r.status = status;
    if (status >= 400)
        r.errorMessage = QStringLiteral("error %1").arg(n);
    r.latencyMs = 100 + n;
    r.firstTokenMs = r.stream ? 10 + n : -1;
    r.usage.promptTokens = 10 * n;
    r.usage.completionTokens = n;
    r.usage.cachedTokens = n % 3 == 0 ? 5 : -1;
    r.usage.reasoningTokens = -1;
    r.requestBytes = 1000 + n;
    r.responseBytes = 2000 + n;
    return r;
}

} // namespace RecordFactory
