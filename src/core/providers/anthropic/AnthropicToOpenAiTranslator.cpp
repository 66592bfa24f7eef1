#include "AnthropicToOpenAiTranslator.h"

#include "ContentBlockConverter.h"
#include "MessagesToChatWriter.h"
#include "StopReasonMap.h"
#include "TokenEstimator.h"
#include "UsageConverter.h"
#include "api/JsonTextBuilder.h"
#include "api/JsonWriter.h"
#include "providers/OpenAiPassthroughTranslator.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

namespace {

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
    // Read from the upstream's bytes and written front to back, in the order Anthropic writes
    // a message: the texts and tool inputs are not built into Qt's containers.
    const std::optional<JsonTree> tree = JsonTree::parseCheckedAsQtReads(upstreamBody);
    const JsonTree::Value root = tree ? tree->root() : JsonTree::Value();
    const JsonTree::Value choices = root.member("choices");
    const JsonTree::Value choice = choices.isArray() ? choices.firstChild() : JsonTree::Value();
    if (choice.isAbsent()) {
        *error =
            GatewayError::make(GatewayErrorCode::UpstreamBadResponse,
                               QStringLiteral("The upstream answered without 'choices': %1")
                                   .arg(QString::fromUtf8(upstreamBody.left(300)).simplified()));
        return false;
    }
    const JsonTree::Value message = choice.member("message");
    const JsonTree::Value model = root.member("model");
    JsonTextBuilder out(upstreamBody.size() + 512);
    out.beginObject();
    out.key("id");
    out.string(root.member("id").toString());
    out.key("type");
    out.json("\"message\"");
    out.key("role");
    out.json("\"assistant\"");
    out.key("model");
    out.string(model.isString() ? model.toString() : m_upstreamModel);
    out.key("content");
    out.beginArray();
    const JsonTree::Value thinkingBlocks = message.member("thinking_blocks");
    if (thinkingBlocks.isArray() && !thinkingBlocks.firstChild().isAbsent()) {
        for (const JsonTree::Value block : thinkingBlocks)
            out.json(block.bytes());
    } else {
        QString reasoning = message.member("reasoning_content").toString();
        if (reasoning.isEmpty())
            reasoning = message.member("reasoning").toString(); // vLLM and OpenRouter's name
        if (!reasoning.isEmpty()) {
            out.beginObject();
            out.key("type");
            out.json("\"thinking\"");
            out.key("thinking");
            out.string(reasoning);
            out.key("signature");
            out.string(signature(reasoning));
            out.endObject();
        }
    }
    const QString text = ContentBlockConverter::openAiText(message.member("content"));
    const QString refusal = message.member("refusal").toString();
    if (!text.isEmpty() || !refusal.isEmpty()) {
        out.beginObject();
        out.key("type");
        out.json("\"text\"");
        out.key("text");
        out.string(text.isEmpty() ? refusal : text);
        out.endObject();
    }
    const JsonTree::Value toolCalls = message.member("tool_calls");
    qsizetype callCount = 0;
    for (const JsonTree::Value call : toolCalls.isArray() ? toolCalls : JsonTree::Value()) {
        const JsonTree::Value function = call.member("function");
        const JsonTree::Value arguments = function.member("arguments");
        QString id = call.member("id").toString();
        if (id.isEmpty())
            id = QStringLiteral("toolu_%1").arg(callCount);
        ++callCount;
        out.beginObject();
        out.key("type");
        out.json("\"tool_use\"");
        out.key("id");
        out.string(id);
        out.key("name");
        out.string(function.member("name").toString());
        out.key("input");
        // The arguments are a JSON string (an object for Ollama); what is not an object
        // becomes an empty input.
        std::optional<JsonTree> input;
        if (arguments.isString())
            input = JsonTree::parseCheckedAsQtReads(arguments.toString().toUtf8());
        if (arguments.isObject())
            out.json(arguments.bytes());
        else if (input)
            out.json(input->root().bytes());
        else
            out.json("{}");
        out.endObject();
    }
    out.endArray();
    const JsonTree::Value usage = root.member("usage");
    m_openAiUsage = usage.isObject() ? QJsonDocument::fromJson(usage.bytes().toByteArray()).object()
                                     : QJsonObject();
    m_usage = OpenAiPassthroughTranslator::parseUsage(m_openAiUsage);
    QString stopReason =
        StopReasonMap::toAnthropic(choice.member("finish_reason").toString(), callCount > 0);
    if (!refusal.isEmpty() && text.isEmpty())
        stopReason = QStringLiteral("refusal");
    out.key("stop_reason");
    out.string(stopReason);
    out.key("stop_sequence");
    out.null();
    out.key("usage");
    out.json(JsonWriter::compact(anthropicUsage()));
    out.endObject();
    *clientBody = out.take();
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
