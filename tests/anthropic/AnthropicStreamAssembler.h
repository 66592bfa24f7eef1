#pragma once

#include "GoldenFiles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

/// Rebuilds the assistant message an Anthropic client (Claude Code, the SDKs) makes of a
/// Messages stream, the way they do: blocks from content_block_start, text, thinking,
/// signatures and tool input from the deltas (input JSON parsed at content_block_stop).
/// `problem` says what a strict client would refuse (a delta for a block that is not open,
/// a block opened inside another, a tool input that is not JSON).
namespace AnthropicStreamAssembler {

struct Result
{
    QJsonArray content;
    QString stopReason;
    QJsonObject usage;
    QString problem;
};

inline Result assemble(const QByteArray &sse)
{
    Result r;
    int open = -1;
    QJsonObject block;
    QString partialJson;
    for (const SseEvent &e : GoldenFiles::parseSse(sse)) {
        if (e.isComment)
            continue;
        const QJsonObject data = QJsonDocument::fromJson(e.data).object();
        const int index = data.value(QStringLiteral("index")).toInt(-1);
        if (e.event == "content_block_start") {
            if (open != -1 && r.problem.isEmpty())
                r.problem = QStringLiteral("block %1 opened inside block %2").arg(index).arg(open);
            if (index != r.content.size() && r.problem.isEmpty())
                r.problem =
                    QStringLiteral("block index %1, expected %2").arg(index).arg(r.content.size());
            open = index;
            block = data.value(QStringLiteral("content_block")).toObject();
            partialJson.clear();
        } else if (e.event == "content_block_delta") {
            if (index != open) {
                if (r.problem.isEmpty())
                    r.problem =
                        QStringLiteral("delta for block %1 while %2 is open").arg(index).arg(open);
                continue;
            }
            const QJsonObject delta = data.value(QStringLiteral("delta")).toObject();
            const QString type = delta.value(QStringLiteral("type")).toString();
            const auto append = [&](const char *field, const char *from) {
                block.insert(QLatin1String(field), block.value(QLatin1String(field)).toString() +
                                                       delta.value(QLatin1String(from)).toString());
            };
            if (type == QLatin1String("text_delta"))
                append("text", "text");
            else if (type == QLatin1String("thinking_delta"))
                append("thinking", "thinking");
            else if (type == QLatin1String("signature_delta"))
                append("signature", "signature");
            else if (type == QLatin1String("input_json_delta"))
                partialJson += delta.value(QStringLiteral("partial_json")).toString();
        } else if (e.event == "content_block_stop") {
            if (index != open) {
                if (r.problem.isEmpty())
                    r.problem =
                        QStringLiteral("stop for block %1 while %2 is open").arg(index).arg(open);
                continue;
            }
            if (block.value(QStringLiteral("type")).toString() == QLatin1String("tool_use") &&
                !partialJson.isEmpty()) {
                QJsonParseError error;
                const QJsonDocument input = QJsonDocument::fromJson(partialJson.toUtf8(), &error);
                if (!input.isObject() && r.problem.isEmpty())
                    r.problem =
                        QStringLiteral("tool input is not a JSON object: %1").arg(partialJson);
                block.insert(QStringLiteral("input"), input.object());
            }
            r.content.append(block);
            open = -1;
        } else if (e.event == "message_delta") {
            r.stopReason = data.value(QStringLiteral("delta"))
                               .toObject()
                               .value(QStringLiteral("stop_reason"))
                               .toString();
            r.usage = data.value(QStringLiteral("usage")).toObject();
        }
    }
    if (open != -1 && r.problem.isEmpty())
        r.problem = QStringLiteral("block %1 never closed").arg(open);
    return r;
}

} // namespace AnthropicStreamAssembler
