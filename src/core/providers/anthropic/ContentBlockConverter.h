#pragma once

#include "api/JsonTree.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

/// Content pieces that both formats can express, converted one by one: images (data URLs and
/// http(s) URLs), documents, text, and the system prompt's text. (The Anthropic -> OpenAI
/// request is written from the client's bytes instead: MessagesToChatWriter.)
namespace ContentBlockConverter {
/// OpenAI `{type:"image_url", image_url:{url}}` -> Anthropic image block: a data URL becomes a
/// base64 source, an http(s) URL a url source. Empty object (and `error`) for anything else.
QJsonObject imageBlockFromOpenAi(const QJsonObject &part, QString *error);
/// OpenAI `{type:"file", file:{file_data:"data:application/pdf;base64,..."}}` -> document block.
QJsonObject documentBlockFromOpenAi(const QJsonObject &part, QString *error);
/// Anthropic tool_use block -> OpenAI tool call `{id, type:"function", function:{name,
/// arguments}}`, the input object as compact JSON text.
QJsonObject toolCallFromAnthropic(const QJsonObject &toolUseBlock);
/// The text of an OpenAI message's content: a string, or the text parts joined by blank lines.
QString openAiText(const QJsonValue &content);
QString openAiText(const JsonTree::Value &content);
/// Claude Code starts its system prompt with a per-request `x-anthropic-billing-header: ...`
/// line; it changes every call and defeats prefix caching elsewhere. Returns `text` without
/// that first line (unchanged when it does not start with it).
QString withoutBillingHeader(const QString &text);
} // namespace ContentBlockConverter
