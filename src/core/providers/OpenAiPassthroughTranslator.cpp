#include "OpenAiPassthroughTranslator.h"

#include "UpstreamErrorStatus.h"
#include "api/JsonSplice.h"
#include "api/JsonTree.h"
#include "api/JsonView.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstring>
#include <string_view>

namespace {

/// Finds `"key"` followed by a colon and returns the first non-space character after it
/// ('\0' when absent). Lets the hot path skip JSON parsing of ordinary stream chunks.
char valueStartAfterKey(const QByteArray &json, std::string_view quotedKey)
{
    // memmem (glibc's vectorised search) rather than QByteArray::indexOf in Qt 6.4 (about
    // 3,000 instructions per call on an ordinary 230-byte chunk) or std::string_view::find,
    // which stops at every '"' of the chunk to compare (1,900 per call): this runs twice per
    // streamed event.
    const void *at =
        memmem(json.constData(), size_t(json.size()), quotedKey.data(), quotedKey.size());
    if (!at)
        return '\0';
    qsizetype i =
        qsizetype(static_cast<const char *>(at) - json.constData()) + qsizetype(quotedKey.size());
    while (i < json.size() && (json.at(i) == ' ' || json.at(i) == '\t' || json.at(i) == ':'))
        ++i;
    return i < json.size() ? json.at(i) : '\0';
}

} // namespace

UpstreamPath OpenAiPassthroughTranslator::upstreamPath(const QString &, bool) const
{
    return {QByteArrayLiteral("/chat/completions"), {}};
}

bool OpenAiPassthroughTranslator::translateRequest(const QJsonObject &clientRequest,
                                                   const QString &upstreamModel,
                                                   QByteArray *upstreamBody, GatewayError *)
{
    // A large request comes as its tree, with only its top-level scalars in clientRequest.
    const JsonTree::Value tree = clientTree() ? clientTree()->root() : JsonTree::Value();
    const bool stream = clientRequest.value(QStringLiteral("stream")).toBool();
    const bool hasStreamOptions = clientTree()
                                      ? !tree.member("stream_options").isAbsent()
                                      : clientRequest.contains(QStringLiteral("stream_options"));
    if (stream) {
        m_clientWantsUsage = clientTree()
                                 ? tree.member("stream_options").member("include_usage").isTrue()
                                 : clientRequest.value(QStringLiteral("stream_options"))
                                       .toObject()
                                       .value(QStringLiteral("include_usage"))
                                       .toBool();
    }
    // The client's bytes with the model name replaced (and usage asked for): the history and
    // the tool schemas are copied, not re-serialised (a 100 KB agent request is mostly those).
    if (const auto members = JsonSplice::members(clientBodyBytes())) {
        QList<JsonSplice::Edit> edits;
        bool sawModel = false;
        for (const JsonSplice::Member &m : *members) {
            if (m.key == "model") {
                edits.append({m.valueBegin, m.valueEnd, JsonSplice::quoted(upstreamModel)});
                sawModel = true;
            } else if (m.key == "stream_options" && stream) {
                // Read from its bytes: clientRequest may hold only the top-level scalars.
                QJsonObject options =
                    QJsonDocument::fromJson(
                        clientBodyBytes().sliced(m.valueBegin, m.valueEnd - m.valueBegin))
                        .object();
                options.insert(QStringLiteral("include_usage"), true);
                edits.append({m.valueBegin, m.valueEnd,
                              QJsonDocument(options).toJson(QJsonDocument::Compact)});
            }
        }
        if (stream && !hasStreamOptions) {
            edits.append(JsonSplice::appendMember(clientBodyBytes(), *members, "stream_options",
                                                  QByteArrayLiteral("{\"include_usage\":true}")));
        }
        if (sawModel) {
            *upstreamBody = JsonSplice::apply(clientBodyBytes(), edits);
            return true;
        }
    }
    QJsonObject request = wholeRequest(clientRequest);
    request.insert(QStringLiteral("model"), upstreamModel);
    if (stream) {
        QJsonObject options = request.value(QStringLiteral("stream_options")).toObject();
        options.insert(QStringLiteral("include_usage"), true);
        request.insert(QStringLiteral("stream_options"), options);
    }
    *upstreamBody = QJsonDocument(request).toJson(QJsonDocument::Compact);
    return true;
}

namespace {

/// A token count as QJsonValue::toInteger() reads it: a whole number within qint64, exact
/// however large (not rounded through a double); 0 for anything else.
qint64 tokensOf(const QJsonValue &v)
{
    return v.toInteger();
}

qint64 tokensOf(const JsonTree::Value &v)
{
    return v.toWhole().value_or(0);
}

/// OpenAI's usage object on either view (JsonView): read from the answer's tree, it needs no
/// pass through Qt's parser, which cost more than the rest of reading a small answer.
template <class Value> TokenUsage usageFrom(const Value &usage)
{
    using namespace JsonView;
    const auto present = [](const Value &v) { return kindOf(v) != Kind::Missing; };
    TokenUsage result;
    const Value prompt = memberOf(usage, QLatin1StringView("prompt_tokens"));
    if (present(prompt))
        result.promptTokens = tokensOf(prompt);
    const Value completion = memberOf(usage, QLatin1StringView("completion_tokens"));
    if (present(completion))
        result.completionTokens = tokensOf(completion);
    // OpenAI: prompt_tokens_details.cached_tokens; DeepSeek: prompt_cache_hit_tokens (it sends
    // both on newer models, with the same value).
    const Value cached = memberOf(memberOf(usage, QLatin1StringView("prompt_tokens_details")),
                                  QLatin1StringView("cached_tokens"));
    const Value cacheHits = memberOf(usage, QLatin1StringView("prompt_cache_hit_tokens"));
    if (kindOf(cached) == Kind::Number)
        result.cachedTokens = tokensOf(cached);
    else if (kindOf(cacheHits) == Kind::Number)
        result.cachedTokens = tokensOf(cacheHits);
    const Value reasoning =
        memberOf(memberOf(usage, QLatin1StringView("completion_tokens_details")),
                 QLatin1StringView("reasoning_tokens"));
    if (kindOf(reasoning) == Kind::Number)
        result.reasoningTokens = tokensOf(reasoning);
    return result;
}

} // namespace

bool OpenAiPassthroughTranslator::translateResponse(const QByteArray &upstreamBody,
                                                    QByteArray *clientBody, GatewayError *error)
{
    // Only the usage is read, from the answer's tree (checked and indexed by JsonTree):
    // building the answer in Qt's containers cost more than the rest of a small request's
    // relay.
    if (const std::optional<JsonTree> tree = JsonTree::parseCheckedAsQtReads(upstreamBody)) {
        // A usage that is not an object reads as none, as Qt's toObject() gives.
        const JsonTree::Value usage = tree->root().member("usage");
        m_usage = usage.isObject() ? usageFrom(usage) : TokenUsage();
    } else {
        // Declined: not an object, or nested deeper than JsonTree goes. Qt's parser decides.
        const QJsonDocument doc = QJsonDocument::fromJson(upstreamBody);
        if (!doc.isObject()) {
            *error = UpstreamErrorStatus::notAnObject(upstreamBody);
            return false;
        }
        m_usage = parseUsage(doc.object().value(QStringLiteral("usage")).toObject());
    }
    // Passed on byte for byte: nothing to change, and re-serialising would cost time.
    *clientBody = upstreamBody;
    return true;
}

QByteArray OpenAiPassthroughTranslator::translateEvent(const SseEvent &event)
{
    if (event.isComment)
        return event.toWire(); // keep-alives keep the client's read timeout from firing
    if (event.data == "[DONE]") {
        m_sawDone = true;
        return {};
    }
    if (valueStartAfterKey(event.data, "\"finish_reason\"") == '"')
        m_sawFinishReason = true;
    if (valueStartAfterKey(event.data, "\"usage\"") == '{') {
        const QJsonObject chunk = QJsonDocument::fromJson(event.data).object();
        m_usage = parseUsage(chunk.value(QStringLiteral("usage")).toObject());
        // The usage-only chunk has empty choices: drop it unless the client asked for it.
        if (!m_clientWantsUsage && chunk.value(QStringLiteral("choices")).toArray().isEmpty())
            return {};
    }
    if (event.event.isEmpty() && event.id.isEmpty() && !event.data.contains('\n')) {
        QByteArray out;
        out.reserve(event.data.size() + 8);
        out += "data: ";
        out += event.data;
        out += "\n\n";
        return out;
    }
    return event.toWire();
}

QByteArray OpenAiPassthroughTranslator::finishStream()
{
    return QByteArrayLiteral("data: [DONE]\n\n");
}

GatewayError OpenAiPassthroughTranslator::translateError(int status, const QByteArray &body,
                                                         const QByteArray &retryAfter) const
{
    return openAiStyleError(status, body, retryAfter);
}

TokenUsage OpenAiPassthroughTranslator::parseUsage(const QJsonObject &usage)
{
    return usageFrom(QJsonValue(usage));
}

GatewayError OpenAiPassthroughTranslator::openAiStyleError(int status, const QByteArray &body,
                                                           const QByteArray &retryAfter)
{
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    const QJsonValue errorValue = root.value(QStringLiteral("error"));
    const QJsonObject e = errorValue.toObject();
    QString message;
    if (errorValue.isObject()) {
        message = e.value(QStringLiteral("message")).toString();
    } else if (errorValue.isString()) {
        message = errorValue.toString(); // Ollama and some proxies: {"error":"..."}
    } else if (root.value(QStringLiteral("message")).isString()) {
        message = root.value(QStringLiteral("message")).toString();
    } else if (!body.trimmed().isEmpty()) {
        message = UpstreamErrorStatus::bodyExcerpt(body);
    }
    if (message.isEmpty())
        message = QStringLiteral("The upstream answered HTTP %1 without a message.").arg(status);

    GatewayError error = UpstreamErrorStatus::fromStatus(status, message);
    error.retryAfter = retryAfter;
    // Missing members read as empty, so a non-object `error` leaves these empty.
    error.upstreamType = e.value(QStringLiteral("type")).toString();
    const QJsonValue code = e.value(QStringLiteral("code"));
    error.upstreamCode = code.isDouble() ? QString::number(code.toInteger()) : code.toString();
    error.param = e.value(QStringLiteral("param")).toString();
    if (error.code == GatewayErrorCode::UpstreamFailed) {
        error.message =
            QStringLiteral("The upstream provider failed (HTTP %1): %2").arg(status).arg(message);
        error.upstreamType.clear(); // the fault is upstream: say so in our own terms
        error.upstreamCode.clear();
    }
    return error;
}
