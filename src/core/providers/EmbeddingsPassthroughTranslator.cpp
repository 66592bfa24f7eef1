#include "EmbeddingsPassthroughTranslator.h"

#include "OpenAiPassthroughTranslator.h"
#include "UpstreamErrorStatus.h"

#include <QJsonArray>
#include <QJsonDocument>

bool EmbeddingsPassthroughTranslator::translateRequest(const QJsonObject &clientRequest,
                                                       const QString &upstreamModel,
                                                       QByteArray *upstreamBody, GatewayError *)
{
    QJsonObject request = clientRequest;
    request.insert(QStringLiteral("model"), upstreamModel);
    *upstreamBody = QJsonDocument(request).toJson(QJsonDocument::Compact);
    return true;
}

bool EmbeddingsPassthroughTranslator::translateResponse(const QByteArray &upstreamBody,
                                                        QByteArray *clientBody, GatewayError *error)
{
    const QJsonDocument doc = QJsonDocument::fromJson(upstreamBody);
    if (!doc.isObject() || !doc.object().value(QStringLiteral("data")).isArray()) {
        *error = GatewayError::make(
            GatewayErrorCode::UpstreamBadResponse,
            QStringLiteral("The upstream answered the embeddings request without a 'data' "
                           "array: %1")
                .arg(UpstreamErrorStatus::bodyExcerpt(upstreamBody)));
        return false;
    }
    // Embeddings have only prompt tokens.
    m_usage = OpenAiPassthroughTranslator::parseUsage(
        doc.object().value(QStringLiteral("usage")).toObject());
    *clientBody = upstreamBody; // vectors can be large: passed on as they came
    return true;
}

GatewayError EmbeddingsPassthroughTranslator::translateError(int status, const QByteArray &body,
                                                             const QByteArray &retryAfter) const
{
    return OpenAiPassthroughTranslator::openAiStyleError(status, body, retryAfter);
}
