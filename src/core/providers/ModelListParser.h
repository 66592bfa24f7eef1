#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

/// One model as a provider's model list describes it.
struct ModelInfo
{
    QString id;
    /// The most output tokens the model produces in one answer, when the list states it
    /// (OpenRouter, Anthropic...); -1 when it does not.
    qint64 maxOutputTokens = -1;
};

/// Reads the model-list answers of the provider types. Pure functions on bytes.
namespace ModelListParser {
/// Reads a model list; false with `error` when the body is not one.
using Function = bool (*)(const QByteArray &body, QList<ModelInfo> *models, QString *error);

/// OpenAI's `{"object":"list","data":[{"id":...}]}`, as OpenAI-compatible servers answer it.
bool openAi(const QByteArray &body, QList<ModelInfo> *models, QString *error);
/// Anthropic's `{"data":[{"type":"model","id":...}],"has_more":...}`.
bool anthropic(const QByteArray &body, QList<ModelInfo> *models, QString *error);
} // namespace ModelListParser
