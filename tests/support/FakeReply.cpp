#include "FakeReply.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {
// The fields OpenAI puts on every chunk; the id stays constant within one stream.
QByteArray chunkHead(const QString &model)
{
    return R"({"id":"chatcmpl-fake1","object":"chat.completion.chunk","created":1767225600,)"
           R"("model":")" +
           model.toUtf8() + R"(","system_fingerprint":"fp_fake",)";
}
} // namespace

FakeReply FakeReply::json(int status, const QByteArray &body)
{
    FakeReply reply;
    reply.status = status;
    reply.body = body;
    return reply;
}

FakeReply FakeReply::chatCompletion(const QString &model, const QString &content)
{
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                              {QStringLiteral("content"), content}};
    const QByteArray body =
        R"({"id":"chatcmpl-fake1","object":"chat.completion","created":1767225600,"model":")" +
        model.toUtf8() + R"(","choices":[{"index":0,"message":)" +
        QJsonDocument(message).toJson(QJsonDocument::Compact) +
        R"(,"logprobs":null,"finish_reason":"stop"}],)"
        R"("usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21},)"
        R"("system_fingerprint":"fp_fake"})";
    return json(200, body);
}

FakeReply FakeReply::error(int status, const QString &message, const QString &type,
                           const QString &code)
{
    const QJsonObject error{{QStringLiteral("message"), message},
                            {QStringLiteral("type"), type},
                            {QStringLiteral("param"), QJsonValue::Null},
                            {QStringLiteral("code"), code}};
    return json(status, QJsonDocument(QJsonObject{{QStringLiteral("error"), error}})
                            .toJson(QJsonDocument::Compact));
}

QStringList FakeReply::numberedPieces(const QString &prefix, int count, int first)
{
    QStringList pieces;
    for (int i = first; i < first + count; ++i)
        pieces.append(prefix + QString::number(i) + QLatin1Char(' '));
    return pieces;
}

FakeReply FakeReply::contentStream(const QString &model, const QStringList &pieces, int intervalMs)
{
    FakeReply reply;
    reply.kind = Kind::Stream;
    reply.contentType = QByteArrayLiteral("text/event-stream; charset=utf-8");
    reply.intervalMs = intervalMs;
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        QJsonObject delta{{QStringLiteral("content"), pieces[i]}};
        if (i == 0)
            delta.insert(QStringLiteral("role"), QStringLiteral("assistant"));
        reply.events.append(chunkEvent(model, QJsonDocument(delta).toJson(QJsonDocument::Compact)));
    }
    reply.events.append(chunkEvent(model, "{}", "stop"));
    reply.usageEvent = usageChunkEvent(model, 9, int(pieces.size()));
    return reply;
}

FakeReply FakeReply::hang()
{
    FakeReply reply;
    reply.kind = Kind::Hang;
    return reply;
}

FakeReply FakeReply::closeAtOnce()
{
    FakeReply reply;
    reply.kind = Kind::Close;
    return reply;
}

QByteArray FakeReply::chunkEvent(const QString &model, const QByteArray &deltaJson,
                                 const QByteArray &finishReason)
{
    const QByteArray finish = finishReason.isEmpty() ? "null" : '"' + finishReason + '"';
    return "data: " + chunkHead(model) + R"("choices":[{"index":0,"delta":)" + deltaJson +
           R"(,"logprobs":null,"finish_reason":)" + finish + "}]}\n\n";
}

QByteArray FakeReply::usageChunkEvent(const QString &model, int promptTokens, int completionTokens)
{
    return "data: " + chunkHead(model) + R"("choices":[],"usage":{"prompt_tokens":)" +
           QByteArray::number(promptTokens) + R"(,"completion_tokens":)" +
           QByteArray::number(completionTokens) + R"(,"total_tokens":)" +
           QByteArray::number(promptTokens + completionTokens) + "}}\n\n";
}
