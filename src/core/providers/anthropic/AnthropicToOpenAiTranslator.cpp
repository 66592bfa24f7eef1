#include "AnthropicToOpenAiTranslator.h"

#include "ContentBlockConverter.h"
#include "MessagesToChatWriter.h"
#include "StopReasonMap.h"
#include "TokenEstimator.h"
#include "UsageConverter.h"
#include "api/JsonWriter.h"
#include "providers/OpenAiPassthroughTranslator.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

namespace {

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(JsonWriter::compact(o));
}

/// As QJsonValue::toInt(fallback): a whole number that an int holds, else `fallback`.
int toInt(const JsonTree::Value &value, int fallback)
{
    const std::optional<qint64> whole = value.toWhole();
    return whole && *whole >= std::numeric_limits<int>::min() &&
                   *whole <= std::numeric_limits<int>::max()
               ? int(*whole)
               : fallback;
}

/// An object as Qt's writer gives it (keys sorted, numbers as Qt spells them), as a string:
/// rare enough (Ollama's tool arguments) to go through Qt.
QString qtCompact(const JsonTree::Value &object)
{
    return compactJson(QJsonDocument::fromJson(object.bytes().toByteArray()).object());
}

} // namespace

bool AnthropicToOpenAiTranslator::isOwnReasoning(const JsonTree::Value &thinkingBlock) const
{
    const QString signature = thinkingBlock.member("signature").toString();
    // Unsigned reasoning can only have come from a non-Anthropic model (Anthropic refuses it),
    // through an older gateway or a client that dropped the signature.
    if (signature.isEmpty())
        return true;
    return m_signer &&
           m_signer->verifies(signature, m_scope, thinkingBlock.member("thinking").toString());
}

QString AnthropicToOpenAiTranslator::signature(const QString &thinking) const
{
    return m_signer ? m_signer->sign(m_scope, thinking) : QString();
}

void AnthropicToOpenAiTranslator::setReasoningSigner(std::shared_ptr<const ReasoningSigner> signer,
                                                     const QString &providerId)
{
    m_stream.setReasoningSigner(signer, providerId);
    m_scope = providerId;
    m_signer = std::move(signer);
}

bool AnthropicToOpenAiTranslator::translateRequest(const QJsonObject &client,
                                                   const QString &upstreamModel,
                                                   QByteArray *upstreamBody, GatewayError *error)
{
    m_upstreamModel = upstreamModel;
    // The gateway gives the client's bytes, and for a large request their checked tree (and
    // `client` is then only the top-level scalars); a test that gives an object alone has it
    // written out.
    std::optional<JsonTree> parsed;
    const JsonTree *tree = clientTree();
    if (!tree) {
        parsed = JsonTree::parseAsQtReads(clientBodyBytes().isEmpty() ? JsonWriter::compact(client)
                                                                      : clientBodyBytes());
        tree = parsed ? &*parsed : nullptr;
    }
    if (!tree) { // cannot happen: the body was checked as a JSON object before
        *error = GatewayError::make(GatewayErrorCode::InvalidRequest,
                                    QStringLiteral("The request body is not a JSON object."));
        return false;
    }
    const JsonTree::Value root = tree->root();
    // A stream's message_start carries the estimate before the real count comes: made now,
    // while nothing waits for it. A whole answer needs it only if the upstream reports no
    // usage, which is rare: made then.
    m_estimatedInputTokens = -1;
    m_estimateSource.clear();
    if (root.member("stream").isTrue())
        m_estimatedInputTokens = TokenEstimator::estimateAnthropicRequest(*tree);
    else
        m_estimateSource = tree->text();

    MessagesToChatWriter::Settings settings;
    settings.upstreamModel = upstreamModel;
    settings.outputTokensField = m_outputTokensField.toLatin1();
    settings.outputTokens = cappedOutputTokens(root.member("max_tokens").toWhole().value_or(0),
                                               QStringLiteral("max_tokens"), upstreamModel);
    settings.isOwnReasoning = [this](const JsonTree::Value &block) {
        return isOwnReasoning(block);
    };
    *upstreamBody = MessagesToChatWriter::write(*tree, settings);
    return true;
}

bool AnthropicToOpenAiTranslator::translateResponse(const QByteArray &upstreamBody,
                                                    QByteArray *clientBody, GatewayError *error)
{
    const QJsonObject root = QJsonDocument::fromJson(upstreamBody).object();
    const QJsonArray choices = root.value(QStringLiteral("choices")).toArray();
    if (choices.isEmpty()) {
        *error =
            GatewayError::make(GatewayErrorCode::UpstreamBadResponse,
                               QStringLiteral("The upstream answered without 'choices': %1")
                                   .arg(QString::fromUtf8(upstreamBody.left(300)).simplified()));
        return false;
    }
    const QJsonObject choice = choices.first().toObject();
    const QJsonObject message = choice.value(QStringLiteral("message")).toObject();
    QJsonArray content;
    const QJsonArray thinkingBlocks = message.value(QStringLiteral("thinking_blocks")).toArray();
    if (!thinkingBlocks.isEmpty()) {
        for (const QJsonValue &b : thinkingBlocks)
            content.append(b);
    } else {
        QString reasoning = str(message, "reasoning_content");
        if (reasoning.isEmpty())
            reasoning = str(message, "reasoning"); // vLLM and OpenRouter's name for it
        if (!reasoning.isEmpty())
            content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("thinking")},
                                       {QStringLiteral("thinking"), reasoning},
                                       {QStringLiteral("signature"), signature(reasoning)}});
    }
    const QString text =
        ContentBlockConverter::openAiText(message.value(QStringLiteral("content")));
    if (!text.isEmpty())
        content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                   {QStringLiteral("text"), text}});
    else if (!str(message, "refusal").isEmpty())
        content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                   {QStringLiteral("text"), str(message, "refusal")}});
    const QJsonArray toolCalls = message.value(QStringLiteral("tool_calls")).toArray();
    for (qsizetype i = 0; i < toolCalls.size(); ++i) {
        const QJsonObject call = toolCalls.at(i).toObject();
        const QJsonObject function = call.value(QStringLiteral("function")).toObject();
        const QJsonValue arguments = function.value(QStringLiteral("arguments"));
        const QJsonObject input =
            arguments.isObject() ? arguments.toObject()
                                 : QJsonDocument::fromJson(arguments.toString().toUtf8()).object();
        QString id = str(call, "id");
        if (id.isEmpty())
            id = QStringLiteral("toolu_%1").arg(i);
        content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("tool_use")},
                                   {QStringLiteral("id"), id},
                                   {QStringLiteral("name"), str(function, "name")},
                                   {QStringLiteral("input"), input}});
    }
    m_openAiUsage = root.value(QStringLiteral("usage")).toObject();
    m_usage = OpenAiPassthroughTranslator::parseUsage(m_openAiUsage);
    QString stopReason =
        StopReasonMap::toAnthropic(str(choice, "finish_reason"), !toolCalls.isEmpty());
    if (!str(message, "refusal").isEmpty() && text.isEmpty())
        stopReason = QStringLiteral("refusal");
    const QJsonObject out{
        {QStringLiteral("id"), str(root, "id")},
        {QStringLiteral("type"), QStringLiteral("message")},
        {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("model"), root.value(QStringLiteral("model")).toString(m_upstreamModel)},
        {QStringLiteral("content"), content},
        {QStringLiteral("stop_reason"), stopReason},
        {QStringLiteral("stop_sequence"), QJsonValue()},
        {QStringLiteral("usage"), anthropicUsage()}};
    *clientBody = JsonWriter::compact(out);
    return true;
}

qint64 AnthropicToOpenAiTranslator::estimatedInputTokens() const
{
    if (m_estimatedInputTokens < 0) {
        const std::optional<JsonTree> tree = JsonTree::parse(m_estimateSource);
        m_estimatedInputTokens = tree ? TokenEstimator::estimateAnthropicRequest(*tree) : 1;
    }
    return m_estimatedInputTokens;
}

QJsonObject AnthropicToOpenAiTranslator::anthropicUsage() const
{
    if (m_openAiUsage.isEmpty()) // the upstream did not say: the estimate beats a zero
        return QJsonObject{{QStringLiteral("input_tokens"), estimatedInputTokens()},
                           {QStringLiteral("cache_creation_input_tokens"), 0},
                           {QStringLiteral("cache_read_input_tokens"), 0},
                           {QStringLiteral("output_tokens"), 0}};
    return UsageConverter::toAnthropic(m_openAiUsage);
}

QByteArray AnthropicToOpenAiTranslator::ensureStarted(const JsonTree::Value &chunk)
{
    if (m_stream.hasStarted())
        return {};
    QString id = chunk.member("id").toString();
    if (id.isEmpty())
        id = QStringLiteral("msg_gateway");
    const JsonTree::Value model = chunk.member("model");
    // The real count comes with message_delta; until then the estimate, never a zero
    // (Claude Code sizes its context from it).
    return m_stream.start(id, model.isString() ? model.toString() : m_upstreamModel,
                          estimatedInputTokens());
}

QByteArray AnthropicToOpenAiTranslator::translateEvent(const SseEvent &sse)
{
    if (sse.isComment)
        return sse.toWire(); // keep-alives keep the client's read timeout from firing
    if (m_errored || m_sawDone)
        return {};
    if (sse.data == "[DONE]") {
        m_sawDone = true;
        return {};
    }
    // One chunk per token or so: read in place rather than through Qt's containers. Text
    // that Qt's parser reads differently (or declines) is read as Qt reads it.
    const std::optional<JsonTree> tree = JsonTree::parseCheckedAsQtReads(sse.data);
    if (!tree)
        return {};
    const JsonTree::Value chunk = tree->root();
    if (chunk.firstChild().isAbsent())
        return {};
    const JsonTree::Value e = chunk.member("error");
    if (!e.isAbsent()) {
        m_errored = true;
        GatewayError error = GatewayError::make(
            GatewayErrorCode::UpstreamFailed,
            QStringLiteral("The upstream provider failed during the stream: %1")
                .arg(e.isObject() ? e.member("message").toString() : e.toString()));
        error.upstreamType = e.member("type").toString();
        return ErrorRenderer::streamEvent(error, ApiFormat::Anthropic);
    }

    QByteArray out = ensureStarted(chunk);
    const JsonTree::Value choices = chunk.member("choices");
    const JsonTree::Value choice = choices.isArray() ? choices.firstChild() : JsonTree::Value();
    if (!choice.isAbsent()) {
        const JsonTree::Value delta = choice.member("delta");
        QString reasoning = delta.member("reasoning_content").toString();
        if (reasoning.isEmpty())
            reasoning = delta.member("reasoning").toString(); // vLLM and OpenRouter's name
        out += m_stream.thinking(reasoning);
        out += m_stream.text(delta.member("content"));
        const JsonTree::Value toolCalls = delta.member("tool_calls");
        int i = 0;
        for (const JsonTree::Value call : toolCalls.isArray() ? toolCalls : JsonTree::Value()) {
            const JsonTree::Value function = call.member("function");
            const JsonTree::Value arguments = function.member("arguments");
            // Ollama sends the arguments as an object rather than a JSON string.
            out += m_stream.toolCall(toInt(call.member("index"), i), call.member("id").toString(),
                                     function.member("name").toString(),
                                     arguments.isObject() ? qtCompact(arguments)
                                                          : arguments.toString());
            ++i;
        }
        const QString finish = choice.member("finish_reason").toString();
        if (!finish.isEmpty()) {
            m_finishReason = finish;
            out += m_stream.flush(); // the answer is whole: nothing needs to wait any more
        }
    }
    const JsonTree::Value usage = chunk.member("usage");
    if (usage.isObject() && !usage.firstChild().isAbsent()) {
        // Once a stream: Qt's containers are fine here.
        m_openAiUsage = QJsonDocument::fromJson(usage.bytes().toByteArray()).object();
        m_usage = OpenAiPassthroughTranslator::parseUsage(m_openAiUsage);
    }
    return out;
}

bool AnthropicToOpenAiTranslator::isStreamComplete() const
{
    // Some OpenAI-compatible servers close the stream after the finish chunk without [DONE].
    return m_sawDone || m_errored || !m_finishReason.isEmpty();
}

QByteArray AnthropicToOpenAiTranslator::finishStream()
{
    if (m_errored)
        return {};
    // message_delta waits for the end: the usage chunk follows the finish chunk, and pieces
    // that some servers send after finish_reason still get their blocks.
    QByteArray out = ensureStarted(JsonTree::Value());
    return out +
           m_stream.finish(StopReasonMap::toAnthropic(m_finishReason, m_stream.hasToolCalls()),
                           anthropicUsage());
}

GatewayError AnthropicToOpenAiTranslator::translateError(int status, const QByteArray &body,
                                                         const QByteArray &retryAfter) const
{
    return OpenAiPassthroughTranslator::openAiStyleError(status, body, retryAfter);
}
