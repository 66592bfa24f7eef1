#pragma once

#include <QByteArray>
#include <QJsonObject>

#include <optional>

/// Reads a JSON object into a QJsonObject, several times faster than QJsonDocument::fromJson
/// on agent-sized requests: Qt 6.4's parser appends a string that holds an escape one
/// character at a time, and a coding agent's history is mostly such strings (file contents,
/// tool output, each line ending in \n). The result equals what QJsonDocument::fromJson gives.
/// Anything it does not take on itself (invalid JSON or UTF-8, a key given twice, lone
/// surrogates, a number out of range, deep nesting) returns nullopt: the caller then asks
/// QJsonDocument, which explains the error or decides the case the same way as before.
class JsonReader
{
public:
    static std::optional<QJsonObject> readObject(const QByteArray &json);
};
