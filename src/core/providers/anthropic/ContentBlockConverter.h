#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

/// Content pieces that both formats can express, converted one by one: images (data URLs and
/// http(s) URLs), documents, text, and the system prompt's text.
namespace ContentBlockConverter {
/// OpenAI `{type:"image_url", image_url:{url}}` -> Anthropic image block: a data URL becomes a
/// base64 source, an http(s) URL a url source. Empty object (and `error`) for anything else.
QJsonObject imageBlockFromOpenAi(const QJsonObject &part, QString *error);
/// OpenAI `{type:"file", file:{file_data:"data:application/pdf;base64,..."}}` -> document block.
QJsonObject documentBlockFromOpenAi(const QJsonObject &part, QString *error);
/// Anthropic image block -> OpenAI image_url part (base64 sources become data URLs).
QJsonObject imagePartFromAnthropic(const QJsonObject &block);
/// Anthropic document block -> OpenAI file part (base64 PDFs) or a text part (text sources);
/// empty when the source kind has no OpenAI form.
QJsonObject filePartFromAnthropic(const QJsonObject &block);
/// Anthropic tool_use block -> OpenAI tool call `{id, type:"function", function:{name,
/// arguments}}`, the input object as compact JSON text.
QJsonObject toolCallFromAnthropic(const QJsonObject &toolUseBlock);
/// The text of an OpenAI message's content: a string, or the text parts joined by blank lines.
QString openAiText(const QJsonValue &content);
/// The text of an Anthropic `system` or tool_result content: a string or text blocks joined.
QString anthropicText(const QJsonValue &content, const QString &separator = QStringLiteral("\n\n"));
/// Claude Code starts its system prompt with a per-request `x-anthropic-billing-header: ...`
/// line; it changes every call and defeats prefix caching elsewhere. Returns `text` without
/// that first line (unchanged when it does not start with it).
QString withoutBillingHeader(const QString &text);
} // namespace ContentBlockConverter
